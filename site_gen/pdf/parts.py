"""The full plan cut into parts (pure). WeasyPrint holds every laid-out sheet of a document in memory
until it writes the PDF, about 2 MiB a sheet, and uses one core; a plan of a thousand sheets would need
gigabytes and minutes. So the pages are laid out in parts, each its own small document, side by side
on the machine's cores, and joined afterwards (pdf/join.py). A part kept from an earlier build is used
again, so an edit to one page lays out only its part."""

from __future__ import annotations

import re

from site_gen.pdf.printable import PrintPage

# Characters of page HTML in one part, pictures not counted: about 60 A4 sheets of text and tables,
# which WeasyPrint lays out in some 150 MiB. A single page larger than this is a part on its own.
PART_SIZE = 150_000
PICTURE_SIZE = 4_000  # a chart drawing costs about as much to lay out as this much text
_PICTURE = re.compile(r'src="data:[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_INTERNAL_LINK = re.compile(r'\bhref="#([^"]+)"')

# A link to a place in another part is written as a link to this address, which WeasyPrint keeps as it
# is; the join turns it back into a link inside the document. The .invalid name can never be a real host.
ELSEWHERE = "https://part.site-gen.invalid/#"


def size(page: PrintPage) -> int:
    pictures = _PICTURE.findall(page.html)
    return len(page.html) - sum(len(picture) for picture in pictures) + PICTURE_SIZE * len(pictures)


def parts(pages: list[PrintPage], part_size: int = PART_SIZE) -> list[list[PrintPage]]:
    """Consecutive pages in parts of about part_size each, in reading order. A part ends after the page
    that fills it, so an edit that changes one page's size a little leaves every cut where it was."""
    out: list[list[PrintPage]] = []
    current: list[PrintPage] = []
    filled = 0
    for page in pages:
        current.append(page)
        filled += size(page)
        if filled >= part_size:
            out.append(current)
            current, filled = [], 0
    if current:
        out.append(current)
    return out


def ids(html: str) -> set[str]:
    return set(_ID.findall(html))


def link_across(html: str, everywhere: set[str]) -> str:
    """Links to places in other parts, which this part's document does not hold, point at ELSEWHERE;
    links to places in no part at all are left, so WeasyPrint drops them as it always would."""
    here = ids(html)

    def target(match: re.Match) -> str:
        name = match.group(1)
        if name in here or name not in everywhere:
            return match.group(0)
        return f'href="{ELSEWHERE}{name}"'
    return _INTERNAL_LINK.sub(target, html)
