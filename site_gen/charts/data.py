"""The numbers a chart draws, taken from the plan's data: pure, so that the chart, its summary and
its data table always show the same figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from site_gen.model import PlanData
from site_gen.model.charts import Chart
from site_gen.model.finance import Table, numeric
from site_gen.model.risks import band_ranges
from site_gen.not_stated import NotStated, is_not_stated
from site_gen.refs import ReferenceIndex, UnknownReference, split_ref
from site_gen.site.palette import CHART_SINGLE

Value = Decimal | int | None


class ChartDataError(Exception):
    """The chart's definition does not fit its data; the message says why, for a finding."""


@dataclass(frozen=True)
class ChartData:
    """Categories along one axis, series within them, and a value for each pair."""

    chart: Chart
    unit: str  # £m, £000, £, %, or a measure's or series' own unit
    categories: list[str]
    series: list[str]
    values: dict[tuple[str, str], Value]
    category_title: str = ""
    targets: dict[str, Value] = field(default_factory=dict)  # dots and measures: the target of each category
    source: str | None = None
    bands: list[tuple[int, int, str]] = field(default_factory=list)  # heat map: (lowest, highest score, name)
    colour: str = CHART_SINGLE  # of a chart with one series: the organisation's colour, as on its website

    def score(self, category: str, series: str) -> int:
        """A heat map cell's score: likelihood (the series, lowest first) times impact (the categories,
        highest first)."""
        return (self.series.index(series) + 1) * (len(self.categories) - self.categories.index(category))

    def band(self, score: int) -> str:
        return next((name for low, high, name in self.bands if low <= score <= high),
                    self.bands[-1][2] if self.bands else "No band")

    def value(self, category: str, series: str) -> Value:
        return self.values.get((category, series))


def _rows(table: Table, chart: Chart) -> list:
    by_id = {row.id: row for row in table.rows}
    missing = [r for r in chart.rows if r not in by_id]
    if missing:
        raise ChartDataError(f"The table '{table.id}' has no row '{missing[0]}'.")
    return [by_id[r] for r in chart.rows] if chart.rows else [row for row in table.rows if row.kind == "line"]


def _columns(table: Table, chart: Chart) -> list:
    by_id = {column.id: column for column in table.columns}
    missing = [c for c in chart.columns if c not in by_id]
    if missing:
        raise ChartDataError(f"The table '{table.id}' has no column '{missing[0]}'.")
    if chart.columns:
        return [by_id[c] for c in chart.columns]
    return [column for column in table.columns if column.kind in ("value", "total")]


def _finance(chart: Chart, table: Table) -> ChartData:
    rows, columns = _rows(table, chart), _columns(table, chart)
    position = {column.id: i for i, column in enumerate(table.columns)}
    if chart.kind in ("bar", "bridge", "dots") and len(columns) != 1:
        raise ChartDataError(f"A {chart.kind} chart draws one column of the table; name it with columns: [ID].")
    if chart.kind == "dots" and chart.target not in position:
        raise ChartDataError("A dots chart needs target: the column of the table that holds each row's target.")
    if chart.kind == "bridge" and len(rows) < 3:
        raise ChartDataError("A bridge needs at least three rows: where it starts, the steps, and where it ends.")
    source = chart.source or table.source
    if chart.kind == "line":  # the columns are periods along the axis; each row is a line
        values = {(c.label, r.label): numeric(r.cell(position[c.id])) for r in rows for c in columns}
        return ChartData(chart, table.unit, [c.label for c in columns], [r.label for r in rows], values,
                         "Year", source=source)
    values = {(r.label, c.label): numeric(r.cell(position[c.id])) for r in rows for c in columns}
    targets = {r.label: numeric(r.cell(position[chart.target])) for r in rows} if chart.kind == "dots" else {}
    return ChartData(chart, table.unit, [r.label for r in rows], [c.label for c in columns], values,
                     table.row_heading, targets, source)


def _drawn(value: Value | NotStated) -> Value:
    """A figure as a chart draws it: one the plan does not state is a gap, like an empty cell."""
    return None if is_not_stated(value) else value


def _measure(chart: Chart, measure) -> ChartData:
    values: dict[tuple[str, str], Value] = {}
    for label, entries in (("Actual", measure.actuals), ("Planned", measure.trajectory)):
        for entry in entries:
            values[(entry.period, label)] = _drawn(entry.value)
    periods = list(dict.fromkeys(period for period, _ in values))
    series = [label for label in ("Actual", "Planned") if any(s == label for _, s in values)]
    stated = measure.target and not is_not_stated(measure.target.value)
    targets = {period: measure.target.value for period in periods} if stated else {}
    return ChartData(chart, measure.unit, periods, series, values, "Period", targets, chart.source or measure.source)


def _series(chart: Chart, series) -> ChartData:
    values = {(p.period, p.group or series.title): _drawn(p.value) for p in series.points}
    periods = list(dict.fromkeys(period for period, _ in values))
    groups = list(dict.fromkeys(group for _, group in values))
    return ChartData(chart, series.unit, periods, groups, values, "Period", source=chart.source or series.source)


def _risks(chart: Chart, data: PlanData) -> ChartData:
    scoring = data.risks.scoring
    if not scoring.scored:
        raise ChartDataError("The risk scoring scheme has no likelihood and impact scales, so there is no grid to "
                             "draw; the table of risks shows their ratings.")
    placed = [a for a in (next((a for a in (r.residual, r.inherent) if a and a.product is not None), None)
                          for r in data.risks.risks) if a is not None]
    if not placed:
        raise ChartDataError("No risk has a likelihood and an impact, so there is nothing to place on a heat map.")
    counts = Counter((a.likelihood, a.impact) for a in placed)
    values = {(impact.label, likelihood.label): counts.get((likelihood.value, impact.value), 0)
              for impact in reversed(scoring.impact) for likelihood in scoring.likelihood}
    return ChartData(chart, "risks", [i.label for i in reversed(scoring.impact)],
                     [lvl.label for lvl in scoring.likelihood], values, "Impact", source=chart.source,
                     bands=[(r.low, r.high, r.band.label) for r in band_ranges(scoring)])


def chart_data(chart: Chart, data: PlanData, index: ReferenceIndex) -> ChartData:
    """The figures the chart draws; ChartDataError when its definition does not fit the data."""
    parts = split_ref(chart.data)
    family, item = (parts + [""])[:2]
    if chart.kind == "heatmap" and chart.data != "risks.register":
        raise ChartDataError("A heat map draws the risk register: write data: risks.register.")
    if chart.data == "risks.register":
        if chart.kind != "heatmap":
            raise ChartDataError("The risk register is drawn as a heat map: write kind: heatmap.")
        return _risks(chart, data)
    if len(parts) == 2 and family == "finance" and item in index.tables:
        return _finance(chart, index.tables[item])
    if len(parts) == 2 and family in ("performance", "population") and chart.kind not in ("line", "bar"):
        raise ChartDataError(f"A {chart.kind} chart draws a finance table; a measure or a population series is "
                             "drawn as a line or a bar chart.")
    if len(parts) == 2 and family in ("performance", "population") and (chart.rows or chart.columns or chart.target):
        raise ChartDataError("rows:, columns: and target: choose parts of a finance table; leave them out here.")
    if len(parts) == 2 and family == "performance" and item in index.measures:
        return _measure(chart, index.measures[item])
    if len(parts) == 2 and family == "population" and item in index.series:
        return _series(chart, index.series[item])
    raise UnknownReference(f"'{chart.data}' is not data a chart can draw.")
