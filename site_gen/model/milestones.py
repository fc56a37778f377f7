"""data/milestones.yml: dated events, each with the precision it is known to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_gen.model.common import Id, Strict, Text


class Milestone(Strict):
    id: Id
    title: Text
    date: Text = Field(description="2013-10-01 (a day), 2013-10 (a month), 2013 Q3 (a quarter) or 2013/14 (a financial year).")
    status: Literal["planned", "in-progress", "done", "late", "cancelled"] = "planned"
    priority: Id | None = None
    description: str | None = None


class Milestones(Strict):
    milestones: list[Milestone] = []
