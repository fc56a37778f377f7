"""Resolving dotted references (finance.summary-model.allocation.2013/14-likely) to the plan's data."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from site_gen.model import PlanData
from site_gen.model.finance import Headline, Table, TableCells, numeric
from site_gen.model.population import Statistic
from site_gen.not_stated import NotStated, is_not_stated
from site_gen.years import normalise_id


@dataclass(frozen=True)
class Figure:
    """A number found by a reference, with what is needed to write it out."""

    value: Decimal | int | NotStated  # NotStated: the plan does not state it; shown as such, never compared
    unit: str  # £, £000, £m, % or a measure's unit
    label: str


class UnknownReference(Exception):
    """A reference that does not resolve; the message says which part and suggests close ids."""


def suggest(wrong: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(wrong, sorted(set(candidates)), n=3, cutoff=0.7)
    if not close:
        return ""
    return " Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


def _missing(kind: str, wrong: str, candidates: list[str]) -> UnknownReference:
    return UnknownReference(f"There is no {kind} '{wrong}'.{suggest(wrong, candidates)}")


def split_ref(ref: str) -> list[str]:
    """'finance.t.r.2013-14-likely' -> ['finance', 't', 'r', '2013/14-likely']; years inside stay whole."""
    return [normalise_id(part) for part in ref.strip().split(".")]


class ReferenceIndex:
    def __init__(self, data: PlanData, broken: set[str] | None = None) -> None:
        self.data = data
        self.broken = broken or set()
        self.tables: dict[str, Table] = {t.id: t for t in data.finance.tables}
        self.headlines: dict[str, Headline] = {h.id: h for h in data.finance.headlines}
        self.priorities = {p.id: p for p in data.priorities.priorities}
        self.schemes = {s.id: s for p in data.priorities.priorities for s in p.schemes}
        self.frameworks = {f.id: {i.id for i in f.items} for f in data.priorities.frameworks}
        self.measures = {m.id: m for m in data.performance.measures}
        self.domains = {d.id for d in data.performance.domains} | {m.domain for m in data.performance.measures if m.domain}
        self.risks = {r.id: r for r in data.risks.risks}
        self.bands = {b.id: b for b in data.risks.scoring.bands}
        self.milestones = {m.id: m for m in data.milestones.milestones}
        self.bodies = {b.id: b for b in data.governance.bodies}
        self.statistics = {s.id: s for s in data.population.statistics}
        self.series = {s.id: s for s in data.population.series}
        self.charts = {c.id: c for c in data.charts.charts}
        self._cells: dict[str, TableCells] = {}
        # Entries that exist in the data but could not be read, as the start of a reference to them:
        # ("population", "total-pop"), ("finance", "summary", "allocation").
        self.unreadable: set[tuple[str, ...]] = set()

    def unreadable_ref(self, ref: str) -> bool:
        """Whether a reference leads through an entry that could not be read: it names something that
        exists, so it is not an unknown reference, but it cannot be checked."""
        # Without regard to capitals: an entry is often left out for an id typed in capitals ('BTUH'), which
        # the pages name as it should have been ('btuh').
        parts = tuple(part.lower() for part in split_ref(ref))
        lost = {tuple(part.lower() for part in entry) for entry in self.unreadable}
        return any(parts[:n] in lost for n in range(2, len(parts) + 1))

    def cells(self, table_id: str) -> TableCells:
        """The rows and columns of a table by id, found on first use."""
        if table_id not in self._cells:
            self._cells[table_id] = TableCells(self.tables[table_id])
        return self._cells[table_id]

    def can_check(self, family: str) -> bool:
        """References into a family whose file failed to load are not reported again."""
        return family not in self.broken

    def require(self, kind: str, wrong: str, known) -> None:
        if wrong not in known:
            raise _missing(kind, wrong, sorted(known))

    def table(self, table_id: str) -> Table:
        self.require("finance table", table_id, self.tables)
        return self.tables[table_id]

    def figure(self, ref: str) -> Figure:
        """The number a value reference points at; raises UnknownReference with a plain message."""
        parts = split_ref(ref)
        family, rest = parts[0], parts[1:]
        if family == "finance":
            return self._finance_figure(rest, ref)
        if family == "population":
            if len(rest) != 1:
                raise UnknownReference(f"'{ref}' should be population.STATISTIC.")
            self.require("population statistic", rest[0], self.statistics)
            stat = self.statistics[rest[0]]
            return Figure(stat.value, stat.unit, stat.label)
        if family == "performance":
            return self._measure_figure(rest, ref)
        raise UnknownReference(
            f"'{ref}' does not start with a kind of data that has figures.{suggest(family, ['finance', 'population', 'performance'])}"
            " Figures come from finance, population or performance.")

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """Every figure a value macro can show, with its reference: table cells, headlines that are
        figures of their own (not restatements of a cell), statistics, and measures' target, baseline
        and latest actual."""
        refs = [f"finance.{t.id}.{r.id}.{c.id}" for t in self.tables.values() for r in t.rows for c in t.columns
                if numeric(self.cells(t.id).cell(r.id, c.id)) is not None]
        refs += [f"finance.{h.id}" for h in self.headlines.values() if h.ref is None and not h.sums]
        refs += [f"population.{s}" for s in self.statistics]
        refs += [f"performance.{m}.{field}" for m in self.measures for field in ("target", "baseline", "latest")]
        for ref in refs:
            try:
                found = self.figure(ref)
            except UnknownReference:
                continue  # an empty field, or a broken headline the references check reports
            if not is_not_stated(found.value):  # nothing to compare a figure the plan does not state with
                yield ref, found

    def summed(self, stat: Statistic) -> Decimal | None:
        """What the statistics that stat sums add up to; None when it sums none, or names one that does not
        exist or is in another unit (the checks report those)."""
        parts = [self.statistics.get(part) for part in stat.sums]
        if not parts or any(p is None or p.unit != stat.unit or is_not_stated(p.value) for p in parts):
            return None
        return sum((Decimal(p.value) for p in parts if p is not None), Decimal(0))

    def _finance_figure(self, rest: list[str], ref: str) -> Figure:
        if len(rest) == 1:
            if rest[0] in self.headlines:
                headline = self.headlines[rest[0]]
                if headline.ref:
                    if len(split_ref(headline.ref)) != 4 or split_ref(headline.ref)[0] != "finance":
                        raise UnknownReference(
                            f"The headline '{rest[0]}' must point at a table cell: finance.TABLE.ROW.COLUMN.")
                    inner = self.figure(headline.ref)
                    return Figure(inner.value, inner.unit, headline.label)
                if headline.value is not None:
                    return Figure(headline.value, headline.unit or "£m", headline.label)
                raise UnknownReference(f"The headline '{rest[0]}' has neither a ref nor a value.")
            raise _missing("finance headline", rest[0], sorted(self.headlines))
        if len(rest) != 3:
            raise UnknownReference(f"'{ref}' should be finance.TABLE.ROW.COLUMN, or finance.HEADLINE.")
        table_id, row_id, column_id = rest
        table = self.table(table_id)
        cells = self.cells(table_id)
        for kind, wanted, known in (("row", row_id, cells.rows), ("column", column_id, cells.columns)):
            if wanted not in known:
                raise UnknownReference(f"The table '{table_id}' has no {kind} '{wanted}'.{suggest(wanted, list(known))}")
        raw = cells.cell(row_id, column_id)
        value = raw if is_not_stated(raw) else numeric(raw)
        if value is None:
            raise UnknownReference(f"The cell {row_id}, {column_id} of '{table_id}' is empty or not a number.")
        column = cells.columns[column_id][1]
        row = cells.rows[row_id]
        unit = "%" if "percent" in (column.kind, row.kind) else table.unit
        return Figure(value, unit, f"{row.label}, {column.label}")

    def _measure_figure(self, rest: list[str], ref: str) -> Figure:
        if len(rest) != 2:
            raise UnknownReference(f"'{ref}' should be performance.MEASURE.FIELD (target, baseline or latest).")
        self.require("measure", rest[0], self.measures)
        measure = self.measures[rest[0]]
        field = rest[1]
        if field == "target" and measure.target:
            return Figure(measure.target.value, measure.unit, measure.name)
        if field == "baseline" and measure.baseline:
            return Figure(measure.baseline.value, measure.unit, measure.name)
        if field == "latest" and measure.actuals:
            return Figure(measure.actuals[-1].value, measure.unit, measure.name)
        if field in ("target", "baseline", "latest"):
            raise UnknownReference(f"The measure '{rest[0]}' has no {field} figure.")
        raise _missing(f"figure of measure '{rest[0]}'", field, ["target", "baseline", "latest"])
