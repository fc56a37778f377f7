"""Qualified figures: a word such as 'at least', 'over' or 'nearly' in front of a figure typed into a page
says on which side of that figure the true one lies. When the typed figure matches a figure in the data,
the data figure must lie on that side: rounding may explain why the two differ, but it never excuses a
figure on the wrong side of the bound ("at least £14.4m" is wrong for £14.37 million)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from site_gen.checks.consistency import MONEY_IN_TEXT
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.checks.text import narrative_lines
from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.numbers import UNIT_FACTORS, half_unit, in_pounds, places, rounding_in_pounds
from site_gen.refs import Figure
from site_gen.render.formatting import figures_apart
from site_gen.rules import rule


@dataclass(frozen=True)
class Bound:
    """What a qualifier says about the true figure."""

    holds: Callable[[Decimal, Decimal], bool]  # (true figure, typed figure) -> the words are right
    broken: str  # how a true figure on the wrong side compares with the typed one, for the message


AT_LEAST = Bound(operator.ge, "less than")
MORE_THAN = Bound(operator.gt, "not more than")
AT_MOST = Bound(operator.le, "more than")
LESS_THAN = Bound(operator.lt, "not less than")
# "Nearly" and "just over" also say the true figure is close; the match with the data figure, within
# rounding, already makes sure of that.
JUST_BELOW = Bound(operator.lt, "not below")
JUST_ABOVE = Bound(operator.gt, "not above")

QUALIFIERS: dict[str, Bound] = {
    "at least": AT_LEAST, "no less than": AT_LEAST, "not less than": AT_LEAST, "no fewer than": AT_LEAST,
    "more than": MORE_THAN, "over": MORE_THAN, "exceeding": MORE_THAN, "in excess of": MORE_THAN,
    "up to": AT_MOST, "no more than": AT_MOST, "not more than": AT_MOST, "at most": AT_MOST,
    "under": LESS_THAN, "less than": LESS_THAN, "fewer than": LESS_THAN,
    "nearly": JUST_BELOW, "almost": JUST_BELOW, "just under": JUST_BELOW, "just below": JUST_BELOW,
    "just over": JUST_ABOVE, "just above": JUST_ABOVE,
}

# Before a length of time, "over" and "under" usually give an age (people over 65 years) or a span
# (over 5 years we will...), not a bound on a figure; "more than" and "nearly" still count there.
_PREPOSITIONS = {"over", "under"}
_TIME_WORDS = {"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Longest first, so that "just under" is read whole rather than as "under".
_CLAIM = re.compile(
    r"\b(?P<qualifier>" + "|".join(q.replace(" ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+(?:(?P<money>" + MONEY_IN_TEXT.pattern + r")|(?P<number>" + _NUMBER + r")"
    r"(?:(?P<percent>\s?%|\s+per\s?cent\b)|\s+(?P<word>[a-z][a-z-]*))?)(?![\d,.]?\d)",
    re.IGNORECASE)
_MONEY_PARTS = re.compile(r"£\s?(?P<amount>[\d,.]+)\s?(?P<scale>[a-z]*)", re.IGNORECASE)
# Each money suffix as (the unit the typed figure is in, how many of that unit it stands for).
_SCALES = {"": ("£", 1), "k": ("£000", 1), "thousand": ("£000", 1), "m": ("£m", 1), "million": ("£m", 1),
           "bn": ("£m", 1000), "billion": ("£m", 1000)}


@dataclass(frozen=True)
class Amount:
    """A figure on a common footing, money in pounds and anything else in its own unit, with how far the
    figure as written may be from the truth because of rounding."""

    value: Decimal
    unit: str  # "£", "%", or a unit word in lower case such as "children"
    rounding: Decimal


@dataclass(frozen=True)
class Claim:
    """A qualified figure typed into a page, such as 'at least £14.4m'."""

    text: str
    qualifier: str  # in lower case, one space between words
    amount: Amount
    col: int  # 1-based column of the qualifier
    typed: Figure  # the figure in the unit it was typed in (£14.4m is 14.4 in £m), for messages

    @property
    def bound(self) -> Bound:
        return QUALIFIERS[self.qualifier]


def typed_rounding(value: Decimal) -> Decimal:
    """Half a unit in the last place a figure typed into prose was rounded to. A decimal says its place
    (14.4: 0.05). A whole number's trailing zeros are read as rounding, keeping at least two significant
    figures: 10,000 is to the nearest 1,000 (500), 14,400 to the nearest 100 (50), 250 to the nearest
    10 (5), 18 to the nearest 1 (0.5)."""
    if places(value):
        return half_unit(places(value))
    digits = str(abs(int(value)))
    zeros = len(digits) - len(digits.rstrip("0"))
    return half_unit(0) * Decimal(10) ** min(zeros, max(len(digits) - 2, 0))


def _unit_key(unit: str) -> str:
    """How a figure's unit is compared with the word after a typed number: its first word, in lower case."""
    words = unit.split()
    return unit if unit == "%" else words[0].lower() if words else ""


def claims_in(text: str) -> list[Claim]:
    """The qualified figures in one line of prose that could be about a figure in the data: money, a
    percentage, or a number followed by a word that may be its unit (10,000 children)."""
    found = []
    for match in _CLAIM.finditer(text):
        if match["money"]:
            parts = _MONEY_PARTS.match(match["money"])
            number = Decimal(parts["amount"].replace(",", ""))
            unit, scale = _SCALES[parts["scale"].lower()]
            typed = Figure(number * scale, unit, "")
            amount = Amount(in_pounds(typed.value, unit), "£", in_pounds(typed_rounding(number) * scale, unit))
        else:
            number = Decimal(match["number"].replace(",", ""))
            unit = "%" if match["percent"] else (match["word"] or "").lower()
            if not unit:
                continue  # a bare number (children under 5) says nothing about which figure it is
            if unit in _TIME_WORDS and match["qualifier"].lower() in _PREPOSITIONS:
                continue
            typed = Figure(number, unit, "")
            amount = Amount(number, unit, typed_rounding(number))
        qualifier = " ".join(match["qualifier"].lower().split())
        found.append(Claim(match.group(0).strip(), qualifier, amount, match.start("qualifier") + 1, typed))
    return found


def data_amount(figure: Figure) -> Amount:
    """A figure from the data on the same footing as a typed one; its rounding is that of its places."""
    if figure.unit in UNIT_FACTORS:
        return Amount(in_pounds(figure.value, figure.unit), "£", rounding_in_pounds(figure.value, figure.unit))
    return Amount(Decimal(figure.value), _unit_key(figure.unit), half_unit(places(figure.value)))


def same_figure(typed: Amount, data: Amount) -> bool:
    """Whether a typed figure may be the data figure, rounded: the test every narrative figure is matched by."""
    return typed.unit == data.unit and abs(typed.value - data.value) <= max(typed.rounding, data.rounding)


@dataclass(frozen=True)
class DataFigure:
    """A figure in the data, with the reference that reaches it."""

    ref: str
    figure: Figure
    amount: Amount
    summed: bool = False  # the figure is what the statistics it sums add up to, not its typed value
    years: frozenset[int] = frozenset()  # the years its label or period names, if any


# A financial year (2013/14, 2013-14, 14/15) or a calendar year (2013) named in a sentence or a label.
_FINANCIAL_YEAR = re.compile(r"\b(?:20)?(\d{2})\s?[/-]\s?(\d{2})\b")
_CALENDAR_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def years_named(text: str) -> frozenset[int]:
    """The years a text names: both years of a financial year, and any calendar year."""
    found = {int(year) for year in _CALENDAR_YEAR.findall(text)}
    for first, second in _FINANCIAL_YEAR.findall(text):
        if (int(first) + 1) % 100 == int(second):
            found |= {2000 + int(first), 2000 + int(first) + 1}
    return frozenset(found)


def same_period(claim_years: frozenset[int], figure: DataFigure) -> bool:
    """Whether a figure can be the one a sentence means, by the years both name: a sentence about 2014/15
    is never about a figure for 2012/13. When either names none, they may be about the same period."""
    return not claim_years or not figure.years or bool(claim_years & figure.years)


def contradicting(claim: Claim, figures: Iterable[DataFigure]) -> DataFigure | None:
    """The data figure a claim is about, when the claim's qualifier is wrong for it: None when the typed
    figure matches no data figure, or when any one it matches fits the qualifier (the text may mean that
    one). Of several that all break it, the closest."""
    matched = [f for f in figures if same_figure(claim.amount, f.amount)]
    if not matched or any(claim.bound.holds(f.amount.value, claim.amount.value) for f in matched):
        return None
    return min(matched, key=lambda f: abs(f.amount.value - claim.amount.value))


def data_figures(ctx: CheckContext) -> list[DataFigure]:
    """Every figure a typed one may restate. A statistic with sums counts as what its parts add up to,
    so that a wrong total, reported by the arithmetic check, cannot also make a wrong claim look right.
    Measures' targets are left out: a target is a threshold, and text that names it ("under 18 weeks")
    says which side of it counts, not where a figure lies."""
    out = []
    for ref, figure in ctx.index.figures():
        family, _, name = ref.partition(".")
        if family == "performance" and name.endswith(".target"):
            continue
        total = ctx.index.summed(ctx.index.statistics[name]) if family == "population" else None
        if total is not None:
            figure = Figure(total, figure.unit, figure.label)
        out.append(DataFigure(ref, figure, data_amount(figure), total is not None,
                              years_named(f"{figure.label} {_period_of(ctx, ref)}")))
    return out


def _period_of(ctx: CheckContext, ref: str) -> str:
    """The period a statistic or a measure's figure is for, as typed; empty for a table cell (its label has it)."""
    family, _, name = ref.partition(".")
    if family == "population" and name in ctx.index.statistics:
        return str(ctx.index.statistics[name].period or "")
    parts = name.split(".")
    measure = ctx.index.measures.get(parts[0]) if family == "performance" and len(parts) == 2 else None
    if measure is None:
        return ""
    entry = {"baseline": measure.baseline, "latest": measure.actuals[-1] if measure.actuals else None}.get(parts[1])
    return str(entry.period) if entry is not None else ""


def _hint(claim: Claim, found: DataFigure, typed_text: str) -> str:
    if found.amount.value < claim.amount.value:
        words = f"The data's figure is below {typed_text}: choose words that say so, such as 'nearly'"
    elif found.amount.value > claim.amount.value:
        words = f"The data's figure is above {typed_text}: choose words that say so, such as 'just over'"
    else:
        words = f"The data's figure is exactly {typed_text}: leave out '{claim.qualifier}'"
    return f'{words}, or correct whichever figure is wrong. To show the data\'s figure, use {{{{ value("{found.ref}") }}}}.'


def _finding(file: str, line: int, claim: Claim, found: DataFigure) -> Finding:
    data_text, typed_text = figures_apart(found.figure.value, found.figure.unit, claim.typed.value, claim.typed.unit)
    what = f"the parts of {found.figure.label} ({found.ref}) add up to" if found.summed \
        else f"{found.figure.label} ({found.ref}) is"
    return rule("qualifier-contradicts")(
        Location(file, line, claim.col),
        f"The text says '{claim.text}', but {what} {data_text}, which is {claim.bound.broken} {typed_text}.",
        _hint(claim, found, typed_text))


def check_qualified_figures(ctx: CheckContext) -> Iterator[Finding]:
    data = ctx.data_key
    figures = _FIGURES.get(data, lambda: data_figures(ctx))
    if not figures:
        return
    yield from _PAGES.by_page(ctx.pages, lambda page: _in_page(page, figures), data)


# The data's figures by what the typed plan follows from, and each page's findings by its text and that.
_FIGURES, _PAGES = Kept(most=2), Kept()


def _in_page(page: SourcePage, figures: list[DataFigure]) -> Iterator[Finding]:
    for line_no, text in narrative_lines(page):
        claimed_years = years_named(text)
        for claim in claims_in(text):
            found = contradicting(claim, [f for f in figures if same_period(claimed_years, f)])
            if found:
                yield _finding(page.file, line_no, claim, found)


CHECKS = [check_qualified_figures]
