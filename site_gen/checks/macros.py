"""Pages: each macro names a macro that exists, with arguments that resolve, found at its own line;
each link to another page of the plan leads somewhere."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

from site_gen.checks.context import CheckContext
from site_gen.checks.safety import DANGEROUS_TAGS
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.refs import suggest
from site_gen.render.generated import generated_specs
from site_gen.render.macros import scan_page
from site_gen.rules import rule

# Markdown links and images whose target is a page of the plan (relative, ending .md).
_PAGE_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


def _unreadable_macro(page: SourcePage, message: str, score: Callable[[str], int]) -> Finding:
    """A macro-error at the page line that scores highest (the line most likely to hold the problem)."""
    lines = page.body.split("\n")
    worst = max(range(len(lines)), key=lambda i: score(lines[i]))
    return rule("macro-error")(Location(page.file, page.body_line + worst, 1), message,
                               "Macros are written {{ name(\"argument\") }}, with one pair of brackets.")


def check_page_macros(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        try:
            found = list(scan_page(page, ctx.index))
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
    pages = {p.path for p in ctx.pages} | {s.path for s in generated_specs(ctx.data, [])}
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
                        f"The link to '{target}' goes nowhere.{suggest(resolved, sorted(pages))}")


# Things a browser fetches as the page loads: Markdown images, and HTML that embeds or loads a file.
_REMOTE = re.compile(
    r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)"
    r"|<(?:img|script|iframe|video|audio|source|embed|object|link)\b[^>]*?\b(?:src|href|data|srcset)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE)


def _tag_name(markup: str) -> str:
    return markup[1:].split(None, 1)[0].lower() if markup.startswith("<") else ""


def check_external_resources(ctx: CheckContext) -> Iterator[Finding]:
    """The site asks no other host for anything, so a page may not load a file from elsewhere."""
    for page in ctx.pages:
        for offset, line in enumerate(page.body.split("\n")):
            for match in _REMOTE.finditer(line):
                if _tag_name(match.group(0)) in DANGEROUS_TAGS:
                    continue  # refused outright by the safety check, which names the address too
                address = match.group(1) or match.group(2)
                host = urlparse(address if "//" not in address[:2] else "https:" + address).hostname or address
                yield rule("external-resource")(
                    Location(page.file, page.body_line + offset, match.start() + 1),
                    f"This page loads {address} from {host}, which would learn who reads the plan.")


CHECKS = [check_page_macros, check_page_links, check_external_resources]
