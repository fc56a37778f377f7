"""Risk registers as plans publish them: rated High/Medium/Low or Red/Amber/Green without scores, mixed with
likelihood x impact, some risks unrated, the top band open-ended. Findings come from the fixtures; what
readers see comes from the built risks page and the full plan PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.model.risks import Risks
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.risk_rows import risk_table
from site_gen.rules import RULES

RATING_ONLY = FIXTURES / "risks-rating-only"
OPEN_BAND = FIXTURES / "risks-rating-only-open-band"
BROKEN_BANDS = FIXTURES / "risks-rating-only-broken-bands"


def _findings(root: Path) -> dict[tuple[str, int], str]:
    return {(f.code, f.location.line): f.message for f in check_project(Project(root)).findings}


def test_a_rating_outside_the_scheme_is_named_with_the_schemes_levels():
    found = _findings(RATING_ONLY)
    assert found[("risk-rating-unknown", 34)] == ("The residual rating is 'Severe', which is not one of the "
                                                  "scheme's ratings (High, Medium, Low).")


def test_an_unrated_risk_is_a_warning_unless_the_plan_says_it_gives_no_rating():
    found = check_project(Project(RATING_ONLY)).findings
    unrated = [f for f in found if f.code == "risk-unrated"]
    assert [(f.location.line, f.severity.value, RULES[f.code].family) for f in unrated] == [(37, "warning", "completeness")]
    assert "'savings-slippage'" in unrated[0].message
    assert not any("block-contracts" in f.message for f in found)  # not_rated: says why


def test_a_register_wide_not_rated_covers_every_unrated_risk(tmp_path: Path):
    root = copy_plan(RATING_ONLY, tmp_path / "plan")
    risks = root / "data" / "risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8").replace(
        "risks:\n", "not_rated: The plan rates only some of its risks.\n\nrisks:\n", 1), encoding="utf-8")
    assert not [f for f in check_project(Project(root)).findings if f.code == "risk-unrated"]


def test_an_open_ended_top_band_is_a_note_and_its_scores_are_still_banded():
    found = check_project(Project(OPEN_BAND)).findings
    assert [(f.code, f.severity.value, f.location.line) for f in found] == [("risk-band-open", "info", 20)]
    assert found[0].message == ("The band 'extreme' has no highest score, so it is read as 15 and above (to 25, "
                                "the highest score the scales allow).")


def test_a_stated_band_is_checked_against_an_open_ended_band(tmp_path: Path):
    root = copy_plan(OPEN_BAND, tmp_path / "plan")
    risks = root / "data" / "risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8").replace("      band: extreme", "      band: high"),
                     encoding="utf-8")
    found = _findings(root)
    assert found[("risk-score-mismatch", 37)] == ("The residual band is 'high', but a score of 16 is 'extreme' "
                                                  "(15 to 25).")


def test_bands_that_overlap_leave_gaps_or_have_no_limits_are_findings_about_the_plan():
    found = check_project(Project(BROKEN_BANDS)).findings
    assert {(f.code, RULES[f.code].family) for f in found} == {
        ("risk-bands", "consistency"), ("risk-unrated", "completeness"), ("risk-rating-unknown", "consistency")}
    messages = {f.location.line: f.message for f in found}
    assert messages[11] == "A score of 4 falls in no band, though the scales allow it."
    assert messages[14] == "The bands 'low' (1 to 2) and 'medium' (2 to 3) overlap: a score of 2 falls in both."
    assert messages[24] == "The residual assessment gives a likelihood but no impact, so it has no score."


def test_one_scale_without_the_other_is_a_finding_not_a_schema_error(tmp_path: Path):
    root = copy_plan(BROKEN_BANDS, tmp_path / "plan")
    (root / "data" / "risks.yml").write_text(
        "scoring:\n  likelihood:\n    - {value: 1, label: Unlikely}\n  bands:\n    - {id: low, label: Low, max: 3}\n"
        "risks:\n  - id: one\n    title: One risk\n    residual:\n      likelihood: 1\n", encoding="utf-8")
    found = check_project(Project(root)).findings
    assert ("risk-bands", 2) in {(f.code, f.location.line) for f in found}
    assert not [f for f in found if RULES[f.code].family == "structure"]


def _register(text: str) -> Risks:
    return Risks.model_validate(yaml.safe_load(text))


def test_the_column_is_named_for_what_the_register_holds():
    rated = _register("scoring: {rating: [High, Low]}\nrisks:\n  - {id: a, title: A, residual: {rating: high}}\n"
                      "  - {id: b, title: B}\n")
    table = risk_table(rated)
    assert table.heading == "Rating"
    assert [(r.rating, r.score, r.unrated) for r in table.rows] == [("High", None, False), (None, None, True)]
    scored = _register("risks:\n  - {id: a, title: A, residual: {likelihood: 3, impact: 4}}\n")
    assert risk_table(scored).heading == "Score"
    assert risk_table(scored).rows[0].band.label == "High"
    mixed = _register("scoring: {likelihood: [{value: 1, label: L}], impact: [{value: 1, label: I}], "
                      "rating: [Red]}\nrisks:\n  - {id: a, title: A, residual: {rating: Red}}\n"
                      "  - {id: b, title: B, residual: {likelihood: 1, impact: 1}}\n")
    assert risk_table(mixed).heading == "Rating or score"
    unrated_default = _register("risks:\n  - {id: a, title: A}\n")
    assert risk_table(unrated_default).heading == "Score"


@pytest.fixture(scope="module")
def built_rating_only(tmp_path_factory) -> Path:
    # The one rating outside the scheme is an error, which stops a build: mend it, keep everything else.
    root = copy_plan(RATING_ONLY, tmp_path_factory.mktemp("rated") / "plan")
    risks = root / "data" / "risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8").replace("rating: Severe", "rating: Low"), encoding="utf-8")
    assert not has_errors(build(Project(root)))
    return root


@pytest.fixture(scope="module")
def built_mixed(tmp_path_factory) -> Path:
    root = copy_plan(OPEN_BAND, tmp_path_factory.mktemp("mixed") / "plan")
    assert not has_errors(build(Project(root), full_pdf=False))
    return root


def _risk_cells(root: Path) -> tuple[BeautifulSoup, str, dict[str, BeautifulSoup]]:
    html = BeautifulSoup((root / "build" / "site" / "risks.html").read_text(encoding="utf-8"), "html.parser")
    table = html.find("caption", string="Risks and how they are managed").find_parent("table")
    heading = table.select("thead th")[2].get_text()
    cells = {row.th.contents[0].strip(): row.select("td")[1] for row in table.select("tbody tr")}
    return html, heading, cells


def test_a_rating_only_register_shows_a_rating_column_with_words_beside_any_colour(built_rating_only):
    html, heading, cells = _risk_cells(built_rating_only)
    assert heading == "Rating"
    assert cells["Spending keeps running ahead of budget"].get_text() == "High"
    assert cells["Spending keeps running ahead of budget"].span["class"] == ["rating", "rating-red"]
    assert cells["Late changes to which services are paid for nationally"].get_text() == "Medium"
    assert cells["Backdated claims for continuing healthcare"].get_text() == "Low"
    for title in ("Savings schemes deliver less than planned", "Block contracts hide what services cost"):
        assert cells[title].get_text() == "Not rated in the plan"
    assert all(cell.get_text().strip() for cell in cells.values())  # never blank
    assert not html.select("figure.chart")  # no likelihood x impact grid without the scales


def test_the_full_plan_pdf_shows_the_ratings_and_the_unrated_risks(built_rating_only):
    pdf = built_rating_only / "build" / "site" / "downloads" / "plan.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Not rated in the plan" in text
    assert "Spending keeps running ahead of budget" in text and "Rating" in text


def test_a_mixed_register_shows_ratings_and_scores_and_draws_the_grid(built_mixed):
    html, heading, cells = _risk_cells(built_mixed)
    assert heading == "Rating or score"
    assert cells["Financial targets are not met"].get_text() == "16 (Extreme)"
    assert cells["The redesign of urgent care is delayed"].get_text() == "Amber"
    assert cells["Knowledge is lost as commissioning support changes hands"].get_text() == "Red; score 12 (High)"
    summary = html.select_one("figure.chart .chart-summary").get_text()
    assert summary.startswith("Of 2 risks placed by likelihood and impact: 1 extreme, 1 high.")
