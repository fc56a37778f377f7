"""Pages: each macro names a macro that exists, with arguments that resolve, found at its own line;
each link to another page of the plan leads somewhere."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.checks.markdown_prose import page_prose
from site_gen.checks.safety import DANGEROUS_TAGS, attribute_lists, pictures, start_tags, tag_location
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.refs import ReferenceIndex
from site_gen.render.generated import generated_specs
from site_gen.render.macros import scan_page
from site_gen.render.titles import page_title
from site_gen.rules import rule
from site_gen.site.sanitise import browser_url, names_another_host

# Markdown links and images whose target is a page of the plan (relative, ending .md).
# The address may not hold "]": otherwise, on a line of many "](" that never close, each would be read
# on to the end of the line and back.
_PAGE_LINK = re.compile(r"\]\(\s*<?([^)\s>#\]]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


def _unreadable_macro(page: SourcePage, message: str, score: Callable[[str], int]) -> Finding:
    """A macro-error at the page line that scores highest (the line most likely to hold the problem)."""
    lines = page.body.split("\n")
    worst = max(range(len(lines)), key=lambda i: score(lines[i]))
    return rule("macro-error")(Location(page.file, page.body_line + worst, 1), message,
                               "Macros are written {{ name(\"argument\") }}, with one pair of brackets.")


def check_page_macros(ctx: CheckContext) -> Iterator[Finding]:
    yield from _MACROS.by_page(ctx.pages, lambda page: _page_macros(page, ctx.index), ctx.data_key)


_MACROS = Kept()  # each page's findings, by its text and the data its macros name (checks/kept.py)


def _page_macros(page: SourcePage, index: ReferenceIndex) -> Iterator[Finding]:
    try:
        found = list(scan_page(page, index))
    except RecursionError:
        # Found by fuzzing: brackets nested hundreds deep ({{ [[[[...]]]] }}) overflow Jinja's parser, and the
        # RecursionError became an internal error. Point at the line with the most brackets instead.
        found = [_unreadable_macro(page, "A macro here is nested too deeply to be read.",
                                   lambda line: sum(line.count(c) for c in "([{"))]
    except ValueError as err:
        # Found by fuzzing: Jinja reads a number in a macro with int(), which refuses more than 4,300 digits
        # ({{ value(999...) }}), and the ValueError became an internal error.
        if "integer string conversion" not in str(err):
            raise
        found = [_unreadable_macro(page, "A number in a macro here is far too long to be read.",
                                   lambda line: max(map(len, re.findall(r"\d+", line)), default=0))]
    yield from found


def check_page_links(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.broken:
        # A data file that did not load takes its generated pages with it; links to them would all look
        # broken, burying the one finding that matters (the file's own) under many that do not.
        return
    titles = {s.path: s.title for s in generated_specs(ctx.data, [])} | {p.path: page_title(p) for p in ctx.pages}
    pages = set(titles)
    if ctx.data.plan is not None:
        pages.add("index.md")
    for page in ctx.pages:
        folder = posixpath.dirname(page.path)
        for offset, line in enumerate(page.body.split("\n")):
            for match in _PAGE_LINK.finditer(line):
                target = match.group(1)
                if "://" in target:
                    continue
                resolved = posixpath.normpath(posixpath.join(folder, target))
                if resolved not in pages:
                    yield rule("broken-link")(
                        Location(page.file, page.body_line + offset, match.start(1) + 1),
                        f"The link to '{target}' goes nowhere.{_near_pages(resolved, _link_text(line, match), titles)}")


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _link_text(line: str, match: re.Match) -> str:
    """The words of the link whose target match found: [these words](target.md)."""
    opened = line.rfind("[", 0, match.start())
    return line[opened + 1:match.start()] if opened >= 0 else ""


# How alike a wrong link and a page must be to be offered: alike enough that the author would recognise it,
# never just any page that shares ".md" and an ending such as "-ment".
NEAR_ENOUGH = 0.75


def _near_pages(wrong: str, text: str, titles: dict[str, str]) -> str:
    """The pages a broken link most likely meant: by the name of the file, or by its title against the link's
    own words; none when nothing is close."""
    stem = _words(posixpath.splitext(posixpath.basename(wrong))[0])
    scored = []
    for path, title in titles.items():
        by_name = difflib.SequenceMatcher(None, stem, _words(posixpath.splitext(posixpath.basename(path))[0])).ratio()
        by_title = difflib.SequenceMatcher(None, _words(text), _words(title)).ratio() if text.strip() else 0.0
        if max(by_name, by_title) >= NEAR_ENOUGH:
            scored.append((-max(by_name, by_title), path))
    near = [path for _, path in sorted(scored)[:2]]
    return (" Did you mean " + " or ".join(f"'{path}' ({titles[path]})" for path in near) + "?") if near else ""


# Attributes whose address a browser fetches as the page opens (or, for ping, when a link is followed,
# without the reader choosing that host). An href does so on anything but a link.
_LOADING_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "data",
                                 "ping", "codebase", "manifest", "xlink:href"})
_LINKS = frozenset({"a", "area"})
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|(.))", re.I | re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
# Addresses in CSS: url(...) with or without quotes, and quoted strings (image-set("..."), @import "...").
_CSS_ADDRESS = re.compile(r"url\(\s*([^\s\"')]*)|\"([^\"]*)\"|'([^']*)'", re.I)


def _css_char(match: re.Match) -> str:
    if match.group(2) is not None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _css_addresses(style: str) -> list[str]:
    """The addresses a style names, read as a browser reads CSS (escapes such as \\75 rl undone first)."""
    plain = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_css_char, style))
    return [next(part for part in match.groups() if part is not None) for match in _CSS_ADDRESS.finditer(plain)]


def _loaded_addresses(tag: str, name: str, value: str | None) -> list[str]:
    """The addresses an attribute makes the browser fetch (tag is empty for an attribute list)."""
    name = name.lower()
    if not value:
        return []
    if name == "style":
        return _css_addresses(value)
    if name in ("srcset", "imagesrcset"):
        # Candidates are "address width-or-density", separated by commas; every word is looked at, so a comma
        # inside an address cannot hide one.
        return [word for word in re.split(r"[\s,]+", value) if word]
    if name in _LOADING_ATTRIBUTES or (name == "href" and tag and tag not in _LINKS):
        return [value]
    return []


def _host(address: str) -> str:
    plain = browser_url(address)
    return urlparse("https:" + plain if plain.startswith("//") else plain).hostname or address


def _remote(where: Location, address: str) -> Finding:
    return rule("external-resource")(where, f"This page loads {address.strip()} from {_host(address)}, which would "
                                     "learn who reads the plan.")


def _html_loads(page: SourcePage) -> Iterator[Finding]:
    for fragment in page_prose(page).html:
        for tag, attrs, position in start_tags(fragment.html):
            if tag in DANGEROUS_TAGS:
                continue  # refused outright by the safety check, which names the address too
            where = tag_location(fragment, position)
            for name, value in attrs:
                for address in _loaded_addresses(tag, name, value):
                    if names_another_host(address):
                        yield _remote(where, address)


def _attribute_list_loads(page: SourcePage) -> Iterator[Finding]:
    for where, attributes in attribute_lists(page):
        for name, value in attributes:
            for address in _loaded_addresses("", name, value):
                if names_another_host(address):
                    yield _remote(where, address)


def check_external_resources(ctx: CheckContext) -> Iterator[Finding]:
    """The site asks no other host for anything, so a page may not load a file from elsewhere. Addresses
    are read as the browser reads them, so a reference-style image, a tag split over lines, character
    references and backslashes (\\\\host and /\\host mean //host) cannot hide another host."""
    for page in ctx.pages:
        for address, where in pictures(page):
            if names_another_host(address):
                yield _remote(where, address)
        yield from _html_loads(page)
        yield from _attribute_list_loads(page)


CHECKS = [check_page_macros, check_page_links, check_external_resources]
