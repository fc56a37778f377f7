"""A plan's standing in words, for the top of its home page (pure): when it was published and who approved it,
with the minute, or that it is a draft not yet approved and when it last changed. A reader, and a board
member checking the site against the papers, sees at once what they are reading."""

from __future__ import annotations

from site_gen.model.plan import APPROVING, Plan
from site_gen.render.formatting import date_text, with_the

DRAFT_WORDS = {"draft": "Draft", "consultation": "Consultation draft"}


def version_date(plan: Plan) -> str | None:
    """The date of the version being built, as its version history gives it."""
    dates = [entry.date for entry in plan.version_history if entry.version == plan.version]
    return date_text(max(dates)) if dates else None


def status_words(plan: Plan) -> str:
    """The status of the version in a few words, for the document header on every page, which puts the version
    in front: "draft, not yet approved", "approved", "replaced by version 2.0"."""
    if plan.status in DRAFT_WORDS:
        return f"{DRAFT_WORDS[plan.status].lower()}, not yet approved"
    if plan.status == "superseded":
        newer = plan.superseded_by
        return "replaced by " + (f"version {newer.version}" if newer else "a newer version")
    return "approved"


def standing(plan: Plan) -> str:
    """"Published 24 April 2014. Approved by the Governing Body on 24 April 2014 (minute GB/14/052)." or
    "Draft version 0.3, not yet approved. Last updated 21 February 2013." """
    updated = version_date(plan)
    decisions = [d for d in plan.approvals if d.decision in APPROVING and d.version in (None, plan.version)]
    if plan.status in ("approved", "published") and decisions:
        decision = max(decisions, key=lambda d: d.date)
        approved = (f"Approved by {with_the(decision.body)} on {date_text(decision.date)} "
                    f"(minute {decision.minute}).")
        return f"Published {updated}. {approved}" if plan.status == "published" and updated else approved
    if plan.status in DRAFT_WORDS:
        return (f"{DRAFT_WORDS[plan.status]} version {plan.version}, not yet approved."
                + (f" Last updated {updated}." if updated else ""))
    return f"Version {plan.version}, {plan.status}." + (f" Last updated {updated}." if updated else "")
