"""data/priorities.yml: strategic priorities, their schemes, savings and alignment."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field

from site_gen.model.common import FinancialYear, Id, MoneyUnit, MoneyValue, Number, PeriodText, Rating, Strict, Text

SchemeStatus = Literal["planned", "in-progress", "complete", "at-risk", "stopped"]


class Saving(Strict):
    NOT_STATED_FIGURES = frozenset({"amount"})

    year: FinancialYear
    amount: MoneyValue = Field(description="Savings identified in the year.")
    full_year_effect: MoneyValue | None = None
    confidence: Rating | None = Field(None, description="Delivery confidence: red, red-amber, amber or green.")


class ActivityChange(Strict):
    """How much of one kind of care a scheme changes: 1,200 first outpatient appointments fewer in 2013/14."""

    NOT_STATED_FIGURES = frozenset({"change"})

    measure: Text = Field(description="The activity that changes, as the plan names it: first outpatient appointments.")
    unit: Text = Field(description="What is counted: appointments, bed days, attendances, admissions.")
    change: Number = Field(description="The change, signed: -1200 for 1,200 fewer, 300 for 300 more.")
    period: PeriodText | None = Field(None, description="When: a financial year such as 2013/14, or a year.")


class ActivityTotal(Strict):
    """A change in activity the plan states for a priority or the whole plan, checked against its schemes."""

    unit: Text = Field(description="The unit of the schemes' activity changes that add up to it.")
    change: Number = Field(description="The stated total change, signed.")
    period: PeriodText | None = Field(None, description="Only the schemes' changes in this period add up to it.")
    measure: str | None = Field(None, description="Only the schemes' changes of this activity add up to it.")


def _statement(value: Any) -> Any:
    """A statement may be typed as plain text when it has no figure and no measure."""
    return {"text": value} if isinstance(value, str) else value


class StatementFigure(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    value: Number
    unit: Text = Field(description="What the figure counts: %, people, admissions, bed days.")
    period: PeriodText | None = None


class Statement(Strict):
    """Where a priority starts, what it aims for or how success will be known, in a sentence."""

    text: Text
    figure: StatementFigure | None = Field(None, description="The figure the sentence gives, if any.")
    measure: Id | None = Field(None, description="The performance measure that tracks it, by id.")


PlanStatement = Annotated[Statement, BeforeValidator(_statement)]
Statements = PlanStatement | list[PlanStatement]


def statement_list(value: Statement | list[Statement] | None) -> list[tuple[tuple, Statement]]:
    """Each statement with its path below the field: none for a single one, its index in a list."""
    if value is None:
        return []
    if isinstance(value, Statement):
        return [((), value)]
    return [((i,), item) for i, item in enumerate(value)]


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
    activity: list[ActivityChange] = Field([], description="The changes in activity the scheme brings about.")
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
    baseline: Statements | None = Field(None, description="Where we are now: one statement or a list.")
    aspiration: Statements | None = Field(None, description="What we aim for: one statement or a list.")
    success_measure: Statements | None = Field(None, description="How we will know: one statement or a list.")
    activity_total: list[ActivityTotal] = Field(
        [], description="Changes in activity the plan states for this priority, checked against its schemes.")

    def statements(self, field: str) -> list[Statement]:
        """The baseline, aspiration or success measure as a list, however it was typed."""
        return [item for _, item in statement_list(getattr(self, field))]

    def activity_by_unit(self) -> list[tuple[str, str | None, Decimal]]:
        """The schemes' activity changes added up by unit and period, in the order first met."""
        return activity_sums([change for scheme in self.schemes for change in scheme.activity])


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
    activity_total: list[ActivityTotal] = Field(
        [], description="Changes in activity the plan states for the whole plan, checked against all schemes.")

    def activity_by_unit(self) -> list[tuple[str, str | None, Decimal]]:
        """Every scheme's activity changes added up by unit and period."""
        return activity_sums([c for p in self.priorities for scheme in p.schemes for c in scheme.activity])


def activity_sums(changes: list[ActivityChange]) -> list[tuple[str, str | None, Decimal]]:
    """(unit, period, total) for each unit and period, in the order first met; units match whatever
    their case, since 'Bed days' and 'bed days' count the same thing."""
    totals: dict[tuple[str, str | None], Decimal] = {}
    names: dict[tuple[str, str | None], str] = {}
    for change in changes:
        key = (change.unit.strip().lower(), change.period)
        names.setdefault(key, change.unit)
        totals[key] = totals.get(key, Decimal(0)) + Decimal(change.change)
    return [(names[key], key[1], total) for key, total in totals.items()]
