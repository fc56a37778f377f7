"""Precision-aware arithmetic: how many places a figure was typed to, and how far a total may drift."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

UNIT_FACTORS: dict[str, Decimal] = {"£": Decimal(1), "£000": Decimal(1000), "£m": Decimal(1_000_000)}


def places(value: Decimal | int) -> int:
    """Decimal places as typed: 0.20 has 2, 4.0 has 1, 6698 has 0."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def half_unit(decimal_places: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** -(decimal_places + 1)


def total_tolerance(parts: Iterable[Decimal | int], stated: Decimal | int, declared_decimals: int | None = None) -> Decimal:
    """How far a stated total may be from the sum of its parts and still be right.

    Each part may be off by half a unit in the finest place used among the parts (or the table's
    declared places, since spreadsheets drop trailing zeros), and the total by half a unit in its
    own last typed place.
    """
    parts = list(parts)
    declared = declared_decimals or 0
    finest = max(max((places(p) for p in parts), default=0), declared)
    # The declared places hold for the total too: a spreadsheet's 10 under decimals: 1 means 10.0.
    return half_unit(finest) * len(parts) + half_unit(max(places(stated), declared))


def percentage_tolerance(part: Decimal, part_error: Decimal, whole: Decimal, whole_error: Decimal,
                         stated: Decimal | int) -> Decimal:
    """How far a stated percentage may be from part/whole given the rounding of both."""
    if whole == 0:
        return half_unit(places(stated))
    spread = Decimal(100) * (part_error / abs(whole) + abs(part) * whole_error / (whole * whole))
    return spread + half_unit(places(stated))


def round_to(value: Decimal, decimal_places: int) -> Decimal:
    """Round halves up (away from zero), as spreadsheets and published figures do."""
    return value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)


def convert(value: Decimal | int, from_unit: str, to_unit: str) -> Decimal:
    return Decimal(value) * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]


def in_pounds(value: Decimal | int, unit: str) -> Decimal:
    return Decimal(value) * UNIT_FACTORS[unit]


def money_in_pounds(value: object, unit: str | None) -> Decimal | None:
    """A figure in pounds, or None when it is not a sum of money (or not a number at all)."""
    if unit not in UNIT_FACTORS or not isinstance(value, int | Decimal):
        return None
    return in_pounds(value, unit)


def rounding_in_pounds(value: Decimal | int, unit: str) -> Decimal:
    """Half a unit in the last place typed, in pounds: how far a typed amount may be from the truth.
    Working in pounds keeps that allowance when figures in £000 meet figures in £m."""
    return half_unit(places(value)) * UNIT_FACTORS[unit]


def money_agrees(first: Decimal | int, first_unit: str, second: Decimal | int, second_unit: str) -> bool:
    """Two statements of one amount agree when they differ by no more than the coarser one's rounding."""
    gap = abs(in_pounds(first, first_unit) - in_pounds(second, second_unit))
    return gap <= max(rounding_in_pounds(first, first_unit), rounding_in_pounds(second, second_unit))
