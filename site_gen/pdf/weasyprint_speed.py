"""A repair to the speed of the library that writes WeasyPrint's PDFs. pydyf works out the list of every
sheet's reference afresh each time one is asked for, and WeasyPrint asks once for each tagged element,
so writing a tagged document took time growing with the square of its sheets: 30 of the 64 seconds
spent writing a plan of 1,000 sheets. The list only changes when a sheet is added, so it is kept until
then."""

from __future__ import annotations


def _page_references(self) -> tuple[bytes, ...]:
    kids = self.pages["Kids"]
    known = getattr(self, "_site_gen_page_references", None)
    if known is None or known[0] != len(kids):
        known = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        self._site_gen_page_references = known
    return known[1]


def speed_up() -> None:
    import pydyf

    if getattr(pydyf.PDF.page_references, "fget", None) is not _page_references:
        pydyf.PDF.page_references = property(_page_references)

