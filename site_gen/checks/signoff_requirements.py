"""The plan's sign-off and its answers to national requirements: a gap in either is a finding about the plan,
at the line of the entry with the gap; links from a requirement to the work that meets it must exist."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.checks.dates import date_findings
from site_gen.findings import Finding
from site_gen.model.plan import Signatory
from site_gen.model.requirements import Requirement
from site_gen.refs import suggest
from site_gen.rules import rule

# What a missing field of a sign-off line leaves the reader not knowing.
_MISSING_WORDS = {"organisation": "the organisation signing", "role": "the signatory's role",
                  "name": "the signatory's name", "date": "the date it was signed"}


def _who(signatory: Signatory, number: int) -> str:
    """How a sign-off line is named in a message: by what it does give."""
    named = signatory.organisation or signatory.name or signatory.role
    return f"The sign-off for '{named}'" if named else f"Sign-off line {number}"


def check_sign_off(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("plan") or ctx.data.plan is None:
        return
    for index, signatory in enumerate(ctx.data.plan.sign_off):
        where = ctx.where("plan", "sign_off", index)
        for name in signatory.missing:
            yield rule("sign-off-incomplete")(
                where, f"{_who(signatory, index + 1)} does not give {_MISSING_WORDS[name]}, so it is shown as "
                       "'Not stated in the plan'.")
        if signatory.when is not None:
            yield from date_findings(signatory.when, ctx.where("plan", "sign_off", index, "date"))


def _unknown_links(ctx: CheckContext, path: tuple, requirement: Requirement) -> Iterator[Finding]:
    """Priorities and schemes a requirement names that the plan does not have."""
    if not ctx.index.can_check("priorities"):
        return
    for field, kind, known in (("priorities", "priority", ctx.index.priorities),
                               ("schemes", "scheme", ctx.index.schemes)):
        for index, wanted in enumerate(getattr(requirement, field)):
            if wanted not in known and not ctx.index.unreadable_ref(f"priorities.{wanted}"):
                yield rule("unknown-reference")(ctx.where("requirements", *path, field, index),
                                                f"There is no {kind} '{wanted}'.{suggest(wanted, sorted(known))}")


def _duplicate_ids(ctx: CheckContext) -> Iterator[Finding]:
    """Group ids and requirement ids are each unique in the file, so a page anchor names one thing."""
    groups = ctx.data.requirements.groups
    for kind, entries in (("requirement groups", [(("groups", gi), g.id) for gi, g in enumerate(groups)]),
                          ("requirements", [(("groups", gi, "requirements", ri), r.id) for gi, g in enumerate(groups)
                                            for ri, r in enumerate(g.requirements)])):
        first: dict[str, tuple] = {}
        for path, value in entries:
            if value in first:
                line = ctx.where("requirements", *first[value], "id").line
                yield rule("duplicate-id")(ctx.where("requirements", *path, "id"),
                                           f"The id '{value}' is used twice among {kind} (first on line {line}).")
            else:
                first[value] = path


def check_requirements(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("requirements"):
        return
    yield from _duplicate_ids(ctx)
    for gi, group in enumerate(ctx.data.requirements.groups):
        for ri, requirement in enumerate(group.requirements):
            path = ("groups", gi, "requirements", ri)
            if requirement.response is None:
                yield rule("requirement-unanswered")(
                    ctx.where("requirements", *path),
                    f"The requirement '{requirement.id}' ({requirement.title}) has no response, so readers cannot "
                    "see how the plan meets it.")
            yield from _unknown_links(ctx, path, requirement)


CHECKS = [check_sign_off, check_requirements]
