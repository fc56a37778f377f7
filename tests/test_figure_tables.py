"""Tables of figures that are not money: FTE, sessions and days, text and empty cells, conversions."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project

FIGURES = FIXTURES / "figures-not-money"


def _findings(root: Path) -> dict[tuple[str, int], str]:
    return {(f.code, f.location.line): f.message for f in check_project(Project(root)).findings}


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "data" / "finance.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_workforce_total_in_fte_is_checked_like_money():
    message = _findings(FIGURES)[("total-mismatch", 21)]
    assert message == "Total, 2013/14 is 56.1 but its parts add up to 55.1 (allowed rounding difference 0.15)."


def test_text_cells_and_an_empty_cell_are_allowed_and_left_out_of_the_sums():
    findings = _findings(FIGURES)
    # The sessions table (lines 24 to 47) holds Y, N, n/a and an empty cell, and its total adds up.
    assert [key for key in findings if 24 <= key[1] <= 47 and key[0] != "figure-disagrees"] == []


def test_an_empty_cell_is_counted_as_nothing_when_the_total_does_not_add_up(tmp_path: Path):
    root = copy_plan(FIGURES, tmp_path / "plan")
    _edit(root, "values: [1400, null]", "values: [1500, null]")
    assert _findings(root)[("total-mismatch", 47)] == (
        "Total, 2013/14 is 1,500 but its parts add up to 1,400 (allowed rounding difference 1.5).")


def test_a_column_with_every_cell_empty_is_a_warning():
    assert _findings(FIGURES)[("column-empty", 12)] == (
        "Every cell of the column 'Vacancies' in the table 'workforce' is empty.")


def test_the_same_fact_in_sessions_and_days_is_checked_with_the_conversion():
    findings = _findings(FIGURES)
    assert findings[("figure-disagrees", 34)] == (
        "High Street Surgery, 2013/14 is 120 sessions, which at 1 session = 0.5 day is 60 days, but the same fact "
        "at finance.clinic-days.high-street.2013/14 (High Street Surgery, 2013/14) is 70 days.")
    # The Green's 1,280 sessions are its 640 days: no finding.
    assert not [key for key in findings if key[1] in (40, 41, 42, 43)]


def test_a_conversion_declared_the_other_way_round_is_used_inverted(tmp_path: Path):
    root = copy_plan(FIGURES, tmp_path / "plan")
    _edit(root, "  - {from: session, to: day, factor: 0.5}", "  - {from: Days, to: Sessions, factor: 2}")
    assert "which at 1 Days = 2 Sessions is 60 days" in _findings(root)[("figure-disagrees", 34)]


def test_units_with_no_conversion_between_them_cannot_be_compared():
    assert _findings(FIGURES)[("conversion-missing", 22)] == (
        "Total, 2013/14 is in FTE and finance.clinics.total.2013/14 is in sessions, but no conversion between FTE "
        "and sessions is declared.")


def test_a_pound_sign_unit_other_than_the_three_money_units_is_refused(tmp_path: Path):
    root = copy_plan(FIGURES, tmp_path / "plan")
    _edit(root, "unit: FTE", "unit: £k")
    assert any(code == "invalid-value" and line == 8 for code, line in _findings(root))


@pytest.fixture(scope="module")
def built_figures(tmp_path_factory) -> BeautifulSoup:
    root = copy_plan(FIGURES, tmp_path_factory.mktemp("figures") / "plan")
    _edit(root, "values: [56.1, 58.6, null]", "values: [55.1, 58.6, null]")
    _edit(root, "values: [75.8, 76.8, null]", "values: [77.1, 76.8, null]")
    _edit(root, "        same_as: {2013/14: finance.clinics.total.2013/14}\n", "")
    _edit(root, "values: [70]}", "values: [60]}")
    _edit(root, "values: [710]}", "values: [700]}")
    assert not has_errors(build(Project(root), full_pdf=False))
    return BeautifulSoup((root / "build" / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")


def _table(html: BeautifulSoup, table_id: str) -> BeautifulSoup:
    return html.find(id=f"table-{table_id}")


def test_the_unit_is_in_the_caption_and_no_figure_is_written_as_money(built_figures):
    assert _table(built_figures, "workforce").caption.get_text() == "Community staff (FTE)"
    assert _table(built_figures, "clinics").caption.get_text() == "Clinic sessions by practice (Sessions)"
    assert _table(built_figures, "clinic-days").caption.get_text() == "Clinic days by practice (Days)"
    for table_id in ("workforce", "clinics", "clinic-days"):
        assert "£" not in _table(built_figures, table_id).get_text()
    assert "We plan for 58.6 FTE of community nursing" in built_figures.get_text()


def test_numbers_text_cells_and_empty_cells_are_shown_as_typed(built_figures):
    rows = {row.th.get_text(): [td.get_text() for td in row.select("td")]
            for row in _table(built_figures, "clinics").select("tbody tr")}
    assert rows == {"High Street Surgery": ["120", "Y"], "Riverside Practice": ["", "N"],
                    "The Green Medical Centre": ["1,280", "n/a"], "Total": ["1,400", ""]}
    workforce = {row.th.get_text(): [td.get_text() for td in row.select("td")]
                 for row in _table(built_figures, "workforce").select("tbody tr")}
    assert workforce["Nurses"] == ["42.5", "45.0", ""]
    assert workforce["Nurses as a share of all staff"] == ["77.1%", "76.8%", ""]
    headings = [th.get_text() for th in _table(built_figures, "workforce").select("thead th")]
    assert headings == ["Staff group", "2013/14", "2014/15", "Vacancies"]


def test_a_same_as_may_point_at_a_population_statistic_with_a_conversion_on_the_table(tmp_path: Path):
    root = copy_plan(FIGURES, tmp_path / "plan")
    _edit(root, "same_as: {2013/14: finance.clinics.total.2013/14}", "same_as: {2013/14: population.nursing-staff}")
    _edit(root, "    unit: FTE\n", "    unit: FTE\n    conversions: [{from: FTE, to: nurse, factor: 1.25}]\n")
    (root / "data" / "population.yml").write_text(
        "statistics:\n  - {id: nursing-staff, label: Community staff in post, value: 68, unit: nurses}\n",
        encoding="utf-8")
    findings = _findings(root)
    assert findings[("figure-disagrees", 23)] == (
        "Total, 2013/14 is 56.1 FTE, which at 1 FTE = 1.25 nurse is 70 nurses, but the same fact at "
        "population.nursing-staff (Community staff in post) is 68 nurses.")


def test_a_same_as_naming_a_figure_that_does_not_exist_is_an_unknown_reference(tmp_path: Path):
    root = copy_plan(FIGURES, tmp_path / "plan")
    _edit(root, "finance.clinic-days.high-street.2013/14", "finance.clinic-days.high-st.2013/14")
    message = _findings(root)[("unknown-reference", 34)]
    assert message == "same_as: The table 'clinic-days' has no row 'high-st'. Did you mean 'high-street'?"
