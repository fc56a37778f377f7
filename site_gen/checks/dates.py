"""Dates as the plan writes them: a date without a year, or one that cannot be read, is a finding about
the plan at its line. The model keeps every such date as written (site_gen.model.milestones)."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.completeness import PLACEHOLDER
from site_gen.checks.context import CheckContext
from site_gen.dates import FORMS, PlanDate
from site_gen.findings import Finding, Location
from site_gen.rules import rule

_FORMS_HINT = "Write it in one of these forms: " + "; ".join(FORMS) + "."


def date_findings(when: PlanDate, where: Location) -> Iterator[Finding]:
    """What is wrong with one date, if anything."""
    if when.year_missing:
        yield rule("date-imprecise")(
            where, f"The date '{when.text}' does not say which year, so it is shown as written and listed after "
                   "every date that has one.",
            "Add the year the plan means, such as 'May 2013' or 'Autumn 2012'. If the plan does not say, leave it "
            "as it is: this warning records that the plan gives no year.")
    elif when.kind == "unreadable" and not PLACEHOLDER.search(when.text):  # a placeholder has its own finding
        why = f": {when.problem}" if when.problem else ""
        yield rule("date-unreadable")(
            where, f"'{when.text}' cannot be read as a date{why}. It is shown as written and listed last.",
            _FORMS_HINT)


def check_milestone_dates(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("milestones"):
        return
    for index, milestone in enumerate(ctx.data.milestones.milestones):
        yield from date_findings(milestone.when, ctx.where("milestones", "milestones", index, "date"))


CHECKS = [check_milestone_dates]
