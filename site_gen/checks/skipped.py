"""Checks that could not run: an entry that could not be read is left out, and a note at its line says
which checks that needed it were skipped, so that silence is never taken for a pass."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding, Location
from site_gen.model.validate import LeftOut
from site_gen.rules import rule

# What one entry of each list is called in a message.
_KINDS = {
    "tables": "table", "rows": "row", "headlines": "headline", "statistics": "statistic", "series": "series",
    "points": "point", "measures": "measure", "actuals": "actual figure", "priorities": "priority",
    "schemes": "scheme", "savings": "saving", "milestones": "milestone", "bodies": "body", "leads": "lead",
    "risks": "risk", "terms": "glossary term", "documents": "document", "charts": "chart",
    "version_history": "entry of the version history",
}


def _subject(entry: LeftOut) -> str:
    kind = _KINDS.get(entry.list_name, "entry")
    if entry.id is None:
        return f"the {kind} on this line"
    return f"the {kind} '{entry.id}'" + (f" of '{entry.parent_id}'" if entry.parent_id else "")


def _row_dependants(ctx: CheckContext, entry: LeftOut) -> list[str]:
    """The totals and shares of the entry's table that name the row."""
    table = ctx.index.tables.get(entry.parent_id or "")
    if table is None:
        return []
    return [f"the {row.kind if row.kind != 'percent' else 'percentage'} '{row.label}' of the table '{table.id}'"
            for row in table.rows if entry.id in {e.lstrip("-") for e in row.sums + row.part + row.whole}]


def _rollup_dependants(ctx: CheckContext, entry: LeftOut, what: str) -> list[str]:
    """The roll-ups (what: savings or activity) that would miss an entry of that list, a scheme or a priority
    left out: its priority's, and the whole plan's."""
    priorities = ctx.data.priorities
    field = {"savings": "savings_rollup", "activity": "activity_total"}[what]
    owner = entry.parent_id if entry.list_name == "schemes" else None
    if entry.list_name == what:
        owner = next((p.id for p in priorities.priorities for s in p.schemes if s.id == entry.parent_id), None)
    named = "savings roll-up" if what == "savings" else "activity totals"
    found = [f"the {named} of the priority '{p.id}'" for p in priorities.priorities
             if p.id == owner and getattr(p, field)]
    if getattr(priorities, "savings_total" if what == "savings" else "activity_total"):
        found.append("the savings total of the whole plan" if what == "savings" else
                     "the activity totals of the whole plan")
    return found


def _dependants(ctx: CheckContext, family: str, entry: LeftOut) -> list[str]:
    """The checks that did not run because the entry is missing from them."""
    if family == "finance" and entry.list_name == "rows":
        return _row_dependants(ctx, entry)
    if family == "population" and entry.list_name == "statistics":
        return [f"the total '{stat.label}'" for stat in ctx.data.population.statistics if entry.id in stat.sums]
    if family == "population" and entry.list_name == "points":
        series = ctx.index.series.get(entry.parent_id or "")
        found = [f"the growth rate of the series '{series.id}'"] if series and series.growth_rate is not None else []
        return found + ([f"the growth stated over part of the series '{series.id}'"]
                        if series and series.stated_growth else [])
    if family == "priorities" and entry.list_name in ("priorities", "schemes"):
        return _rollup_dependants(ctx, entry, "savings") + _rollup_dependants(ctx, entry, "activity")
    if family == "priorities" and entry.list_name in ("savings", "activity"):
        return _rollup_dependants(ctx, entry, entry.list_name)
    return []


def _note(ctx: CheckContext, family: str, entry: LeftOut) -> Finding:
    where = ctx.docs[family].location(entry.path)
    skipped = _dependants(ctx, family, entry)
    subject = _subject(entry)
    if not skipped:
        after = "nothing that names it is checked" if entry.id else "it is left out of the checks and of the site"
        return rule("check-skipped")(where, f"{subject[0].upper()}{subject[1:]} could not be read, so {after} "
                                            "until it is mended.")
    if entry.list_name == "rows":
        subject = f"its row '{entry.id}'"  # the table is named with what it holds
    listed = skipped[0] if len(skipped) == 1 else ", ".join(skipped[:-1]) + " and " + skipped[-1]
    rest = " Nor is anything else that names it." if entry.id else ""
    return rule("check-skipped")(where, f"{listed[0].upper()}{listed[1:]} {'is' if len(skipped) == 1 else 'are'} not "
                                        f"checked, because {subject} could not be read.{rest}")


def check_skipped(ctx: CheckContext) -> Iterator[Finding]:
    for family, entries in sorted(ctx.entries.items()):
        for entry in entries.left_out:
            yield _note(ctx, family, entry)


CHECKS = [check_skipped]


def not_stated_skip(where: Location, check: str, missing: list[str]) -> Finding:
    """A note that a check did not run because a figure it needs is recorded as not stated in the plan."""
    names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return rule("check-skipped")(where, f"{check[0].upper()}{check[1:]} is not checked, because {names} "
                                        f"{'is' if len(missing) == 1 else 'are'} not stated in the plan.",
                                 "Nothing to mend if the plan is silent. If it gives the figure somewhere else, type "
                                 "it in place of not stated and the check runs.")
