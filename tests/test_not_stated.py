"""A value the plan does not state is recorded as such: a warning at its line, never a structure error, shown
as "Not stated in the plan" on the site and in the PDFs, never invented and never dropped."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.load.yaml_source import parse_yaml
from site_gen.model.finance import Finance
from site_gen.model.validate import record_not_stated, validate_entries
from site_gen.not_stated import NotStated, not_stated_mark
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import RULES

FIXTURE = FIXTURES / "not-stated"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_plan(FIXTURE, tmp_path_factory.mktemp("not-stated") / "plan")
    findings = build(Project(root))
    assert not [f for f in findings if f.severity.value == "error"], findings
    return root / "build" / "site"


def _text(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


@pytest.mark.parametrize("typed, printed", [
    ("not stated", None), ("Not Stated", None), ("  not  stated ", None), ("not stated: 171,", "171,"),
    ("NOT STATED:£ million", "£ million"),
])
def test_the_keyword_is_read_in_any_case_with_or_without_what_was_printed(typed: str, printed: str | None) -> None:
    mark = not_stated_mark(typed)
    assert isinstance(mark, NotStated) and mark.printed == printed
    assert str(mark) == "Not stated in the plan"


@pytest.mark.parametrize("typed", ["not stated yet", "stated", "the plan has not stated it", "TBC"])
def test_other_text_is_not_taken_for_the_keyword(typed: str) -> None:
    assert not_stated_mark(typed) is None


def test_what_was_printed_survives_a_copy() -> None:
    # The entry-by-entry reader copies the data; a copy that lost the printed text would misreport the gap.
    assert copy.deepcopy(NotStated("171,")).printed == "171,"


def test_the_new_finding_is_about_the_plan_not_the_format() -> None:
    assert RULES["not-stated"].family == "completeness" and RULES["not-stated"].severity.value == "warning"


def test_every_gap_is_kept_in_the_model_as_not_stated() -> None:
    data = check_project(Project(FIXTURE)).data
    assert data.finance.tables[0].rows[2].values[0].printed == "171,"
    assert data.finance.headlines[0].value.printed == "£ million"
    assert isinstance(data.plan.version, NotStated)
    assert isinstance(data.population.statistics[1].value, NotStated)
    assert isinstance(data.performance.measures[0].target.value, NotStated)
    assert isinstance(data.priorities.priorities[0].lead, NotStated)
    assert data.priorities.priorities[0].schemes[0].savings[0].amount.amount.printed == "(blank)"
    assert isinstance(data.milestones.milestones[0].date, NotStated)


def test_a_gap_beside_an_entry_that_cannot_be_read_is_still_kept() -> None:
    doc, _ = parse_yaml(
        "tables:\n"
        "  - id: t\n    title: T\n    unit: FTE\n    columns: [{id: a, label: A}]\n"
        "    rows:\n"
        "      - {id: one, label: One, values: ['not stated: 12,']}\n"
        "      - {id: two, label: Two, values: [1], colour: red}\n", "data/finance.yml")
    warnings = record_not_stated(doc)
    entries = validate_entries(doc, Finance)
    assert [(f.code, f.location.line) for f in warnings] == [("not-stated", 7)]
    assert [f.code for f in entries.findings] == ["unknown-field"]
    assert entries.model.tables[0].rows[0].values[0].printed == "12,"


def test_a_field_of_the_data_layout_cannot_be_not_stated(tmp_path: Path) -> None:
    root = copy_plan(FIXTURE, tmp_path / "plan")
    finance = root / "data" / "finance.yml"
    finance.write_text(finance.read_text(encoding="utf-8").replace("id: acute,", "id: not stated,"), encoding="utf-8")
    found = [f for f in check_project(Project(root)).findings if f.location.file == "data/finance.yml"
             and f.location.line == 10 and f.severity.value != "info"]
    assert [f.code for f in found] == ["invalid-value"]  # and no not-stated warning beside it
    assert "cannot be recorded as not stated" in found[0].message


def test_a_total_needing_a_gap_says_it_was_not_checked() -> None:
    found = [f for f in check_project(Project(FIXTURE)).findings if f.code == "check-skipped"]
    assert [f.message for f in found] == [
        "The total 'Total, 2013/14' is not checked, because 'Community services' is not stated in the plan."]


def test_the_site_shows_each_gap_as_not_stated(site: Path) -> None:
    finance = BeautifulSoup((site / "finance.html").read_text(encoding="utf-8"), "html.parser")
    row = next(tr for tr in finance.find_all("tr") if tr.th and tr.th.get_text(strip=True) == "Community services")
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["Not stated in the plan"]
    heading = finance.find("th", scope="rowgroup")  # a heading row names the group of rows below it
    assert heading.get_text(strip=True) == "Services we buy" and heading["colspan"] == "2"
    assert heading.find_parent("tbody").find_all("th", scope="row")[0].get_text(strip=True) == "Acute hospital care"
    assert "Our budget for mental health is not stated in the plan." in _text(site / "index.html")
    assert ("Not available: the published plan shows a pie chart of spending by service here, but it has not "
            "survived.") in _text(site / "index.html")
    assert "People aged 75 and over Not stated in the plan" in _text(site / "population.html")
    performance = _text(site / "performance.html")
    assert "Not stated in the plan (2014/15)" in performance and "at least Not stated" not in performance
    assert "Who leads this work: Not stated in the plan" in _text(site / "priorities" / "planned-care.html")
    assert "New community contract starts" in _text(site / "milestones.html")
    assert "Draft version not stated, not approved" in (site / "index.html").read_text(encoding="utf-8")


def test_the_pdfs_show_each_gap_as_not_stated(site: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(site / "downloads" / "plan.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.count("Not stated in the plan") >= 5
    assert not re.search(r"171,(?!\d)", text)  # what a plan printed in a figure's place is never shown as the figure


def test_a_heading_row_with_figures_is_a_mistake_at_its_line(tmp_path: Path) -> None:
    root = copy_plan(FIXTURE, tmp_path / "plan")
    finance = root / "data" / "finance.yml"
    finance.write_text(finance.read_text(encoding="utf-8").replace(
        "label: Services we buy, kind: heading}", "label: Services we buy, kind: heading, values: [5]}"),
        encoding="utf-8")
    found = [f for f in check_project(Project(root)).findings if f.code == "invalid-value"]
    assert [(f.location.file, f.location.line) for f in found] == [("data/finance.yml", 9)]
    assert "is a heading" in found[0].message
