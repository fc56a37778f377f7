"""The site's pages as the full plan prints them (pure): each page's Markdown becomes HTML the way MkDocs makes
it and passes the site's sanitiser, and each chart's marker becomes a picture of its wide drawing, its words the
alternative text. pdf/html_typst.py turns the HTML into Typst."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html import escape

import markdown

from site_gen.site.sanitise import sanitise

# The Markdown extensions the site is built with (site/staging.py), so a page reads the same in print.
EXTENSIONS = ["tables", "attr_list", "def_list", "toc", "site_gen.site.markdown_tables"]
_MARKER = re.compile(r"<!--site-gen-svg:([\w-]+)-->")


@dataclass(frozen=True)
class PrintPage:
    anchor: str  # the page's id in the document
    path: str  # its path in content/, from which its links and pictures are named
    title: str  # its title, printed as its heading when the page has none of its own
    section: str | None  # the navigation section it sits under, if any
    html: str  # sanitised, with each chart's wide drawing as a picture

    @property
    def under_section(self) -> bool:
        """Whether the contents lists the page under its section's first page (indented), not on its own."""
        return self.section is not None and not self.path.endswith("index.md")


def page_anchor(path: str) -> str:
    """A page's id in the printed document: its path without .md, with / as --."""
    stem = path[:-3] if path.endswith(".md") else path
    return "page-" + re.sub(r"[^A-Za-z0-9_-]+", "--", stem)


def chart_picture(svg: str, alternative: str) -> str:
    """A chart drawing as an image, its words as the alternative text: the PDF tags it as a figure."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart-drawing" src="data:image/svg+xml;base64,{data}" alt="{escape(alternative)}">'


def _charts(html: str, svgs: dict[str, str], alternatives: dict[str, str]) -> str:
    """Each chart's wide drawing as a picture; its narrow copy, for phones, is left out."""
    def picture(match: re.Match) -> str:
        name = match.group(1)
        if not name.endswith("-wide") or name not in svgs:
            return ""
        return chart_picture(svgs[name], alternatives.get(name, "Chart"))
    return _MARKER.sub(picture, html)


def printable_page(path: str, title: str, section: str | None, markdown_text: str, svgs: dict[str, str],
                   alternatives: dict[str, str]) -> PrintPage:
    html = sanitise(markdown.markdown(markdown_text, extensions=EXTENSIONS, output_format="html"))
    return PrintPage(page_anchor(path), path, title, section, _charts(html, svgs, alternatives))
