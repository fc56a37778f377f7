"""Dates as plans write them (site_gen/dates.py): every form read, sorted and shown the NHS way; findings
about the plan for a date without a year or one that cannot be read; and the milestones of a built plan
listed in time order, each date written out (tests/fixtures/dates-as-written)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.dates import parse_plan_date, plan_date_text
from site_gen.findings import has_errors
from site_gen.pdf.onepage import one_page
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import RULES

FIXTURE = FIXTURES / "dates-as-written"
D = datetime.date


@pytest.mark.parametrize(("typed", "kind", "start", "end", "shown"), [
    ("2013-10-01", "day", D(2013, 10, 1), D(2013, 10, 1), "1 October 2013"),
    ("1 October 2013", "day", D(2013, 10, 1), D(2013, 10, 1), "1 October 2013"),
    ("17th Sept 2012", "day", D(2012, 9, 17), D(2012, 9, 17), "17 September 2012"),
    ("17 th Sept 2012", "day", D(2012, 9, 17), D(2012, 9, 17), "17 September 2012"),
    ("01 Feb 2013", "day", D(2013, 2, 1), D(2013, 2, 1), "1 February 2013"),
    ("12 March, 2014", "day", D(2014, 3, 12), D(2014, 3, 12), "12 March 2014"),
    ("January 31st 2013", "day", D(2013, 1, 31), D(2013, 1, 31), "31 January 2013"),
    ("12/3/14", "day", D(2014, 3, 12), D(2014, 3, 12), "12 March 2014"),
    ("10-Feb-14", "day", D(2014, 2, 10), D(2014, 2, 10), "10 February 2014"),
    ("2012-02-29", "day", D(2012, 2, 29), D(2012, 2, 29), "29 February 2012"),
    ("2013-10", "month", D(2013, 10, 1), D(2013, 10, 31), "October 2013"),
    ("October 2013", "month", D(2013, 10, 1), D(2013, 10, 31), "October 2013"),
    ("Oct 12", "month", D(2012, 10, 1), D(2012, 10, 31), "October 2012"),
    ("Dec-13", "month", D(2013, 12, 1), D(2013, 12, 31), "December 2013"),
    ("Sept 2012", "month", D(2012, 9, 1), D(2012, 9, 30), "September 2012"),
    ("in October 2013", "month", D(2013, 10, 1), D(2013, 10, 31), "October 2013"),
    ("February 2012", "month", D(2012, 2, 1), D(2012, 2, 29), "February 2012"),
    ("2013 Q3", "quarter-calendar", D(2013, 7, 1), D(2013, 9, 30), "July to September 2013"),
    ("Q1 2013", "quarter-calendar", D(2013, 1, 1), D(2013, 3, 31), "January to March 2013"),
    ("Quarter 4 2013", "quarter-calendar", D(2013, 10, 1), D(2013, 12, 31), "October to December 2013"),
    ("Q2 2014/15", "quarter-financial", D(2014, 7, 1), D(2014, 9, 30), "Quarter 2 of 2014/15"),
    ("Quarter 1 of 2013-14", "quarter-financial", D(2013, 4, 1), D(2013, 6, 30), "Quarter 1 of 2013/14"),
    ("2014/15 Q4", "quarter-financial", D(2015, 1, 1), D(2015, 3, 31), "Quarter 4 of 2014/15"),
    ("Q3 FY13/14", "quarter-financial", D(2013, 10, 1), D(2013, 12, 31), "Quarter 3 of 2013/14"),
    ("Autumn 2012", "season", D(2012, 9, 1), D(2012, 11, 30), "Autumn 2012"),
    ("spring 2014", "season", D(2014, 3, 1), D(2014, 5, 31), "Spring 2014"),
    ("Summer 2013", "season", D(2013, 6, 1), D(2013, 8, 31), "Summer 2013"),
    ("Winter 2013/14", "season", D(2013, 12, 1), D(2014, 2, 28), "Winter 2013/14"),
    ("Winter 2013", "season", D(2013, 12, 1), D(2014, 2, 28), "Winter 2013/14"),
    ("2013/14", "financial-year", D(2013, 4, 1), D(2014, 3, 31), "2013/14"),
    ("2013-14", "financial-year", D(2013, 4, 1), D(2014, 3, 31), "2013/14"),
    ("FY13/14", "financial-year", D(2013, 4, 1), D(2014, 3, 31), "2013/14"),
    ("financial year 2014/15", "financial-year", D(2014, 4, 1), D(2015, 3, 31), "2014/15"),
    ("2013", "year", D(2013, 1, 1), D(2013, 12, 31), "2013"),
])
def test_every_form_is_read_and_shown_the_nhs_way(typed, kind, start, end, shown):
    when = parse_plan_date(typed)
    assert (when.kind, when.start, when.end, when.bound) == (kind, start, end, "")
    assert not when.year_missing
    assert plan_date_text(when) == shown


@pytest.mark.parametrize(("typed", "bound", "kind", "shown"), [
    ("by March 2014", "by", "month", "By March 2014"),
    ("By 31 March 2014", "by", "day", "By 31 March 2014"),
    ("by Aug 2012", "by", "month", "By August 2012"),
    ("by the end of 2013/14", "by", "financial-year", "By the end of 2013/14"),
    ("by 2015", "by", "year", "By the end of 2015"),
    ("by Q2 2014/15", "by", "quarter-financial", "By Quarter 2 of 2014/15"),
    ("by 2013 Q3", "by", "quarter-calendar", "By the end of September 2013"),
    ("by Autumn 2012", "by", "season", "By autumn 2012"),
    ("end of March 2014", "end-of", "month", "End of March 2014"),
    ("End of Q2 2014", "end-of", "quarter-calendar", "End of June 2014"),
    ("end of 2013", "end-of", "year", "End of 2013"),
    ("end of the financial year 2013/14", "end-of", "financial-year", "End of 2013/14"),
])
def test_a_deadline_says_by_or_end_of(typed, bound, kind, shown):
    when = parse_plan_date(typed)
    assert (when.bound, when.kind, when.by) == (bound, kind, bound == "by")
    assert plan_date_text(when) == shown


@pytest.mark.parametrize(("typed", "kind", "month"), [
    ("May", "month", 5), ("may", "month", 5), ("Sept", "month", 9), ("autumn", "season", 9),
    ("in the autumn", "season", 9), ("1 October", "day", 10), ("by March", "month", 3),
])
def test_a_month_or_season_without_a_year_is_kept_as_written(typed, kind, month):
    when = parse_plan_date(typed)
    assert (when.kind, when.month, when.start, when.end) == (kind, month, None, None)
    assert when.year_missing
    assert plan_date_text(when) == typed[0].upper() + typed[1:]


@pytest.mark.parametrize(("typed", "problem"), [
    ("early 2013", ""), ("October and November", ""), ("TBC", ""), ("2013-2-3", ""), ("soon", ""),
    ("30 February 2013", "the calendar has no such day"), ("2013-02-29", "the calendar has no such day"),
    ("2013-13", "the calendar has no such day"), ("0000-01-01", "the calendar has no such day"),
    ("Q3", "a quarter needs its year"), ("Autumn 2013/14", "only a winter spans two years"),
])
def test_text_that_is_no_date_is_kept_with_the_reason(typed, problem):
    when = parse_plan_date(typed)
    assert when.kind == "unreadable" and not when.year_missing
    assert when.problem.startswith(problem) and bool(when.problem) == bool(problem)
    assert plan_date_text(when) == typed[0].upper() + typed[1:]


@pytest.mark.parametrize(("typed", "shown", "start", "end"), [
    ("May to July 2012", "May to July 2012", "2012-05-01", "2012-07-31"),
    ("November to February 2014", "November 2013 to February 2014", "2013-11-01", "2014-02-28"),
    ("April 2013 to March 2016", "April 2013 to March 2016", "2013-04-01", "2016-03-31"),
    ("October 2012 until March 2014", "October 2012 to March 2014", "2012-10-01", "2014-03-31"),
    ("Q1 to Q2 2013/14", "Quarter 1 of 2013/14 to Quarter 2 of 2013/14", "2013-04-01", "2013-09-30"),
    ("2012-15", "2012 to 2015", "2012-01-01", "2015-12-31"),
])
def test_a_span_is_read_from_its_first_day_to_its_last(typed, shown, start, end):
    when = parse_plan_date(typed)
    assert (when.kind, str(when.start), str(when.end), plan_date_text(when)) == ("range", start, end, shown)


@pytest.mark.parametrize(("typed", "shown", "bound"), [
    ("from April 2014", "From April 2014", "from"), ("end Feb-13", "End of February 2013", "end-of"),
    ("by end-March 2014", "By March 2014", "by"), ("2013-14", "2013/14", ""),
])
def test_a_start_and_the_ways_plans_write_an_end_are_read(typed, shown, bound):
    when = parse_plan_date(typed)
    assert (plan_date_text(when), when.bound) == (shown, bound)


def test_a_start_sorts_at_its_first_day_and_a_deadline_at_its_last():
    typed = ["by April 2014", "from April 2014", "May to July 2012"]
    assert sorted(typed, key=lambda text: parse_plan_date(text).sort_key) == [
        "May to July 2012", "from April 2014", "by April 2014"]


def test_dates_sort_earliest_first_a_deadline_at_its_end_and_yearless_then_unreadable_last():
    typed = ["may", "early 2013", "2013/14", "by March 2014", "March 2014", "2013", "Autumn 2012", "2013 Q3",
             "Q2 2014/15", "1 April 2014", "October", "by Aug 2012"]
    ordered = sorted(typed, key=lambda text: parse_plan_date(text).sort_key)
    assert ordered == ["by Aug 2012", "Autumn 2012", "2013", "2013/14", "2013 Q3", "March 2014", "by March 2014",
                       "1 April 2014", "Q2 2014/15", "may", "October", "early 2013"]


def test_the_new_findings_are_about_the_plan_not_its_format():
    for code in ("date-imprecise", "date-unreadable"):
        assert RULES[code].family == "completeness", code


def test_the_fixture_gives_a_warning_at_each_line_and_never_a_structure_finding():
    findings = check_project(Project(FIXTURE)).findings
    found = sorted((f.code, f.location.line, f.severity.value) for f in findings)
    assert found == [("date-imprecise", 35, "warning"), ("date-imprecise", 53, "warning"),
                     ("date-unreadable", 38, "warning"), ("date-unreadable", 47, "warning"),
                     ("date-unreadable", 50, "warning")]
    unreadable = {f.location.line: f for f in findings if f.code == "date-unreadable"}
    assert "Q2 2014/15" in unreadable[38].hint and "Autumn 2012" in unreadable[38].hint
    assert "the calendar has no such day" in unreadable[47].message


IN_TIME_ORDER = [
    ("By August 2012", "New model for health assessments of children in care"),
    ("Autumn 2012", "Next year's operational plan published"),
    ("By December 2012", "More choice of wheelchair service providers"),
    ("2013", "Five-year strategy refreshed"),
    ("2013/14", "Care records shared between practices and community teams"),
    ("July to September 2013", "Practices start offering the new health checks"),
    ("October 2013", "First eight family teams start work"),
    ("Winter 2013/14", "Winter plan agreed with the hospital"),
    ("By March 2014", "Safeguarding action plan complete"),
    ("1 April 2014", "New talking therapies service goes live"),
    ("Quarter 2 of 2014/15", "Review of urgent care reported to the board"),
    ("End of 2014/15", "New staff structure in place"),
    ("October", "Remaining governing body roles filled"),
    ("May", "Patient survey sent out"),
    ("Early 2012", "Events with local stakeholders"),
    ("30 February 2013", "Community contract signed"),
    ("Q3", "Stroke audit repeated"),
]


def test_the_milestones_page_lists_them_in_time_order_written_the_nhs_way(tmp_path: Path):
    plan = copy_plan(FIXTURE, tmp_path / "plan")
    assert not has_errors(build(Project(plan), full_pdf=False))
    page = BeautifulSoup((plan / "build" / "site" / "milestones.html").read_text(encoding="utf-8"), "html.parser")
    rows = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["td", "th"])][:2]
            for tr in page.find("article").select("tbody tr")]
    assert rows == [list(row) for row in IN_TIME_ORDER]


def test_the_plan_on_a_page_shows_the_earliest_milestones_first():
    data = check_project(Project(FIXTURE)).data
    poster = one_page(data, [], None, "Draft")
    key_dates = next(b.items for b in poster.band if b.id == "milestones")
    lists = [key_dates] + [p.milestones for p in poster.priorities]
    for dates in lists:  # each list of dates, on its own, earliest first
        assert dates == [when_what for when_what in IN_TIME_ORDER if when_what in dates]
    assert sum(len(dates) for dates in lists) >= 4


def test_every_form_the_guide_lists_is_read_as_the_guide_says():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split("### Dates as the plan writes them", 1)[1].split("\n#", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 12
    for _, typed, shown in rows:
        examples = [part for part in typed.split("`")[1::2] if part not in ("by", "end of", "from", "to", "until")]
        for example in examples:
            when = parse_plan_date(example)
            assert when.kind != "unreadable" and not when.year_missing, example
            assert plan_date_text(when) in shown, (example, shown)
