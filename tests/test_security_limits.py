"""Limits on what a plan may hold, so that every check is quick whatever a page, CSV or chart holds (D17),
and a chart too big to draw is a finding at the chart, never a template error (D32).

The limits are tested by their findings, never by the time a check takes; bench/adversarial.py times them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_plan

from site_gen.build import build
from site_gen.charts.figure import ChartRenderer
from site_gen.findings import Finding, Severity
from site_gen.load.csv_tables import MOST_ROWS
from site_gen.load.pages import MOST_BLOCK_CHARACTERS, MOST_LINE_CHARACTERS, MOST_PAGE_CHARACTERS
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.pages import render_pages
from site_gen.render.templates import template_environment

MID_ESSEX = REPO / "examples" / "mid-essex"
PAGE = "content/big.md"
SENTENCE = "The team will see more people at home so that fewer of them need a bed in hospital. "


def _plan(tmp_path: Path) -> Path:
    return copy_plan(MID_ESSEX, tmp_path / "plan")


def _with_page(tmp_path: Path, body: str) -> Path:
    """The example plan with one more page; its body starts on line 7."""
    root = _plan(tmp_path)
    (root / PAGE).write_text(f"---\norder: 70\n---\n\n# Big page\n\n{body}\n", encoding="utf-8")
    return root


def _with_csv_rows(tmp_path: Path, extra_rows: int) -> Path:
    """The example plan with the funding-per-head table read from a CSV: its own three rows, then more.
    Its chart, funding-per-head, draws every row."""
    root = _plan(tmp_path)
    finance = root / "data" / "finance.yml"
    text = finance.read_text(encoding="utf-8")
    rows_at = text.index("    rows:\n", text.index("  - id: funding-per-head"))
    finance.write_text(text[:rows_at] + "    csv: funding-per-head.csv" + text[text.index("\n\n", rows_at):],
                       encoding="utf-8")
    lines = ["id,label,per-head", "allocation-2014-15,Our allocation 2014/15,1014",
             "target-old-formula,Old formula target,1084", "target-new-formula,New formula target,1079"]
    lines += [f"r{i},Area {i},1000" for i in range(extra_rows)]
    (root / "data" / "funding-per-head.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _at(findings: list[Finding], file: str) -> list[tuple[str, Severity, int, int]]:
    return sorted((f.code, f.severity, f.location.line, f.location.col) for f in findings if f.location.file == file)


def _chart_line(root: Path, chart_id: str) -> int:
    lines = (root / "data" / "charts.yml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.strip() == f"- id: {chart_id}")


@pytest.mark.parametrize("repeated", ["<!--", "{{ ", "]("])
def test_a_line_past_the_limit_is_one_finding_and_its_page_is_not_checked(tmp_path: Path, repeated: str) -> None:
    """D17: 20,000 comment, macro or link openings on one line of a page made the check take 23 to 54
    seconds. A line longer than the limit is one error at that line, and the page's text is not checked,
    so the macro that never closes gives no finding of its own."""
    findings = check_project(Project(_with_page(tmp_path, repeated * 20_000))).findings
    assert _at(findings, PAGE) == [("file-unreadable", Severity.ERROR, 7, MOST_LINE_CHARACTERS + 1)]
    [finding] = [f for f in findings if f.location.file == PAGE]
    assert f"more than the {MOST_LINE_CHARACTERS:,} a line may have" in finding.message
    assert "not checked" in finding.message


def test_a_page_past_the_limit_is_one_finding(tmp_path: Path) -> None:
    """D17: a page of 1 MB of ordinary sentences in one paragraph took 31 seconds to check. A page larger
    than the limit is one error at the page, with a hint to split it."""
    body = SENTENCE * (1024 * 1024 // len(SENTENCE))
    findings = check_project(Project(_with_page(tmp_path, body))).findings
    assert _at(findings, PAGE) == [("file-unreadable", Severity.ERROR, 0, 0)]
    [finding] = [f for f in findings if f.location.file == PAGE]
    assert f"more than the {MOST_PAGE_CHARACTERS:,} a page may have" in finding.message
    assert "Split it" in finding.hint


def test_pages_within_the_limits_are_checked_as_before(tmp_path: Path) -> None:
    """The limits of D17 leave pages below them alone. A line just under the limit, of comment openings that
    never close, is checked in full: a placeholder after them is still found."""
    line = "<!--" * ((MOST_LINE_CHARACTERS - 20) // 4) + " TBC"
    findings = check_project(Project(_with_page(tmp_path, line))).findings
    assert [f.code for f in findings if f.location.file == PAGE] == ["placeholder"]


def test_a_csv_past_the_row_limit_is_one_finding_at_the_first_row_not_read(tmp_path: Path) -> None:
    """D17: a finance CSV of 20,000 rows took 60 seconds to check, since each cell was looked up by walking
    the table. A CSV with more rows than the limit is an error at the first row it does not read."""
    findings = check_project(Project(_with_csv_rows(tmp_path, 20_000))).findings
    csv = "data/funding-per-head.csv"
    assert _at(findings, csv) == [("file-unreadable", Severity.ERROR, MOST_ROWS + 2, 1)]
    [finding] = [f for f in findings if f.location.file == csv]
    assert f"more than {MOST_ROWS:,} rows" in finding.message


def test_a_csv_at_the_row_limit_is_read_whole(tmp_path: Path) -> None:
    """The limits of D17: a table of exactly as many rows as the limit allows gives no finding about its size."""
    findings = check_project(Project(_with_csv_rows(tmp_path, MOST_ROWS - 3))).findings
    assert _at(findings, "data/funding-per-head.csv") == []


def test_the_limits_accept_the_benchmarks_large_plan(tmp_path: Path) -> None:
    """The limits of D17 accept the benchmark's large synthetic plan (300 pages, 2,000 measures, 500 finance
    rows): it still passes check --strict."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_plan import Size, write_plan

    write_plan(tmp_path / "large", Size.scaled(300))
    findings = check_project(Project(tmp_path / "large"), strict=True).findings
    assert findings == []


def test_a_chart_with_too_many_points_is_an_error_at_its_definition(tmp_path: Path) -> None:
    """D32: a chart drawing a CSV of 5,000 rows failed the build with the drawing engine's JavaScript
    stack trace, blamed on templates/pages/finance.md.j2, which the plan does not have. Too many points
    is now an error at the chart in data/charts.yml, found by the check before anything is drawn."""
    root = _with_csv_rows(tmp_path, 5_000)
    findings = build(Project(root), progress=False)
    line = _chart_line(root, "funding-per-head")
    assert ("chart-data", Severity.ERROR, line) in [(f.code, f.severity, f.location.line) for f in findings
                                                    if f.location.file == "data/charts.yml"]
    assert not [f for f in findings if "finance.md.j2" in f.location.file + f.message]
    assert not [f for f in findings if f.code in ("template-error", "internal-error")]


def test_a_chart_under_the_row_limit_but_over_the_point_limit_is_an_error(tmp_path: Path) -> None:
    """D32: a table well within the row limit can still be too big to draw; the check says so at the chart
    (and only once: not also as a warning that it has many bars)."""
    root = _with_csv_rows(tmp_path, 600)
    findings = check_project(Project(root)).findings
    assert _at(findings, "data/charts.yml") == [("chart-data", Severity.ERROR, _chart_line(root, "funding-per-head"), 5)]


def test_a_chart_the_engine_cannot_draw_is_a_finding_at_the_chart_not_the_template(tmp_path: Path) -> None:
    """D32: whatever makes the drawing engine fail, the page that shows the chart is reported as the chart's
    problem, at its line in data/charts.yml, never as a template error naming a file the plan lacks. The
    pages are rendered here without the check's stop, with a chart of 2,003 bars, which the engine cannot
    draw."""
    root = _with_csv_rows(tmp_path, 5_000)
    checked = check_project(Project(root))
    renderer = ChartRenderer(checked.data, checked.context.index, None)
    _, findings = render_pages(checked, template_environment(checked.project), renderer)
    assert findings, "the chart should not have been drawn"
    assert {(f.code, f.location.file, f.location.line) for f in findings} == {
        ("chart-data", "data/charts.yml", _chart_line(root, "funding-per-head"))}
    assert not [f for f in findings if "templates/" in f.location.file or "template" in f.hint.lower()]


def test_a_paragraph_past_the_most_a_block_may_hold_is_a_finding_where_it_starts(tmp_path):
    """D17: a paragraph of many short lines (each within the line limit) whose brackets never close made
    Markdown's reading of its images slow with the square of its length; a block is limited too."""
    line = "![x" * (MOST_LINE_CHARACTERS // 3 - 1)
    root = _with_page(tmp_path, "A short first paragraph.\n\n" + "\n".join([line] * (MOST_BLOCK_CHARACTERS // len(line) + 1)))
    found = _at(check_project(Project(root)).findings, PAGE)
    assert found == [("file-unreadable", Severity.ERROR, 9, 0)]


def test_unclosed_comments_after_a_tag_leave_the_tag_found_where_it_is(tmp_path):
    """D17: the < that nothing closes are not read as the start of a tag (Python's HTML reader read on to the
    end from each), and the tags before them are still found, at their own lines."""
    body = '<div>\n<img src="https://evil.example/x.gif" alt="A dot">\n' + "<!--" * 2000 + "\n</div>"
    root = _with_page(tmp_path, body)
    found = _at(check_project(Project(root)).findings, PAGE)
    assert ("external-resource", Severity.ERROR, 8, 1) in found


def test_a_page_link_after_many_unclosed_brackets_is_still_checked(tmp_path):
    """D17: a line of many "](" that never close is read once, and a real link after them is still found."""
    root = _with_page(tmp_path, "Text " + "](" * 3000 + " and [the missing page](nowhere.md).")
    found = _at(check_project(Project(root)).findings, PAGE)
    assert [code for code, *_ in found] == ["broken-link"]
