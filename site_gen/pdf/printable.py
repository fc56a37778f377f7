"""The site's pages as one printable document (pure): each page's Markdown becomes HTML the way MkDocs
makes it, then every id is made unique across the document, links between pages become links inside
it, and each chart becomes a picture of its drawing with its words as the alternative text."""

from __future__ import annotations

import base64
import posixpath
import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser

import markdown

from site_gen.site.sanitise import sanitise

# The Markdown extensions the site is built with (site/staging.py), so a page reads the same in print.
EXTENSIONS = ["tables", "attr_list", "def_list", "toc", "site_gen.site.markdown_tables"]
_MARKER = re.compile(r"<!--site-gen-svg:([\w-]+)-->")
# Attributes whose value names one or more ids in the same document.
_ID_LISTS = ("aria-labelledby", "aria-describedby", "headers", "for")
# Elements that only make sense on screen: a disclosure's button text (the table it hides is printed
# open) and narrow-screen copies of a chart.
_SCREEN_ONLY = {"summary"}


@dataclass(frozen=True)
class PrintPage:
    anchor: str  # the page's id in the document
    title: str  # its heading, as printed at the top of its first sheet
    section: str | None  # the navigation section it sits under, if any
    html: str


def page_anchor(path: str) -> str:
    """A page's id in the printed document: its path without .md, with / as --."""
    stem = path[:-3] if path.endswith(".md") else path
    return "page-" + re.sub(r"[^A-Za-z0-9_-]+", "--", stem)


def chart_picture(svg: str, alternative: str) -> str:
    """A chart drawing as an image, its words as the alternative text: the PDF tags it as a figure."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart-drawing" src="data:image/svg+xml;base64,{data}" alt="{escape(alternative)}">'


class _Rewriter(HTMLParser):
    """Copies HTML through, changing only the attributes that must change when many pages share one
    document. Text and character references pass through as they are."""

    def __init__(self, page_path: str, page_ids: set[str], site_url: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.folder = posixpath.dirname(page_path)
        self.prefix = page_anchor(page_path)
        self.page_ids = page_ids
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.out: list[str] = []
        self.unlinked = 0  # open <a> elements printed as plain text
        self.hidden = 0  # depth inside screen-only elements
        self.heading: list[str] | None = None  # the words of the page's first h1, once it starts
        self.heading_done = False

    def _target(self, href: str) -> str | None:
        """Where a link goes in print: inside the document, the public site, or nowhere (None)."""
        if href.startswith("#"):
            return f"#{self.prefix}--{href[1:]}" if href[1:] else f"#{self.prefix}"
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            return href  # https:, mailto:, tel:
        path, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(self.folder, path)) if path else None
        if resolved in self.page_ids:
            anchor = page_anchor(resolved)
            return f"#{anchor}--{fragment}" if fragment else f"#{anchor}"
        if resolved and self.site_url and not resolved.startswith(".."):
            return self.site_url + resolved + (f"#{fragment}" if fragment else "")
        return None

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        out = []
        for name, value in attrs:
            if name == "id" and value:
                value = f"{self.prefix}--{value}"
            elif name in _ID_LISTS and value:
                value = " ".join(f"{self.prefix}--{token}" for token in value.split())
            elif tag == "img" and name == "src" and value and not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
                # The document reads pictures from content/, so one beside a page in a folder is named from there.
                value = posixpath.normpath(posixpath.join(self.folder, value))
            elif name == "download" or (name == "tabindex" and tag == "div"):
                continue  # nothing to download from paper; nothing to scroll
            out.append((name, value))
        return out

    @staticmethod
    def _tag(tag: str, attrs: list[tuple[str, str | None]], close: str = "") -> str:
        parts = "".join(f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
                        for name, value in attrs)
        return f"<{tag}{parts}{close}>"

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and self.heading is None:
            self.heading = []
        if tag in _SCREEN_ONLY or self.hidden:
            self.hidden += 1
            return
        if tag == "details":
            attrs = [*attrs, ("open", None)]
        if tag == "a":
            href = dict(attrs).get("href")
            target = self._target(href) if href is not None else None
            if target is None:
                self.unlinked += 1
                self.out.append("<span>")
                return
            attrs = [(n, target if n == "href" else v) for n, v in attrs]
        self.out.append(self._tag(tag, self._attributes(tag, attrs)))

    def handle_startendtag(self, tag, attrs):
        if not self.hidden:
            self.out.append(self._tag(tag, self._attributes(tag, attrs), " /"))

    def handle_endtag(self, tag):
        if tag == "h1" and self.heading is not None:
            self.heading_done = True
        if self.hidden:
            self.hidden -= 1
            return
        if tag == "a" and self.unlinked:
            self.unlinked -= 1
            self.out.append("</span>")
            return
        self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if not self.hidden:
            self.out.append(text)
            if self.heading is not None and not self.heading_done:
                self.heading.append(text)

    def handle_data(self, data):
        self._text(data)

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")

    def handle_comment(self, data):
        pass  # markers are replaced before parsing; other comments are not for print

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass


def _charts(html: str, svgs: dict[str, str], alternatives: dict[str, str]) -> str:
    """Each chart's wide drawing as a picture; its narrow copy, for phones, is left out."""
    def picture(match: re.Match) -> str:
        name = match.group(1)
        if not name.endswith("-wide") or name not in svgs:
            return ""
        return chart_picture(svgs[name], alternatives.get(name, "Chart"))
    return _MARKER.sub(picture, html)


def printable_page(path: str, title: str, section: str | None, markdown_text: str, page_ids: set[str],
                   svgs: dict[str, str], alternatives: dict[str, str], site_url: str | None) -> PrintPage:
    html = sanitise(markdown.markdown(markdown_text, extensions=EXTENSIONS, output_format="html"))
    rewriter = _Rewriter(path, page_ids, site_url)
    rewriter.feed(_charts(html, svgs, alternatives))
    rewriter.close()
    heading = " ".join(unescape("".join(rewriter.heading or [])).split()) or title
    return PrintPage(page_anchor(path), heading, section, "".join(rewriter.out))

