"""A priority's baseline, aspiration and success measures; a scheme's activity changes rolled up by unit
like savings; a growth rate stated over part of a series (tests/fixtures/baselines-activity)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import RULES

FIXTURE = FIXTURES / "baselines-activity"
NEW_CODES = ("activity-rollup-mismatch", "stated-growth-mismatch", "stated-growth-span")


def _findings(code: str) -> list:
    return [f for f in check_project(Project(FIXTURE)).findings if f.code == code]


def test_the_new_findings_are_about_the_plan_not_its_format():
    assert RULES["activity-rollup-mismatch"].family == "arithmetic"
    assert {RULES[code].family for code in NEW_CODES[1:]} == {"consistency"}
    assert not [f for f in check_project(Project(FIXTURE)).findings if RULES[f.code].family == "structure"]


def test_an_activity_total_that_does_not_add_up_gives_both_numbers():
    messages = sorted(f.message for f in _findings("activity-rollup-mismatch"))
    assert messages == [
        "No scheme under 'planned-care' gives a change in attendances, but the total stated is 200 fewer attendances.",
        "The schemes of the whole plan give 2,000 fewer attendances in 2013/14, but the total stated is "
        "2,500 fewer attendances.",
        "The schemes under 'planned-care' give 1,200 fewer appointments (first outpatient appointments) in 2013/14, "
        "but the total stated is 1,000 fewer appointments.",
    ]


def test_a_stated_rate_is_checked_over_its_own_span_only():
    [mismatch] = _findings("stated-growth-mismatch")
    assert "from 2016 to 2018" in mismatch.message and "over 2 years is 1.6% a year" in mismatch.message
    # 1.2% from 2013 to 2016 is right (1.19% a year) although the whole series grows faster.
    assert not [f for f in _findings("stated-growth-mismatch") if "from 2013 to 2016" in f.message]
    spans = sorted(f.message for f in _findings("stated-growth-span"))
    assert "the series has no figure for 2020" in spans[0]
    assert "2013 is not after 2016" in spans[1]


def test_a_success_measure_names_a_real_measure():
    unknown = [f for f in check_project(Project(FIXTURE)).findings if f.code == "unknown-reference"]
    assert [(f.location.line, "low-priority-procedures" in f.message) for f in unknown] == [(18, True)]


def _clean_copy(tmp_path: Path) -> Path:
    """The fixture with every fault mended, so that it builds."""
    plan = copy_plan(FIXTURE, tmp_path / "plan")
    priorities = plan / "data" / "priorities.yml"
    text = priorities.read_text(encoding="utf-8")
    text = text.replace("        measure: low-priority-procedures\n", "")
    text = text.replace("change: -1000", "change: -1200").replace("change: -2500", "change: -2000")
    text = text.replace("      - unit: attendances\n        change: -200\n", "")
    priorities.write_text(text, encoding="utf-8")
    population = plan / "data" / "population.yml"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    population.write_text("".join(line for line in lines if "2018}" not in line and "to: 2020" not in line
                                  and "to: 2013" not in line), encoding="utf-8")
    return plan


def _table(page: BeautifulSoup, caption: str) -> list[list[str]]:
    table = next(c.find_parent("table") for c in page.find_all("caption") if c.get_text(strip=True) == caption)
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def test_the_priority_page_shows_where_we_are_what_we_aim_for_how_we_will_know_and_activity(tmp_path: Path):
    plan = _clean_copy(tmp_path)
    assert not has_errors(build(Project(plan), full_pdf=False))
    html = (plan / "build" / "site" / "priorities" / "planned-care.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser").find("article")
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings.index("Where we are now") < headings.index("What we aim for") < headings.index(
        "How we will know") < headings.index("Schemes") < headings.index("Activity change across this priority")

    def items(heading: str) -> list[str]:
        h2 = next(h for h in page.find_all("h2") if h.get_text(strip=True) == heading)
        return [li.get_text(" ", strip=True) for li in h2.find_next_sibling("ul").find_all("li")]

    assert items("Where we are now") == ["Our patients have slightly more first outpatient attendances after a "
                                         "referral than the national average. The figure: 194 per 1,000 in 2011/12."]
    assert items("What we aim for") == ["Patients are seen in the right place the first time.",
                                        "Follow-up appointments only where they help the patient."]
    assert items("How we will know") == ["Fewer emergency hospital bed days for people aged 75 and over. "
                                         "Measured by: Emergency hospital bed days for people aged 75 and over.",
                                         "Fewer low priority procedures."]
    assert _table(page, "Activity change: Consultant to consultant referrals") == [
        ["Activity", "Unit", "Period", "Change"],
        ["first outpatient appointments", "appointments", "2013/14", "\u22121,200 (1,200 fewer appointments)"],
        ["follow-up appointments", "appointments", "2013/14", "\u2212300 (300 fewer appointments)"],
    ]
    assert _table(page, "Activity change: Step-up beds in the community")[2][3] == "+400 (400 more Bed days)"
    assert _table(page, "Activity change: the schemes' changes added up by unit") == [
        ["Unit", "Period", "Change"],
        ["Appointments", "2013/14", "\u22121,500 (1,500 fewer appointments)"],
        ["bed days", "2013/14", "\u2212450 (450 fewer bed days)"],
    ]


def test_an_entry_that_cannot_be_read_says_which_totals_and_rates_were_not_checked(tmp_path: Path):
    plan = copy_plan(FIXTURE, tmp_path / "plan")
    priorities = plan / "data" / "priorities.yml"
    priorities.write_text(priorities.read_text(encoding="utf-8").replace("change: -300", "change: lots"),
                          encoding="utf-8")
    population = plan / "data" / "population.yml"
    population.write_text(population.read_text(encoding="utf-8").replace("value: 165800", "value: many"),
                          encoding="utf-8")
    findings = check_project(Project(plan)).findings
    notes = sorted(f.message for f in findings if f.code == "check-skipped")
    assert len(notes) == 2
    assert notes[0].startswith("The activity totals of the priority 'planned-care' and the activity totals of the "
                               "whole plan are not checked")
    assert notes[1].startswith("The growth stated over part of the series 'registered-population' is not checked")
    # Totals and rates that would be worked out without the lost entry are not reported wrong.
    assert not [f for f in findings if f.code in NEW_CODES]
