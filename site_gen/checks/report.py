"""The plain-English report of `site-gen check --report`: one row for each file people write prose in."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from site_gen.checks.completeness import undefined_acronyms
from site_gen.checks.context import CheckContext
from site_gen.checks.plain_english import READING_AGE_TARGET, file_texts
from site_gen.findings import Finding


@dataclass(frozen=True)
class ReportRow:
    file: str
    title: str
    words: int
    reading_age: int | None
    reading_age_text: str
    longest_sentence: int  # in words
    undefined_acronyms: tuple[str, ...]
    findings: int  # findings of every kind that point into this file


def report_rows(ctx: CheckContext, findings: list[Finding]) -> list[ReportRow]:
    titles = {page.file: str((page.front.data or {}).get("title") or page.path) for page in ctx.pages}
    acronyms: dict[str, list[str]] = defaultdict(list)
    for location, word in undefined_acronyms(ctx):
        acronyms[location.file].append(word)
    counts = Counter(f.location.file for f in findings)
    return [ReportRow(text.file, titles.get(text.file, ""), text.measure.words, text.measure.reading_age,
                      text.measure.reading_age_text,
                      max((p.sentence.words for p in text.sentences), default=0),
                      tuple(sorted(acronyms[text.file])), counts[text.file])
            for text in file_texts(ctx)]


def report_dicts(rows: list[ReportRow]) -> list[dict]:
    return [asdict(row) | {"undefined_acronyms": list(row.undefined_acronyms)} for row in rows]


def _table(header: list[str], body: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in [header] + body) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return [line(header), line(["-" * w for w in widths])] + [line(r).rstrip() for r in body]


def report_text(rows: list[ReportRow]) -> str:
    header = ["File", "Words", "Reading age", "Longest sentence", "Findings", "Acronyms not in the glossary"]
    body = [[row.file, f"{row.words:,}", row.reading_age_text,
             f"{row.longest_sentence} words", str(row.findings), ", ".join(row.undefined_acronyms) or "none"]
            for row in rows]
    ages = [row.reading_age for row in rows if row.reading_age is not None]
    lines = ["Plain English, file by file", ""] + _table(header, body, {1, 2, 3, 4}) + [""]
    if ages:
        over = sum(age > READING_AGE_TARGET for age in ages)
        highest = "over 21" if max(ages) > 21 else str(max(ages))
        lines.append(f"Reading age: {min(ages)} to {highest}; {over} of {len(ages)} files over the aim of "
                     f"{READING_AGE_TARGET}. A dash means too little text to estimate.")
    lines.append("The reading age is an estimate (Flesch-Kincaid grade plus 5): shorter sentences and "
                 "shorter words bring it down.")
    return "\n".join(lines)
