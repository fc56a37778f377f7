"""A page's Markdown as the plain-English checks see it: headings, blocks of prose, links and images,
each with the line and column it starts on in the file.

markdown-it-py parses the structure (CommonMark, as MkDocs' Markdown renders it for these purposes)
and gives each block its source lines. Inside a block, markup is replaced by spaces of the same
length, so an offset into the prose is an offset into the source, and a finding can point at the
word it is about.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from site_gen.checks.spans import Spans, first_then, until
from site_gen.findings import Location
from site_gen.load.pages import SourcePage

# These are found in one pass (see spans.py): as regular expressions, a block of openings that never
# close would be read to its end from each one.
# A figure macro reads as one number; it is replaced by a single digit so it counts as a number word.
_FIGURE_MACRO = Spans(((r"\{\{-?\s*value\(", until(re.compile(r"\)\s*-?\}\}"), same_line=True)),))
# Other template code, images, link targets, HTML tags, attribute lists and code marks are not prose.
_NOT_PROSE = Spans((
    (r"\{\{", until("}}")),
    (r"\{%", until("%}")),
    (r"\{#", until("#}")),
    (r"!\[", first_then("]", "](", until(")"))),
    (r"\]\(", until(")")),
    (r"<!--", until("-->")),
    (r"</?[A-Za-z]", until(">")),
    (r"\{:", until("}")),
    (r"`", None),
))
_LINK_OPENER = re.compile(r"(?<!!)\[")


def _line_starts(text: str) -> list[int]:
    """The offset where each line of text starts, to place an offset by its line without counting."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or table cell: its raw inline source, its prose and where it is."""

    kind: str  # "heading", "paragraph" or "cell"
    level: int  # 1 to 6 for a heading, 0 otherwise
    source: str  # the inline Markdown, as markdown-it gives it (markers and indentation removed)
    prose: str  # source with markup blanked out, the same length
    file: str
    first_line: int
    raw_lines: tuple[str, ...]  # the file's lines the block spans, to find columns

    def location(self, offset: int) -> Location:
        """The file position of an offset into source (or prose)."""
        line_index = bisect_right(self._starts, offset) - 1
        in_line = offset - self._starts[line_index]
        return Location(self.file, self.first_line + line_index, self._base(line_index) + in_line + 1)

    # A page's sentences are each placed through location, so the lines are found once per block:
    # counting from the block's start for every sentence took time growing with the square of its length.
    @cached_property
    def _starts(self) -> list[int]:
        return _line_starts(self.source)

    @cached_property
    def _bases(self) -> dict[int, int]:
        return {}

    def _base(self, line_index: int) -> int:
        """Where the block's line starts in the file's line (after list markers, quote marks, indentation)."""
        if line_index not in self._bases:
            source_line = self.source[self._starts[line_index]:].partition("\n")[0]
            raw = self.raw_lines[line_index] if line_index < len(self.raw_lines) else ""
            base = raw.find(source_line) if source_line else -1
            self._bases[line_index] = max(base, 0)
        return self._bases[line_index]


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    autolink: bool
    location: Location


@dataclass(frozen=True)
class Image:
    alt: str | None  # None when the markup has no alt at all (raw HTML <img> without alt)
    src: str
    location: Location
    html: bool  # written as <img>, where alt="" is a deliberate mark of decoration


@dataclass(frozen=True)
class HtmlFragment:
    """HTML typed into a page, as a block or inline, with where it starts."""

    html: str
    file: str
    line: int
    col: int

    def location(self, offset: int) -> Location:
        line_index = bisect_right(self._starts, offset) - 1
        if line_index == 0:
            return Location(self.file, self.line, self.col + offset)
        return Location(self.file, self.line + line_index, offset - self._starts[line_index] + 1)

    @cached_property
    def _starts(self) -> list[int]:
        return _line_starts(self.html)


@dataclass(frozen=True)
class PageProse:
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    images: tuple[Image, ...]
    html: tuple[HtmlFragment, ...]


def _blank(text: str) -> str:
    if text.startswith("](") or text == "`":
        return " " * len(text)
    return re.sub(r"[^\n]", " ", text)


def prose_of(source: str) -> str:
    """The words a reader sees, at the offsets they have in the source."""
    text = _FIGURE_MACRO.sub(lambda macro: "0" + " " * (len(macro) - 1), source)
    text = _NOT_PROSE.sub(_blank, text)
    return _LINK_OPENER.sub(" ", text)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


# HTML images and links, found in one pass (see spans.py) like the markup above. An attribute's value
# runs to the next quote mark of the same kind.
_HTML_IMG = Spans(((r"(?i:<img)\b", until(">")),))
_HTML_CLOSE_LINK = re.compile(r"</a\s*>", re.I)
_HTML_LINK = Spans(((r"(?i:<a)\b", first_then(">", ">", until(_HTML_CLOSE_LINK))),))
_HTML_TAG = Spans(((r"<", until(">")),))
_HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')|\balt\b", re.I)
_HTML_SRC = re.compile(r"\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
_HTML_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _attribute(match: re.Match | None) -> str | None:
    """An attribute's value, whichever quote marks it has; "" when it has none, None when it is not there."""
    if match is None:
        return None
    return next((value for value in match.groups() if value is not None), "")


def _html_items(html: str, where) -> Iterator[Link | Image]:
    """Images and links written as HTML: where(offset) places them."""
    for start, end in _HTML_IMG.spans(html):
        attributes = html[start + len("<img"):end - 1]
        yield Image(_attribute(_HTML_ALT.search(attributes)), _attribute(_HTML_SRC.search(attributes)) or "",
                    where(start), True)
    for start, end in _HTML_LINK.spans(html):
        opened = html.index(">", start)
        attributes = html[start + len("<a"):opened]
        text = _HTML_TAG.sub(lambda _tag: "", html[opened + 1:html.rindex("</", opened, end)])
        yield Link(" ".join(text.split()), _attribute(_HTML_HREF.search(attributes)) or "", False, where(start))


def _inline_items(block: Block, token: Token) -> Iterator[Link | Image | HtmlFragment]:
    """The links and images inside one inline token, placed by finding each in the block's source."""
    search_from = 0
    link: tuple[str, bool, int] | None = None
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "link_open":
            autolink = child.markup == "autolink"
            at = block.source.find("<" if autolink else "[", search_from)
            link = (str(child.attrs.get("href", "")), autolink, max(at, 0))
            parts = []
        elif child.type == "link_close" and link is not None:
            href, autolink, at = link
            yield Link(" ".join("".join(parts).split()), href, autolink, block.location(at))
            search_from = at + 1
            link = None
        elif child.type == "image":
            at = block.source.find("![", search_from)
            search_from = max(at, 0) + 2
            yield Image(child.content, str(child.attrs.get("src", "")), block.location(max(at, 0)), False)
        elif child.type == "html_inline":
            at = block.source.find(child.content, search_from)
            start = block.location(max(at, 0))
            yield HtmlFragment(child.content, block.file, start.line, start.col)
            yield from _html_items(child.content, lambda offset, at=at: block.location(max(at, 0) + offset))
        elif link is not None and child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif link is not None and child.type == "softbreak":
            parts.append(" ")


def page_prose(page: SourcePage) -> PageProse:
    """Several checks read each page: it is parsed once."""
    return page_text_prose(page.file, page.body, page.body_line)


@lru_cache(maxsize=4096)
def page_text_prose(file: str, body: str, body_line: int) -> PageProse:
    body_lines = body.split("\n")
    tokens = _parser().parse(body)
    blocks: list[Block] = []
    items: list[Link | Image | HtmlFragment] = []
    opened: list[Token] = []
    for token in tokens:
        if token.nesting == 1:
            opened.append(token)
        elif token.nesting == -1 and opened:
            opened.pop()
        if token.type == "html_block" and token.map:
            fragment = HtmlFragment(token.content, file, body_line + token.map[0], 1)
            items.append(fragment)
            items += _html_items(token.content, fragment.location)
        if token.type != "inline" or not token.map or not opened:
            continue
        parent = opened[-1]
        kind = {"heading_open": "heading", "paragraph_open": "paragraph"}.get(parent.type, "cell")
        start, end = token.map
        block = Block(kind, int(parent.tag[1]) if kind == "heading" else 0, token.content, prose_of(token.content),
                      file, body_line + start, tuple(body_lines[start:end]))
        blocks.append(block)
        items += _inline_items(block, token)
    return PageProse(tuple(blocks), tuple(i for i in items if isinstance(i, Link)),
                     tuple(i for i in items if isinstance(i, Image)), tuple(i for i in items if isinstance(i, HtmlFragment)))
