"""The full plan is laid out in parts and joined (site_gen/pdf/parts.py, site_gen/pdf/join.py): the
joined PDF reads as one document, with links between parts that land on the right sheet, and a later
build lays out again only the part holding the page that changed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
from conftest import REPO, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pdf.parts import ELSEWHERE, link_across, parts, size
from site_gen.pdf.printable import PrintPage
from site_gen.project import Project


def _page(name: str, words: int) -> PrintPage:
    return PrintPage(f"page-{name}", name, None, f'<h1 id="page-{name}--top">{name}</h1><p>{"word " * words}</p>')


def test_parts_keep_reading_order_and_each_ends_with_the_page_that_fills_it():
    pages = [_page(f"p{n}", words) for n, words in enumerate([10, 500, 20, 30, 2000, 5, 5])]
    pieces = parts(pages, part_size=2500)
    assert [page for piece in pieces for page in piece] == pages
    for piece in pieces[:-1]:
        assert sum(size(page) for page in piece) >= 2500
        assert sum(size(page) for page in piece[:-1]) < 2500


def test_a_small_edit_leaves_every_other_cut_where_it_was():
    pages = [_page(f"p{n}", 300 + 37 * (n % 5)) for n in range(40)]
    before = [piece[-1].anchor for piece in parts(pages, part_size=6000)]
    pages[11] = _page("p11", 320 + 37)
    after = [piece[-1].anchor for piece in parts(pages, part_size=6000)]
    assert len(before) > 4 and before == after


def test_a_chart_counts_as_a_fixed_amount_however_long_its_picture():
    long_picture = PrintPage("page-a", "a", None, '<p>x</p><img src="data:image/svg+xml;base64,' + "A" * 90_000 + '">')
    assert size(long_picture) < 5_000


def test_links_to_other_parts_point_elsewhere_and_the_rest_are_left():
    html = '<h2 id="here">x</h2><a href="#here">a</a><a href="#there">b</a><a href="#nowhere">c</a>'
    out = link_across(html, {"here", "there"})
    assert '<a href="#here">' in out and '<a href="#nowhere">' in out
    assert f'<a href="{ELSEWHERE}there">' in out


def _text_of_sheet(pdf: Path, number: int) -> str:
    return " ".join(subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())


def _layout_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def _part_files(root: Path) -> dict[str, float]:
    return {path.name: path.stat().st_mtime_ns for path in (root / "build" / ".cache").glob("*/pdf/parts/*.pdf")}


def _pages_in(root: Path, names: set[str]) -> set[str]:
    """The pages laid out in the named part files."""
    found = set()
    for path in (root / "build" / ".cache").glob("*/pdf/parts/*.pdf"):
        if path.name in names:
            with pikepdf.open(path) as part:
                found |= {str(name) for name, _ in pikepdf.NameTree(part.Root.Names.Dests).items()}
    return found


def test_the_example_is_joined_from_parts_and_every_link_lands_on_its_place(built_example):
    assert len(_part_files(built_example)) >= 2, "the example plan should be laid out in more than one part"
    pdf = built_example / "build" / "site" / "downloads" / "plan.pdf"
    with pikepdf.open(pdf) as document:
        places = {str(name): dest for name, dest in pikepdf.NameTree(document.Root.Names.Dests).items()}
        sheet = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        links = []
        for page in document.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                assert "site-gen.invalid" not in str(action.get("/URI", "") if action is not None else "")
                if "/Dest" in annotation:
                    links.append(str(annotation.Dest))
        assert len(links) > 100 and all(name in places for name in links)
        # The contents, on sheet 2, links to every page, each in another part than the contents: each
        # link lands on the sheet whose number the contents prints beside it.
        # WeasyPrint makes one link for each piece of a line (title, leader, number), so repeats are dropped.
        contents = list(dict.fromkeys(str(a.Dest) for a in document.pages[1].Annots if "/Dest" in a))
        printed = [int(number) for number in re.findall(r"\.{3,}\s*(\d+)$", _layout_text(pdf, 2), re.M)]
        assert len(contents) == len(printed) > 30
        assert [sheet[places[name][0].objgen] for name in contents] == printed
        assert _text_of_sheet(pdf, sheet[places["page-versions"][0].objgen]).startswith("Version history")


def test_an_edit_to_one_page_lays_out_only_its_part_again(tmp_path):
    root = copy_plan(REPO, tmp_path / "plan")
    assert not has_errors(build(Project(root)))
    before = _part_files(root)
    page = root / "content" / "partners.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nWe meet our partners each month.\n", encoding="utf-8")
    assert not has_errors(build(Project(root)))
    after = _part_files(root)
    kept = {name for name in before if after.get(name) == before[name]}
    # The edited page's part is laid out again, and so is the version history's, which names the build;
    # the part with the performance and finance pages, the largest, is used as it was.
    assert len(after) == len(before) >= 3
    assert "page-partners" not in _pages_in(root, kept) and "page-performance" in _pages_in(root, kept)
    text = subprocess.run(["pdftotext", str(root / "build" / "site" / "downloads" / "plan.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "We meet our partners each month." in " ".join(text.split())
