"""Figures that depend on other figures: a share of a figure, a figure uplifted by a rate, an amount per head.

A rate the plan applies (a 1% reserve) is exact, so the figure it gives must match to the rounding of the
figures alone. A rate the plan reports (QIPP is 2.9% of the allocation) was itself rounded, so it is allowed
half a unit in its last typed place as well, as a percentage column is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from site_gen.checks.context import CheckContext
from site_gen.checks.skipped import not_stated_skip
from site_gen.findings import Finding, Location
from site_gen.model.finance import Relation, unit_key
from site_gen.not_stated import is_not_stated
from site_gen.numbers import UNIT_FACTORS, convert, half_unit, percentage_tolerance, places, round_to
from site_gen.refs import UnknownReference, split_ref
from site_gen.render.formatting import figure_text
from site_gen.rules import rule


@dataclass(frozen=True)
class _Known:
    """A figure a relation names, with how far its typed value may be from the truth."""

    value: Decimal
    rounding: Decimal
    unit: str
    label: str
    typed: str  # the figure as the plan gives it, kept when it is converted to another unit of money

    def text(self) -> str:
        return f"{self.label}, {self.typed}"


class _Unusable(Exception):
    """A reference the check cannot use; carries the finding to report, or None when another check reports it."""

    def __init__(self, finding: Finding | None) -> None:
        super().__init__()
        self.finding = finding


def _declared_places(ctx: CheckContext, ref: str) -> int:
    """The table's declared decimals for a cell reference, since spreadsheets drop trailing zeros; else 0."""
    parts = split_ref(ref)
    table = ctx.index.tables.get(parts[1]) if len(parts) == 4 and parts[0] == "finance" else None
    return table.decimals or 0 if table else 0


def _known(ctx: CheckContext, path: tuple, field: str, ref: str) -> _Known:
    """The figure a relation's field names; an unknown reference is reported at that field."""
    where = ctx.where("finance", *path, field)
    try:
        figure = ctx.index.figure(ref)
    except UnknownReference as err:
        if not ctx.index.can_check(split_ref(ref)[0]) or ctx.index.unreadable_ref(ref):
            raise _Unusable(None) from err  # its file or entry could not be read: already reported
        raise _Unusable(rule("unknown-reference")(where, f"{field}: {err}")) from err
    if is_not_stated(figure.value):
        raise _Unusable(not_stated_skip(where, f"the relation's {field.replace('_', ' ')}", [ref]))
    typed = max(places(figure.value), _declared_places(ctx, ref))
    return _Known(Decimal(figure.value), half_unit(typed), figure.unit, figure.label,
                  figure_text(figure.value, figure.unit))


def _in_unit(figure: _Known, unit: str) -> _Known:
    """The figure in another unit of money, so £m and £000 can be compared; its rounding converts with it."""
    if figure.unit == unit or figure.unit not in UNIT_FACTORS or unit not in UNIT_FACTORS:
        return figure
    return _Known(convert(figure.value, figure.unit, unit), convert(figure.rounding, figure.unit, unit), unit,
                  figure.label, figure.typed)


def _same_unit(where: Location, first: _Known, second: _Known) -> None:
    if unit_key(first.unit) != unit_key(second.unit) and not {first.unit, second.unit} <= set(UNIT_FACTORS):
        raise _Unusable(rule("invalid-value")(
            where, f"{first.label} is in {first.unit} but {second.label} is in {second.unit}; a rate relates "
                   "figures in the same unit.", "Point the relation at figures in the same unit."))


def _shown(value: Decimal, beside: Decimal) -> Decimal:
    """A worked-out figure to two places finer than the figure it is set beside, without trailing zeros."""
    return round_to(value, places(beside) + 2).normalize() if value != 0 else Decimal(0)


def _derived_text(value: Decimal, beside: _Known) -> str:
    """A worked-out figure in words. Money in £000 or £m is given in whole pounds, since in millions the places
    that show the difference (£1.499 million against £1.4 million) would be rounded away."""
    if beside.unit in UNIT_FACTORS and beside.unit != "£":
        return figure_text(round_to(convert(value, beside.unit, "£"), 0), "£")
    return figure_text(_shown(value, beside.value), beside.unit)


def _mismatch(where: Location, message: str) -> Finding:
    return rule("relation-mismatch")(where, f"{message}: it differs by more than rounding allows.")


def _share(ctx: CheckContext, path: tuple, relation: Relation) -> Finding | None:
    where = ctx.where("finance", *path)
    whole = _known(ctx, path, "of", relation.of or "")
    part = _in_unit(_known(ctx, path, "share", relation.share or ""), whole.unit)
    _same_unit(where, part, whole)
    rate = Decimal(relation.rate or 0)
    if relation.kind == "applied":
        derived = whole.value * rate / 100
        if abs(part.value - derived) <= part.rounding + whole.rounding * abs(rate) / 100:
            return None
        return _mismatch(where, f"{part.text()}, should be {_show_rate(rate)} of {whole.text()}, which is "
                                f"{_derived_text(derived, part)}")
    if whole.value == 0:
        return None  # a share of nothing has no rate to compare
    actual = part.value / whole.value * 100
    if abs(rate - actual) <= percentage_tolerance(part.value, part.rounding, whole.value, whole.rounding, rate):
        return None
    return _mismatch(where, f"{part.text()}, is said to be {_show_rate(rate)} of {whole.text()}, but it is "
                            f"{_show_rate(round_to(actual, places(rate) + 1))}")


def _uplift(ctx: CheckContext, path: tuple, relation: Relation) -> Finding | None:
    where = ctx.where("finance", *path)
    before = _known(ctx, path, "from", relation.from_ref or "")
    after = _in_unit(_known(ctx, path, "uplift", relation.uplift or ""), before.unit)
    _same_unit(where, after, before)
    rate = Decimal(relation.rate or 0)
    if relation.kind == "applied":
        factor = 1 + rate / 100
        derived = before.value * factor
        if abs(after.value - derived) <= after.rounding + before.rounding * abs(factor):
            return None
        return _mismatch(where, f"{after.text()}, should be {before.text()} uplifted by {_show_rate(rate)}, which is "
                                f"{_derived_text(derived, after)}")
    if before.value == 0:
        return None  # growth from nothing has no rate
    actual = (after.value - before.value) / before.value * 100
    tolerance = percentage_tolerance(after.value - before.value, after.rounding + before.rounding, before.value,
                                     before.rounding, rate)
    if abs(rate - actual) <= tolerance:
        return None
    return _mismatch(where, f"{after.text()}, is said to be {before.text()} uplifted by {_show_rate(rate)}, but the "
                            f"increase is {_show_rate(round_to(actual, places(rate) + 1))}")


def _per_head(ctx: CheckContext, path: tuple, relation: Relation) -> Finding | None:
    where = ctx.where("finance", *path)
    each = _known(ctx, path, "per_head", relation.per_head or "")
    total = _in_unit(_known(ctx, path, "total", relation.total or ""), each.unit)
    people = _known(ctx, path, "population", relation.population or "")
    _same_unit(where, each, total)
    if people.value <= 0:
        return None  # nobody to share the amount among
    actual = total.value / people.value
    # The total's rounding shared among the people, and the people's rounding spread over the total.
    tolerance = each.rounding + total.rounding / people.value + total.value * people.rounding / people.value ** 2
    if abs(each.value - actual) <= tolerance:
        return None
    return _mismatch(where, f"{each.text()}, is said to be {total.text()} shared among {people.text()}, but that "
                            f"is {_derived_text(actual, each)} each")


def _show_rate(rate: Decimal) -> str:
    return f"{rate:f}%"


def check_relations(ctx: CheckContext) -> Iterator[Finding]:
    """Each declared relation between figures holds: applied rates exactly, reported rates to their typed places."""
    if not ctx.loaded("finance"):
        return
    for index, relation in enumerate(ctx.data.finance.relations):
        form = _share if relation.share else _uplift if relation.uplift else _per_head
        try:
            found = form(ctx, ("relations", index), relation)
        except _Unusable as unusable:
            found = unusable.finding
        if found:
            yield found


CHECKS = [check_relations]
