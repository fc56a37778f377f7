"""Arithmetic: totals add up, percentages match their parts, savings roll up (risk scores: checks/risks.py)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from site_gen.checks.context import CheckContext
from site_gen.checks.skipped import not_stated_skip
from site_gen.findings import Finding, Location
from site_gen.model.finance import (
    Conversion,
    Table,
    TableCells,
    conversion_factor,
    not_applicable,
    numeric,
    unit_key,
)
from site_gen.not_stated import is_not_stated
from site_gen.numbers import (
    UNIT_FACTORS,
    convert,
    half_unit,
    in_pounds,
    percentage_tolerance,
    places,
    round_to,
    rounding_in_pounds,
    total_tolerance,
)
from site_gen.refs import UnknownReference, split_ref
from site_gen.render.formatting import figure_text, figures_apart, unit_label
from site_gen.rules import rule


def _show(value: Decimal | int) -> str:
    """A figure in a message: thousands separated, never in scientific notation."""
    return f"{value:,}" if isinstance(value, int) else f"{value:,f}"


def _signed(entry: str) -> tuple[int, str]:
    return (-1, entry[1:]) if entry.startswith("-") else (1, entry)


class _Grid:
    """A finance table as a grid of cells addressed by row and column id."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.rows = {r.id: i for i, r in enumerate(table.rows)}
        self.columns = {c.id: i for i, c in enumerate(table.columns)}

    def cell(self, row: int, column: int) -> Decimal | int | None:
        return numeric(self.table.rows[row].cell(column))

    def unreadable(self, row: int, column: int) -> bool:
        """A cell typed as text where a figure belongs ('299.8x', 'TBC'): reported as wrong-type or a
        placeholder, and a sum that needs it is not checked, rather than added up without it and reported wrong."""
        raw = self.table.rows[row].cell(column)
        return isinstance(raw, str) and numeric(raw) is None and not not_applicable(raw)


def _total_finding(where: Location, what: str, stated: Decimal | int, parts: list,
                   declared_decimals: int | None = None) -> Finding | None:
    total = sum((Decimal(p) for p in parts), Decimal(0))
    tolerance = total_tolerance(parts, stated, declared_decimals)
    if abs(Decimal(stated) - total) <= tolerance:
        return None
    return rule("total-mismatch")(
        where,
        f"{what} is {_show(stated)} but its parts add up to {_show(total)} "
        f"(allowed rounding difference {_show(tolerance.normalize())}).")


def _silent_parts(table: Table, grid: _Grid, ri: int, ci: int, row, column) -> list[str]:
    """The parts of a total cell that the plan does not state, named as a message shows them."""
    silent = []
    if row.kind in ("subtotal", "total"):
        silent += [f"'{table.rows[grid.rows[rid]].label}'" for _, rid in map(_signed, row.sums)
                   if rid in grid.rows and is_not_stated(table.rows[grid.rows[rid]].cell(ci))]
    if column.kind == "total":
        silent += [f"'{table.columns[grid.columns[cid]].label}'" for _, cid in map(_signed, column.sums)
                   if cid in grid.columns and is_not_stated(table.rows[ri].cell(grid.columns[cid]))]
    return silent


def _table_totals(ctx: CheckContext, ti: int, table: Table) -> Iterator[Finding]:
    grid = _Grid(table)
    for ri, row in enumerate(table.rows):
        for ci, column in enumerate(table.columns):
            stated = grid.cell(ri, ci)
            if stated is None or column.kind in ("percent", "rating") or row.kind == "percent":
                continue
            path = ("tables", ti, "rows", ri, "values", ci)
            silent = _silent_parts(table, grid, ri, ci, row, column)
            if silent:
                yield not_stated_skip(ctx.where("finance", *path), f"the {row.kind if row.kind != 'line' else 'total'} "
                                      f"'{row.label}, {column.label}'", silent)
                continue
            if (row.kind in ("subtotal", "total") and row.sums and all(_signed(e)[1] in grid.rows for e in row.sums)
                    and not any(grid.unreadable(grid.rows[_signed(e)[1]], ci) for e in row.sums)):
                parts = [sign * v for sign, rid in map(_signed, row.sums)
                         if rid in grid.rows and (v := grid.cell(grid.rows[rid], ci)) is not None]
                if parts:
                    found = _total_finding(ctx.where("finance", *path), f"{row.label}, {column.label}", stated, parts,
                                           table.decimals)
                    if found:
                        yield found
            if (column.kind == "total" and column.sums and all(_signed(e)[1] in grid.columns for e in column.sums)
                    and not any(grid.unreadable(ri, grid.columns[_signed(e)[1]]) for e in column.sums)):
                parts = [sign * v for sign, cid in map(_signed, column.sums)
                         if cid in grid.columns and (v := grid.cell(ri, grid.columns[cid])) is not None]
                if parts:
                    found = _total_finding(ctx.where("finance", *path), f"{row.label}, {column.label}", stated, parts,
                                           table.decimals)
                    if found:
                        yield found


def _ratio(grid: _Grid, cells: list[tuple[int, int]]) -> tuple[Decimal, Decimal, int] | None:
    """Sum of cells, its rounding error, and count; None if all are empty."""
    values = [v for r, c in cells if (v := grid.cell(r, c)) is not None]
    if not values:
        return None
    finest = max(places(v) for v in values)
    if grid.table.decimals is not None:
        finest = max(finest, grid.table.decimals)
    return sum((Decimal(v) for v in values), Decimal(0)), half_unit(finest) * len(values), len(values)


def _percent_cells(grid: _Grid) -> Iterator[tuple[int, int, list, list]]:
    """(row, column, part cells, whole cells) for every cell of a percent row or column."""
    table = grid.table
    for ri, row in enumerate(table.rows):
        for ci, column in enumerate(table.columns):
            if column.kind == "percent" and column.part and column.whole and row.kind != "percent":
                yield ri, ci, [(ri, grid.columns[c]) for c in column.part if c in grid.columns], \
                    [(ri, grid.columns[c]) for c in column.whole if c in grid.columns]
            elif row.kind == "percent" and row.part and row.whole and column.kind not in ("percent", "rating"):
                yield ri, ci, [(grid.rows[r], ci) for r in row.part if r in grid.rows], \
                    [(grid.rows[r], ci) for r in row.whole if r in grid.rows]


def _table_percentages(ctx: CheckContext, ti: int, table: Table) -> Iterator[Finding]:
    grid = _Grid(table)
    lost = ctx.unreadable("finance", "rows", table.id)
    for ri, ci, part_cells, whole_cells in _percent_cells(grid):
        if lost & set(table.rows[ri].part + table.rows[ri].whole):
            continue  # a share of a row that could not be read would be wrong; a check-skipped note says so
        stated = grid.cell(ri, ci)
        part, whole = _ratio(grid, part_cells), _ratio(grid, whole_cells)
        if stated is None or part is None or whole is None or whole[0] == 0:
            continue
        actual = Decimal(100) * part[0] / whole[0]
        tolerance = percentage_tolerance(part[0], part[1], whole[0], whole[1], stated)
        if abs(Decimal(stated) - actual) > tolerance:
            row, column = table.rows[ri], table.columns[ci]
            shown = actual.quantize(Decimal(1).scaleb(-max(places(stated), 1)))
            yield rule("percentage-mismatch")(
                ctx.where("finance", "tables", ti, "rows", ri, "values", ci),
                f"{row.label}, {column.label} is {_show(stated)}% but {_show(part[0])} of {_show(whole[0])} "
                f"is {shown}%.")


def check_finance_tables(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("finance"):
        return
    for ti, table in enumerate(ctx.data.finance.tables):
        yield from _table_totals(ctx, ti, table)
        yield from _table_percentages(ctx, ti, table)


_TICKS = frozenset({"x", "✓", "✔", "✗", "y", "yes", "•", "*", "●"})


def _tick_matrix(table) -> bool:
    """Whether every filled cell of a table is a tick mark, as in a grid of which priorities meet which aims."""
    filled = [value for row in table.rows for value in row.values if value is not None]
    return bool(filled) and all(isinstance(value, str) and value.strip().lower() in _TICKS for value in filled)


def check_empty_columns(ctx: CheckContext) -> Iterator[Finding]:
    """A column with no cell filled in, or a table with no rows: often figures lost in typing up, or a column
    the plan printed blank.
    A rating column is left alone: its ratings are worked out from the figures when none is typed."""
    if not ctx.loaded("finance"):
        return
    for ti, table in enumerate(ctx.data.finance.tables):
        if ctx.lost_under("finance", "tables", ti):
            continue  # a row that could not be read may hold the column's only figure
        if not table.rows and table.csv is None:  # rows from a CSV that could not be read have their own finding
            yield rule("column-empty")(ctx.where("finance", "tables", ti, "id"),
                                       f"The table '{table.id}' has no rows, so every column of it is empty.")
        if not table.rows or _tick_matrix(table):
            continue  # in a matrix of ticks, a column with none is an answer ("none of these"), not a gap
        for ci, column in enumerate(table.columns):
            if column.kind != "rating" and all(row.cell(ci) is None for row in table.rows):
                yield rule("column-empty")(
                    ctx.where("finance", "tables", ti, "columns", ci),
                    f"Every cell of the column '{column.label}' in the table '{table.id}' is empty.")


def _conversion_text(from_unit: str, to_unit: str, conversions: list[Conversion]) -> str:
    """The declared conversion between two units as the plan wrote it: 1 session = 0.5 day."""
    ends = {unit_key(from_unit), unit_key(to_unit)}
    used = next(c for c in conversions if {unit_key(c.from_unit), unit_key(c.to)} == ends)
    return f"1 {used.from_unit} = {_show(Decimal(used.factor).normalize())} {used.to}"


def same_fact_finding(ctx: CheckContext, where: Location, what: str, stated: Decimal | int, unit: str, ref: str,
                     conversions: list[Conversion]) -> Finding | None:
    try:
        other = ctx.index.figure(ref)
    except UnknownReference as err:
        family = split_ref(ref)[0]
        if not ctx.index.can_check(family) or ctx.index.unreadable_ref(ref):
            return None
        return rule("unknown-reference")(where, f"same_as: {err}")
    if is_not_stated(other.value):
        return not_stated_skip(where, f"'{what}' against {ref}", [ref])
    factor = conversion_factor(unit, other.unit, conversions)
    if factor is None:
        return rule("conversion-missing")(
            where, f"{what} is in {unit_label(unit)} and {ref} is in {unit_label(other.unit)}, but no conversion "
                   f"between {unit_label(unit)} and {unit_label(other.unit)} is declared.")
    converted = Decimal(stated) * factor
    tolerance = half_unit(places(stated)) * abs(factor) + half_unit(places(other.value))
    if abs(converted - Decimal(other.value)) <= tolerance:
        return None
    shown = converted.quantize(Decimal(1).scaleb(-places(other.value))) if converted != 0 else Decimal(0)
    via = ("" if unit_key(unit) == unit_key(other.unit) else
           f", which at {_conversion_text(unit, other.unit, conversions)} is {figure_text(shown, other.unit)}")
    stated_text, other_text = figures_apart(stated, unit, other.value, other.unit)
    return rule("figure-disagrees")(
        where, f"{what} is {stated_text}{via}, but the same fact at {ref} ({other.label}) is {other_text}.")


def check_same_figures(ctx: CheckContext) -> Iterator[Finding]:
    """A cell declared the same fact as another figure, perhaps in another unit, agrees with it once converted
    by the table's or the file's conversions, within the rounding of both figures."""
    if not ctx.loaded("finance"):
        return
    finance = ctx.data.finance
    for ti, table in enumerate(finance.tables):
        cells = TableCells(table)
        for ri, row in enumerate(table.rows):
            for column_id, ref in row.same_as.items():
                stated = numeric(cells.cell(row.id, column_id))
                path = ("tables", ti, "rows", ri, "same_as", column_id)
                if column_id not in cells.columns:
                    yield rule("unknown-reference")(
                        ctx.where("finance", *path), f"The table '{table.id}' has no column '{column_id}'.")
                    continue
                if stated is None:
                    continue  # an empty cell states nothing to compare
                column = cells.columns[column_id][1]
                unit = "%" if "percent" in (column.kind, row.kind) else table.unit
                found = same_fact_finding(ctx, ctx.where("finance", *path), f"{row.label}, {column.label}", stated,
                                         unit, ref, table.conversions + finance.conversions)
                if found:
                    yield found


def check_same_statistics(ctx: CheckContext) -> Iterator[Finding]:
    """A statistic declared the same fact as another figure (the same share given in two sections, a count
    given again in a table) agrees with it, converted by finance.yml's conversions where the units differ."""
    if not ctx.loaded("population"):
        return
    conversions = ctx.data.finance.conversions
    for si, stat in enumerate(ctx.data.population.statistics):
        if stat.same_as is None or is_not_stated(stat.value):
            continue  # a figure the plan does not state has its own warning, and nothing to compare
        found = same_fact_finding(ctx, ctx.where("population", "statistics", si, "same_as"), f"'{stat.label}'", stat.value,
                                 stat.unit, stat.same_as, conversions)
        if found:
            yield found


def _scheme_savings(priorities, year: str, unit: str) -> list[tuple[Decimal, str]]:
    """Each scheme's saving in the year, as (amount, unit) in the unit it was typed in."""
    return [(s.amount.amount, s.amount.unit or unit)
            for p in priorities for scheme in p.schemes for s in scheme.savings
            if s.year == year and not is_not_stated(s.amount.amount)]


def _silent_savings(priorities, year: str) -> list[str]:
    """The schemes whose saving in the year the plan does not state."""
    return [f"the saving of '{scheme.id}'" for p in priorities for scheme in p.schemes for s in scheme.savings
            if s.year == year and is_not_stated(s.amount.amount)]


def _savings_rollup(ctx: CheckContext, path: tuple, who: str, rollup, priorities, unit: str) -> Finding | None:
    silent = _silent_savings(priorities, rollup.year)
    if silent:
        return not_stated_skip(ctx.where("priorities", *path), f"the savings {who} in {rollup.year}", silent)
    return _rollup_finding(ctx, path, who, rollup.year, rollup.ref, _scheme_savings(priorities, rollup.year, unit))


def _rollup_finding(ctx: CheckContext, path: tuple, who: str, year: str, ref: str,
                    parts: list[tuple[Decimal, str]]) -> Finding | None:
    """Compare in pounds, so that each figure keeps the rounding allowance of the unit it was typed in."""
    try:
        figure = ctx.index.figure(ref)
    except UnknownReference:
        return None  # reported by the references check
    if figure.unit not in UNIT_FACTORS or not parts or is_not_stated(figure.value):
        return None  # a total the plan does not state has its own not-stated warning
    total = sum((in_pounds(value, unit) for value, unit in parts), Decimal(0))
    finest = min(rounding_in_pounds(value, unit) for value, unit in parts)
    tolerance = finest * len(parts) + rounding_in_pounds(figure.value, figure.unit)
    if abs(in_pounds(figure.value, figure.unit) - total) <= tolerance:
        return None
    shown = convert(total, "£", figure.unit)
    shown = round_to(shown, places(figure.value) + 2).normalize() if shown != 0 else Decimal(0)
    return rule("savings-rollup-mismatch")(
        ctx.where("priorities", *path),
        f"The schemes {who} save {figure_text(shown, figure.unit)} in {year}, but {ref} is "
        f"{figure_text(figure.value, figure.unit)}.")


def check_savings_rollup(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("priorities") or not ctx.loaded("finance"):
        return
    priorities = ctx.data.priorities
    for pi, priority in enumerate(priorities.priorities):
        if ctx.lost_under("priorities", "priorities", pi):
            continue  # a saving that could not be read would make the sum wrong; a check-skipped note says so
        for ui, rollup in enumerate(priority.savings_rollup):
            found = _savings_rollup(ctx, ("priorities", pi, "savings_rollup", ui), f"under '{priority.id}'", rollup,
                                    [priority], priorities.savings_unit)
            if found:
                yield found
    for ui, rollup in enumerate([] if ctx.lost_under("priorities", "priorities") else priorities.savings_total):
        found = _savings_rollup(ctx, ("savings_total", ui), "of the whole plan", rollup, priorities.priorities,
                                priorities.savings_unit)
        if found:
            yield found


def _years_between(first: str, last: str) -> int | None:
    """Years from one period to another when both start with a year (2013, 2013/14, 2013 Q1)."""
    if first[:4].isdigit() and last[:4].isdigit() and int(last[:4]) > int(first[:4]):
        return int(last[:4]) - int(first[:4])
    return None


def _yearly_rate(first: Decimal | int, last: Decimal | int, years: int) -> Decimal:
    """The compound growth a year, in per cent, from first to last over years (both above zero)."""
    rate = (float(last) / float(first)) ** (1 / years) - 1
    return Decimal(str(round(rate * 100, 6)))


def check_growth_rates(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("population"):
        return
    for si, series in enumerate(ctx.data.population.series):
        points = [p for p in series.points if p.group is None]
        if ctx.lost_under("population", "series", si):
            continue  # a point that could not be read may be the first or last; a check-skipped note says so
        if series.growth_rate is None or len(points) < 2:
            continue
        silent = [f"the figure for {p.period}" if is_not_stated(p.value) else "the period of a figure"
                  for p in (points[0], points[-1]) if is_not_stated(p.value) or is_not_stated(p.period)]
        if silent:
            yield not_stated_skip(ctx.where("population", "series", si, "growth_rate"),
                                  f"the growth rate of '{series.title}'", silent)
            continue
        if points[0].value <= 0 or points[-1].value <= 0:
            continue
        years = _years_between(points[0].period, points[-1].period) or len(points) - 1
        actual = _yearly_rate(points[0].value, points[-1].value, years)
        tolerance = half_unit(places(series.growth_rate)) + Decimal("0.05")
        if abs(Decimal(series.growth_rate) - actual) > tolerance:
            yield rule("growth-rate-mismatch")(
                ctx.where("population", "series", si, "growth_rate"),
                f"The growth rate is {series.growth_rate}% a year, but {_show(points[0].value)} growing to "
                f"{_show(points[-1].value)} over {years} year{'s' if years != 1 else ''} is "
                f"{actual.quantize(Decimal('0.1'))}% a year.")


def _change_words(value: Decimal | int, unit: str) -> str:
    """A signed change in words: 1,500 fewer bed days, 300 more attendances."""
    if value == 0:
        return f"no change in {unit}"
    return f"{_show(abs(value))} {'fewer' if value < 0 else 'more'} {unit}"


def _activity_parts(schemes, total) -> list[Decimal | int]:
    """The schemes' changes a stated total adds up: those in its unit, and its period and activity if it names them."""
    unit = total.unit.strip().lower()
    measure = (total.measure or "").strip().lower()
    return [change.change for scheme in schemes for change in scheme.activity
            if change.unit.strip().lower() == unit
            and (total.period is None or change.period == total.period)
            and (not measure or change.measure.strip().lower() == measure)]


def _activity_finding(ctx: CheckContext, path: tuple, who: str, schemes, total) -> Finding | None:
    parts = _activity_parts(schemes, total)
    if any(is_not_stated(part) for part in parts):
        return not_stated_skip(ctx.where("priorities", *path, "change"), f"the activity total {who} in "
                               f"{total.unit}", ["the change of at least one scheme"])
    when = f" in {total.period}" if total.period else ""
    of = f" ({total.measure})" if total.measure else ""
    stated = _change_words(total.change, total.unit)
    if not parts:
        return rule("activity-rollup-mismatch")(
            ctx.where("priorities", *path, "change"),
            f"No scheme {who} gives a change in {total.unit}{of}{when}, but the total stated is {stated}.")
    tolerance = total_tolerance(parts, total.change)
    added = sum((Decimal(p) for p in parts), Decimal(0))
    if abs(Decimal(total.change) - added) <= tolerance:
        return None
    return rule("activity-rollup-mismatch")(
        ctx.where("priorities", *path, "change"),
        f"The schemes {who} give {_change_words(added, total.unit)}{of}{when}, but the total stated is {stated}.")


def check_activity_rollup(ctx: CheckContext) -> Iterator[Finding]:
    """Activity changes roll up like savings: a total stated for a priority or the plan equals its schemes' sum."""
    if not ctx.loaded("priorities"):
        return
    priorities = ctx.data.priorities
    for pi, priority in enumerate(priorities.priorities):
        if ctx.lost_under("priorities", "priorities", pi):
            continue  # a scheme that could not be read would make the sum wrong; a check-skipped note says so
        for ai, total in enumerate(priority.activity_total):
            found = _activity_finding(ctx, ("priorities", pi, "activity_total", ai), f"under '{priority.id}'",
                                      priority.schemes, total)
            if found:
                yield found
    if ctx.lost_under("priorities", "priorities"):
        return
    schemes = [scheme for priority in priorities.priorities for scheme in priority.schemes]
    for ai, total in enumerate(priorities.activity_total):
        found = _activity_finding(ctx, ("activity_total", ai), "of the whole plan", schemes, total)
        if found:
            yield found


def _point_at(points: list, period: str):
    """The point of a series for a period as the plan names it, or, failing that, the one point in that year."""
    exact = [p for p in points if p.period == period]
    if exact:
        return exact[0]
    year = period[:4]
    same_year = [p for p in points if year.isdigit() and p.period[:4] == year]
    return same_year[0] if len(same_year) == 1 else None


def _stated_growth_finding(ctx: CheckContext, si: int, gi: int, points: list, stated) -> Finding | None:
    """One stated rate checked as a compound annual rate over only its own span of the series."""
    path = ("population", "series", si, "stated_growth", gi)
    claim = f"The plan states growth of {_show(stated.rate)}% a year from {stated.start} to {stated.end}"
    first, last = _point_at(points, stated.start), _point_at(points, stated.end)
    if first is None or last is None:
        missing, key = (stated.start, "from") if first is None else (stated.end, "to")
        return rule("stated-growth-span")(ctx.where(*path, key), f"{claim}, but the series has no figure for {missing}.")
    years = _years_between(first.period, last.period)
    if years is None:
        return rule("stated-growth-span")(ctx.where(*path, "to"), f"{claim}, but {stated.end} is not after "
                                          f"{stated.start}, so there is no span to work a yearly rate out over.")
    silent = [f"the figure for {p.period}" for p in (first, last) if is_not_stated(p.value)]
    if silent:
        return not_stated_skip(ctx.where(*path, "rate"), f"the growth stated from {stated.start} to {stated.end}", silent)
    if first.value <= 0 or last.value <= 0:
        return None  # a compound rate has no meaning from or to zero or below
    actual = _yearly_rate(first.value, last.value, years)
    if abs(Decimal(stated.rate) - actual) <= half_unit(places(stated.rate)):
        return None
    shown = actual.quantize(Decimal(1).scaleb(-max(places(stated.rate), 1)))
    return rule("stated-growth-mismatch")(
        ctx.where(*path, "rate"),
        f"{claim}, but {_show(first.value)} growing to {_show(last.value)} over {years} "
        f"year{'s' if years != 1 else ''} is {shown}% a year.")


def check_stated_growth(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("population"):
        return
    for si, series in enumerate(ctx.data.population.series):
        if ctx.lost_under("population", "series", si):
            continue  # a point that could not be read may be the start or end of a span; a check-skipped note says so
        points = [p for p in series.points if p.group is None]
        for gi, stated in enumerate(series.stated_growth):
            found = _stated_growth_finding(ctx, si, gi, points, stated)
            if found:
                yield found


def check_statistic_sums(ctx: CheckContext) -> Iterator[Finding]:
    """A statistic that is the total of others, such as a district-by-district count, equals their sum
    within the same rounding allowance as a total in a finance table."""
    if not ctx.loaded("population"):
        return
    known = ctx.index.statistics
    for si, stat in enumerate(ctx.data.population.statistics):
        parts = [known[part] for part in stat.sums if part in known]
        if not stat.sums or len(parts) != len(stat.sums):
            continue  # an unknown id is reported by the references check
        others = [(pi, part) for pi, part in enumerate(parts) if part.unit != stat.unit]
        for pi, part in others:
            yield rule("invalid-value")(
                ctx.where("population", "statistics", si, "sums", pi),
                f"'{part.id}' is in {part.unit} but '{stat.id}' is in {stat.unit}; only figures in the same unit "
                "add up.", "List under sums: only statistics in the same unit as this one.")
        silent = [f"'{part.label}'" for part in parts if is_not_stated(part.value)]
        if silent and not others:
            yield not_stated_skip(ctx.where("population", "statistics", si, "value"), f"the total '{stat.label}'", silent)
        elif not others and not is_not_stated(stat.value):
            found = _total_finding(ctx.where("population", "statistics", si, "value"), stat.label, stat.value,
                                   [part.value for part in parts])
            if found:
                yield found


CHECKS = [check_finance_tables, check_empty_columns, check_same_figures, check_same_statistics, check_savings_rollup, check_growth_rates, check_statistic_sums,
          check_activity_rollup, check_stated_growth]
