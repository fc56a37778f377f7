"""data/priorities.yml: strategic priorities, their schemes, savings and alignment."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from site_gen.model.common import FinancialYear, Id, MoneyUnit, MoneyValue, Rating, Strict, Text

SchemeStatus = Literal["planned", "in-progress", "complete", "at-risk", "stopped"]


class Saving(Strict):
    year: FinancialYear
    amount: MoneyValue = Field(description="Savings identified in the year.")
    full_year_effect: MoneyValue | None = None
    confidence: Rating | None = Field(None, description="Delivery confidence: red, red-amber, amber or green.")


class Scheme(Strict):
    id: Id
    title: Text
    summary: str | None = None
    lead: str | None = Field(None, description="Who leads it, by role.")
    timescale: str | None = None
    status: SchemeStatus | None = None
    achievements: list[Text] = []
    actions: list[Text] = []
    end_goal: str | None = None
    savings: list[Saving] = []
    savings_note: str | None = Field(None, description="What the scheme gives instead, when it has no savings of its own.")
    milestones: list[Id] = []
    measures: list[Id] = []
    alignment: list[str] = Field([], description="Framework items this scheme serves: FRAMEWORK.ITEM.")


class Rollup(Strict):
    """A figure elsewhere in the plan that scheme savings must add up to."""

    year: FinancialYear
    ref: Text = Field(description="A finance cell: finance.TABLE.ROW.COLUMN.")


PriorityKind = Literal["priority", "workstream", "enabling"]
PRIORITY_KINDS = get_args(PriorityKind)
# Where each kind's pages live in the site; enabling programmes share one page.
KIND_FOLDERS = {"priority": "priorities", "workstream": "workstreams"}


class Priority(Strict):
    id: Id
    title: Text
    kind: PriorityKind = Field(
        "priority", description="priority: a strategic priority; workstream: a programme of schemes; "
        "enabling: work that makes the rest possible.")
    aim: Text = Field(description="What the work is for, in a sentence or two.")
    summary: str | None = None
    lead: str | None = Field(None, description="Who leads it, by role.")
    objectives: list[Text] = []
    schemes: list[Scheme] = []
    measures: list[Id] = []
    alignment: list[str] = Field([], description="Framework items this priority serves: FRAMEWORK.ITEM.")
    savings_rollup: list[Rollup] = []


class FrameworkItem(Strict):
    id: Id
    title: Text


class Framework(Strict):
    id: Id
    title: Text
    items: list[FrameworkItem]


class Priorities(Strict):
    savings_unit: MoneyUnit = "£m"
    priorities: list[Priority] = []
    frameworks: list[Framework] = []
    savings_total: list[Rollup] = Field([], description="Plan totals that all scheme savings must add up to.")
