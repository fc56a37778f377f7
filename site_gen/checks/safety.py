"""Content safety: what an author types into a page may not run code, embed another site, hide a
script behind a link, or pose as part of the theme (an id or class the theme's script reads). These
are errors, found where they are typed. Other HTML the website does not keep (old formatting such as
<font>, or style="...") is a warning: the sanitiser removes it, and the author should know that what
they typed will not appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from html import unescape
from html.parser import HTMLParser

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt

from site_gen.checks.context import CheckContext
from site_gen.checks.markdown_prose import Block, HtmlFragment, page_prose
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.rules import rule
from site_gen.site.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, theme_classes, theme_id

# Elements that run code, embed another document or collect what readers type.
DANGEROUS_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                            "button", "textarea", "select", "base", "meta", "link", "style", "svg", "math",
                            "portal", "noscript", "template"})
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
                             "cite", "xlink:href", "longdesc", "usemap", "ping"})
_DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "file")
# Markdown link or image targets, inline and in reference definitions: [text](target), [id]: target
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_ELSEWHERE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# An attribute list, {: #id .class key="value" }, which Markdown's attr_list puts on the heading, paragraph,
# image or link it follows. Possessive and bounded, so a line of many braces is read in linear time; a value
# longer than the bound is not seen here, and the sanitiser still removes whatever the theme would read.
_ATTRIBUTE_LIST = re.compile(r"""\{:?[ ]*+((?:[^\s{}="']++(?:=(?:"[^"\n]{0,500}+"|'[^'\n]{0,500}+'|[^\s{}="']++))?+"""
                             r"""[ ]*+)++)\}""")
# A heading's own id, given in an attribute list at its end: {: #id } or {: id="..." }.
_OWN_ID = re.compile(r"\{[^{}]*(?:#|\bid=)[^{}]*\}\s*$")


def _scheme(url: str) -> str | None:
    """The scheme a browser would see, after undoing character references and the spaces and control
    characters browsers ignore (so 'Java&#115;cript:' and ' javascript:' are caught too)."""
    plain = _CONTROL.sub("", unescape(url)).lower()
    scheme, colon, _ = plain.partition(":")
    return scheme if colon and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) else None


Tag = tuple[str, list[tuple[str, str | None]], tuple[int, int]]


class _Tags(HTMLParser):
    """Every start tag in a fragment, with its attributes and where it begins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=1024)
def start_tags(html: str) -> tuple[Tag, ...]:
    """The start tags of a piece of HTML, each with its attributes (character references undone) and
    its (line, column). Two checks read each fragment: it is parsed once."""
    parser = _Tags()
    parser.feed(_without_unclosed_marks(html))
    parser.close()
    return tuple(parser.tags)


def _without_unclosed_marks(html: str) -> str:
    """The HTML with each < after its last > made a space. Nothing there can become a tag or a comment,
    since both end in >, but Python's HTML parser reads on to the end from each such < looking for one:
    20,000 unclosed <!-- took it minutes. Positions are kept, so every tag is found where it is."""
    last = html.rfind(">")
    return html[:last + 1] + html[last + 1:].replace("<", " ")


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


@lru_cache(maxsize=64)
def _line_starts(html: str) -> tuple[int, ...]:
    """Where each line of a piece of HTML starts, found once for all its tags."""
    return (0, *(match.end() for match in re.finditer("\n", html)))


def _offset(html: str, position: tuple[int, int]) -> int:
    line, col = position
    return _line_starts(html)[line - 1] + col


def tag_location(fragment: HtmlFragment, position: tuple[int, int]) -> Location:
    """Where in the page a tag begins, from its (line, column) in the fragment."""
    return fragment.location(_offset(fragment.html, position))


def _theme_name_finding(tag: str, name: str, value: str | None, where: Location) -> Finding | None:
    """An id, class or theme attribute that the theme's script would take for one of its own parts."""
    element = f"this <{tag}>" if tag else "this part of the page"
    if name == "id" and value and theme_id(value):
        return rule("unsafe-content")(where, f"The id '{value.strip()}' of {element} is one the theme's script "
                                      "uses for its own parts, so it could change how the theme behaves.",
                                      "Remove the id, or choose one that does not begin with two underscores.")
    if name == "class" and value and theme_classes(value):
        return rule("unsafe-content")(where, f"The class '{theme_classes(value)[0]}' of {element} is one the "
                                      "theme's script acts on, so it could change how the theme behaves or make "
                                      "it load a script from another website.",
                                      "Remove the class. Classes beginning md- or __, and mermaid and annotate, "
                                      "belong to the theme.")
    if name.startswith("data-md-"):
        return rule("unsafe-content")(where, f"The {name} attribute of {element} is one the theme's script reads "
                                      "to find its own parts.", "Remove the attribute.")
    return None


def _html_findings(fragment: HtmlFragment) -> Iterator[Finding]:
    for tag, attrs, position in start_tags(fragment.html):
        where = tag_location(fragment, position)
        if tag in DANGEROUS_TAGS:
            remote = next((v for n, v in attrs if n in _URL_ATTRIBUTES and v and _ELSEWHERE.match(v)), None)
            loads = f" It would load {remote}." if remote else ""
            yield rule("unsafe-content")(where, f"The page has {_a(tag)} <{tag}> element, which could run code or "
                                         f"bring another website into the page.{loads}")
            continue
        if tag not in ALLOWED_TAGS:
            yield rule("html-removed")(where, f"The <{tag}> element is not kept on the website.")
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            theirs = _theme_name_finding(tag, name, value, where)
            if theirs is not None:
                yield theirs
            elif name.startswith("on"):
                yield rule("unsafe-content")(where, f"The <{tag}> element has an {name} attribute, which runs code.")
            elif name in _URL_ATTRIBUTES and value and _scheme(value) in _DANGEROUS_SCHEMES:
                yield rule("unsafe-content")(where, f"The {name} of this <{tag}> is a {_scheme(value)}: address, "
                                             "which could run code.")
            elif tag in ALLOWED_TAGS and name not in allowed and not name.startswith("aria-"):
                yield rule("html-removed")(where, f"The {name} attribute of this <{tag}> is not kept on the website.")


def _target_findings(file: str, first_line: int, body: str) -> Iterator[Finding]:
    for offset, line in enumerate(body.split("\n")):
        for match in _MARKDOWN_TARGET.finditer(line):
            target = match.group(1) or match.group(2) or ""
            scheme = _scheme(target)
            if scheme is not None and scheme not in URL_SCHEMES:
                column = match.start(1 if match.group(1) else 2) + 1
                yield rule("unsafe-content")(Location(file, first_line + offset, column),
                                             f"A link goes to a {scheme}: address, which a reader's browser would "
                                             "run or open rather than go to.")


def attribute_lists(page: SourcePage) -> Iterator[tuple[Location, list[tuple[str, str | None]]]]:
    """Each attribute list typed into a page, {: #id .class key="value" }, with where it starts. Its
    attributes are read by Markdown's own reader: ('.', name) for a class, ('id', name) for an id."""
    lines = page.body.split("\n")
    for offset, line in enumerate(lines):
        if "{" not in line:
            continue
        for match in _ATTRIBUTE_LIST.finditer(line):
            attributes, _ = get_attrs_and_remainder(match.group(1))
            if attributes:
                yield Location(page.file, page.body_line + offset, match.start() + 1), attributes


def _attribute_list_findings(page: SourcePage) -> Iterator[Finding]:
    for where, attributes in attribute_lists(page):
        for name, value in attributes:
            theirs = _theme_name_finding("", "class" if name == "." else name, value, where)
            if theirs is not None:
                yield theirs
            elif name.lower().startswith("on"):
                yield rule("unsafe-content")(where, f"This part of the page is given an {name} attribute, which "
                                             "runs code.")


@cache
def page_markdown() -> MarkdownIt:
    """CommonMark, which reads headings and images as MkDocs' Markdown does for these checks. Addresses
    are kept as typed (after Markdown's own escapes): markdown-it would otherwise percent-encode them,
    hiding a backslash that browsers read as a slash."""
    parser = MarkdownIt("commonmark").enable("table")
    parser.normalizeLink = lambda url: url
    parser.validateLink = lambda url: True
    return parser


def _heading_id_findings(page: SourcePage) -> Iterator[Finding]:
    """A heading gets an id made from its words (Markdown's table of contents does it), so a heading
    such as "__config" would carry an id the theme's script reads."""
    for block in page_prose(page).blocks:
        if block.kind != "heading" or "_" not in block.source:
            continue  # an id the theme uses begins with two underscores
        if _OWN_ID.search(block.source):
            continue  # the heading names its own id, which the attribute list check reads
        words = unescape(re.sub(r"<[^>]*>", "", page_markdown().renderInline(block.source)))
        slug = slugify(re.sub(r"\{[^}]*\}\s*$", "", words), "-")
        if theme_id(slug):
            yield rule("unsafe-content")(block.location(0), f"This heading would be given the id '{slug}', which "
                                         "the theme's script uses for one of its own parts.",
                                         "Reword the heading so that it does not begin with underscores.")


def pictures(page: SourcePage) -> Iterator[tuple[str, Location]]:
    """Each Markdown image on a page (inline, by reference or by shortcut), with its address as a
    browser would be given it and where its ![ is typed."""
    if "![" not in page.body:
        return
    lines = page.body.split("\n")
    for token in page_markdown().parse(page.body):
        if token.type != "inline" or not token.map or "![" not in token.content:
            continue
        start, end = token.map
        block = Block("paragraph", 0, token.content, token.content, page.file, page.body_line + start,
                      tuple(lines[start:end]))
        search_from = 0
        for child in token.children or []:
            if child.type == "image":
                at = max(token.content.find("![", search_from), 0)
                search_from = at + 2
                yield str(child.attrs.get("src", "")), block.location(at)


# Each part of a page's path becomes part of its web address as it is, so it may hold only characters
# that need no escaping and mean nothing special in a URL or a shell.
_PAGE_NAME_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _slug(name: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-") or "page"


def check_page_names(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        parts = page.path.removesuffix(".md").split("/")
        bad = [part for part in parts if not _PAGE_NAME_PART.fullmatch(part)]
        if bad:
            suggested = "/".join(_slug(part) for part in parts) + ".md"
            yield rule("page-name")(Location(page.file), f"The page name '{bad[0]}' cannot be part of a web address "
                                    "as it is.", f"Rename the file to content/{suggested}: letters, digits and "
                                    "dashes only.")


# The longest name, in bytes, that file systems allow a file or folder: each part of a page's path names
# one, and the page itself gains .html on the website.
NAME_LIMIT = 255


def check_page_name_lengths(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        parts = page.path.removesuffix(".md").split("/")
        written = [*parts[:-1], parts[-1] + ".html"]
        longest = max(written, key=lambda part: len(part.encode()))
        if len(longest.encode()) > NAME_LIMIT:
            yield rule("page-name")(Location(page.file), f"The page name '{longest[:40]}...' is too long: the "
                                    f"website would need a file or folder named with {len(longest.encode())} "
                                    f"characters, and computers allow at most {NAME_LIMIT}.",
                                    "Rename the file with a shorter name; a few words are plenty.")


def check_content_safety(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        for fragment in page_prose(page).html:
            yield from _html_findings(fragment)
        yield from _attribute_list_findings(page)
        yield from _heading_id_findings(page)
        yield from _target_findings(page.file, page.body_line, page.body)


CHECKS = [check_page_names, check_page_name_lengths, check_content_safety]
