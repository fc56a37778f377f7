"""Completeness: no placeholders left in, measures say what they are aiming for, acronyms explained."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from typing import NamedTuple

from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept, joined, page_key
from site_gen.checks.spans import Spans, until
from site_gen.checks.text import Placer, data_strings, narrative_lines, narrative_lines_of
from site_gen.findings import Finding, Location, Severity
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc, value_at
from site_gen.rules import rule
from site_gen.site.lifecycle import STRICT_STATUSES

# What a drafter leaves in place of something still to come. "(add ...)" and "[insert ...]" are read up to 200
# characters for their closing bracket: no placeholder is longer, and an unbounded look would read to the end of
# the text from every "(add" that is never closed. Words are joined by \s+, so a placeholder wrapped across
# a line break of a long value is still one.
PLACEHOLDER = re.compile(
    r"\b(?:TBC|TBA|TBD)\b|X{4,}|x{4,}|(?-i:\bx{2,3}\b)"  # xx in lower case only: XX may be a roman 20
    r"|\b(?:Appendix|Annex|Fig|Figure|Table|Chart|Section|Page)\s+[xX]\b"  # Table x, Appendix x
    r"|[(\[]\s*(?:add|insert)\b[^)\]]{0,200}[)\]]"  # (add hyperlink when finalised), [insert date]
    r"|\(\s*incomplete\s*\)|\bto\s+be\s+confirmed\b"
    r"|Error!\s+Reference\s+source\s+not\s+found|\blorem\s+ipsum\b"
    r"|\bdd/(?:\d{1,2}|mm)/(?:\d{2}|\d{4}|yy|yyyy)\b"  # date masks: dd/mm/yyyy, <dd/02/2014
    r"|£\s?[xX]+(?:\.[xX]+)?(?:\s?(?:m|k|bn|million|thousand))?\b",  # £x, £xk, £xx.xm
    re.IGNORECASE,
)
# Words a template leaves for the drafter, or a drafter leaves for themselves: a prompt ("Please provide a brief
# summary of ...", "You must describe how ...") or a note ("this section needs condensing"). A prompt is known by
# asking for the plan's own content ("a summary", "how your CCG will"), so an invitation to readers ("please
# provide your views", "please contact us") is not one.
_ASKED_FOR = (r"(?:a|an|the|here|details?|how|what|which|why|whether|any|brief|narrative|evidence|information|"
              r"your\s+(?:CCG|ICB|ICS|organisation|organization|plan|area|system|local|trust|partnership|"
              r"approach|strategy|health\s+economy|key|main|top))\b")
DRAFTING = re.compile(
    r"\bplease\s+(?:insert|specify)\b"
    r"|\bplease\s+(?:provide|describe|outline|summarise|summarize|set\s+out|detail|state|explain|confirm)\s+"
    + _ASKED_FOR +
    r"|\byou\s+(?:must|should)\s+(?:provide|describe|outline|summarise|summarize|set\s+out|include|state|explain|"
    r"detail|demonstrate|insert)\s+" + _ASKED_FOR +
    # Editing words are a note about the text itself; "needs checking" is one only when it says of the text,
    # since a plan may rightly say that its assumptions or a contract need checking.
    r"|\b(?:needs?|requires?)\s+(?:to\s+be\s+)?(?:condens|shorten|reword|rewrit|tidy|tidie|edit)\w*"
    r"|\b(?:this|the)\s+(?:section|paragraph|text|page|wording|sentence|chapter|table|chart|narrative)\s+"
    r"(?:still\s+)?(?:needs?|requires?)\s+(?:to\s+be\s+)?(?:updat|check|expand|finalis|finaliz|confirm|complet)\w*"
    r"|\b(?:drafting|editor'?s?|author'?s?)\s+notes?\s*:|\bnote\s+to\s+(?:self|editor|author|drafter)\b"
    r"|\[\s*(?:comment|note|todo|to\s+do|check)\b[^\]]{0,200}\]|(?-i:\bTODO\b)",
    re.IGNORECASE,
)
# Words or characters that every match of PLACEHOLDER, and of DRAFTING, holds (in lower case): text with none of
# them cannot match, and most of a plan's text has none, so the long patterns are tried only where one is.
_PLACEHOLDER_NEEDS = ("tb", "xx", "x", "add", "insert", "incomplete", "confirmed", "error", "lorem", "dd/", "£")
_DRAFTING_NEEDS = ("please", "you", "need", "requir", "note", "[", "todo")


def may_hold(text: str, needs: tuple[str, ...]) -> bool:
    """Whether text holds any of needs, in any case: false when a pattern that needs one cannot match. Cases are
    folded as the patterns fold them: a long s is an s, and both the dotless i (which casefold keeps) and the
    dotted capital I (which it makes an i and a dot) are an i."""
    folded = text.casefold().replace("\u0131", "i").replace("\u0307", "")
    return any(need in folded for need in needs)


ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z0-9])s?(?![\w&])")
# An acronym written in mixed case, as health services often write them: PbR, EoL, CaMHS, DfE. Two capitals at
# least, and no more than two small letters, so that a name in capitals and small letters ("McDonald",
# "NHSmail", "ReAble") is not one.
MIXED_ACRONYM = re.compile(r"(?<![\w&'’])((?=[A-Za-z]{3,6}(?![\w&]))[A-Z](?:[a-z]?[A-Z])+[a-z]?[A-Z]*)(?![\w&])")

# Fields holding ids, references, codes or addresses rather than prose.
NOT_PROSE_KEYS = frozenset({
    "id", "ref", "sums", "part", "whole", "data", "link", "logo", "url", "web", "email", "phone", "priorities",
    "measures", "milestones", "alignment", "domain", "priority", "reports_to", "band", "kind", "unit", "status",
    "decision", "operator", "direction", "negative", "rating", "confidence", "fingerprint", "version", "year",
    "period", "date", "start", "end", "accent_colour", "savings_unit", "paper", "show", "minute",
})


def _placeholder_severity(ctx: CheckContext) -> Severity:
    return Severity.ERROR if ctx.status in STRICT_STATUSES else Severity.WARNING


# Placeholders are looked for everywhere people type, links and addresses included; only ids,
# references and fixed codes are left out.
NOT_TYPED_KEYS = frozenset({"id", "ref", "sums", "part", "whole", "data", "kind", "unit", "status", "decision",
                            "operator", "direction", "negative", "rating", "confidence", "fingerprint",
                            "accent_colour", "savings_unit", "paper", "show"})


class Prose(NamedTuple):
    location: Location
    text: str
    exact: bool  # True when location is where text starts, so a match's column can be given
    doc: SourceDoc | None = None  # for a YAML value: its document and path, to find a word's own line
    path: tuple = ()

    def placer(self) -> Placer | None:
        """For a YAML value, what finds the lines of its words in turn."""
        return Placer(self.doc, self.path) if self.doc is not None else None


def prose_of_plan(ctx: CheckContext, skip_keys: frozenset[str] = NOT_PROSE_KEYS) -> Iterator[Prose]:
    """Every piece of prose in the plan, with where it is. A YAML value is placed at its field's line."""
    for _, prose in prose_by_file(ctx, skip_keys):
        yield from prose()


def prose_by_file(ctx: CheckContext, skip_keys: frozenset[str] = NOT_PROSE_KEYS
                  ) -> Iterator[tuple[tuple | None, Callable[[], Iterator[Prose]]]]:
    """prose_of_plan a file at a time: what the file's prose follows from (None when that is not known,
    see checks/kept.py), and its prose."""
    def of_doc(doc: SourceDoc, skip: frozenset[str]) -> Iterator[Prose]:
        for path, text in data_strings(doc, skip):
            yield Prose(doc.location(path), text, False, doc, path)

    def of_page(page: SourcePage) -> Iterator[Prose]:
        yield from of_doc(page.front, skip_keys)
        for line_no, text in narrative_lines(page):
            yield Prose(Location(page.file, line_no, 1), text, True)

    for family, doc in sorted(ctx.docs.items()):
        skip = skip_keys | ({"term"} if family == "glossary" else frozenset())
        yield joined(doc.digest, skip), partial(of_doc, doc, skip)
    if ctx.settings is not None:
        yield joined(ctx.settings.digest, skip_keys), partial(of_doc, ctx.settings, skip_keys)
    for page in ctx.pages:
        yield joined(page_key(page), skip_keys), partial(of_page, page)


def place_of(prose: Prose, match: re.Match, placer: Placer | None) -> Location:
    """Where a match is: by its column where the text's own column is known, else by finding the word
    in the YAML source below the field (placer, taking the matches of one value in turn)."""
    if prose.exact:
        return Location(prose.location.file, prose.location.line, prose.location.col + match.start())
    if placer is not None:
        return placer.place(match.group(0))
    return prose.location


# A link's target, "](...)": looked for in one pass, since a line of "](" that never close would make a
# regular expression read to the end of the line from each one.
_LINK_TARGET = Spans(((r"\]\(", until(")")),))


def _link_targets(line: str) -> Iterator[tuple[int, str]]:
    """(0-based column, target) of each link target in a line, the target without the spaces round it."""
    for start, end in _LINK_TARGET.spans(line):
        inside = line[start + 2:end - 1]
        yield start + 2 + len(inside) - len(inside.lstrip()), inside.strip()


def _link_placeholders(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """Links with no target, or with a placeholder where the address should be: [the strategy](add link)."""
    for page in ctx.pages:
        for offset, line in enumerate(page.body.split("\n")):
            for column, target in _link_targets(line):
                if not target or PLACEHOLDER.search(target) or target.lower() in ("add link", "link", "#"):
                    yield Location(page.file, page.body_line + offset, column + 1), target or "()"


# Fields whose value is a figure or a date: a placeholder there stands in for the figure or the date itself.
FIGURE_FIELDS = frozenset({"values", "value", "amount", "full_year_effect", "change", "rate", "date"})


def _stands_for(prose: Prose, match: re.Match) -> str | None:
    """What a placeholder stands in for, when it is a figure or a date ("£x", a cell or a saving typed as TBC):
    an error even in a draft, as the DESIGN asks, since a reader would take the plan as giving a figure."""
    field = next((part for part in reversed(prose.path) if isinstance(part, str)), None)
    if (prose.doc is not None and field in FIGURE_FIELDS and match.group(0).strip() == prose.text.strip()
            and not _in_words_column(prose.doc.data, prose.path)):
        return "a date" if field == "date" else "a figure"
    if match.group(0).lstrip().startswith("£"):
        return "an amount of money"
    if prose.doc is not None and field in ("title", "name") and _carries_money(prose.doc.data, prose.path):
        return "the name of a scheme that carries money"
    return None


def _carries_money(data: object, path: tuple) -> bool:
    """Whether the entry holding a field is a scheme with savings: its name is what the money is counted under."""
    node = value_at(data, path[:-1])
    return len(path) >= 2 and path[-3:-2] == ("schemes",) and isinstance(node, dict) and bool(node.get("savings"))


def _in_words_column(data: object, path: tuple) -> bool:
    """Whether a table cell is in a column of words or ratings, where a placeholder stands for no figure."""
    if len(path) != 6 or path[0] != "tables" or path[4] != "values":
        return False
    column = value_at(data, ("tables", path[1], "columns", path[5]))
    return isinstance(column, dict) and column.get("kind") in ("text", "rating")


def _quoted(text: str, match: re.Match, most: int = 60) -> str:
    """The words from a match to the end of its sentence, cut at a word before most characters: what a reader
    needs to find a prompt ("Please provide a brief summary of ..."), not just the words that gave it away."""
    rest = re.split(r"(?<=[.!?:])\s", text[match.start():], maxsplit=1)[0].strip()
    if len(rest) <= most:
        return rest
    return rest[:most].rsplit(" ", 1)[0] + " ..."


def _across_line_breaks(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """Placeholders and drafting notes that a page's source wraps across a line break ("to be" at the end of one
    line, "confirmed" at the start of the next): each line alone shows neither, the paragraph shows both."""
    for page in ctx.pages:
        for line_no, column, found in _wrapped(page.body, page.body_line):
            yield Location(page.file, line_no, column), found


@lru_cache(maxsize=4096)
def _wrapped(body: str, body_line: int) -> tuple[tuple[int, int, str], ...]:
    """(line, column, words) of each placeholder a page's body wraps across a line break, kept by the body."""
    lines = narrative_lines_of(body, body_line)
    found = []
    for (line_no, first), (next_no, second) in zip(lines, lines[1:], strict=False):
        head = first.rstrip()
        if not head or not second.strip() or next_no != line_no + 1:
            continue
        joined = f"{head} {second.lstrip()}"
        for pattern, needs in ((PLACEHOLDER, _PLACEHOLDER_NEEDS), (DRAFTING, _DRAFTING_NEEDS)):
            for match in pattern.finditer(joined) if may_hold(joined, needs) else ():
                if match.start() < len(head) < match.end() - 1:
                    found.append((line_no, match.start() + 1, match.group(0)))
    return tuple(found)


def check_placeholders(ctx: CheckContext) -> Iterator[Finding]:
    severity = _placeholder_severity(ctx)
    lifecycle = "a draft" if severity is Severity.WARNING else f"a plan that is {ctx.status}"
    for key, prose in prose_by_file(ctx, NOT_TYPED_KEYS):
        yield from _PLACEHOLDERS.get(joined(key, severity, lifecycle),
                                     lambda prose=prose: list(_placeholders_in(prose(), severity, lifecycle)))
    for location, found in _across_line_breaks(ctx):
        yield rule("placeholder").with_severity(
            severity, location, f"'{found}' is a placeholder or a drafting note wrapped across two lines, left in "
            f"{lifecycle}.")
    for location, target in _link_placeholders(ctx):
        yield rule("placeholder").with_severity(
            severity, location, f"A link goes to '{target}' instead of a real address, left in {lifecycle}.")


_PLACEHOLDERS = Kept()  # each file's placeholders, by what its prose follows from (checks/kept.py)


def _placeholders_in(prose_of_file: Iterator[Prose], severity: Severity, lifecycle: str) -> Iterator[Finding]:
    for prose in prose_of_file:
        drafting, placeholder = may_hold(prose.text, _DRAFTING_NEEDS), may_hold(prose.text, _PLACEHOLDER_NEEDS)
        if not (drafting or placeholder):
            continue
        placer = None
        for match in DRAFTING.finditer(prose.text) if drafting else ():
            placer = placer or prose.placer()
            yield rule("placeholder").with_severity(
                severity, place_of(prose, match, placer),
                f"'{_quoted(prose.text, match)}' reads as a template's prompt or a drafting note, left in "
                f"{lifecycle}.")
        placer = None
        for match in PLACEHOLDER.finditer(prose.text) if placeholder else ():
            placer = placer or prose.placer()
            stands_for = _stands_for(prose, match)
            if stands_for:
                yield rule("placeholder").with_severity(
                    Severity.ERROR, place_of(prose, match, placer),
                    f"'{match.group(0)}' stands where {stands_for} should be: a placeholder for a figure, a date "
                    f"or the name of what carries money is an error even in a draft.")
                continue
            yield rule("placeholder").with_severity(
                severity, place_of(prose, match, placer),
                f"'{match.group(0)}' is a placeholder, left in {lifecycle}.")


# A reason for no target that only puts it off: "will be added when the baseline is complete", "to be agreed".
_DEFERRED = re.compile(r"\b(?:will|to)\s+be\s+(?:added|agreed|set|confirmed|decided|finalised|finalized|developed|"
                       r"published|included|provided)\b|\bwhen\s+(?:complete|available|known|finalised|agreed)\b"
                       r"|\b(?:not\s+yet|still\s+to\s+be)\s+(?:set|agreed|available)\b", re.IGNORECASE)


def check_measure_targets(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("performance"):
        return
    for mi, measure in enumerate(ctx.data.performance.measures):
        if measure.target is None and not measure.no_target:
            yield rule("no-target")(ctx.where("performance", "measures", mi),
                                    f"The measure '{measure.id}' has no target and does not say why.")
        elif measure.target is None and measure.no_target and _DEFERRED.search(measure.no_target):
            yield rule("no-target")(
                ctx.where("performance", "measures", mi, "no_target"),
                f"The measure '{measure.id}' has no target yet: '{measure.no_target.strip()}' puts it off rather "
                "than saying why there is none.",
                "Give the target when the plan sets it. If the plan publishes without one, say so plainly, such as "
                "'The plan sets no target for this measure'; this warning keeps the gap in view until then.")
        if measure.target is not None and measure.no_target:
            yield rule("invalid-value")(ctx.where("performance", "measures", mi, "no_target"),
                                        f"The measure '{measure.id}' has both a target and no_target.",
                                        "Keep one: the target, or the reason there is none.")


# Words that number a part of something, after which I, II or IV is a roman numeral, not an acronym.
_NUMBERED = re.compile(r"(?:part|phase|stage|tier|level|section|appendix|annex|schedule|chapter|volume|type|"
                       r"wave|step|band|article|clause|class|grade)\s+$", re.IGNORECASE)
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# A heading written all in capitals ("HOW WE WILL DELIVER THE PLAN"): its words are shouted, not abbreviated.
# Two long words at least, so a label made of acronyms ("DIST/CDN", "CAMHS") still counts; a single word in
# capitals that is not an acronym ("DRAFT") goes in the glossary's not_acronyms.
_SHOUTED_WORD = re.compile(r"[A-Z]{4,}")


def _shouted(text: str) -> bool:
    return not any(ch.islower() for ch in text) and len(_SHOUTED_WORD.findall(text)) >= 2


def _is_acronym(word: str, before: str) -> bool:
    """Whether a word in capitals is an acronym to explain: two letters at least, or one letter with two digits
    or more (S75, S256); never a roman numeral numbering a part ("Part II") or a placeholder."""
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if letters < 2 and not (letters == 1 and digits >= 2):
        return False
    if _ROMAN.fullmatch(word) and _NUMBERED.search(before):
        return False
    return not PLACEHOLDER.fullmatch(word)


def known_terms(glossary) -> set[str]:
    """The words the glossary explains or says are not acronyms, each in the singular and the plural: a
    glossary may define GPs, and the text say GP, or the other way round."""
    words = {t.term for t in glossary.terms} | set(glossary.not_acronyms)
    return words | {w[:-1] for w in words if w.endswith("s") and w[:-1].isupper()} | {f"{w}s" for w in words}


def undefined_acronyms(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """The first use in each file of each acronym the glossary does not explain."""
    if "glossary" in ctx.broken:
        return  # a glossary that could not be read would make every acronym look undefined
    known = known_terms(ctx.data.glossary)
    glossary = ctx.docs.get("glossary")
    terms = glossary.digest if glossary is not None else "no glossary"
    for key, prose in prose_by_file(ctx):
        yield from _ACRONYMS.get(joined(key, terms), lambda prose=prose: list(_undefined_in(prose(), known)))


_ACRONYMS = Kept()  # each file's unexplained acronyms, by its text and the glossary's (checks/kept.py)


def _undefined_in(prose_of_file: Iterator[Prose], known: set[str]) -> Iterator[tuple[Location, str]]:
    reported: set[tuple[str, str]] = set()
    for prose in prose_of_file:
        location = prose.location
        placer = None
        if _shouted(prose.text):
            continue
        mixed = (m for m in MIXED_ACRONYM.finditer(prose.text) if re.search(r"[a-z][A-Z]", m.group(1)))
        for match in (*ACRONYM.finditer(prose.text), *mixed):
            word = match.group(1)
            if (word in known or (location.file, word) in reported
                    or not _is_acronym(word, prose.text[max(0, match.start() - 12):match.start()])):
                continue
            reported.add((location.file, word))
            placer = placer or prose.placer()
            yield place_of(prose, match, placer), word


def check_acronyms(ctx: CheckContext) -> Iterator[Finding]:
    """One finding for each acronym the glossary does not explain, at its first use, listing its first use in
    every other file: one problem, however often the plan repeats it."""
    places: dict[str, list[Location]] = {}
    for location, word in undefined_acronyms(ctx):
        places.setdefault(word, []).append(location)
    for word, found in places.items():
        first, *others = sorted(found, key=lambda place: (place.file, place.line, place.col))
        spread = f" It is used unexplained in {len(found)} files; this is the first." if others else ""
        yield rule("acronym-undefined")(first, f"'{word}' is not in the glossary.{spread}", also=tuple(others))


CHECKS = [check_placeholders, check_measure_targets, check_acronyms]
