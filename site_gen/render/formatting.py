"""Numbers written the NHS way: £299.8 million in text, 299.8 under a £m heading, 95.2%, 2013/14."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from site_gen.dates import parse_plan_date, plan_date_text
from site_gen.not_stated import NotStated
from site_gen.numbers import UNIT_FACTORS, in_pounds, places, round_to

UNIT_HEADINGS = {"£": "£", "£000": "£000", "£m": "£m", "%": "%"}
# Units that are abbreviations: however they were typed, they are written in capitals, never as "Fte".
UNIT_ABBREVIATIONS = {"fte": "FTE", "wte": "WTE"}
# The places of a million (or a billion) kept in running text: beyond two, the figure is precise to
# thousands of pounds, which reads better in pounds (or, at this size, needs no more places).
MILLION_PLACES = 2
MINUS = "\u2212"  # the minus sign, which screen readers say as "minus"; a hyphen they may skip


def grouped(value: Decimal | int, decimal_places: int | None = None) -> str:
    """1234.5 -> '1,234.5', keeping the places typed unless told otherwise; halves round up, as
    spreadsheets and GOV.UK do (8.25 -> 8.3), and negatives take a true minus sign."""
    if isinstance(value, NotStated):
        return str(value)  # "Not stated in the plan", never a made-up figure
    if decimal_places is None:
        decimal_places = places(value)
    rounded = round_to(Decimal(value), decimal_places)
    text = f"{abs(rounded):,.{decimal_places}f}"
    return f"{MINUS}{text}" if rounded < 0 else text


def money_text(value: Decimal | int, unit: str) -> str:
    """Money in running text, GOV.UK style: £299.8 million, £767,000, £5,268.40.

    A figure in millions typed finer than a reader needs (a sum in pounds typed into a £m table) is
    shown as a person would say it: below £1 million in whole pounds (£252,173, not £0.252173 million),
    above it to at most two places of a million (£1.23 million)."""
    if isinstance(value, NotStated):
        return str(value)  # "Not stated in the plan", never a made-up figure
    sign = MINUS if value < 0 else ""
    value = abs(Decimal(value))
    if unit == "£m":
        if value >= 1000:
            return f"{sign}£{grouped(value / 1000, min(max(places(value), 1), MILLION_PLACES))} billion"
        if value < 1 and places(value) > MILLION_PLACES:
            return f"{sign}£{grouped(value * 1_000_000, 0)}"
        return f"{sign}£{grouped(value, min(places(value), MILLION_PLACES))} million"
    if unit == "£000":
        if value >= 1000:
            return f"{sign}£{grouped(value / 1000, 1)} million"
        return f"{sign}£{grouped(value * 1000, max(places(value) - 3, 0))}"
    return f"{sign}£{grouped(value)}"


def percent_text(value: Decimal | int) -> str:
    if isinstance(value, NotStated):
        return str(value)  # "Not stated in the plan", never a made-up figure
    return f"{grouped(value)}%"


def figure_text(value: Decimal | int, unit: str) -> str:
    """Any figure in running text, by its unit."""
    if isinstance(value, NotStated):
        return str(value)  # "Not stated in the plan", never a made-up figure
    if unit in ("£", "£000", "£m"):
        return money_text(value, unit)
    if unit == "%":
        return percent_text(value)
    per = unit.removeprefix("rate-per-")
    if per != unit and per.isdigit():
        return f"{grouped(value)} per {int(per):,}"
    if unit in ("count", "ratio", "number", ""):
        return grouped(value)
    if unit in ("days", "weeks") and value == 1:
        return f"{grouped(value)} {unit[:-1]}"
    return f"{grouped(value)} {unit}"  # a statistic's own unit, such as years or people


def cell_text(value: Decimal | int | str | None, decimals: int | None, negative: str) -> str:
    """A figure in a table cell: the unit is in the heading, negatives as the table says."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = grouped(abs(value), decimals if decimals is not None else places(value))
    if value < 0:
        return f"({text})" if negative == "brackets" else f"{MINUS}{text}"
    return text


def with_the(name: str) -> str:
    """"the Integrated Plan 2013-15", "the Governing body"; a name that has its own article keeps it."""
    return name if re.match(r"(?i)(the|our|a|an)\s", name) else f"the {name}"


def date_text(value: datetime.date) -> str:
    """1 April 2013, as GOV.UK writes dates."""
    return f"{value.day} {value:%B %Y}"


def unit_label(unit: str) -> str:
    """A unit as it is written inside a sentence or a caption: FTE, £000, %, per 1,000, people."""
    if unit in UNIT_HEADINGS:
        return UNIT_HEADINGS[unit]
    if unit.lower() in UNIT_ABBREVIATIONS:
        return UNIT_ABBREVIATIONS[unit.lower()]
    per = unit.removeprefix("rate-per-")
    if per != unit and per.isdigit():
        return f"per {int(per):,}"
    return unit


def unit_heading(unit: str) -> str:
    """A unit standing alone as a column heading. Only a plain lower-case word takes a capital (people ->
    People); abbreviations, symbols and phrases keep their case (FTE, £000, %, per 1,000)."""
    label = unit_label(unit)
    if label == unit and label.isalpha() and label.islower():
        return label.capitalize()
    return label


def period_text(start: str, end: str) -> str:
    """A plan's period: 2013/14 to 2015/16, or just 2012/13 when it covers one year."""
    return str(start) if start == end else f"{start} to {end}"


_YEAR_IN = re.compile(r"\b(?:19|20)\d{2}\b")


def _year(period: str) -> int | None:
    """The first calendar year a period names (2013, 2013/14, 2013 Q1, Census 2011), if it names one."""
    found = _YEAR_IN.search(str(period))
    return int(found.group(0)) if found else None


def _years_spanned(periods: list[str]) -> int:
    """Whole years from the first period to the last; counted as one a step where the periods name no year."""
    first, last = _year(periods[0]), _year(periods[-1])
    return last - first if first is not None and last is not None else len(periods) - 1


def growth_sentence(rate: Decimal | int, periods: list[str]) -> str:
    """A sentence on a series' stated growth rate that reads right whatever its sign and span. A yearly
    rate needs at least two years between the first and last figures; over one year or less the rate is
    simply the change between them, and a negative rate is a fall, never "growth of -0.3%"."""
    size = percent_text(abs(Decimal(rate)))
    span = f" from {periods[0]} to {periods[-1]}" if len(periods) >= 2 else ""
    yearly = len(periods) < 2 or _years_spanned(periods) >= 2
    if rate == 0:
        return f"The figures stay about the same{span}."
    verb = "grow" if rate > 0 else "fall"
    if yearly:
        return f"The figures {verb} by about {size} a year{span}."
    return f"The figures {verb} by {size}{span}."


def milestone_date(text: str) -> str:
    """A milestone's date the NHS way, at the precision the plan gives: 2013-10-01 -> 1 October 2013,
    2013 Q3 -> July to September 2013, Q2 2014/15 -> Quarter 2 of 2014/15, by Mar 2014 -> By March 2014.
    A date without a year, or one that cannot be read, is shown as written."""
    return plan_date_text(parse_plan_date(text))


def figures_apart(first: Decimal | int, first_unit: str, second: Decimal | int, second_unit: str) -> tuple[str, str]:
    """Two figures as a message shows them: rounded for reading, or in whole pounds when rounding would make
    them look the same (a £3,000 gap between two £219 million figures must be visible)."""
    shown = figure_text(first, first_unit), figure_text(second, second_unit)
    if shown[0] == shown[1] and first_unit in UNIT_FACTORS and second_unit in UNIT_FACTORS:
        pounds = (in_pounds(first, first_unit), in_pounds(second, second_unit))
        return tuple(f"{MINUS if p < 0 else ''}£{grouped(abs(p), 0)}" for p in pounds)
    return shown
