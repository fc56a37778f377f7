"""data/governance.yml: the bodies that oversee the plan, and its leads by role."""

from __future__ import annotations

from site_gen.model.common import Id, Strict, Text


class Body(Strict):
    id: Id
    name: Text
    purpose: str | None = None
    chair: str | None = None
    members: list[Text] = []
    frequency: str | None = None
    reports_to: Id | None = None


class Lead(Strict):
    id: Id
    role: Text
    area: Text


class Governance(Strict):
    bodies: list[Body] = []
    leads: list[Lead] = []
