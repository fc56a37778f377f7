"""References: ids are unique, and every reference in the data names something that exists."""

from __future__ import annotations

from typing import Callable, Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.refs import UnknownReference, split_ref, suggest
from site_gen.rules import rule


def _duplicates(ctx: CheckContext, family: str, items: list, base: tuple, kind: str,
                key: Callable = lambda item: item.id, field: str = "id") -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        value = key(item)
        if value in seen:
            first = ctx.where(family, *base, seen[value], field)
            yield rule("duplicate-id")(
                ctx.where(family, *base, index, field),
                f"The id '{value}' is used twice among {kind} (first on line {first.line}).")
        else:
            seen[value] = index


def check_duplicate_ids(ctx: CheckContext) -> Iterator[Finding]:
    d = ctx.data
    if ctx.loaded("finance"):
        named = [("tables", t) for t in d.finance.tables] + [("headlines", h) for h in d.finance.headlines]
        seen: dict[str, tuple] = {}
        counters = {"tables": 0, "headlines": 0}
        for section, item in named:
            path = (section, counters[section], "id")
            counters[section] += 1
            if item.id in seen:
                yield rule("duplicate-id")(
                    ctx.where("finance", *path),
                    f"The id '{item.id}' is used twice among finance tables and headlines "
                    f"(first on line {ctx.where('finance', *seen[item.id]).line}).")
            else:
                seen[item.id] = path
        for ti, table in enumerate(d.finance.tables):
            yield from _duplicates(ctx, "finance", table.rows, ("tables", ti, "rows"), f"the rows of '{table.id}'")
            yield from _duplicates(ctx, "finance", table.columns, ("tables", ti, "columns"), f"the columns of '{table.id}'")
    if ctx.loaded("priorities"):
        yield from _duplicates(ctx, "priorities", d.priorities.priorities, ("priorities",), "priorities")
        schemes = [(pi, si, s) for pi, p in enumerate(d.priorities.priorities) for si, s in enumerate(p.schemes)]
        seen_schemes: dict[str, tuple] = {}
        for pi, si, scheme in schemes:
            if scheme.id in seen_schemes:
                first = ctx.where("priorities", "priorities", *seen_schemes[scheme.id], "id")
                yield rule("duplicate-id")(
                    ctx.where("priorities", "priorities", pi, "schemes", si, "id"),
                    f"The id '{scheme.id}' is used twice among schemes (first on line {first.line}).")
            else:
                seen_schemes[scheme.id] = (pi, "schemes", si)
        yield from _duplicates(ctx, "priorities", d.priorities.frameworks, ("frameworks",), "frameworks")
        for fi, framework in enumerate(d.priorities.frameworks):
            yield from _duplicates(ctx, "priorities", framework.items, ("frameworks", fi, "items"),
                                   f"the items of '{framework.id}'")
    simple = [
        ("performance", d.performance.measures, ("measures",), "measures"),
        ("performance", d.performance.domains, ("domains",), "domains"),
        ("risks", d.risks.risks, ("risks",), "risks"),
        ("risks", d.risks.scoring.bands, ("scoring", "bands"), "risk bands"),
        ("population", d.population.statistics, ("statistics",), "statistics"),
        ("population", d.population.series, ("series",), "series"),
        ("milestones", d.milestones.milestones, ("milestones",), "milestones"),
        ("governance", d.governance.bodies, ("bodies",), "bodies"),
        ("governance", d.governance.leads, ("leads",), "leads"),
        ("documents", d.documents.documents, ("documents",), "documents"),
        ("charts", d.charts.charts, ("charts",), "charts"),
    ]
    for family, items, base, kind in simple:
        if ctx.loaded(family):
            yield from _duplicates(ctx, family, items, base, kind)
    if ctx.loaded("glossary"):
        yield from _duplicates(ctx, "glossary", d.glossary.terms, ("terms",), "glossary terms",
                               key=lambda t: t.term, field="term")


def _ids(ctx: CheckContext, family: str, path: tuple, wanted: list[str] | str | None, known, kind: str) -> Iterator[tuple[tuple, str]]:
    """Each id in wanted must be in known; findings point at the list entry (or the field)."""
    if wanted is None or not ctx.index.can_check(family):
        return
    entries = [wanted] if isinstance(wanted, str) else wanted
    for index, value in enumerate(entries):
        if value not in known:
            where_path = path if isinstance(wanted, str) else path + (index,)
            yield (where_path, f"There is no {kind} '{value}'.{suggest(value, sorted(known))}")


def _within_table(ctx: CheckContext, ti: int, table) -> Iterator[Finding]:
    rows = [r.id for r in table.rows]
    columns = [c.id for c in table.columns]
    for ri, row in enumerate(table.rows):
        for field, known, kind in (("sums", rows, "row"), ("part", rows, "row"), ("whole", rows, "row")):
            for index, entry in enumerate(getattr(row, field)):
                target = entry.lstrip("-")
                if target not in known:
                    yield rule("unknown-reference")(
                        ctx.where("finance", "tables", ti, "rows", ri, field, index),
                        f"There is no {kind} '{target}' in '{table.id}'.{suggest(target, known)}")
        if row.kind in ("subtotal", "total") and not row.sums:
            yield rule("missing-field")(ctx.where("finance", "tables", ti, "rows", ri),
                                        f"The {row.kind} row '{row.id}' does not say which rows it adds up.",
                                        "Add sums: with the ids of the rows it adds up.")
        if row.kind == "percent" and not (row.part and row.whole):
            yield rule("missing-field")(ctx.where("finance", "tables", ti, "rows", ri),
                                        f"The percent row '{row.id}' needs part: and whole:.")
    for ci, column in enumerate(table.columns):
        for field in ("sums", "part", "whole"):
            for index, entry in enumerate(getattr(column, field)):
                target = entry.lstrip("-")
                if target not in columns:
                    yield rule("unknown-reference")(
                        ctx.where("finance", "tables", ti, "columns", ci, field, index),
                        f"There is no column '{target}' in '{table.id}'.{suggest(target, columns)}")
        if column.kind == "total" and not column.sums:
            yield rule("missing-field")(ctx.where("finance", "tables", ti, "columns", ci),
                                        f"The total column '{column.id}' does not say which columns it adds up.")
        if column.kind in ("percent", "rating") and not (column.part and column.whole):
            yield rule("missing-field")(ctx.where("finance", "tables", ti, "columns", ci),
                                        f"The {column.kind} column '{column.id}' needs part: and whole:.")


def _figure_ref(ctx: CheckContext, family: str, path: tuple, ref: str | None) -> Iterator[Finding]:
    if not ref:
        return
    target = split_ref(ref)[0]
    if not ctx.index.can_check(target):
        return
    try:
        ctx.index.figure(ref)
    except UnknownReference as err:
        yield rule("unknown-reference")(ctx.where(family, *path), f"{ref}: {err}")


def _alignment(ctx: CheckContext, path: tuple, entries: list[str]) -> Iterator[Finding]:
    frameworks = ctx.index.frameworks
    for index, entry in enumerate(entries):
        framework, _, item = entry.partition(".")
        if framework not in frameworks:
            message = f"There is no framework '{framework}'.{suggest(framework, sorted(frameworks))}"
        elif item not in frameworks[framework]:
            message = f"There is no item '{item}' in the framework '{framework}'.{suggest(item, sorted(frameworks[framework]))}"
        else:
            continue
        yield rule("unknown-reference")(ctx.where("priorities", *path, index), message)


def check_data_references(ctx: CheckContext) -> Iterator[Finding]:
    d, idx = ctx.data, ctx.index
    if ctx.loaded("finance"):
        for ti, table in enumerate(d.finance.tables):
            yield from _within_table(ctx, ti, table)
            for ri, row in enumerate(table.rows):
                if len(row.values) != len(table.columns):
                    yield rule("row-length")(
                        ctx.where("finance", "tables", ti, "rows", ri, "values"),
                        f"The row '{row.id}' has {len(row.values)} values but the table has {len(table.columns)} columns.")
        for hi, headline in enumerate(d.finance.headlines):
            yield from _figure_ref(ctx, "finance", ("headlines", hi, "ref"), headline.ref)
            for si, ref in enumerate(headline.sums):
                yield from _figure_ref(ctx, "finance", ("headlines", hi, "sums", si), ref)
    pending: list[tuple[str, tuple, str]] = []
    if ctx.loaded("priorities"):
        for pi, priority in enumerate(d.priorities.priorities):
            base = ("priorities", pi)
            pending += [("priorities", p, m) for p, m in _ids(ctx, "performance", base + ("measures",), priority.measures, idx.measures, "measure")]
            yield from _alignment(ctx, base + ("alignment",), priority.alignment)
            for ui, rollup in enumerate(priority.savings_rollup):
                yield from _figure_ref(ctx, "priorities", base + ("savings_rollup", ui, "ref"), rollup.ref)
            for si, scheme in enumerate(priority.schemes):
                sbase = base + ("schemes", si)
                pending += [("priorities", p, m) for p, m in _ids(ctx, "performance", sbase + ("measures",), scheme.measures, idx.measures, "measure")]
                pending += [("priorities", p, m) for p, m in _ids(ctx, "milestones", sbase + ("milestones",), scheme.milestones, idx.milestones, "milestone")]
        for ui, rollup in enumerate(d.priorities.savings_total):
            yield from _figure_ref(ctx, "priorities", ("savings_total", ui, "ref"), rollup.ref)
    if ctx.loaded("performance"):
        for mi, measure in enumerate(d.performance.measures):
            pending += [("performance", p, m) for p, m in _ids(ctx, "priorities", ("measures", mi, "priorities"), measure.priorities, idx.priorities, "priority")]
    if ctx.loaded("risks"):
        for ri, risk in enumerate(d.risks.risks):
            pending += [("risks", p, m) for p, m in _ids(ctx, "priorities", ("risks", ri, "priorities"), risk.priorities, idx.priorities, "priority")]
    if ctx.loaded("milestones"):
        for mi, milestone in enumerate(d.milestones.milestones):
            pending += [("milestones", p, m) for p, m in _ids(ctx, "priorities", ("milestones", mi, "priority"), milestone.priority, idx.priorities, "priority")]
    if ctx.loaded("governance"):
        for bi, body in enumerate(d.governance.bodies):
            pending += [("governance", p, m) for p, m in _ids(ctx, "governance", ("bodies", bi, "reports_to"), body.reports_to, idx.bodies, "body")]
    if ctx.loaded("charts"):
        for ci, chart in enumerate(d.charts.charts):
            yield from _chart_data(ctx, ci, chart.data)
    for family, path, message in pending:
        yield rule("unknown-reference")(ctx.where(family, *path), message)


def _chart_data(ctx: CheckContext, ci: int, ref: str) -> Iterator[Finding]:
    parts = split_ref(ref)
    family = parts[0]
    if not ctx.index.can_check(family):
        return
    known = {
        "finance": ctx.index.tables, "performance": ctx.index.measures, "population": ctx.index.series,
        "risks": {"register": None},
    }
    if family not in known or len(parts) != 2:
        message = (f"'{ref}' should name the data drawn, such as finance.TABLE, performance.MEASURE, "
                   "population.SERIES or risks.register.")
    elif parts[1] not in known[family]:
        message = f"There is no {family} item '{parts[1]}'.{suggest(parts[1], sorted(known[family]))}"
    else:
        return
    yield rule("unknown-reference")(ctx.where("charts", "charts", ci, "data"), message)


CHECKS = [check_duplicate_ids, check_data_references]
