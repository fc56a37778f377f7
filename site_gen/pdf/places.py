"""Where a PDF's named places are: the sheet each page of the site starts on, found by its anchor."""

from __future__ import annotations

import io

import pikepdf


def _places(pdf: pikepdf.Pdf) -> dict[str, object]:
    """The document's named places (destinations), each [sheet /XYZ x y zoom]."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    return {str(name): dest for name, dest in pikepdf.NameTree(dests).items()} if dests is not None else {}


def sheets_and_places(data: bytes) -> tuple[int, dict[str, int]]:
    """A PDF's number of sheets, and the sheet (from 0) each of its named places is on."""
    with pikepdf.open(io.BytesIO(data)) as document:
        sheet_of = {page.objgen: number for number, page in enumerate(document.pages)}
        return len(document.pages), {name: sheet_of[dest[0].objgen] for name, dest in _places(document).items()}
