"""Content safety: what an author types into a page may not run code, embed another site or hide a
script behind a link. These are errors, found where they are typed. Other HTML the website does not
keep (old formatting such as <font>, or style="...") is a warning: the sanitiser removes it, and
the author should know that what they typed will not appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

from site_gen.checks.context import CheckContext
from site_gen.checks.markdown_prose import HtmlFragment, page_prose
from site_gen.findings import Finding, Location
from site_gen.rules import rule
from site_gen.site.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

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


def _scheme(url: str) -> str | None:
    """The scheme a browser would see, after undoing character references and the spaces and control
    characters browsers ignore (so 'Java&#115;cript:' and ' javascript:' are caught too)."""
    plain = _CONTROL.sub("", unescape(url)).lower()
    scheme, colon, _ = plain.partition(":")
    return scheme if colon and re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) else None


class _Tags(HTMLParser):
    """Every start tag in a fragment, with its attributes and where it begins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()))

    handle_startendtag = handle_starttag


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _offset(html: str, position: tuple[int, int]) -> int:
    line, col = position
    lines = html.split("\n")
    return sum(len(x) + 1 for x in lines[:line - 1]) + col


def _html_findings(fragment: HtmlFragment) -> Iterator[Finding]:
    parser = _Tags()
    parser.feed(fragment.html)
    parser.close()
    for tag, attrs, position in parser.tags:
        where = fragment.location(_offset(fragment.html, position))
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
            if name.startswith("on"):
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


def check_content_safety(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        for fragment in page_prose(page).html:
            yield from _html_findings(fragment)
        yield from _target_findings(page.file, page.body_line, page.body)


CHECKS = [check_page_names, check_content_safety]
