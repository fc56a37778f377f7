"""The finishing touches to the tags of a PDF that WeasyPrint leaves out, for both PDFs."""

from __future__ import annotations

import io

import pikepdf


def finish_tags(pdf: bytes) -> bytes:
    """Two things WeasyPrint leaves out and PDF/UA checkers look for. Each table header cell gets its
    scope: one in a table's head row heads a column, one in its body heads a row (the house markup, as
    in the templates). Each link gets the flag that prints it."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        finish_tags_in(document)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def finish_tags_in(document: pikepdf.Pdf) -> None:
    """finish_tags on a PDF already open."""
    root = document.Root.get("/StructTreeRoot")
    stack = [(root, None)] if root is not None else []
    while stack:
        node, group = stack.pop()
        kind = node.get("/S") if isinstance(node, pikepdf.Dictionary) else None
        if kind == "/TH":
            attributes = node.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                node.A = attributes
            attributes.O = pikepdf.Name.Table
            attributes.Scope = pikepdf.Name.Column if group == "/THead" else pikepdf.Name.Row
        if kind in ("/THead", "/TBody", "/TFoot"):
            group = str(kind)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            stack.extend((kid, group) for kid in kids if isinstance(kid, pikepdf.Dictionary))
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append((kids, group))
    # A link should print as it shows: the Print flag (4) on every annotation.
    for page in document.pages:
        for annotation in page.get("/Annots", []):
            annotation.F = int(annotation.get("/F", 0)) | 4
