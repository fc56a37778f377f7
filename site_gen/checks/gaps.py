"""Gaps in a page's text: what a plan printed with something missing. A unit with no figure ("a budget of
£ million"), a number cut off (",000", "May ,763"), a month or a word such as "since" with the year missing
before a full stop, a lead-in that ends in a colon with nothing after it, a heading with nothing under it,
a pointer to the printed layout ("overleaf") that means nothing on a web page, words that point at a table,
a picture or an appendix that is not there ("the table below", "see diagram", "see Appendix 2")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from site_gen.checks.completeness import Prose, place_of, prose_by_file
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
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
# Words that point at a table or a picture on the page, and what must be there for them to point at something.
_TABLE_HERE = re.compile(r"^\s*\||<table\b|\{\{-?\s*(?:table|measures|risks|milestones|priorities|lost)\s*\(")
_PICTURE_HERE = re.compile(r"!\[|<img\b|\{\{-?\s*(?:chart|lost)\s*\(")
_PICTURES = r"(?:diagram|chart|graph|picture|map|image|illustration|figure)"
_POINTERS = (  # (words, what they point at, where it must be, named as)
    (re.compile(r"\btables?\s+below\b|\bfollowing\s+tables?\b|\bbelow\s+table\b", re.IGNORECASE),
     _TABLE_HERE, "after", "a table"),
    (re.compile(r"\btables?\s+above\b|\babove\s+table\b|\bprevious\s+table\b", re.IGNORECASE),
     _TABLE_HERE, "before", "a table"),
    (re.compile(rf"\b{_PICTURES}\s+below\b|\bfollowing\s+{_PICTURES}\b|\bbelow\s+{_PICTURES}\b", re.IGNORECASE),
     _PICTURE_HERE, "after", "a picture or chart"),
    (re.compile(rf"\b{_PICTURES}\s+above\b|\babove\s+{_PICTURES}\b|\bprevious\s+{_PICTURES}\b", re.IGNORECASE),
     _PICTURE_HERE, "before", "a picture or chart"),
    (re.compile(rf"\bsee\s+(?:the\s+)?{_PICTURES}(?!\s*\d)\b", re.IGNORECASE), _PICTURE_HERE, "anywhere",
     "a picture or chart"),
)
# "see Appendix 2", "in Annex B": an appendix of this plan, unless the words name another document's ("of the").
_APPENDIX_REF = re.compile(r"\b(?:see|in|at|within|from)\s+(?:the\s+)?((?:Appendix|Annex|Annexe)\s+(?:\d{1,2}|[A-Z]))\b"
                           r"(?!\s+(?:of|to)\b)", re.IGNORECASE)
_APPENDIX_NAME = re.compile(r"^[#*_\s]*((?:Appendix|Annex|Annexe)\s+(?:\d{1,2}|[A-Z]))\b", re.IGNORECASE)
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


def _in_layout(page: SourcePage, lines: list[tuple[int, str]]) -> Iterator[Finding]:
    """A heading with nothing under it before the next heading of its level or higher; a sentence that ends in
    a colon with no list, table or macro after it."""
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


class _Layout:
    """Where a page's tables, pictures and headings are, by index into its lines, so that each pointer is
    answered by a search rather than a walk over the page (a page of pointers stays quick)."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.count = len(lines)
        self.at = {kind: [i for i, (_, text) in enumerate(lines) if kind.search(text)]
                   for kind in (_TABLE_HERE, _PICTURE_HERE)}
        levels = [(i, len(m.group(1))) for i, (_, text) in enumerate(lines) if (m := _HEADING.match(text))]
        # For each level, the headings of that level or higher: where a section of that level ends.
        self.ends = {level: [i for i, at in levels if at <= level] for level in range(1, 8)}

    def has(self, kind: re.Pattern, where: str, index: int, level: int) -> bool:
        found = self.at[kind]
        if where == "anywhere":
            return bool(found)
        if where == "before":
            return bool(found) and found[0] <= index
        ends = self.ends[level]
        section_end = next(iter(ends[bisect_right(ends, index):]), self.count)
        first = bisect_left(found, index)
        return first < len(found) and found[first] < section_end


def _pointers(page: SourcePage, lines: list[tuple[int, str]]) -> Iterator[Finding]:
    """Words that point at a table or a picture ("the table below", "see diagram") with none where they point.
    "Below" looks to the end of the section the words are in: a table under a subheading of it is still below."""
    prose = dict(narrative_lines(page))
    layout = None
    level = 7  # the level of the section a line is in; 7 before the first heading
    for index, (line_no, raw) in enumerate(lines):
        heading = _HEADING.match(raw)
        if heading:
            level = len(heading.group(1))
            continue
        for words, there, where, named in _POINTERS:
            for match in words.finditer(prose.get(line_no, "")):
                layout = layout or _Layout(lines)
                if not layout.has(there, where, index, level):
                    place = {"after": "after it on", "before": "before it on", "anywhere": "on"}[where]
                    yield rule("text-gap")(Location(page.file, line_no, match.start() + 1),
                                           f"'{match.group(0)}' points at {named}, but there is none {place} this "
                                           "page.",
                                           "Put it in (a table or chart from the data, or a picture with its text "
                                           "alternative), mark where it was lost with {{ lost(\"...\") }}, or "
                                           "change the words.")


def _appendix_names(ctx: CheckContext) -> set[str]:
    """The appendices the plan has: each page title, heading or line that starts with "Appendix N"."""
    names = set()
    for page in ctx.pages:
        title = page.front.data.get("title") if isinstance(page.front.data, dict) else None
        texts = [title if isinstance(title, str) else ""] + page.body.split("\n")
        for text in texts:
            match = _APPENDIX_NAME.match(text)
            if match:
                names.add(" ".join(match.group(1).lower().split()))
    return names


def _appendices(ctx: CheckContext) -> Iterator[Finding]:
    """A pointer to an appendix of this plan ("see Appendix 2") that no page or heading is called."""
    names = None
    for page in ctx.pages:
        for line_no, text in narrative_lines(page):
            for match in _APPENDIX_REF.finditer(text):
                names = _appendix_names(ctx) if names is None else names
                if " ".join(match.group(1).lower().split()) not in names:
                    yield rule("text-gap")(Location(page.file, line_no, match.start(1) + 1),
                                           f"'{match.group(0)}' points at {match.group(1)}, but no page or heading "
                                           "of the plan is called that.",
                                           f"Add {match.group(1)} as a page or a heading, mark it lost with "
                                           "{{ lost(\"...\") }} if the plan as published has lost it, or say which "
                                           "document it belongs to.")


def _in_data(ctx: CheckContext) -> Iterator[Finding]:
    """The same gaps in the text of the data files: a priority's summary or a risk's mitigation is read as
    much as a page. (The layout gaps are a page's alone.)"""
    for key, prose in prose_by_file(ctx):
        yield from _DATA_GAPS.get(key, lambda prose=prose: list(_in_data_file(prose())))


def _in_data_file(prose_of_file: Iterator[Prose]) -> Iterator[Finding]:
    for prose in prose_of_file:
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
    yield from _PAGE_GAPS.by_page(ctx.pages, _in_page)
    yield from _appendices(ctx)
    yield from _in_data(ctx)


# Each file's gaps, by what they follow from (checks/kept.py).
_PAGE_GAPS, _DATA_GAPS = Kept(), Kept()


def _in_page(page: SourcePage) -> Iterator[Finding]:
    yield from _in_text(page)
    lines = _blocks(page)  # the page's lines as typed, read once for both
    yield from _in_layout(page, lines)
    yield from _pointers(page, lines)


CHECKS = [check_text_gaps]
