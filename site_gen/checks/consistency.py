"""Consistency: a figure given in two places agrees, ratings agree with their numbers, and money in
the narrative comes from the data rather than being typed by hand."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal

from site_gen.checks.arithmetic import same_fact_finding
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.checks.skipped import not_stated_skip
from site_gen.checks.text import narrative_lines
from site_gen.derive import confidence_share, level_named, rating_for
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.not_stated import is_not_stated
from site_gen.numbers import UNIT_FACTORS, convert, money_agrees, places, round_to
from site_gen.refs import UnknownReference
from site_gen.render.formatting import figures_apart
from site_gen.rules import rule

MONEY_IN_TEXT = re.compile(
    r"£\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:bn|billion|million|thousand|m|k)\b)?", re.I)


def _figures_agree(stated: Decimal | int, stated_unit: str, other: Decimal | int, other_unit: str) -> bool | None:
    """Whether two statements of one figure agree; None when their units cannot be compared."""
    if stated_unit in UNIT_FACTORS and other_unit in UNIT_FACTORS:
        return money_agrees(stated, stated_unit, other, other_unit)
    if stated_unit != other_unit:
        return None
    coarser = min(places(stated), places(other))
    return round_to(Decimal(stated), coarser) == round_to(Decimal(other), coarser)


def check_headlines(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("finance"):
        return
    for hi, headline in enumerate(ctx.data.finance.headlines):
        if headline.value is None or is_not_stated(headline.value):
            continue  # nothing to compare: the not-stated warning is at the value
        unit = headline.unit or "£m"
        where = ctx.where("finance", "headlines", hi, "value")
        try:
            silent = [ref for ref in ([headline.ref] if headline.ref else []) + headline.sums
                      if is_not_stated(ctx.index.figure(ref).value)]
            if silent:
                yield not_stated_skip(where, f"'{headline.label}'", silent)
                continue
            if headline.ref:
                figure = ctx.index.figure(headline.ref)
                agree = _figures_agree(headline.value, unit, figure.value, figure.unit)
                if agree is None:  # in another unit, such as sessions restated as days: by the declared conversions
                    found = same_fact_finding(ctx, where, f"'{headline.label}'", headline.value, unit, headline.ref,
                                              ctx.data.finance.conversions)
                    if found:
                        yield found
                elif agree is False:
                    stated, found = figures_apart(headline.value, unit, figure.value, figure.unit)
                    yield rule("figure-disagrees")(
                        where, f"'{headline.label}' is stated as {stated} but {headline.ref} is {found}.")
            if headline.sums:
                figures = [ctx.index.figure(ref) for ref in headline.sums]
                values = [_in_unit(f.value, f.unit, unit) for f in figures]
                if None in values:
                    continue
                total = round_to(sum(values, Decimal(0)), places(headline.value))
                if total != Decimal(headline.value):
                    stated, found = figures_apart(headline.value, unit, total, unit)
                    what = (f"{headline.sums[0]} is" if len(values) == 1
                            else f"the {len(values)} figures it sums come to")
                    yield rule("figure-disagrees")(where, f"'{headline.label}' is stated as {stated} but {what} {found}.")
        except UnknownReference:
            continue  # reported by the references check


def _in_unit(value: Decimal | int, unit: str, wanted: str) -> Decimal | None:
    if unit == wanted:
        return Decimal(value)
    if unit in UNIT_FACTORS and wanted in UNIT_FACTORS:
        return convert(value, unit, wanted)
    return None


def check_ratings(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("finance") or ctx.data.plan is None:
        return
    scale = ctx.data.plan.delivery_confidence
    for ti, table in enumerate(ctx.data.finance.tables):
        for ci, column in enumerate(table.columns):
            if column.kind != "rating":
                continue
            for ri, row in enumerate(table.rows):
                typed = row.cell(ci)
                if typed is None:
                    continue
                where = ctx.where("finance", "tables", ti, "rows", ri, "values", ci)
                level = level_named(typed, scale)
                if level is None:
                    yield rule("invalid-value")(
                        where, f"'{typed}' is not a rating. Use one of: {', '.join(l.label for l in scale)}.")
                    continue
                share = confidence_share(table, row, column)
                if share is None:
                    continue
                derived = rating_for(share, scale)
                if derived.rating != level.rating:
                    yield rule("status-contradicts")(
                        where, f"{row.label} is rated {level.label}, but its figures give {share:.0f}%, "
                        f"which is {derived.label}.")


def check_money_units(ctx: CheckContext) -> Iterator[Finding]:
    """Money typed as text with £ but no m or k, like £0.03: the reader cannot tell the unit."""
    if not ctx.loaded("priorities"):
        return
    unit = ctx.data.priorities.savings_unit
    for pi, priority in enumerate(ctx.data.priorities.priorities):
        for si, scheme in enumerate(priority.schemes):
            for ki, saving in enumerate(scheme.savings):
                for field in ("amount", "full_year_effect"):
                    money = getattr(saving, field)
                    if money is not None and money.unit_missing:
                        typed = ctx.text("priorities", "priorities", pi, "schemes", si, "savings", ki, field)
                        yield rule("money-unit-missing")(
                            ctx.where("priorities", "priorities", pi, "schemes", si, "savings", ki, field),
                            f"'{typed}' has no unit: is it {typed} million, {typed} thousand or {typed} in pounds? "
                            f"A plain number here would be read in {unit}.")


def check_hand_typed_money(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        for line_no, text in narrative_lines(page):
            for match in MONEY_IN_TEXT.finditer(text):
                yield rule("hand-typed-money")(
                    Location(page.file, line_no, match.start() + 1),
                    f"'{match.group(0).strip()}' is typed by hand; if the data changes, this text will not.")


_NUMBER_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
# "... in 6 domains:" or "Our three aims are:" at the end of a line, announcing the list below it.
_ANNOUNCED = re.compile(r"(?<![\d/.,£])\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s*:\s*$",
                        re.IGNORECASE)
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+\S")
# A number that labels or measures rather than counts the list: "Phase 1", "aged 75 and over", "one for each".
_NOT_A_COUNT_BEFORE = re.compile(r"\b(?:aged?|phase|stage|part|tier|level|step|wave|section|appendix|annex|chapter|"
                                 r"page|table|figure|over|under|top|bottom|band|grade|year|years|priority|"
                                 r"number|no\.?)\s*$", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"^(?:for\s+each|per|in\s+every|of\s+every|out\s+of)\b", re.IGNORECASE)


class _Lists:
    """How many items the list right after a line has, counting only its own level, for every line of a
    page from one reading of it. Counting from each line that announces a list took time growing with the
    square of the page when every item of a long list announces one ("- two things:")."""

    def __init__(self, texts: list[str]) -> None:
        self.items = [_ITEM.match(text) for text in texts]
        # Blank lines sit between the sentence and its list, or between loose items; a line that is not an
        # item ends the list unless it is indented (a wrapped line of the item above).
        self.next_filled = [len(texts)] * (len(texts) + 1)  # the first line at or after each that is not blank
        self.next_end = [len(texts)] * (len(texts) + 1)  # the first line at or after each that ends a list
        for index in range(len(texts) - 1, -1, -1):
            filled = bool(texts[index].strip())
            self.next_filled[index] = index if filled else self.next_filled[index + 1]
            ends = filled and self.items[index] is None and not texts[index].startswith((" ", "\t"))
            self.next_end[index] = index if ends else self.next_end[index + 1]
        self.at_indent: dict[int, list[int]] = {}  # the lines of the items at each indentation, in order
        for index, item in enumerate(self.items):
            if item is not None:
                self.at_indent.setdefault(len(item.group(1)), []).append(index)

    def length_after(self, start: int) -> int:
        return len(self.items_after(start))

    def items_after(self, start: int) -> list[int]:
        """The lines of the items of the list right after a line, at its own level only."""
        first = self.next_filled[start + 1]
        if first == len(self.items) or self.items[first] is None:
            return []
        level = self.at_indent[len(self.items[first].group(1))]
        return level[bisect_left(level, first):bisect_left(level, self.next_end[first + 1])]


# An item that itself counts what it lists: "2 GP Cluster Leads" is two of the people a sentence counts.
_ITEM_COUNT = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+[A-Za-z]",
                         re.IGNORECASE)


def _counted(texts: list[str], lines: list[int]) -> int:
    """What the items count when each may count more than one: a number leading an item counts that many."""
    total = 0
    for index in lines:
        found = _ITEM_COUNT.match(texts[index])
        word = found.group(1).lower() if found else ""
        total += (int(word) if word.isdigit() else _NUMBER_WORDS[word]) if found else 1
    return total


def check_counted_lists(ctx: CheckContext) -> Iterator[Finding]:
    yield from _COUNTED.by_page(ctx.pages, _counted_lists)


_COUNTED = Kept()  # each page's findings, by its text (checks/kept.py)


def _counted_lists(page: SourcePage) -> Iterator[Finding]:
    lines = narrative_lines(page)
    texts = [text for _, text in lines]
    lists = _Lists(texts)
    for position, (line_no, text) in enumerate(lines):
        announced = _ANNOUNCED.search(text)
        if (not announced or _NOT_A_COUNT_BEFORE.search(text[:announced.start()])
                or _NOT_A_COUNT_AFTER.match(announced.group(2))):
            continue
        word = announced.group(1).lower()
        said = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        items = lists.items_after(position)
        found = len(items)
        if found and found != said and _counted(texts, items) != said:
            yield rule("count-mismatch")(
                Location(page.file, line_no, announced.start(1) + 1),
                f"The text says {announced.group(1)} {announced.group(2)}, but the list below it has {found}.")


CHECKS = [check_headlines, check_ratings, check_money_units, check_hand_typed_money, check_counted_lists]
