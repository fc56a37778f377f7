"""Lifecycle: each status carries what it needs to be shown honestly."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.rules import rule
from site_gen.versions import version_key


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


def check_versions(ctx: CheckContext) -> Iterator[Finding]:
    """Versions only go up, and the plan's own version has a note in the history saying what changed."""
    plan = ctx.data.plan
    if plan is None or not plan.version_history:
        return
    highest: tuple[tuple[int, ...], str] | None = None
    for index, entry in enumerate(plan.version_history):
        key = version_key(entry.version)
        if key is None:
            continue
        if highest and key < highest[0]:
            yield rule("version-backwards")(
                ctx.where("plan", "version_history", index, "version"),
                f"Version {entry.version} comes after version {highest[1]} in the version history.",
                "List versions oldest first, each with a higher number than the one before; correct the one named.")
        if highest is None or key > highest[0]:
            highest = (key, entry.version)
    current = version_key(plan.version)
    if current is not None and highest is not None and current < highest[0]:
        yield rule("version-backwards")(
            ctx.where("plan", "version"),
            f"The plan is version {plan.version}, but the version history already has version {highest[1]}.",
            "Give the plan a version number at least as high as the latest in its history.")
    elif plan.version not in {entry.version for entry in plan.version_history}:
        yield rule("version-note-missing")(
            ctx.where("plan", "version"),
            f"The plan is version {plan.version}, but the version history has no entry for {plan.version}.")


CHECKS = [check_status_requirements, check_versions]
