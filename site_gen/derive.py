"""Values the plan works out rather than letting anyone type: delivery confidence, measure status."""

from __future__ import annotations

from decimal import Decimal

from site_gen.model.finance import Column, Row, Table, numeric
from site_gen.model.performance import Measure
from site_gen.model.plan import ConfidenceLevel
from site_gen.not_stated import is_not_stated

MEASURE_STATUSES = {"on-track": "On track", "at-risk": "At risk", "off-track": "Off track", "no-data": "No data",
                    "no-target": "No target"}


def _sum(row: Row, columns: dict[str, int], wanted: list[str]) -> Decimal:
    total = Decimal(0)
    for column_id in wanted:
        value = numeric(row.cell(columns[column_id])) if column_id in columns else None
        if value is not None:
            total += Decimal(value)
    return total


def confidence_share(table: Table, row: Row, column: Column) -> Decimal | None:
    """Percentage of the whole that the part represents, for a rating column: None without a whole."""
    columns = {c.id: i for i, c in enumerate(table.columns)}
    whole = _sum(row, columns, column.whole)
    if whole == 0:
        return None
    return Decimal(100) * _sum(row, columns, column.part) / whole


def level_named(name: object, scale: list[ConfidenceLevel]) -> ConfidenceLevel | None:
    """The step of the scale a typed rating names, by its id (red-amber) or its label (Red-Amber)."""
    wanted = str(name).strip().lower()
    return next((level for level in scale if wanted in (level.rating, level.label.lower())), None)


def rating_for(share: Decimal, scale: list[ConfidenceLevel]) -> ConfidenceLevel:
    """The step of the plan's confidence scale nearest the share counted after risk adjustment."""
    return min(scale, key=lambda level: abs(level.adjustment - share))


def _meets(value: Decimal | int, operator: str, target: Decimal | int) -> bool:
    return {
        ">=": value >= target, "<=": value <= target, ">": value > target, "<": value < target, "=": value == target,
    }[operator]


# A measure missing its target by no more than this share of the target is "at risk", not "off track".
AT_RISK_MARGIN = Decimal("0.05")


def measure_status(measure: Measure) -> str:
    """on-track, at-risk, off-track, no-target or no-data, from the latest actual against the target."""
    if measure.target is None or is_not_stated(measure.target.value):
        return "no-target"
    if not measure.actuals or is_not_stated(measure.actuals[-1].value):
        return "no-data"  # a latest figure the plan does not state is no figure to judge by
    latest = measure.actuals[-1].value
    target = measure.target
    if _meets(latest, target.operator, target.value):
        return "on-track"
    gap = abs(Decimal(latest) - Decimal(target.value))
    if target.value != 0 and gap <= abs(Decimal(target.value)) * AT_RISK_MARGIN:
        return "at-risk"
    return "off-track"
