"""References: ids are unique, and every reference in the data names something that exists."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.model import PlanData
from site_gen.model.priorities import statement_list
from site_gen.refs import ReferenceIndex, UnknownReference, split_ref, suggest
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
        for pi, priority in enumerate(d.priorities.priorities):
            if priority.id == "index":
                yield rule("invalid-id")(ctx.where("priorities", "priorities", pi, "id"),
                                         "The id 'index' is kept for the page that lists every priority.",
                                         "Choose another id for this priority.")
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


def _within_table(ctx: CheckContext, ti: int, table) -> Iterator[Finding]:
    """Rows and columns name only rows and columns of their own table; totals and shares say what they add."""
    for axis, items, wanted_total in (("rows", table.rows, ("subtotal", "total")), ("columns", table.columns, ("total",))):
        known = [item.id for item in items]
        unreadable = ctx.unreadable("finance", axis, table.id)  # left out: noted at the entry, not unknown
        kind = axis[:-1]
        for index, item in enumerate(items):
            where = ("tables", ti, axis, index)
            for field in ("sums", "part", "whole"):
                for entry_index, entry in enumerate(getattr(item, field)):
                    target = entry.lstrip("-")
                    if target not in known and target not in unreadable:
                        yield rule("unknown-reference")(
                            ctx.where("finance", *where, field, entry_index),
                            f"There is no {kind} '{target}' in '{table.id}'.{suggest(target, known)}")
            if item.kind in wanted_total and not item.sums:
                yield rule("missing-field")(ctx.where("finance", *where),
                                            f"The {item.kind} {kind} '{item.id}' does not say which {axis} it adds up.",
                                            f"Add sums: with the ids of the {axis} it adds up.")
            if item.kind in ("percent", "rating") and not (item.part and item.whole):
                yield rule("missing-field")(ctx.where("finance", *where),
                                            f"The {item.kind} {kind} '{item.id}' needs part: and whole:.")


def _figure_ref(ctx: CheckContext, family: str, path: tuple, ref: str | None) -> Iterator[Finding]:
    if not ref:
        return
    target = split_ref(ref)[0]
    if not ctx.index.can_check(target) or ctx.index.unreadable_ref(ref):
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
    d = ctx.data
    if ctx.loaded("finance"):
        for ti, table in enumerate(d.finance.tables):
            yield from _within_table(ctx, ti, table)
            for ri, row in enumerate(table.rows):
                if row.kind == "heading":
                    if any(value is not None for value in row.values):
                        yield rule("invalid-value")(
                            ctx.where("finance", "tables", ti, "rows", ri, "values"),
                            f"The row '{row.id}' is a heading, which names the rows below it and has no figures.",
                            "Take its values out, or make it kind: line if it is a row of figures.")
                elif len(row.values) != len(table.columns):
                    yield rule("row-length")(
                        ctx.where("finance", "tables", ti, "rows", ri, "values"),
                        f"The row '{row.id}' has {len(row.values)} values but the table has {len(table.columns)} columns.")
        for hi, headline in enumerate(d.finance.headlines):
            if headline.ref is None and headline.value is None:
                yield rule("missing-field")(ctx.where("finance", "headlines", hi),
                                            f"The headline '{headline.id}' has neither a ref nor a value.",
                                            "Add ref: with the table cell it shows, as finance.TABLE.ROW.COLUMN.")
            yield from _figure_ref(ctx, "finance", ("headlines", hi, "ref"), headline.ref)
            for si, ref in enumerate(headline.sums):
                yield from _figure_ref(ctx, "finance", ("headlines", hi, "sums", si), ref)
    if ctx.loaded("priorities"):
        for pi, priority in enumerate(d.priorities.priorities):
            yield from _alignment(ctx, ("priorities", pi, "alignment"), priority.alignment)
            for si, scheme in enumerate(priority.schemes):
                yield from _alignment(ctx, ("priorities", pi, "schemes", si, "alignment"), scheme.alignment)
            for ui, rollup in enumerate(priority.savings_rollup):
                yield from _figure_ref(ctx, "priorities", ("priorities", pi, "savings_rollup", ui, "ref"), rollup.ref)
        for ui, rollup in enumerate(d.priorities.savings_total):
            yield from _figure_ref(ctx, "priorities", ("savings_total", ui, "ref"), rollup.ref)
    if ctx.loaded("charts"):
        for ci, chart in enumerate(d.charts.charts):
            yield from _chart_data(ctx, ci, chart.data)


def _id_links(d: PlanData, idx: ReferenceIndex) -> Iterator[tuple[str, tuple, list[str] | str | None, str, Collection, str]]:
    """Every place one item names others by id: (its family, path, the ids, their family, known ids, kind)."""
    for pi, priority in enumerate(d.priorities.priorities):
        yield "priorities", ("priorities", pi, "measures"), priority.measures, "performance", idx.measures, "measure"
        for field in ("baseline", "aspiration", "success_measure"):
            for below, statement in statement_list(getattr(priority, field)):
                yield ("priorities", ("priorities", pi, field, *below, "measure"), statement.measure, "performance",
                       idx.measures, "measure")
        for si, scheme in enumerate(priority.schemes):
            base = ("priorities", pi, "schemes", si)
            yield "priorities", base + ("measures",), scheme.measures, "performance", idx.measures, "measure"
            yield "priorities", base + ("milestones",), scheme.milestones, "milestones", idx.milestones, "milestone"
    for mi, measure in enumerate(d.performance.measures):
        yield "performance", ("measures", mi, "priorities"), measure.priorities, "priorities", idx.priorities, "priority"
    for ri, risk in enumerate(d.risks.risks):
        yield "risks", ("risks", ri, "priorities"), risk.priorities, "priorities", idx.priorities, "priority"
    for mi, milestone in enumerate(d.milestones.milestones):
        yield "milestones", ("milestones", mi, "priority"), milestone.priority, "priorities", idx.priorities, "priority"
    for bi, body in enumerate(d.governance.bodies):
        yield "governance", ("bodies", bi, "reports_to"), body.reports_to, "governance", idx.bodies, "body"
    for si, stat in enumerate(d.population.statistics):
        yield "population", ("statistics", si, "sums"), stat.sums, "population", idx.statistics, "statistic"
    if d.plan is not None:
        yield ("plan", ("plan_on_a_page", "statistics"), d.plan.plan_on_a_page.statistics, "population",
               idx.statistics, "statistic")
        yield ("plan", ("plan_on_a_page", "priorities"), d.plan.plan_on_a_page.priorities, "priorities",
               idx.priorities, "priority")


def check_id_links(ctx: CheckContext) -> Iterator[Finding]:
    for family, path, wanted, target, known, kind in _id_links(ctx.data, ctx.index):
        if wanted is None or not ctx.loaded(family) or not ctx.index.can_check(target):
            continue
        entries = [(path, wanted)] if isinstance(wanted, str) else [(path + (i,), w) for i, w in enumerate(wanted)]
        for where, value in entries:
            if value not in known and not ctx.index.unreadable_ref(f"{target}.{value}"):
                yield rule("unknown-reference")(ctx.where(family, *where),
                                                f"There is no {kind} '{value}'.{suggest(value, sorted(known))}")


def _chart_data(ctx: CheckContext, ci: int, ref: str) -> Iterator[Finding]:
    parts = split_ref(ref)
    family = parts[0]
    if not ctx.index.can_check(family) or ctx.index.unreadable_ref(ref):
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


CHECKS = [check_duplicate_ids, check_data_references, check_id_links]
