"""What a reader should know about a file before downloading it: its type, paper size, number of pages and
size, as in "PDF, A4, 72 pages, 1.4 MB". The PDFs are typeset while MkDocs builds the pages, so the pages
carry a marker where the facts go, and the facts are written in once the PDFs are ready."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

import pikepdf

# The marker a theme template leaves: the file's path in the site, and what to show if the file is not made.
FACTS_MARKER = re.compile(r'<span class="file-facts" data-file="([^"<>]+)">([^<]*)</span>')
# Paper sizes in points (1/72 inch), portrait, and how far a page may be from one and still be called it.
PAPER = {"A3": (842, 1191), "A4": (595, 842), "A5": (420, 595)}
TOLERANCE = 3


def size_text(size: int) -> str:
    """A file's size as people read it: "180 KB", "1.4 MB" (1 KB is 1,024 bytes, as computers show it)."""
    kilobytes = size / 1024
    if kilobytes < 1:
        return "1 KB"
    if kilobytes < 1000:
        return f"{round(kilobytes)} KB"
    megabytes = kilobytes / 1024
    return f"{megabytes:.1f} MB" if megabytes < 100 else f"{round(megabytes)} MB"


def pages_text(count: int) -> str:
    return "1 page" if count == 1 else f"{count:,} pages"


def paper_name(width: float, height: float) -> str | None:
    """A3, A4 or A5 for a page of that size, either way up; None for any other."""
    short, long = sorted((width, height))
    return next((name for name, (w, h) in PAPER.items()
                 if abs(short - w) <= TOLERANCE and abs(long - h) <= TOLERANCE), None)


def pdf_facts(data: bytes) -> str:
    """"PDF, A4, 72 pages, 1.4 MB": the paper is named when every page is the same known size."""
    with pikepdf.open(io.BytesIO(data)) as document:
        count = len(document.pages)
        papers = {paper_name(float(box[2]) - float(box[0]), float(box[3]) - float(box[1]))
                  for box in (page.mediabox for page in document.pages)}
    paper = next(iter(papers)) if len(papers) == 1 else None
    return ", ".join(["PDF", *([paper] if paper else []), pages_text(count), size_text(len(data))])


def fill_facts(html: str, facts: Callable[[str], str | None]) -> str:
    """Each marker with the facts of its file in brackets, or left as written when the file has none."""
    def filled(match: re.Match) -> str:
        known = facts(match.group(1))
        inner = f"({escape(known)})" if known else match.group(2)
        return f'<span class="file-facts" data-file="{match.group(1)}">{inner}</span>'
    return FACTS_MARKER.sub(filled, html)


def write_file_facts(site_dir: Path, paths: list[str]) -> None:
    """Write the facts of each of these PDFs (paths in the site) into every page that marks a place for
    them. Runs before the site's manifest is made, so the pages' hashes are those of the finished pages."""
    known = {path: pdf_facts((site_dir / path).read_bytes()) for path in paths if (site_dir / path).is_file()}
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="file-facts"' not in html:
            continue
        # Written beside and moved into place: in a preview the page may be the last site's own file, linked
        # in (site/incremental.py), which must not change.
        written = page.with_name(page.name + ".facts")
        written.write_text(fill_facts(html, known.get), encoding="utf-8")
        written.replace(page)
