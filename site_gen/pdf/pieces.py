"""A large plan's full PDF made in pieces. Typst keeps every sheet it has laid out, and all it measured
on the way, until the process that ran it ends: about 2 MiB a sheet of tables, so a plan of a thousand sheets
would need some 2 GiB at once. So the pages of a large plan are cut into pieces, each typeset in a process of
its own (apart.py); then the cover and contents, which by then know the sheet each page starts on; then a
document of footers, one sheet for each sheet of the plan. pdf/join.py joins them into one PDF, taking in
each piece while the next is typeset. Each piece is made from the same template as a plan made whole
(templates/print/plan.typ), told which piece it is."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.pdf.places import sheets_and_places
from site_gen.pdf.typeset import cache_key, cached_typeset, keep_pdf, kept_pdf
from site_gen.pdf.typst_markup import ELSEWHERE

if TYPE_CHECKING:  # this module is read by each fresh worker process, so it imports only what it runs
    from collections.abc import Callable

    from site_gen.pdf.fullplan import FullPlan
    from site_gen.pdf.printable import PrintPage

# Characters of page HTML in one piece, a picture counted as PICTURE_SIZE: about 150 A4 sheets of text and
# tables, which Typst lays out in some 250 MiB. A page larger than this is a piece on its own.
PIECE_SIZE = 450_000
PICTURE_SIZE = 4_000  # a chart's drawing costs about as much to lay out as this much text
# Pieces typeset side by side. Typst already lays out a piece on more than one thread, so two at once take
# about three quarters of the time of one after the other, while MkDocs builds the site beside them; and the
# memory of two pieces, with the join's and the build's, stays under 1 GiB for a plan of 300 pages.
AT_ONCE = 2
_PICTURE = re.compile(r'src="data:[^"]*"')
_PICTURE_FILE = re.compile(r'image\("((?:pictures|content)/[^"\\]+)"')


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    anchor: str  # the label of the page's title heading, and the PDF's named place for the page
    indented: bool


def size(page: PrintPage) -> int:
    pictures = _PICTURE.findall(page.html)
    return len(page.html) - sum(len(picture) for picture in pictures) + PICTURE_SIZE * len(pictures)


def cut(plan: FullPlan, piece_size: int = PIECE_SIZE) -> list[list[int]]:
    """The pages' numbers in pieces of about piece_size each, in reading order. A piece ends after the page
    that fills it, so an edit that changes one page's size a little leaves every cut where it was."""
    pieces: list[list[int]] = [[]]
    filled = 0
    for number, page in enumerate(plan.pages):
        if filled >= piece_size:
            pieces.append([])
            filled = 0
        pieces[-1].append(number)
        filled += size(page)
    return pieces


def files_shown(content: str, files: dict[str, bytes]) -> dict[str, bytes]:
    """The pictures a piece's pages show, of all the document's files. A file named only in a page's words
    (which can hold any text) is added for nothing, and does no harm."""
    return {name: files[name] for name in sorted(set(_PICTURE_FILE.findall(content))) if name in files}


@dataclass(frozen=True)
class Pieces:
    """What the pieces are made from: the facts the template reads (plan.json), the files every piece has
    (the template, the watermark), each piece's pages as Typst with the pictures they show, and the
    contents' entries."""

    facts: dict
    shared: dict[str, bytes]
    pages: list[dict[str, bytes]]
    entries: list[ContentsEntry]

    def _files(self, part: str, **facts) -> dict[str, bytes]:
        data = self.facts | {"part": part} | facts
        return self.shared | {"plan.json": json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")}

    def piece(self, number: int) -> dict[str, bytes]:
        return self._files("pages") | self.pages[number]

    def front(self, first_sheets: dict[str, int]) -> dict[str, bytes]:
        """The cover and contents; first_sheets gives the sheet each page starts on among the pages, from 1."""
        contents = [{"title": entry.title, "address": ELSEWHERE + entry.anchor, "indented": entry.indented,
                     "sheet": first_sheets[entry.anchor]} for entry in self.entries]
        return self._files("front", contents=contents)

    def footers(self, sheets: int, first_sheets: dict[str, int], front_sheets: int) -> dict[str, bytes]:
        """A sheet for each sheet of the plan, with its footer and running head; first_sheets as for front."""
        # heads, each page's start, is what a plan's own template made from an earlier default reads instead.
        heads = [{"title": entry.title, "indented": entry.indented, "sheet": front_sheets + first_sheets[entry.anchor],
                  "home": entry.anchor == self.facts.get("home")} for entry in self.entries]
        return self._files("footers", sheets=sheets, heads=heads,
                           running=self.running_heads(sheets, first_sheets, front_sheets))

    def running_heads(self, sheets: int, first_sheets: dict[str, int], front_sheets: int) -> list[str | None]:
        """The section named at the head of each sheet, from the first, as the template finds it in a plan made
        whole (templates/print/plan.typ): none on the front's sheets, on a sheet where a page starts or on the
        home page's; else the section of the last page started. Worked out here, once, since the template would
        look through every page's start for every sheet: most of the time the footers took."""
        home = self.facts.get("home")
        starts = iter([(front_sheets + first_sheets[entry.anchor], entry) for entry in self.entries] + [(sheets + 1, None)])
        coming = next(starts)
        heads: list[str | None] = []
        latest: tuple[int, ContentsEntry] | None = None
        section: ContentsEntry | None = None
        for sheet in range(1, sheets + 1):
            while coming[0] <= sheet:  # the pages that start by this sheet, in order
                latest = coming
                section = latest[1] if not latest[1].indented else section
                coming = next(starts)
            heads.append(None if latest is None or latest[0] == sheet or latest[1].anchor == home
                         or section is None or section.anchor == home else section.title)
        return heads

    def key(self, source_date_epoch: int) -> str:
        """The name the joined PDF is kept under: the same pieces give the same PDF."""
        entries = json.dumps([[e.title, e.anchor, e.indented] for e in self.entries], ensure_ascii=False)
        keys = [cache_key(self.piece(n), "plan.typ", source_date_epoch) for n in range(len(self.pages))]
        return cache_key(self._files("joined") | {"entries": entries.encode("utf-8"), "pieces": " ".join(keys).encode()},
                         "plan.typ", source_date_epoch)


def pieces_of(facts: dict, shared: dict[str, bytes], contents: list[str], pictures: dict[str, bytes],
              entries: list[ContentsEntry]) -> Pieces:
    pages = [{"content.typ": text.encode("utf-8")} | files_shown(text, pictures) for text in contents]
    logo = {facts["logo"]: pictures[facts["logo"]]} if facts.get("logo") in pictures else {}
    return Pieces(facts, shared | logo, pages, entries)


def typeset_piece(files: dict[str, bytes], work_dir: Path, source_date_epoch: int, cache_dir: Path | None,
                  keep: int) -> tuple[bytes, int, dict[str, int]]:
    """Run apart: one piece as PDF, its number of sheets, and the sheet (from 0) of each named place."""
    pdf = cached_typeset(files, "plan.typ", work_dir, source_date_epoch, cache_dir, keep=keep)[0]
    return (pdf, *sheets_and_places(pdf))


def typeset_in_pieces(pieces: Pieces, run: Callable, work_dir: Path, source_date_epoch: int,
                      cache_dir: Path | None) -> bytes:
    """The full plan from its pieces: run(task, *args) runs each step in a process of its own, and is called
    from AT_ONCE threads at once. Each piece is kept in cache_dir/pieces, those of the last two builds, and
    the joined PDF in cache_dir."""
    from concurrent.futures import ThreadPoolExecutor

    from site_gen.pdf.join import JoinProcess

    key = pieces.key(source_date_epoch)
    kept = kept_pdf(cache_dir, key)
    if kept is not None:
        return kept
    piece_cache, keep = (cache_dir / "pieces" if cache_dir else None), 2 * (len(pieces.pages) + 2)
    first_sheets: dict[str, int] = {}
    sheets_before = 0
    # The join takes in each piece, in order, while the next are typeset, in its own process: holding all that
    # is joined and the layout of two pieces at once stays within the memory of Typst laying out the whole
    # plan in pieces.
    with JoinProcess() as joining, ThreadPoolExecutor(AT_ONCE, thread_name_prefix="piece") as typesetting:
        typeset = [typesetting.submit(run, typeset_piece, pieces.piece(number), work_dir, source_date_epoch,
                                      piece_cache, keep) for number in range(len(pieces.pages))]
        try:
            for piece in typeset:
                pdf, sheets, places = piece.result()
                joining.piece(pdf)
                first_sheets |= {entry.anchor: sheets_before + places[entry.anchor] + 1
                                 for entry in pieces.entries if entry.anchor in places}
                sheets_before += sheets
        except BaseException:
            for piece in typeset:
                piece.cancel()  # a piece that fails stops the rest: none not yet started is typeset for nothing
            raise
        # The cover and contents, then the footers of all the sheets, theirs and the pages', each in a process
        # of its own: Typst holds what it laid out until its process ends.
        front, front_sheets, _ = run(typeset_piece, pieces.front(first_sheets), work_dir, source_date_epoch,
                                     piece_cache, keep)
        footers = run(typeset_piece, pieces.footers(front_sheets + sheets_before, first_sheets, front_sheets),
                      work_dir, source_date_epoch, piece_cache, keep)[0]
        pdf = joining.finish(front, footers)
    keep_pdf(cache_dir, key, pdf)
    return pdf
