"""The change report a board member reads: each changed figure as the site shows it, with the period of a
measure's latest figure, percentages moving by percentage points, finance tables by title with their
changed rows, every page (and the plan on a page) where a changed figure is seen, and the words changed,
in plain English in the terminal and on the "Changes since" page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, copy_plan

from site_gen.approval.diff import FigureChange, difference_text, movement_text
from site_gen.build import build
from site_gen.cli import main
from site_gen.findings import has_errors
from site_gen.pdf.onepage import one_page
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.pages import headline_amounts

RECORD = "approvals/version-3-2014-03-27.json"
TOTAL_2015_16 = "finance.funding-allocations.total-funding.2015/16"
WAITS_LATEST = "performance.rtt-admitted.latest"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _approve(root: Path, date: str = "2014-03-27", minute: str = "GB/14/031") -> None:
    assert main(["approve", "--project", str(root), "--body", "Governing body", "--decision", "approved",
                 "--date", date, "--minute", minute]) == 0


def _next_version(root: Path) -> None:
    """Version 3.1 of the Mid Essex plan, as in the board trial: running cost funding for 2015/16 down by
    £100,000 (and its total with it), a new March 2014 figure for the 18-week measure, and a sentence of
    the money page reworded; compared with version 3 as approved."""
    data = root / "data"
    _edit(data / "finance.yml", "values: [9430, 8753, 8753]", "values: [9430, 8753, 8653]")
    _edit(data / "finance.yml", "values: [395249, 399395, 414971]", "values: [395249, 399395, 414871]")
    _edit(data / "performance.yml", "      - period: December 2013\n        value: 95.2\n",
          "      - period: December 2013\n        value: 95.2\n      - period: March 2014\n        value: 88.5\n")
    _edit(data / "plan.yml", 'version: "3"\nstatus: approved', f'version: "3.1"\nstatus: draft\nchanges_since: {RECORD}')
    _edit(data / "plan.yml", "      Final edit of the draft for the Essex Health and Wellbeing Board.\n",
          "      Final edit of the draft for the Essex Health and Wellbeing Board.\n"
          '  - version: "3.1"\n    date: 2014-04-10\n    author: CCG planning team\n'
          "    summary: Running cost funding for 2015/16 and the latest 18-week figure.\n")
    _edit(root / "content" / "money.md", "In 2015/16 our funding rises mainly because",
          "In 2015/16 our funding rises, mostly because")


@pytest.fixture(scope="module")
def mid_essex_3_1(tmp_path_factory) -> Path:
    """Version 3 of the Mid Essex example approved, then version 3.1 built as a draft for the board."""
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path_factory.mktemp("mid-essex") / "plan")
    _approve(root)
    _next_version(root)
    findings = build(Project(root), full_pdf=False)
    assert not has_errors(findings), findings
    return root


def _site_pages(root: Path) -> dict[str, str]:
    """Each page of the built site, by its path in the site, as the text a reader sees."""
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    site = root / "build" / "site"
    return {page["path"]: " ".join(BeautifulSoup((site / page["path"]).read_text(encoding="utf-8"), "html.parser")
                                   .select_one("article").get_text(" ").split())
            for page in manifest["pages"]}


def _titles(root: Path) -> dict[str, str]:
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    return {page["path"]: page["title"] for page in manifest["pages"]}


def _plan_on_a_page(root: Path) -> str:
    pdf = root / "build" / "site" / "downloads" / "plan-on-a-page.pdf"
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def _html(place_path: str) -> str:
    return place_path.removesuffix(".md") + ".html"


def test_a_changed_figure_lists_every_page_that_shows_it_as_each_page_shows_it(mid_essex_3_1):
    since = check_project(Project(mid_essex_3_1)).since
    shown = {figure.ref: figure for figure in since.shown_figures()}
    assert set(shown) == {TOTAL_2015_16, WAITS_LATEST}  # the running cost cell is shown only in its table
    pages = _site_pages(mid_essex_3_1)
    titles = _titles(mid_essex_3_1)
    poster = _plan_on_a_page(mid_essex_3_1)
    for ref, (was, now) in {TOTAL_2015_16: ("£415.0 million", "£414.9 million"),
                            WAITS_LATEST: ("95.2% (December 2013)", "88.5% (March 2014)")}.items():
        figure = shown[ref]
        assert (figure.was, figure.now) == (was, now)
        listed = {_html(p.path) for p in figure.places if p.page != "Plan on a page"}
        # Every page of the site that prints the figure as it is now is listed, and no other.
        printing = {path for path, text in pages.items() if now in text and path != "changes.html"}
        assert listed == printing, ref
        assert all(titles[_html(p.path)] == p.page for p in figure.places if p.page != "Plan on a page")
        # The poster shows the money; the waiting-times measure belongs to no priority on it.
        on_poster = "Plan on a page" in [p.page for p in figure.places]
        assert on_poster == (ref == TOTAL_2015_16) and (now in poster or not on_poster)
    assert [p.page for p in shown[TOTAL_2015_16].places] == ["Home", "Money and activity", "Finance", "Plan on a page"]
    assert [(p.page, p.part) for p in shown[WAITS_LATEST].places] == [
        ("Meeting the NHS Constitution", "the table of measures"), ("Planned care", "the table of measures"),
        ("Performance", "the table of measures")]


def test_a_finance_table_is_shown_by_title_with_its_changed_rows_and_the_pages_that_show_it(mid_essex_3_1):
    since = check_project(Project(mid_essex_3_1)).since
    [table] = since.shown_tables()
    assert (table.title, table.unit, table.row_heading) == ("Funding allocations", "£000", "Funding")
    assert [(c.row, c.column, c.was, c.now, c.change) for c in table.cells] == [
        ("Running cost funding", "2015/16", "8,753", "8,653", "−£100,000"),
        ("Total funding", "2015/16", "414,971", "414,871", "−£100,000")]
    pages = _site_pages(mid_essex_3_1)
    assert [(page.page, page.parts) for page in table.pages] == [
        ("Money and activity", ['the table "Funding allocations"']),
        ("Finance", ['the table "Funding allocations"',
                     'the chart "Our total funding rises by almost £20 million between 2013/14 and 2015/16"'])]
    for page in table.pages:  # each page listed prints the changed cells as the table section shows them
        assert "8,653" in pages[_html(page.path)] and "414,871" in pages[_html(page.path)]


def test_the_decision_sheet_lists_each_change_was_and_now_as_the_site_shows_it(mid_essex_3_1):
    """The board's one page: each figure as readers see it, a table's cell with its table and unit, a total shown
    outside its table once, a measure's status was and now."""
    from site_gen.pdf.decision_sheet import changed_items

    assert changed_items(check_project(Project(mid_essex_3_1)).since) == [
        "Total funding, 2015/16: £415.0 million to £414.9 million",
        "Patients admitted to hospital who start treatment within 18 weeks of referral: latest…: 95.2% (December "
        "2013) to 88.5% (March 2014)",
        "Funding allocations (£000): Running cost funding, 2015/16: 8,753 to 8,653",
        "Patients admitted to hospital who start treatment within 18 weeks of referral: on track to at risk",
        "Page changed: Money and activity"]


def test_site_gen_diff_reads_as_plain_english(mid_essex_3_1, capsys):
    assert main(["diff", "--project", str(mid_essex_3_1), str(mid_essex_3_1 / RECORD), str(mid_essex_3_1)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].endswith("(version 3) to the plan in " + str(mid_essex_3_1) + " (version 3.1): 3 figures, "
                             "1 measure status, 1 page.")
    total = lines.index(f"  Total funding, 2015/16 ({TOTAL_2015_16})")
    assert lines[total + 1:total + 7] == [
        "    Was £415.0 million, now £414.9 million: down £100,000.", "    Where readers see it:",
        "      Home: the headline figures", "      Money and activity: the text",
        "      Finance: the headline figures", '      Plan on a page: the part "The money at a glance"']
    waits = lines.index("  Patients admitted to hospital who start treatment within 18 weeks of referral: latest "
                        f"figure ({WAITS_LATEST})")
    assert lines[waits + 1] == "    Was 95.2% (December 2013), now 88.5% (March 2014): down 6.7 percentage points."
    table = lines.index("  Funding allocations (£000) (finance.funding-allocations)")
    assert lines[table + 1:table + 3] == [
        "    Running cost funding, 2015/16: was 8,753, now 8,653 (down £100,000)",
        "    Total funding, 2015/16: was 414,971, now 414,871 (down £100,000)"]
    assert "  Patients admitted to hospital who start treatment within 18 weeks of referral: was on track, now at " \
           "risk" in lines
    money = lines.index("  Money and activity (content/money.md)")
    assert lines[money + 1].startswith('    Was: "… is £399.4 million in 2014/15 and £415.0 million in 2015/16. '
                                       '(the table "Funding allocations") In 2015/16 our funding rises mainly')
    assert lines[money + 2].startswith('    Now: "… is £399.4 million in 2014/15 and £414.9 million in 2015/16. '
                                       '(the table "Funding allocations") In 2015/16 our funding rises, mostly')
    for mark in ("[-", "-]", "{+", "+}", "[table", "−6.7%", "414,971,000"):
        assert mark not in text, mark
    # Lines lead with what a reader knows the thing by, never with an internal id.
    assert not [line for line in lines if line.lstrip().startswith(("finance.", "performance.", "population."))]


def test_the_changes_page_shows_the_same_report_in_accessible_tables_with_links(mid_essex_3_1):
    site = mid_essex_3_1 / "build" / "site"
    page = BeautifulSoup((site / "changes.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    text = " ".join(article.get_text(" ").split())
    for mark in ("[-", "{+", "[table", "414,971,000", "−6.7%"):
        assert mark not in text, mark
    tables = {" ".join(t.caption.get_text(" ").split()): t for t in article.select("table")}
    figures = tables["Figures that changed since version 3"]
    assert [th.get("scope") for th in figures.thead.select("th")] == ["col"] * 4
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in figures.tbody.select("tr")]
    assert rows == [["Total funding, 2015/16", "£415.0 million", "£414.9 million", "−£100,000"],
                    ["Patients admitted to hospital who start treatment within 18 weeks of referral: latest figure",
                     "95.2% (December 2013)", "88.5% (March 2014)", "−6.7 percentage points"]]
    assert all(row.th["scope"] == "row" for row in figures.tbody.select("tr"))
    cells = tables["Funding allocations (£000): the figures that changed"]
    assert [th.get_text(strip=True) for th in cells.thead.select("th")] == ["Funding", "Column", "Was", "Now", "Change"]
    assert [[c.get_text(strip=True) for c in row.find_all(["th", "td"])] for row in cells.tbody.select("tr")] == [
        ["Running cost funding", "2015/16", "8,753", "8,653", "−£100,000"],
        ["Total funding", "2015/16", "414,971", "414,871", "−£100,000"]]
    # Where each changed figure appears: links to those pages, each of which shows the figure as it is now.
    listed = {" ".join(a.get_text(" ").split()): a["href"] for a in article.select("li a")}
    assert {"Home", "Money and activity", "Finance", "Plan on a page", "Meeting the NHS Constitution", "Planned care",
            "Performance"} <= set(listed)
    for title, href in listed.items():
        assert (site / href).is_file(), (title, href)
    assert "£414.9 million" in (site / listed["Home"]).read_text(encoding="utf-8")
    assert "88.5% (March 2014)" in (site / listed["Planned care"]).read_text(encoding="utf-8")
    put_in = [ins.get_text(" ", strip=True) for ins in article.select("ins")]
    assert put_in == ["put in: £414.9", "put in: rises, mostly"]


def test_the_plan_on_a_page_places_are_the_measures_it_shows(mid_essex_3_1):
    """The places list the plan on a page for the same measures as the poster itself picks."""
    checked = check_project(Project(mid_essex_3_1))
    poster = one_page(checked.data, headline_amounts(checked.data, checked.context.index), None, "")
    places = checked.since.layout.places
    listed = [m.name for m in checked.data.performance.measures
              if any(p.page == "Plan on a page" for p in places.get(f"performance.{m.id}.latest", [])
                     + places.get(f"performance.{m.id}.target", []))]
    assert sorted(listed) == sorted({m.name for p in poster.priorities for m in p.measures}) and listed


def test_percentages_move_by_percentage_points():
    assert difference_text(FigureChange("x", "A share", "%", "95.2", "88.5")) == "−6.7 percentage points"
    assert movement_text(FigureChange("x", "A share", "%", "88", "89")) == "up 1 percentage point"
    assert difference_text(FigureChange("x", "Money", "£000", "8753", "8653")) == "−£100,000"
    assert movement_text(FigureChange("x", "People", "people", "264630", "265100")) == "up 470 people"


def test_an_approval_record_of_the_first_format_still_compares(tmp_path, capsys):
    """A record written before periods were kept (format 1, as in approvals/ of plans approved then) loads,
    and its figures are shown from its value and unit by the site's own formatting."""
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    _approve(root)
    record = next((root / "approvals").glob("*.json"))
    raw = json.loads(record.read_text(encoding="utf-8"))
    assert raw["format"] == 1 and raw["figures"]["performance.a-and-e-4-hours.latest"]["period"] == "2013 Q1"
    for figure in raw["figures"].values():
        figure.pop("period", None)
    record.write_text(json.dumps(raw, indent=1, ensure_ascii=False), encoding="utf-8")
    _edit(root / "data" / "performance.yml", "        value: 94.2", "        value: 88.0")
    assert main(["diff", "--project", str(root), str(record), str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("  People seen in A&E within 4 hours: latest figure (performance.a-and-e-4-hours.latest)")
    assert lines[at + 1] == "    Was 94.2%, now 88.0% (2013 Q1): down 6.2 percentage points."
    assert lines[at + 2] == "    Where readers see it:"

    # The example plan's record of version 0.2, written by an earlier site_gen, compares too.
    example = copy_plan(REPO, tmp_path / "example")
    assert main(["diff", "--project", str(example), str(example / "approvals" / "version-0.2-2013-02-21.json"),
                 str(example)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Changes from the approval record ") and "  Our money and savings (content/money.md)" in said


def test_comparing_two_records_says_where_figures_are_shown_is_not_known(tmp_path, capsys):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    _approve(root)
    _edit(root / "data" / "plan.yml", "status: approved", "status: draft")
    _edit(root / "data" / "population.yml", "value: 264630", "value: 265100")
    _approve(root, "2014-04-24", "GB/14/052")
    first, second = sorted((root / "approvals").glob("*.json"))
    assert main(["diff", "--project", str(root), str(first), str(second)]) == 0
    said = capsys.readouterr().out
    assert "    Was 264,630 people, now 265,100 people: up 470 people." in said
    assert "not listed when the newer version is an approval record" in said and "Where readers see it" not in said


def test_a_version_diff_cannot_read_names_site_gen_diff(tmp_path, capsys):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    assert main(["diff", "--project", str(root), "papers-10"]) == 1
    said = capsys.readouterr().out
    assert "[version-unreadable]" in said and "Give site-gen diff a plan folder" in said
    assert "missing from the site" not in said
