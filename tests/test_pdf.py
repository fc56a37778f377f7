"""Both PDFs, opened and read: the plan on a page is one tagged PDF/UA-1 page with the plan's words,
and a clear refusal when it would not fit; the full plan has a cover, a contents list whose page numbers
are right, every page of the site in order, figures with alternative text, header rows on every sheet a
table runs across, and a running footer. Same inputs, same bytes; a watermark is never read out."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import pikepdf
from conftest import FIXTURES, REPO, copy_plan, pdfua_findings

from site_gen.approval.record import Decision, approve
from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project


def _pdf(root: Path) -> Path:
    return root / "build" / "site" / "downloads" / "plan-on-a-page.pdf"


def _full(root: Path) -> Path:
    return root / "build" / "site" / "downloads" / "plan.pdf"


def _text(pdf: Path, first: int | None = None, last: int | None = None, mode: str = "-layout") -> str:
    """The PDF's text: -layout keeps lines as laid out; -raw keeps the order it is drawn in, so the
    words of a table cell stay together. A word broken at a soft hyphen (a narrow table's heading) is read
    whole, as a screen reader reads it."""
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    text = subprocess.run(["pdftotext", mode, *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub("\u00ad\\s*", "", text)


def _kids(node) -> list:
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    return [kids] if isinstance(kids, pikepdf.Dictionary) else []


def _elements(node, kind: str) -> list:
    """Every structure element of one kind, in document order."""
    found = [node] if node.get("/S") == kind else []
    for kid in _kids(node):
        found += _elements(kid, kind)
    return found


def _pages_of(node, numbers: dict) -> set[int]:
    found = {numbers[node.Pg.objgen]} if "/Pg" in node else set()
    for kid in _kids(node):
        found |= _pages_of(kid, numbers)
    return found


_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}
_TEXT = {"Tj", "TJ", "'", '"'}


def _background(page) -> tuple[int, int]:
    """How many shapes a sheet paints, and how many runs of text it shows, in its background: marked
    content that is an artifact of type Background, where the watermark is drawn."""
    painted = shown = 0
    stack: list[bool] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BMC", "BDC"):
            kind = operands[1].get("/Type") if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else None
            stack.append((str(operands[0]) == "/Artifact" and str(kind) == "/Background") or bool(stack and stack[-1]))
        elif name == "EMC" and stack:
            stack.pop()
        elif stack and stack[-1]:
            painted += name in _PAINT
            shown += name in _TEXT
    return painted, shown


def test_the_plan_on_a_page_is_one_tagged_page_with_language_and_title(built_example):
    with pikepdf.open(_pdf(built_example)) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == "Integrated Plan 2013-15: plan on a page"
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (420, 297)  # A3 landscape


def test_the_page_holds_the_vision_every_priority_and_the_draft_mark(built_example):
    text = subprocess.run(["pdftotext", "-raw", str(_pdf(built_example)), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = " ".join(text.split())
    data = check_project(Project(built_example)).data
    assert " ".join(data.plan.vision.split()[:6]) in words
    for priority in data.priorities.priorities:
        if priority.kind == "priority":
            assert priority.title in words
    assert "Draft version 0.3, not approved" in words
    with pikepdf.open(_pdf(built_example)) as pdf:
        assert _background(pdf.pages[0])[0] >= 5  # the DRAFT mark, drawn


def test_the_same_inputs_give_the_same_pdf(tmp_path):
    first = copy_plan(FIXTURES / "good-complete", tmp_path / "a")
    second = copy_plan(FIXTURES / "good-complete", tmp_path / "b")
    for root in (first, second):
        assert not has_errors(build(Project(root)))
    assert _pdf(first).read_bytes() == _pdf(second).read_bytes()
    assert _full(first).read_bytes() == _full(second).read_bytes()


def test_a_page_that_would_overflow_is_refused_with_the_column_and_how_far(tmp_path):
    root = copy_plan(FIXTURES / "pdf-overflow", tmp_path / "plan")
    assert not has_errors(check_project(Project(root)).findings)
    findings = build(Project(root))
    overflow = [f for f in findings if f.code == "page-overflow"]
    assert len(overflow) == 1 and overflow[0].location.file == "data/plan.yml"
    assert '14 of its 14 priorities need more than the' in overflow[0].message
    assert "mm too much" in overflow[0].message
    assert findings[-1].code == "build-failed" and not (root / "build" / "site").exists()


def test_the_watermark_is_an_artifact_so_a_screen_reader_does_not_read_it(built_example):
    with pikepdf.open(_pdf(built_example)) as pdf:
        # Drawn in the background, marked as an artifact, as its letters' outlines: no text to read out or copy.
        painted, shown = _background(pdf.pages[0])
        assert painted >= 5 and shown == 0
    assert "DRAFT" not in _text(_pdf(built_example), mode="-raw")


def test_the_full_plan_is_tagged_a4_with_language_title_and_pdf_ua_mark(built_example):
    with pikepdf.open(_full(built_example)) as pdf:
        assert len(pdf.pages) > 40
        assert str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1" and meta["dc:title"] == "Integrated Plan 2013-15"
        for page in pdf.pages:
            width, height = (float(v) for v in page.MediaBox[2:])
            assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4 portrait
        assert len(pdf.open_outline().root) > 20  # a bookmark for each page of the site


def test_the_contents_lists_every_page_of_the_site_in_order_with_the_right_page_numbers(built_example):
    from site_gen.render.generated import OUTSIDE_NAV

    pdf = _full(built_example)
    contents = re.findall(r"^\s*(\S.*?)\s?\.{3,}\s*(\d+)$", _text(pdf, 2, 2), re.M)
    titles = [title for title, _ in contents]
    html = (built_example / "build" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert len(titles) == html.count("<loc>") - len(OUTSIDE_NAV)  # every page but those kept out of the menu
    # The example names changes_since: its changes come first, straight after the contents.
    assert titles[:4] == ["Changes since version 0.2", "Integrated Plan 2013-15", "About us", "Our strategy"]
    assert titles[-1] == "Downloads"
    assert "Version history" in titles
    numbers = [int(number) for _, number in contents]
    assert numbers == sorted(numbers) and numbers[0] == 3
    for title, number in contents:
        sheet = " ".join(_text(pdf, int(number), int(number)).split())
        assert sheet.startswith(title), (title, number)  # the heading, perhaps over two lines, comes first


def test_the_full_plan_has_the_vision_every_priority_and_the_version_history(built_example):
    words = " ".join(_text(_full(built_example), mode="-raw").split())
    data = check_project(Project(built_example)).data
    assert " ".join(data.plan.vision.split()) in words
    for priority in data.priorities.priorities:
        assert priority.title in words
    for entry in data.plan.version_history:
        assert " ".join(entry.summary.split()) in words
    assert "Approval record" in words and "Decision put off to a later meeting Not recorded bac0025 GB/13/012" in words


def test_every_figure_has_alternative_text_and_every_chart_is_there(built_example):
    data = check_project(Project(built_example)).data
    with pikepdf.open(_full(built_example)) as pdf:
        figures = _elements(pdf.Root.StructTreeRoot, "/Figure")
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
        alternatives = [str(figure.Alt) for figure in figures]
        for chart in data.charts.charts:
            assert any(alt.startswith(chart.title) for alt in alternatives), chart.id


def _header_rows_of(page: Path) -> list[str]:
    """The words of each table's header row on one page of the site, each as one line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [" ".join(head.get_text(" ").split()) for head in soup.select("table thead tr")]


def _header_rows(site: Path) -> set[str]:
    """The words of every table's header row on the site, each as one line."""
    return {row for page in site.rglob("*.html") for row in _header_rows_of(page)}


def test_a_table_that_runs_onto_another_sheet_repeats_its_header_row_there(built_example):
    pdf = _full(built_example)
    with pikepdf.open(pdf) as document:
        numbers = {page.objgen: n for n, page in enumerate(document.pages, start=1)}
        pieces = _elements(document.Root.StructTreeRoot, "/Table")
        spans = []
        for piece in pieces:
            head, body = _elements(piece, "/THead"), _elements(piece, "/TBody")
            assert head and _elements(head[0], "/TH"), "a table has no header row"
            if len(_pages_of(body[0], numbers)) > 1:
                spans.append(sorted(_pages_of(body[0], numbers)))
        attributes = [th.A for th in _elements(document.Root.StructTreeRoot, "/TH")]
        scopes = {str(a.get("/Scope")) for each in attributes
                  for a in (each if isinstance(each, pikepdf.Array) else [each]) if isinstance(a, pikepdf.Dictionary)}
        assert "/Column" in scopes
    assert len(spans) >= 3  # the example has tables long enough to run onto another sheet
    headers = _header_rows(built_example / "build" / "site")
    for sheets in spans:
        texts = [" ".join(_text(pdf, sheet, sheet, mode="-raw").split()) for sheet in sheets]
        # The table's header row is one of the site's, printed on its first sheet and again on every other.
        repeated = [row for row in headers if all(row in text for text in texts)]
        assert repeated, f"no header row is printed on every sheet of the table on sheets {sheets}"


def test_no_table_heading_runs_into_the_heading_beside_it(built_example):
    """A table of many figures has narrow columns: a heading's word wider than its column once ran into its
    neighbour's ("forecastdownside"). Now it is broken with a soft hyphen, so no word printed is two words of
    one header row run together."""
    rows = [[word.lower() for word in row.split()] for row in _header_rows(built_example / "build" / "site")]
    assert any(len(row) > 12 for row in rows), "the example has a table of many columns"
    site = built_example / "build" / "site"
    printed = set(_words(_text(_full(built_example), mode="-nopgbrk")))  # words as they sit, side by side
    shown = {word for page in site.rglob("*.html") if "<article" in page.read_text(encoding="utf-8")
             for word in _site_words(page)}
    run_together = {first + second for row in rows for first in row for second in row if first != second}
    assert not (printed - shown) & run_together  # ("healthcare" is a word of the site's own)


def test_every_sheet_has_the_running_footer_with_version_status_and_page_of(built_example):
    pdf = _full(built_example)
    with pikepdf.open(pdf) as document:
        total = len(document.pages)
        for page in document.pages:
            # The DRAFT watermark: drawn in the background, marked as an artifact, as its letters' outlines
            # rather than text, so that text copied from the sheet never picks up its letters.
            painted, shown = _background(page)
            assert painted >= 5 and shown == 0
    sheets = _text(pdf).split("\f")[:total]
    for number, sheet in enumerate(sheets, start=1):
        assert f"Page {number} of {total}" in sheet
        assert "DRAFT" not in sheet and not re.search(r"^\s*[DRAFT]\s*$", sheet, re.M)
        assert "Draft version 0.3, not approved (build " in " ".join(sheet.split())


def test_an_approved_plan_carries_no_watermark_or_draft_mark(tmp_path):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    recorded, _ = approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 3, 27),
                                                  "GB/2014/031"))
    assert recorded == []
    findings = build(Project(root))
    assert not has_errors(findings), findings
    for pdf in (_pdf(root), _full(root)):
        words = " ".join(_text(pdf).split())
        assert "DRAFT" not in words and "not approved" not in words
        with pikepdf.open(pdf) as document:
            assert _background(document.pages[0]) == (0, 0)  # no watermark drawn
    assert "GB/2014/031" in " ".join(_text(_full(root), mode="-raw").split())


def test_a_pdf_ua_checker_finds_nothing_in_either_pdf(built_example):
    for pdf in (_pdf(built_example), _full(built_example)):
        assert pdfua_findings(pdf) == []


def test_plan_yml_chooses_the_blocks_and_the_statistics_and_a_wrong_id_is_reported(tmp_path):
    from site_gen.pdf.onepage import one_page
    from site_gen.render.pages import headline_amounts

    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    checked = check_project(Project(root))
    page = one_page(checked.data, headline_amounts(checked.data, checked.context.index), None, "Draft")
    # The plan chose partners and population and left out its values; a priority of its own shows its measures.
    assert [block.id for block in page.band] == ["money", "milestones", "population", "partners", "contact"]
    assert page.vision and [p.title for p in page.priorities][:2] == ["Starting well", "Staying fit and healthy"]
    assert any(p.measures for p in page.priorities)
    population = page.band[2]
    assert population.items[0] == ("9,900 children", "Children living in poverty in Mid Essex")
    assert [label for _, label in population.items][1].startswith("Years of life lost by women")
    assert "Mid Essex Hospital Services NHS Trust" in page.band[3].items
    money = page.band[0].items
    assert money[0].text == "£399.4 million" and max(f.share for f in money if f.share is not None) == 1.0

    plan_file = root / "data" / "plan.yml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("- years-lost-women", "- years-lost-woman"),
                         encoding="utf-8")
    wrong = [f for f in check_project(Project(root)).findings if f.code == "unknown-reference"]
    assert len(wrong) == 1 and wrong[0].location.file == "data/plan.yml"
    assert "'years-lost-woman'. Did you mean 'years-lost-women'" in wrong[0].message


def test_every_link_inside_the_full_plan_lands_on_the_sheet_it_names(built_example):
    pdf = _full(built_example)
    with pikepdf.open(pdf) as document:
        places = {str(name): dest for name, dest in pikepdf.NameTree(document.Root.Names.Dests).items()}
        sheet = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        links = [str(annotation.Dest) for page in document.pages for annotation in page.get("/Annots", [])
                 if "/Dest" in annotation]
        assert len(links) > 100 and all(name in places for name in links)
        # The contents, on sheet 2, links to every page: each link lands on the sheet whose number the
        # contents prints beside it, and that sheet starts with the page's title.
        contents = list(dict.fromkeys(str(a.Dest) for a in document.pages[1].Annots if "/Dest" in a))
        entries = re.findall(r"^\s*(\S.*?)\s?\.{3,}\s*(\d+)$", _text(pdf, 2, 2), re.M)
        assert len(contents) == len(entries) > 30
        assert [sheet[places[name][0].objgen] for name in contents] == [int(number) for _, number in entries]
        landed = sheet[places["page-versions"][0].objgen]
    assert " ".join(_text(pdf, landed, landed).split()).startswith("Version history")


def _site_words(html: Path) -> list[str]:
    """The words of a site page's content as a reader sees it: without the page's footer (when it was
    updated, how to report a problem), heading anchors and the screen-only parts."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article")
    # A drawing's title and description are its alternative text, which the PDF keeps as the figure's Alt.
    for element in main.select(".page-footer, .headerlink, .chart-narrow, summary, script, style, svg title, svg desc"):
        element.decompose()
    for element in main.select("abbr, a, span, strong, em, sub, sup, time, del, ins, code"):
        element.unwrap()  # inline elements: their words run on, as printed ("GPs", not "GP s")
    soup.smooth()
    return _words(main.get_text(" "))


def _words(text: str) -> list[str]:
    """Words, lower case, without the punctuation at their ends. A number with a full stop alone ("1.") is left
    out on both sides: the PDF prints a numbered list's numbers, the site draws them, and either may number
    a heading."""
    tokens = [token for token in text.split() if not re.fullmatch(r"\d{1,3}\.", token)]
    return [word for word in (re.sub(r"^\W+|\W+$", "", token).lower() for token in tokens) if word]


def _sheet_words(pdf: Path, first: int, last: int, headers: list[list[str]]) -> list[str]:
    """The words of a run of sheets as read in order, without the running footer, list markers, the
    hyphens that break a word across two lines, and the header rows a table repeats at the top of a sheet
    it runs onto."""
    words: list[str] = []
    with pikepdf.open(pdf) as document, document.open_metadata() as meta:
        head = re.compile(r"\A\s*" + re.escape(str(meta["dc:title"])) + r" · [^\n]*\n")
    for number in range(first, last + 1):
        text = _text(pdf, number, number, mode="-raw")
        text = re.sub(r"^.*Page \d+ of \d+\s*$", "", text, flags=re.M)
        text = head.sub("", text) if number > first else text  # the running head, on every sheet but a page's first
        text = re.sub(r"^\s*•\s+", "", text, flags=re.M)
        sheet = _words(re.sub(r"(\w)-\n(\w)", r"\1-\2", text))
        repeated = [row for row in headers if row and sheet[:len(row)] == row]
        if number > first and repeated:
            sheet = sheet[len(max(repeated, key=len)):]
        words += sheet
    return words


def test_each_page_of_the_full_plan_says_what_the_site_page_says(built_example):
    pdf, site = _full(built_example), built_example / "build" / "site"
    with pikepdf.open(pdf) as document:
        total = len(document.pages)
        sheet = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        starts = sorted((sheet[dest[0].objgen], str(name)) for name, dest
                        in pikepdf.NameTree(document.Root.Names.Dests).items() if str(name).startswith("page-"))
    assert len(starts) > 30
    for index, (first, anchor) in enumerate(starts):
        last = starts[index + 1][0] - 1 if index + 1 < len(starts) else total
        html = site / (anchor.removeprefix("page-").replace("--", "/") + ".html")
        headers = [_words(row) for row in _header_rows_of(html)]
        assert _sheet_words(pdf, first, last, headers) == _site_words(html), anchor
