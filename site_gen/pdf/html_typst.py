"""The site's page HTML as Typst markup (pure): the one path by which page content reaches a PDF. It reads
the sanitised HTML the website shows, so the PDF says what the site says, and knows each element the
sanitiser allows (site/sanitise.py). Words always go in as string literals (pdf/typst_markup.py), so nothing
typed in a plan can become Typst code; ids become labels the converter makes; pictures become files named
by the converter, listed for the caller to put beside the document."""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

from site_gen.pdf.printable import page_anchor
from site_gen.pdf.typst_markup import ELSEWHERE, label, shown, string

VOID = frozenset({"br", "img", "hr", "wbr", "col"})
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
                    "figure", "figcaption", "blockquote", "pre", "hr", "details", "caption", "summary", "thead",
                    "tbody", "tfoot", "tr", "td", "th", "colgroup", "col"})
# Inline elements that become one Typst function around their words.
WRAPPED = {"strong": "strong", "b": "strong", "em": "emph", "i": "emph", "cite": "emph", "dfn": "emph",
           "var": "emph", "u": "underline", "s": "strike", "del": "strike", "sub": "sub", "sup": "super",
           "mark": "highlight", "q": "quote", "small": "text(size: 0.9em)"}
PICTURE_TYPES = {"image/svg+xml": ".svg", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
FILE_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".gif"}


@dataclass
class Node:
    tag: str  # "" for text
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        # Close up to the matching element; an end tag with no start is ignored, as a browser does.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(Node("", text=data))


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Pictures:
    """The pictures a document shows: data: pictures (the charts) by the file name made for them, and files
    from content/ by their path there, for the caller to copy in after checking them."""

    made: dict[str, bytes] = field(default_factory=dict)
    from_content: set[str] = field(default_factory=set)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (address, why it is not shown)

    def name_for(self, src: str) -> str | None:
        if src.startswith("data:"):
            head, _, data = src.partition(",")
            kind = head[5:].split(";")[0].lower()
            if kind not in PICTURE_TYPES or ";base64" not in head:
                self.refused.append((src[:40], "it is not a picture the PDF can show"))
                return None
            try:
                content = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                self.refused.append((src[:40], "it cannot be read"))
                return None
            name = f"pictures/{hashlib.sha256(content).hexdigest()[:20]}{PICTURE_TYPES[kind]}"
            self.made[name] = content
            return name
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("/"):
            self.refused.append((src, "it would be fetched from another website"))
            return None
        path = posixpath.normpath(src)
        if path.startswith("..") or posixpath.splitext(path)[1].lower() not in FILE_TYPES:
            self.refused.append((src, "it is outside content/" if path.startswith("..") else
                                 "it is not a picture the PDF can show"))
            return None
        self.from_content.add(path)
        return f"content/{path}"


def words(node: Node) -> str:
    """All the text inside a node, as written."""
    return node.text if not node.tag else "".join(words(child) for child in node.children)


def _column_texts(rows: list[list[Node]], width: int) -> list[list[str]]:
    """The words of each cell of a table, column by column (a row's cells in order; no spans)."""
    columns: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        for column, cell in enumerate(row[:width]):
            columns[column].append(_collapse(words(cell)).strip())
    return columns


def _shares(rows: list[list[Node]], width: int) -> str:
    """The columns of a table of words, each given a share of the width by its words: room for its longest
    word, and more for longer text. (Typst's auto columns would measure every cell's natural width first,
    a tenth of a large plan's typesetting time and a sixth of its memory.)"""
    shares = []
    for texts in _column_texts(rows, width):
        longest = max((len(word) for text in texts for word in text.split()), default=1)
        widest = max((len(text) for text in texts), default=1)
        mean = sum(len(text) for text in texts) / max(len(texts), 1)
        # A short phrase ("No data yet") is kept on one line; long text shares the rest.
        shares.append(max(longest + 2, min(widest, 16), min(mean, 80) / 2))
    return "(" + ", ".join(f"{share:.0f}fr" for share in shares) + ",)"


@cache
def _bold_widths() -> tuple[dict[int, int], int]:
    """Each character's width in Liberation Sans Bold, in font units, and the units to an em."""
    from fontTools.ttLib import TTFont

    from site_gen.pdf.stamp import bold_font_file

    font = TTFont(bold_font_file(), lazy=True)
    widths = font["hmtx"].metrics
    return {code: widths[glyph][0] for code, glyph in font.getBestCmap().items()}, font["head"].unitsPerEm


def _figure_widths(rows: list[list[Node]], width: int) -> str | None:
    """The columns of a table of figures: the first, which names each row, takes what the figures leave,
    and each figure column is as wide as its widest cell in bold, so figures never wrap. (Typst's auto
    columns would measure every cell to learn the same, a cost a large plan feels.) None if the figures
    would leave the names less than half the width: Typst then shares it out."""
    advances, per_em = _bold_widths()
    columns = [max((sum(advances.get(ord(c), per_em) for c in text) / per_em for text in texts), default=0.0)
               for texts in _column_texts(rows, width)]
    if sum(columns[1:]) > 25:  # ems: about half the width of an A4 page of table text
        return None
    return "(1fr, " + "".join(f"{ems + 0.3:.2f}em + 3mm, " for ems in columns[1:]) + ")"


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\r\n\f]+", " ", text)


def _trim(nodes: list[Node]) -> list[Node]:
    """A block's children with the white space at its start and end taken off, as a browser shows it."""
    nodes = [n for n in nodes if n.tag or n.text]
    if nodes and not nodes[0].tag:
        nodes[0] = Node("", text=nodes[0].text.lstrip())
    if nodes and not nodes[-1].tag:
        nodes[-1] = Node("", text=nodes[-1].text.rstrip())
    return [n for n in nodes if n.tag or n.text]


class Converter:
    """Turns pages into Typst. labels maps each place that may be linked to (a page's anchor, or its anchor
    and an element's id, as "page-money--savings") to the label made for it; a link to any other place is
    printed as its words only, since a link to no place would stop the document. A link to another page of
    the plan becomes a link inside the document; one to a file of the site, a link to it on site_url."""

    def __init__(self, labels: dict[str, str], pictures: Pictures, page_paths: frozenset[str] = frozenset(),
                 site_url: str | None = None) -> None:
        self.labels = labels
        self.pictures = pictures
        self.page_paths = page_paths
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.placed: set[str] = set()  # labels already on an element: a label names one place
        self.titled = False  # whether this page's title heading has been printed
        self.level = 0  # the level of the heading printed last
        self.anchor, self.folder = "page", ""
        self.here: frozenset[str] | None = None  # the labels of the piece being made; None: all of them

    def page(self, tree: Node, path: str = "page.md") -> str:
        """One page of the site: its first h1 is its title, listed in the contents; any other is not."""
        self.anchor, self.folder = page_anchor(path), posixpath.dirname(path)
        self.titled, self.level = False, 0
        return self.blocks(tree.children)

    def titled_page(self, tree: Node, path: str, title: str, title_label: str) -> str:
        """A page with no heading of its own: its title is printed as one, for the contents to list."""
        heading = (f"#heading(level: 1, outlined: true, bookmarked: true)[{shown(title)}] "
                   f"{label(title_label)}\n\n")
        self.placed.add(title_label)
        self.anchor, self.folder = page_anchor(path), posixpath.dirname(path)
        self.titled, self.level = True, 1
        return heading + self.blocks(tree.children)

    def _label_for(self, node: Node) -> str:
        made = self.labels.get(f"{self.anchor}--{node.attrs['id']}") if node.attrs.get("id") else None
        if not made or made in self.placed:
            return ""
        self.placed.add(made)
        return f" {label(made)}"

    # Blocks ---------------------------------------------------------------------------------------------
    def blocks(self, nodes: list[Node]) -> str:
        """A run of nodes where blocks may stand: inline runs between blocks become paragraphs."""
        out: list[str] = []
        run: list[Node] = []

        def flush() -> None:
            shown_words = self.inline(_trim(run))
            if shown_words.strip():
                out.append(shown_words + "\n\n")
            run.clear()

        for node in nodes:
            if node.tag in BLOCKS:
                flush()
                out.append(self.block(node))
            else:
                run.append(node)
        flush()
        return "".join(out)

    def block(self, node: Node) -> str:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            # PDF/UA-1 lets no heading skip a level, so one that does (an h3 after an h1) is printed one level
            # below the heading before it; the site's own check warns of the skip (heading-skip).
            level = min(int(tag[1]), self.level + 1)
            self.level = level
            title = level == 1 and not self.titled
            self.titled = self.titled or title
            return (f"#heading(level: {level}, outlined: {'true' if title else 'false'}, "
                    f"bookmarked: {'true' if level <= 2 else 'false'})[{self.inline(_trim(node.children))}]"
                    + self._label_for(node) + "\n\n")
        if tag == "p":
            shown_words = self.inline(_trim(node.children))
            return f"#par[{shown_words}]\n\n" if shown_words.strip() else ""
        if tag in ("ul", "ol"):
            return self.list_of(node)
        if tag == "dl":
            return self.terms(node)
        if tag == "table":
            return self.table(node)
        if tag == "blockquote":
            return f"#quote(block: true)[{self.blocks(node.children)}]\n\n"
        if tag == "pre":
            return f"#raw(block: true, {string(words(node))})\n\n"
        if tag == "hr":
            return "#line(length: 100%, stroke: 0.5pt + rgb(\"#768692\"))\n\n"
        if tag == "summary":
            return ""  # a disclosure's button: the figures it shows and hides are printed open
        if tag == "figcaption" and "chart-title" not in node.classes():
            # A table's notes and source, under it, as the site shows them: plain, a little smaller.
            return f"#block(above: 1.5mm)[#text(size: 0.9em)[{self.blocks(node.children).strip()}]]\n\n"
        if tag in ("figcaption", "caption", "dt"):
            return f"#block(sticky: true)[#strong[{self.inline(_trim(node.children))}]]\n\n"
        if tag in ("colgroup", "col"):
            return ""
        return self.blocks(node.children)  # div, details, li/dd/td out of place, and the rest: their content

    def list_of(self, node: Node) -> str:
        items = [child for child in node.children if child.tag == "li"]
        if not items:
            return ""
        body = ", ".join(f"[{self.blocks(item.children).strip()}]" for item in items)
        if node.tag == "ol":
            start = node.attrs.get("start", "1")
            start = start if start.isdigit() else "1"
            return f"#enum(start: {start}, {body})\n\n"
        return f"#list({body})\n\n"

    def terms(self, node: Node) -> str:
        parts = [child for child in node.children if child.tag in ("dt", "dd")]
        regular = len(parts) % 2 == 0 and all(
            part.tag == ("dt" if index % 2 == 0 else "dd") for index, part in enumerate(parts))
        if not regular or not parts:
            return self.blocks(parts)
        items = ", ".join(
            f"terms.item([{self.inline(_trim(parts[i].children))}], [{self.blocks(parts[i + 1].children).strip()}])"
            for i in range(0, len(parts), 2))
        return f"#terms({items})\n\n"

    # Tables ---------------------------------------------------------------------------------------------
    def table(self, node: Node) -> str:
        caption = next((child for child in node.children if child.tag == "caption"), None)
        groups = {"thead": [], "tbody": [], "tfoot": []}
        for child in node.children:
            if child.tag in groups:
                groups[child.tag] += [row for row in child.children if row.tag == "tr"]
            elif child.tag == "tr":
                groups["tbody"].append(child)
        rows = groups["thead"] + groups["tbody"] + groups["tfoot"]
        if not rows:
            return ""
        spans_rows = any(cell.attrs.get("rowspan", "1") != "1" for row in rows for cell in self._cells(row))
        width = max(sum(self._span(cell, "colspan") for cell in self._cells(row)) for row in rows)
        if width == 0:
            return ""

        def cells(row_list: list[Node], head: bool, hyphenate: bool = False) -> str:
            out = []
            for row in row_list:
                strong = head or bool(row.classes() & {"row-total", "row-subtotal"})  # totals stand out
                row_cells = [self.cell(cell, strong, hyphenate) for cell in self._cells(row)]
                used = sum(self._span(cell, "colspan") for cell in self._cells(row))
                if not spans_rows:  # a short row is filled out, so the next row starts in the first column
                    row_cells += ["[]"] * (width - used)
                out += row_cells
            return ", ".join(out)

        # In a table of figures, the first column, which names each row, takes the room the figures leave, so
        # that labels wrap as little as they can; a table of words shares the width out by its words.
        hyphenated_heads = False
        figures = width > 1 and not spans_rows and all(
            "num" in cell.classes() or not words(cell).strip()
            for row in groups["tbody"] for cell in self._cells(row)[1:])
        if figures and width <= 4:
            unspanned = [cells for cells in (self._cells(row) for row in rows)
                         if all(self._span(cell, "colspan") == 1 for cell in cells)]  # a heading across the table
            fixed = None if spans_rows else _figure_widths(unspanned, width)
            parts = [f"columns: {fixed or '(1fr, ' + 'auto, ' * (width - 1) + ')'}"]
        elif figures:  # too many figures for each to keep its natural width: they share the room evenly
            parts = [f"columns: (2fr, {'1fr, ' * (width - 1)})"]
            # In columns that narrow, a heading's word ("downside") may be wider than its column: broken with a
            # hyphen, rather than run into the heading beside it.
            hyphenated_heads = True
        elif spans_rows or any(self._span(cell, "colspan") > 1 for row in rows for cell in self._cells(row)):
            parts = [f"columns: {width}"]  # which column a cell is in takes working out: Typst does it
        else:
            parts = [f"columns: {_shares([self._cells(row) for row in rows], width)}"]
        if groups["thead"]:
            parts.append(f"table.header(repeat: true, {cells(groups['thead'], True, hyphenated_heads)})")
        if groups["tbody"]:
            parts.append(cells(groups["tbody"], False))
        if groups["tfoot"]:
            parts.append(f"table.footer(repeat: false, {cells(groups['tfoot'], False)})")
        title = (f"#block(sticky: true)[#strong[{self.inline(_trim(caption.children))}]]\n\n"
                 if caption is not None else "")
        return f"{title}#table({', '.join(parts)}){self._label_for(node)}\n\n"

    @staticmethod
    def _cells(row: Node) -> list[Node]:
        return [cell for cell in row.children if cell.tag in ("td", "th")]

    @staticmethod
    def _span(cell: Node, name: str) -> int:
        value = cell.attrs.get(name, "1")
        return max(1, min(int(value), 1000)) if value.isdigit() else 1

    def cell(self, cell: Node, strong: bool, hyphenate: bool = False) -> str:
        content = self.blocks(cell.children).strip()
        if strong and not content.startswith("#strong["):
            content = f"#strong[{content}]"
        if hyphenate:
            content = f"#text(hyphenate: true)[{content}]"
        options = []
        for name in ("colspan", "rowspan"):
            if self._span(cell, name) > 1:
                options.append(f"{name}: {self._span(cell, name)}")
        if "num" in cell.classes():
            options.append("align: right")
        return f"table.cell({', '.join(options)})[{content}]" if options else f"[{content}]"

    # Inline ---------------------------------------------------------------------------------------------
    def inline(self, nodes: list[Node]) -> str:
        return "".join(self.inline_one(node) for node in nodes)

    def inline_one(self, node: Node) -> str:
        tag = node.tag
        if not tag:
            return shown(_collapse(node.text))
        inner = self.inline(node.children) if tag not in VOID else ""
        if tag in WRAPPED:
            return f"#{WRAPPED[tag]}[{inner}]"
        if tag == "ins":  # underlined twice, as the site shows words put in
            return f"#underline(stroke: 0.5pt, offset: 1.5pt)[#underline[{inner}]]"
        if tag in ("code", "kbd", "samp"):
            return f"#raw({string(_collapse(words(node)))})"
        if tag == "br":
            return "#linebreak()"
        if tag == "img":
            return self.picture(node)
        if tag == "a":
            return self.link(node, inner)
        if tag == "span" and "change-label" in node.classes():
            # Said on screen to screen readers only; on paper, printed small, so a reader in black and white
            # still knows which words went and which came.
            return f"#text(size: 0.8em, style: \"italic\")[{inner}]"
        if tag in BLOCKS:
            return self.blocks(node.children)
        return inner  # span, abbr, time, wbr and the rest: their words

    def link(self, node: Node, inner: str) -> str:
        href = node.attrs.get("href", "")
        if re.match(r"^(https?:|mailto:|tel:)", href, re.I):
            return f"#link({string(href)})[{inner}]"
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            return inner  # the sanitiser allows no other scheme; nothing else can be followed from paper
        path, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(self.folder, path)) if path else None
        if resolved is None or resolved in self.page_paths:
            anchor = page_anchor(resolved) if resolved else self.anchor
            made = self.labels.get(f"{anchor}--{fragment}" if fragment else anchor)
            if made and self.here is not None and made not in self.here:
                return f"#link({string(ELSEWHERE + made)})[{inner}]"
            return f"#link({label(made)})[{inner}]" if made else inner
        if self.site_url and not resolved.startswith(".."):
            address = self.site_url + resolved + (f"#{fragment}" if fragment else "")
            return f"#link({string(address)})[{inner}]"
        return inner

    def picture(self, node: Node) -> str:
        src = node.attrs.get("src", "")
        if not re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) and not src.startswith("/"):
            src = posixpath.normpath(posixpath.join(self.folder, src))  # content/ names it from the page's folder
        name = self.pictures.name_for(src)
        if name is None:
            return ""
        alt = " ".join(node.attrs.get("alt", "").split())
        if "chart-drawing" in node.classes():
            return f"#block(width: 100%)[#image({string(name)}, alt: {string(alt)}, width: 100%, height: auto)]"
        return f"#box[#image({string(name)}, alt: {string(alt)})]"
