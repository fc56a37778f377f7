"""A plan too large for Typst to lay out in one go is typeset in pieces and joined (pdf/pieces.py, pdf/join.py).
The example plan is built that way, with pieces made small, and its full plan must be the same document as
the one typeset whole: the same sheets with the same words (footers included), the same bookmarks, named
places and links landing on the same sheets, one structure tree with ids that are one to an element, and a
PDF/UA checker that finds nothing."""

from __future__ import annotations

import functools
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO, copy_plan, pdfua_findings

import site_gen.build
import site_gen.pdf.full_pdf
from site_gen.build import build
from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.pieces import cut
from site_gen.pdf.printable import PrintPage
from site_gen.project import Project

SMALL_PIECES = 20_000  # characters of page HTML: the example plan's pages fall into several pieces
MADE_FROM: list = []  # the pieces the in_pieces build typeset, with its date


def _full(root: Path) -> Path:
    return root / "build" / "site" / "downloads" / "plan.pdf"


@pytest.fixture(scope="module")
def in_pieces(tmp_path_factory, built_example) -> tuple[Path, Path, list[int]]:
    """The example's full plan typeset whole and in pieces, and the number of pieces it was made in."""
    made: list[int] = []
    typeset_in_pieces = site_gen.pdf.full_pdf.typeset_in_pieces

    def counted(pieces, *args):
        made.append(len(pieces.pages))
        MADE_FROM.append((pieces, args[2]))
        return typeset_in_pieces(pieces, *args)

    root = copy_plan(REPO, tmp_path_factory.mktemp("pieces") / "plan")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_gen.pdf.full_pdf, "typeset_in_pieces", counted)
        patch.setattr(site_gen.build, "render_full_aside",
                      functools.partial(site_gen.pdf.full_pdf.render_full_aside, piece_size=SMALL_PIECES))
        findings = build(Project(root))
    assert not [f for f in findings if f.severity.value == "error"], findings
    return _full(built_example), _full(root), made


def _sheet_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f")]


def _bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    sheet_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found = []

    def walk(items, depth: int) -> None:
        for item in items:
            found.append((depth, item.title, sheet_of[item.destination[0].objgen]))
            walk(item.children, depth + 1)
    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return found


def _places(pdf: pikepdf.Pdf) -> dict[str, int]:
    sheet_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    return {str(name): sheet_of[dest[0].objgen] for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}


def _links(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """Each link, by the sheet it is on and where it goes: a sheet's number, or an address."""
    places = _places(pdf)
    found = []
    for number, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                found.append((number, f"sheet {places[str(annotation.Dest)]}"))
            else:
                found.append((number, str(annotation.A.URI)))
    return found


def _elements(node) -> list:
    kids = node.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    found = []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            found += _elements(kid)
    return found


def test_the_plan_was_made_in_pieces(in_pieces):
    _, _, made = in_pieces
    assert made and made[0] >= 3


def test_every_sheet_reads_the_same_as_the_plan_made_whole(in_pieces):
    whole, pieces, _ = in_pieces
    expected, got = _sheet_texts(whole), _sheet_texts(pieces)
    assert len(got) == len(expected)
    for number, (want, have) in enumerate(zip(expected, got, strict=True), start=1):
        assert have == want, f"sheet {number}"
    assert all(f"Page {n} of {len(expected) - 1}" in text for n, text in enumerate(got[:-1], start=1))


def test_bookmarks_places_and_links_land_where_they_do_in_the_plan_made_whole(in_pieces):
    whole, pieces, _ = in_pieces
    with pikepdf.open(whole) as one, pikepdf.open(pieces) as joined:
        assert _bookmarks(joined) == _bookmarks(one)
        assert _places(joined) == _places(one)
        assert _links(joined) == _links(one)
        assert any(where.startswith("sheet") for _, where in _links(joined))
        assert not any("invalid" in where for _, where in _links(joined))


def test_one_structure_tree_with_ids_one_to_an_element(in_pieces):
    whole, pieces, _ = in_pieces
    with pikepdf.open(whole) as one, pikepdf.open(pieces) as joined:
        root = joined.Root.StructTreeRoot
        (document,) = _elements(pikepdf.Dictionary(K=root.K))[:1]
        assert document.S == "/Document" and len(_elements(root)) == len(_elements(document)) + 1
        assert all(kid.P.objgen == document.objgen for kid in document.K if isinstance(kid, pikepdf.Dictionary))
        elements = _elements(document)
        kinds = Counter(str(element.S) for element in elements)
        expected = Counter(str(element.S) for element in _elements(one.Root.StructTreeRoot))
        for kind in ("/Table", "/TH", "/TD", "/TR", "/Figure", "/H2", "/H3", "/L", "/LI"):
            assert kinds[kind] == expected[kind], kind
        ids = dict(pikepdf.NameTree(root.IDTree).items())
        assert len(ids) == sum(1 for element in elements if "/ID" in element)
        assert all(str(element.ID) == name for name, element in ids.items())
        headers = [str(h) for element in elements for attribute in
                   (element.A if isinstance(element.get("/A"), pikepdf.Array) else [element.get("/A")])
                   if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute for h in attribute.Headers]
        assert headers and all(name in ids for name in headers)
        # Each sheet's and each link's place in the map from marked content to structure is its own.
        keys = [int(page.StructParents) for page in joined.pages]
        keys += [int(a.StructParent) for page in joined.pages for a in page.get("/Annots", []) if "/StructParent" in a]
        assert len(keys) == len(set(keys))
        tree = dict(pikepdf.NumberTree(root.ParentTree).items())
        assert set(keys) <= set(tree) and int(root.ParentTreeNextKey) > max(keys)


def test_the_joined_plan_keeps_its_identity_and_passes_the_checker(in_pieces):
    _, pieces, _ = in_pieces
    with pikepdf.open(pieces) as joined:
        assert str(joined.Root.Lang) == "en"
        with joined.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1" and meta["dc:title"]
            assert meta["{http://ns.adobe.com/xap/1.0/t/pg/}NPages"] == str(len(joined.pages))
    assert pdfua_findings(pieces) == []


def test_the_same_pieces_join_to_the_same_bytes(in_pieces):
    _, pieces, _ = in_pieces
    root = pieces.parents[3]
    first = pieces.read_bytes()
    # The joined PDF is kept, under the digest of its pieces; without it, the kept pieces are joined again.
    joined = list(root.glob("build/.cache/*/pdf/full/*.pdf"))
    assert joined and list(root.glob("build/.cache/*/pdf/full/pieces/*.pdf"))
    for kept in joined:
        kept.unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_gen.build, "render_full_aside",
                      functools.partial(site_gen.pdf.full_pdf.render_full_aside, piece_size=SMALL_PIECES))
        findings = build(Project(root))
    assert not [f for f in findings if f.severity.value == "error"], findings
    assert _full(root).read_bytes() == first


def test_pieces_typeset_side_by_side_join_to_the_same_bytes_as_one_after_the_other(in_pieces, tmp_path, monkeypatch):
    import site_gen.pdf.pieces
    from site_gen.apart import run_apart

    _, built, made = in_pieces
    (pieces, source_date_epoch), = MADE_FROM
    assert len(pieces.pages) == made[0] > site_gen.pdf.pieces.AT_ONCE == 2
    monkeypatch.setattr(site_gen.pdf.pieces, "AT_ONCE", 1)
    one_after_the_other = site_gen.pdf.pieces.typeset_in_pieces(pieces, run_apart, tmp_path, source_date_epoch, None)
    assert one_after_the_other == built.read_bytes()


def test_a_piece_the_engine_refuses_stops_the_pieces_not_yet_started(in_pieces, tmp_path):
    import time

    from site_gen.apart import run_apart
    from site_gen.pdf.pieces import typeset_in_pieces
    from site_gen.pdf.typeset import TypesetFailed

    (pieces, source_date_epoch), = MADE_FROM
    started: list[dict] = []

    def refusing_the_first(task, files, *args):
        started.append(files)
        if len(started) == 1:
            time.sleep(0.3)  # the second piece is being typeset meanwhile
            raise TypesetFailed("refused")
        time.sleep(1)  # each piece after takes longer than the first takes to fail
        return run_apart(task, files, *args)

    with pytest.raises(TypesetFailed):
        typeset_in_pieces(pieces, refusing_the_first, tmp_path, source_date_epoch, None)
    # The first and second, and at most the one its process took up as the first failed: never all of them.
    assert 2 <= len(started) <= 3 < len(pieces.pages)


def _page(anchor: str, characters: int, pictures: int = 0) -> PrintPage:
    picture = '<img src="data:image/svg+xml;base64,' + "A" * 50_000 + '" alt="chart">'
    return PrintPage(anchor, f"{anchor}.md", anchor, None, "x" * characters + picture * pictures)


def test_pages_are_cut_in_reading_order_and_a_large_page_stands_alone():
    pages = [_page("a", 300), _page("b", 300), _page("c", 5_000), _page("d", 300), _page("e", 100, pictures=1)]
    plan = FullPlan("T", "O", "P", "1", "draft", "", None, None, None, pages)
    assert cut(plan, 500) == [[0, 1], [2], [3, 4]]
    assert cut(plan, 100_000) == [[0, 1, 2, 3, 4]]
    # A picture counts as a fixed amount of work, not the length of its data.
    assert cut(FullPlan("T", "O", "P", "1", "draft", "", None, None, None, [_page("e", 10, pictures=1)] * 3),
               4_500) == [[0, 1], [2]]


def test_a_task_run_apart_gives_its_result_or_its_exception():
    import os

    from site_gen.apart import TaskFailed, run_apart

    assert run_apart(int, "12") == 12
    with pytest.raises(ValueError, match="invalid literal"):
        run_apart(int, "twelve")
    with pytest.raises(TaskFailed, match="exit status 3"):
        run_apart(os._exit, 3)


def test_a_piece_the_engine_refuses_stops_the_build_and_keeps_the_last_good_site(in_pieces):
    from site_gen.project import default_templates_dir

    _, pieces, _ = in_pieces
    root = pieces.parents[3]
    kept = pieces.read_bytes()
    own = root / "templates" / "print" / "plan.typ"
    own.parent.mkdir(parents=True, exist_ok=True)
    # Only the pieces of pages read content.typ: the cover and contents, made after, never start.
    own.write_text((default_templates_dir() / "print" / "plan.typ").read_text(encoding="utf-8")
                   .replace('include "content.typ"', 'include "content.typ"; image("missing.png")', 1),
                   encoding="utf-8")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(site_gen.build, "render_full_aside",
                          functools.partial(site_gen.pdf.full_pdf.render_full_aside, piece_size=SMALL_PIECES))
            findings = build(Project(root))
    finally:
        own.unlink()  # the other tests read this project's build
    failed = [f for f in findings if f.code == "build-failed"]
    assert len(failed) == 1 and "file not found" in failed[0].message, findings
    assert pieces.read_bytes() == kept
