"""A Markdown extension: every table written in Markdown sits in its own scrolling region that a
keyboard can reach and a screen reader can name, as the generated tables do. A wide table then
scrolls inside the page at 320 px, instead of the page scrolling sideways, with or without JavaScript.
A column that holds only figures is marked as one (class "num"), so its figures line up on the right,
as in the generated tables, and the PDF lays it out as figures."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


def _name(table: etree.Element) -> str:
    """What a screen reader calls the region: its caption, or else its column headings."""
    caption = table.find("caption")
    if caption is not None and "".join(caption.itertext()).strip():
        return "".join(caption.itertext()).strip()
    headings = ["".join(th.itertext()).strip() for th in table.iter("th")]
    return "Table: " + ", ".join(h for h in headings if h) if any(headings) else "Table"


# A cell that holds one figure: money, a count, a percentage, a change in brackets or with a sign.
_FIGURE = re.compile(r"[(]?[+\u2212\u2013-]?\s*[£$€]?\s*[+\u2212\u2013-]?\d[\d,]*(?:\.\d+)?\s*"
                     r"(?:%|pp|k|m|bn|million|billion|thousand)?[)]?", re.IGNORECASE)
_NO_FIGURE = {"", "-", "\u2013", "\u2014", "n/a", "nil", "none"}  # a gap in a column of figures, not words


def _text(cell: etree.Element) -> str:
    return " ".join("".join(cell.itertext()).split())


def _mark_figures(table: etree.Element) -> None:
    """Each column whose cells below the header are all figures (gaps aside), header included, gets class num."""
    rows = [row for row in table.iter("tr")]
    body = [row for part in table.findall("tbody") for row in part.findall("tr")]
    if not body or any(cell.get("colspan") or cell.get("rowspan") for row in rows for cell in row):
        return
    for column in range(max(len(row) for row in body)):
        cells = [_text(row[column]).lower() for row in body if column < len(row)]
        if any(_FIGURE.fullmatch(text) for text in cells) and all(
                text in _NO_FIGURE or _FIGURE.fullmatch(text) for text in cells):
            for row in rows:
                if column < len(row):
                    row[column].set("class", " ".join(filter(None, [row[column].get("class"), "num"])))


class _WrapTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                _mark_figures(child)
                region = etree.Element("div", {"class": "table-scroll", "role": "region", "tabindex": "0",
                                               "aria-label": _name(child)})
                parent.remove(child)
                region.append(child)
                parent.insert(index, region)


class TableRegions(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (the name Markdown calls)
        md.treeprocessors.register(_WrapTables(md), "site-gen-table-regions", 0)


def makeExtension(**kwargs) -> TableRegions:  # noqa: N802 (the name Markdown looks for)
    return TableRegions(**kwargs)
