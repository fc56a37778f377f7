"""Completeness: no placeholders left in, measures say what they are aiming for, acronyms explained."""

from __future__ import annotations

import re
from typing import Iterator

from site_gen.checks.context import CheckContext
from site_gen.checks.text import data_strings, narrative_lines
from site_gen.findings import Finding, Location, Severity
from site_gen.rules import rule

PLACEHOLDER = re.compile(
    r"\b(?:TBC|TBA|TBD)\b|X{4,}|x{4,}|\bAppendix\s+[xX]\b|[(\[]\s*add link\s*[)\]]"
    r"|Error! Reference source not found|\[insert\b[^\]]*\]|\blorem ipsum\b",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z0-9])s?(?![\w&])")

# Fields holding ids, references, codes or addresses rather than prose.
NOT_PROSE_KEYS = frozenset({
    "id", "ref", "sums", "part", "whole", "data", "link", "logo", "url", "web", "email", "phone", "priorities",
    "measures", "milestones", "alignment", "domain", "priority", "reports_to", "band", "kind", "unit", "status",
    "decision", "operator", "direction", "negative", "rating", "confidence", "fingerprint", "version", "year",
    "period", "date", "start", "end", "accent_colour", "savings_unit", "paper", "show", "minute",
})


def _placeholder_severity(ctx: CheckContext) -> Severity:
    return Severity.WARNING if ctx.status in ("draft", "consultation") else Severity.ERROR


# Placeholders are looked for everywhere people type, links and addresses included; only ids,
# references and fixed codes are left out.
NOT_TYPED_KEYS = frozenset({"id", "ref", "sums", "part", "whole", "data", "kind", "unit", "status", "decision",
                            "operator", "direction", "negative", "rating", "confidence", "fingerprint",
                            "accent_colour", "savings_unit", "paper", "show"})


def _prose(ctx: CheckContext, skip_keys: frozenset[str] = NOT_PROSE_KEYS) -> Iterator[tuple[Location, str]]:
    """Every piece of prose in the plan, with where it starts."""
    for family, doc in sorted(ctx.docs.items()):
        skip = skip_keys | ({"term"} if family == "glossary" else frozenset())
        for path, text in data_strings(doc, skip):
            yield doc.location(path), text
    for page in ctx.pages:
        for path, text in data_strings(page.front, skip_keys):
            yield page.front.location(path), text
        for line_no, text in narrative_lines(page):
            yield Location(page.file, line_no, 1), text


def _at(location: Location, text: str, offset: int) -> Location:
    """Move to the column of a match when the text sits on one line at a known column."""
    if "\n" in text[:offset] or location.file.startswith("data/"):
        return location
    return Location(location.file, location.line, location.col + offset)


def check_placeholders(ctx: CheckContext) -> Iterator[Finding]:
    severity = _placeholder_severity(ctx)
    lifecycle = "a draft" if severity is Severity.WARNING else f"a plan that is {ctx.status}"
    for location, text in _prose(ctx, NOT_TYPED_KEYS):
        for match in PLACEHOLDER.finditer(text):
            yield rule("placeholder").with_severity(
                severity, _at(location, text, match.start()),
                f"'{match.group(0)}' is a placeholder, left in {lifecycle}.")


def check_measure_targets(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("performance"):
        return
    for mi, measure in enumerate(ctx.data.performance.measures):
        if measure.target is None and not measure.no_target:
            yield rule("no-target")(ctx.where("performance", "measures", mi),
                                    f"The measure '{measure.id}' has no target and does not say why.")
        if measure.target is not None and measure.no_target:
            yield rule("invalid-value")(ctx.where("performance", "measures", mi, "no_target"),
                                        f"The measure '{measure.id}' has both a target and no_target.",
                                        "Keep one: the target, or the reason there is none.")


def check_acronyms(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("glossary") and "glossary" in ctx.docs:
        return  # a broken glossary would make every acronym look undefined
    known = {t.term for t in ctx.data.glossary.terms}
    reported: set[tuple[str, str]] = set()
    for location, text in _prose(ctx):
        for match in ACRONYM.finditer(text):
            word = match.group(1)
            if (sum(ch.isalpha() for ch in word) < 2 or word in known or (location.file, word) in reported
                    or PLACEHOLDER.fullmatch(word)):
                continue
            reported.add((location.file, word))
            yield rule("acronym-undefined")(_at(location, text, match.start()),
                                            f"'{word}' is not in the glossary.")


CHECKS = [check_placeholders, check_measure_targets, check_acronyms]
