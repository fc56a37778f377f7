"""A plan's standing in words, for the top of its home page (pure): when it was published and who approved it,
with the minute, or that it is a draft not yet approved and when it last changed. A reader, and a board
member checking the site against the papers, sees at once what they are reading."""

from __future__ import annotations

from site_gen.model.plan import APPROVING, Plan
from site_gen.render.formatting import date_text, with_the

DRAFT_WORDS = {"draft": "Draft", "consultation": "Consultation draft"}


def standing(plan: Plan) -> str:
    """"Published 24 April 2014. Approved by the Governing Body on 24 April 2014 (minute GB/14/052)." or
    "Draft version 0.3, not yet approved. Last updated 21 February 2013." """
    dates = [entry.date for entry in plan.version_history if entry.version == plan.version]
    updated = date_text(max(dates)) if dates else None
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
