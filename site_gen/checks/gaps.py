"""Gaps in a page's text: what a plan printed with something missing. A unit with no figure ("a budget of
£ million"), a number cut off (",000", "May ,763"), a month or a word such as "since" with the year missing
before a full stop, a lead-in that ends in a colon with nothing after it, a heading with nothing under it,
and a pointer to the printed layout ("overleaf") that means nothing on a web page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_gen.checks.completeness import place_of, prose_of_plan
from site_gen.checks.context import CheckContext
from site_gen.checks.text import narrative_lines
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import value_at
from site_gen.not_stated import NotStated
from site_gen.rules import rule

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# Each: (pattern, what is missing, as the message says it).
_GAPS = (
    (re.compile(r"£\s?(?:million|billion|thousand|m|bn|k)\b", re.IGNORECASE), "the figure before its unit"),
    (re.compile(r"\b(?:of|is|was|by|totalling|totaling|about|around)\s+(?:million|billion|thousand)\b",
                re.IGNORECASE), "the figure before its unit"),
    (re.compile(r"(?<=\s),\d{3}\b|^,\d{3}\b"), "the start of a number"),
    (re.compile(rf"\b(?:{_MONTHS}) [.,;]", re.IGNORECASE), "the year after a month"),
    (re.compile(r"\b(?:since|in|from|until|by|during) [.,;](?!\w)", re.IGNORECASE), "the word or year after it"),
    (re.compile(r"\boverleaf\b", re.IGNORECASE), "what 'overleaf' points at: a web page has no next leaf"),
)
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_LIST_OR_TABLE = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|\|)")
_MACRO = re.compile(r"\{\{.*\}\}")


def _in_text(page: SourcePage) -> Iterator[Finding]:
    for line_no, text in narrative_lines(page):
        for pattern, missing in _GAPS:
            for match in pattern.finditer(text):
                shown = match.group(0).strip()
                yield rule("text-gap")(Location(page.file, line_no, match.start() + len(match.group(0))
                                                - len(match.group(0).lstrip()) + 1),
                                       f"'{shown}' has something missing: {missing}.")


def _blocks(page: SourcePage) -> list[tuple[int, str]]:
    """The page's lines as typed that are not blank (a macro line counts: it shows a table or a chart), with
    their file line numbers, outside fenced code."""
    prose = dict(narrative_lines(page))
    raw = page.body.split("\n")
    return [(line_no, raw[line_no - page.body_line]) for line_no in prose
            if raw[line_no - page.body_line].strip()]


def _in_layout(page: SourcePage) -> Iterator[Finding]:
    """A heading with nothing under it before the next heading of its level or higher; a sentence that ends in
    a colon with no list, table or macro after it."""
    lines = _blocks(page)
    for index, (line_no, text) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else None
        heading = _HEADING.match(text)
        if heading:
            next_heading = _HEADING.match(following) if following is not None else None
            if following is None or (next_heading and len(next_heading.group(1)) <= len(heading.group(1))):
                yield rule("text-gap")(Location(page.file, line_no, 1),
                                       f"The heading '{text.lstrip('#').strip()}' has nothing under it.")
            continue
        if (text.rstrip().endswith(":") and not _LIST_OR_TABLE.match(text) and not _MACRO.search(text)
                and (following is None or _HEADING.match(following))):
            yield rule("text-gap")(Location(page.file, line_no, len(text.rstrip())),
                                   "This ends in a colon, but nothing follows it: the list or table it introduces "
                                   "is missing.")


def _in_data(ctx: CheckContext) -> Iterator[Finding]:
    """The same gaps in the text of the data files: a priority's summary or a risk's mitigation is read as
    much as a page. (The layout gaps are a page's alone.)"""
    for prose in prose_of_plan(ctx):
        if (prose.doc is None or not prose.location.file.startswith("data/")
                or isinstance(value_at(prose.doc.data, prose.path), NotStated)):
            continue  # a value recorded as not stated has its own warning, quoting what the plan prints
        placer = None
        for pattern, missing in _GAPS:
            for match in pattern.finditer(prose.text):
                placer = placer or prose.placer()
                yield rule("text-gap")(place_of(prose, match, placer),
                                       f"'{match.group(0).strip()}' has something missing: {missing}.")


def check_text_gaps(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        yield from _in_text(page)
        yield from _in_layout(page)
    yield from _in_data(ctx)


CHECKS = [check_text_gaps]
