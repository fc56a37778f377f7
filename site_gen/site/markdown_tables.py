"""A Markdown extension: every table written in Markdown sits in its own scrolling region that a
keyboard can reach and a screen reader can name, as the generated tables do. A wide table then
scrolls inside the page at 320 px, instead of the page scrolling sideways, with or without JavaScript."""

from __future__ import annotations

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


class _WrapTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
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
