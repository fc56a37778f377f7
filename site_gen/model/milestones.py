"""data/milestones.yml: dated events, each with the precision it is known to."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from site_gen.dates import PlanDate, parse_plan_date
from site_gen.model.common import Id, PlainText, Strict, Text


def _as_text(value: Any) -> Any:
    # A date written as a bare year (2014) is still a date, not a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# The date is kept as the plan wrote it, whatever it says: how precise it is, or whether it can be read
# at all, is a finding about the plan (site_gen.checks.dates), never a reason to refuse the entry.
PlanDateText = Annotated[PlainText, BeforeValidator(_as_text)]


class Milestone(Strict):
    id: Id
    title: Text
    date: PlanDateText = Field(
        description="When, as the plan writes it: 2013-10-01 or 1 October 2013 (a day), 2013-10 or October 2013 "
                    "(a month), 2013 Q3 (a calendar quarter), Q2 2014/15 (a quarter of a financial year), Autumn "
                    "2012 (a season), 2013/14 (a financial year), 2013 (a year); 'by' or 'end of' before any of "
                    "them for a deadline.")
    status: Literal["planned", "in-progress", "done", "late", "cancelled"] = "planned"
    priority: Id | None = None
    description: str | None = None

    @property
    def when(self) -> PlanDate:
        """The date read: its kind, the days it covers, and how it sorts and is shown."""
        return parse_plan_date(self.date)


class Milestones(Strict):
    milestones: list[Milestone] = []

    def in_time_order(self) -> list[Milestone]:
        """Earliest first; those whose date has no year or cannot be read come last, in the plan's order."""
        return sorted(self.milestones, key=lambda m: m.when.sort_key)
