"""Numbers written the NHS way: £299.8 million in text, 299.8 under a £m heading, 95.2%, 2013/14."""

from __future__ import annotations

import datetime
from decimal import Decimal

from site_gen.numbers import places, round_to

UNIT_HEADINGS = {"£": "£", "£000": "£000", "£m": "£m", "%": "%"}
MINUS = "\u2212"  # the minus sign, which screen readers say as "minus"; a hyphen they may skip


def grouped(value: Decimal | int, decimal_places: int | None = None) -> str:
    """1234.5 -> '1,234.5', keeping the places typed unless told otherwise; halves round up, as
    spreadsheets and GOV.UK do (8.25 -> 8.3), and negatives take a true minus sign."""
    if decimal_places is None:
        decimal_places = places(value)
    rounded = round_to(Decimal(value), decimal_places)
    text = f"{abs(rounded):,.{decimal_places}f}"
    return f"{MINUS}{text}" if rounded < 0 else text


def money_text(value: Decimal | int, unit: str) -> str:
    """Money in running text, GOV.UK style: £299.8 million, £767,000, £5,268.40."""
    sign = MINUS if value < 0 else ""
    value = abs(Decimal(value))
    if unit == "£m":
        if value >= 1000:
            return f"{sign}£{grouped(value / 1000, max(places(value), 1))} billion"
        return f"{sign}£{grouped(value)} million"
    if unit == "£000":
        if value >= 1000:
            return f"{sign}£{grouped(value / 1000, 1)} million"
        return f"{sign}£{grouped(value * 1000, max(places(value) - 3, 0))}"
    return f"{sign}£{grouped(value)}"


def percent_text(value: Decimal | int) -> str:
    return f"{grouped(value)}%"


def figure_text(value: Decimal | int, unit: str) -> str:
    """Any figure in running text, by its unit."""
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


def date_text(value: datetime.date) -> str:
    """1 April 2013, as GOV.UK writes dates."""
    return f"{value.day} {value:%B %Y}"


def unit_heading(unit: str) -> str:
    return UNIT_HEADINGS.get(unit, unit)


def milestone_date(text: str) -> str:
    """2013-10-01 -> 1 October 2013; 2013-10 -> October 2013; 2013 Q3 and 2013/14 stay as written."""
    try:
        if len(text) == 10:
            return date_text(datetime.date.fromisoformat(text))
        if len(text) == 7 and text[4] == "-":
            return f"{datetime.date.fromisoformat(text + '-01'):%B %Y}"
    except ValueError:
        pass
    return text
