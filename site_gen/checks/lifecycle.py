"""Lifecycle: each status carries what it needs to be shown honestly."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.rules import rule


def check_status_requirements(ctx: CheckContext) -> Iterator[Finding]:
    plan = ctx.data.plan
    if plan is None:
        return
    where = ctx.where("plan", "status")
    if plan.status == "consultation" and plan.consultation_closes is None:
        yield rule("lifecycle-incomplete")(
            where, "The plan is out for consultation but does not say when the consultation closes.",
            "Add consultation_closes: with the closing date, as YYYY-MM-DD.")
    if plan.status == "superseded" and plan.superseded_by is None:
        yield rule("lifecycle-incomplete")(
            where, "The plan is superseded but does not say which version replaces it.",
            "Add superseded_by: with the version and the web address of the plan that replaces it.")
    if plan.status in ("approved", "published") and not any(a.decision in ("approved", "approved-with-changes")
                                                            for a in plan.approvals):
        yield rule("lifecycle-incomplete")(
            where, f"The plan is {plan.status} but data/plan.yml records no approval.",
            "Add an approvals: entry with the body, decision, date and minute reference.")


CHECKS = [check_status_requirements]
