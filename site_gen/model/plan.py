"""data/plan.yml: who publishes the plan, what it is, where it is in its lifecycle."""

from __future__ import annotations

import datetime
import difflib
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from site_gen.dates import PlanDate, parse_plan_date
from site_gen.model.common import EmailAddress, FilePath, FinancialYear, Id, PlainText, Rating, Strict, Text, WebLink
from site_gen.model.milestones import PlanDateText
from site_gen.wcag import CRITERIA, OBSOLETE

Status = Literal["draft", "consultation", "approved", "published", "superseded"]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Branding(Strict):
    logo: str | None = Field(None, description="Path of the logo image, relative to the plan project.")
    logo_alt: PlainText | None = Field(None, description="Alternative text for the logo, read out by screen readers.")
    accent_colour: Colour | None = Field(None, description="Accent colour as #rrggbb.")


class Organisation(Strict):
    name: PlainText
    short_name: PlainText | None = None
    partners: list[PlainText] = []


class Period(Strict):
    start: FinancialYear
    end: FinancialYear


def _day_as_written(value: Any) -> Any:
    """A day typed as the plan prints it ("14 February, 2014", "14/02/2014") as well as 2014-02-14; a date that
    is not one day (a month, a season) is refused with a message saying a day is needed."""
    if not isinstance(value, str) or ISO_DAY.fullmatch(value.strip()):
        return value
    when = parse_plan_date(value)
    if when.kind == "day" and not when.bound and when.start is not None:
        return when.start
    raise PydanticCustomError(
        "date_value", "'{value}' is not one day. Write the day the plan gives, such as 14 February 2014 or "
        "2014-02-14; if the plan gives none, ask its owner", {"value": value})


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WrittenDay = Annotated[datetime.date, BeforeValidator(_day_as_written),
                       WithJsonSchema({"type": "string", "examples": ["2014-02-14", "14 February 2014"]})]


class VersionEntry(Strict):
    version: Text
    date: WrittenDay
    author: Text = Field(description="Who made the change, by role.")
    summary: Text


APPROVING = ("approved", "approved-with-changes")  # the decisions that approve a plan


class Approval(Strict):
    body: Text
    decision: Literal["approved", "approved-with-changes", "not-approved", "deferred"]
    date: datetime.date
    minute: Text = Field(description="The minute reference of the decision.")
    fingerprint: str | None = Field(None, description="The fingerprint of the plan as decided on; site-gen "
                                                      "approve writes it.")
    record: FilePath | None = Field(None, description="The approval record, a file in approvals/ holding what was "
                                                      "approved; site-gen approve writes it.")
    version: Text | None = Field(None, description="The version of the plan decided on; site-gen approve writes it. "
                                                  "Decisions recorded before it did show 'Not recorded'.")
    entered_by: PlainText | None = Field(None, description="Who recorded the decision, such as the board secretary; "
                                                           "site-gen approve --by writes it.")
    papers_build: Text | None = Field(None, description="Approved with changes: the build code of the papers the "
                                                        "governing body saw, before the changes it asked for; "
                                                        "site-gen approve writes it.")


class Supersession(Strict):
    version: Text
    url: WebLink


class Contact(Strict):
    name: str | None = None
    email: EmailAddress | None = None
    phone: str | None = None
    address: str | None = None
    web: WebLink | None = None


class AccessibilityContact(Contact):
    response_days: int | None = Field(None, ge=1, description="Working days within which a request is answered.")


def _criterion(value: Any) -> str:
    # Unquoted in YAML, 1.4 reads as a number; it is still a (wrong) criterion number, not a wrong type.
    text = str(value).strip() if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool) else None
    if text in CRITERIA:
        return text
    if text == OBSOLETE:
        guess = f" WCAG 2.2 made {OBSOLETE} Parsing obsolete, so nothing can fail it."
    else:
        close = difflib.get_close_matches(text or "", list(CRITERIA), n=1, cutoff=0.8)
        guess = f" Did you mean {close[0]} {CRITERIA[close[0]][0]}?" if close else ""
    raise PydanticCustomError(
        "wcag_criterion", "'{value}' is not the number of a WCAG 2.2 success criterion at level A or AA.{guess} "
        "Write it like 1.1.1, for Non-text content", {"value": value, "guess": guess})


WcagCriterion = Annotated[str, BeforeValidator(_criterion),
                          WithJsonSchema({"type": "string", "enum": list(CRITERIA), "examples": ["1.1.1"]})]


class AccessibilityException(Strict):
    """A part of the site known not to meet WCAG 2.2 AA, listed in the accessibility statement."""

    problem: Text = Field(description="What is not accessible, in plain English, as readers will see it.")
    criterion: WcagCriterion = Field(description="The number of the WCAG 2.2 success criterion (level A or AA) it "
                                                 "fails, such as 1.1.1.")
    fix_by: WrittenDay | None = Field(None, description="When you plan to fix it.")


class AccessibilityStatement(Strict):
    prepared: WrittenDay | None = Field(None, description="When the accessibility statement was prepared. Without "
                                                             "it, the date of the plan's current version in "
                                                             "version_history.")
    reviewed: WrittenDay | None = Field(None, description="When the statement was last reviewed. Without it, the "
                                                             "same as prepared.")
    exceptions: list[AccessibilityException] = Field([], description="Known accessibility problems: each makes the "
                                                                     "site partially compliant and is listed in the "
                                                                     "statement.")


def _blank_is_missing(value: Any) -> Any:
    # A sign-off block printed with a space left for a signature or a date: blank is not stated, not a mistake.
    return None if isinstance(value, str) and not value.strip() else value


SignOffText = Annotated[PlainText | None, BeforeValidator(_blank_is_missing)]
SIGN_OFF_FIELDS = ("organisation", "role", "name", "date")


class Signatory(Strict):
    """One line of the plan's sign-off block. Any field the plan leaves out or blank is left out here too,
    and shown as not stated in the plan."""

    organisation: SignOffText = Field(None, description="The organisation signing, as the plan names it.")
    role: SignOffText = Field(None, description="The signatory's role, such as Chair or Accountable Officer.")
    name: SignOffText = Field(None, description="The signatory's name, as the plan prints it.")
    date: Annotated[PlanDateText | None, BeforeValidator(_blank_is_missing)] = Field(
        None, description="When it was signed, as the plan writes it, such as 12 March 2014.")

    @property
    def when(self) -> PlanDate | None:
        return parse_plan_date(self.date) if self.date else None

    @property
    def missing(self) -> list[str]:
        """The fields the plan does not state, in the order the sign-off table shows them."""
        return [name for name in SIGN_OFF_FIELDS if getattr(self, name) is None]


class PlanValue(Strict):
    name: Text
    description: Text


class ConfidenceLevel(Strict):
    """One step of the delivery-confidence scale: savings rated this are counted at this share."""

    rating: Rating
    label: Text
    adjustment: Decimal = Field(ge=0, le=100, description="Percentage of identified savings counted after risk adjustment.")


DEFAULT_CONFIDENCE = [
    ConfidenceLevel(rating="red", label="Red", adjustment=Decimal(25)),
    ConfidenceLevel(rating="red-amber", label="Red-Amber", adjustment=Decimal(50)),
    ConfidenceLevel(rating="amber", label="Amber", adjustment=Decimal(70)),
    ConfidenceLevel(rating="green", label="Green", adjustment=Decimal(100)),
]


PageBlock = Literal["vision", "partners", "priorities", "population", "measures", "money", "milestones", "enablers",
                    "contact"]


class PlanOnAPage(Strict):
    paper: Literal["a3", "a4"] = Field("a3", description="a3 or a4, both landscape.")
    show: list[PageBlock] = Field([], description="Which blocks go on the plan on a page: vision, partners, "
                                                  "priorities, population, measures, money, milestones, enablers, "
                                                  "contact. Empty means vision, priorities, measures, money, "
                                                  "milestones, enablers and contact.")
    priorities: list[Id] = Field([], description="The ids of the priorities the plan on a page shows as its "
                                                 "columns, in order. Empty means the first six of kind priority.")
    statistics: list[Id] = Field([], description="The ids of the population statistics the population block "
                                                 "shows, in order. Empty means the first six.")


class Plan(Strict):
    NOT_STATED_FIGURES = frozenset({"version"})
    NOT_STATED_IN_SENTENCE = frozenset({"version"})

    title: PlainText
    organisation: Organisation
    branding: Branding = Branding()
    period: Period
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
    status: Status = "draft"
    consultation_closes: WrittenDay | None = None
    superseded_by: Supersession | None = None
    changes_since: FilePath | None = Field(None, description="An approval record in approvals/ to compare this "
                                                             "version with: the site and the full PDF gain a page, "
                                                             "'Changes since version X', for the board paper.")
    version_history: list[VersionEntry] = []
    approvals: list[Approval] = []
    sign_off: list[Signatory] = Field([], description="The plan's sign-off block: who signed it for each "
                                                      "organisation, in what role, and when.")
    vision: Text
    aim: str | None = None
    mission: str | None = None
    values: list[PlanValue] = []
    contact: Contact | None = None
    accessibility_contact: AccessibilityContact | None = None
    accessibility: AccessibilityStatement = Field(AccessibilityStatement(), description="The facts of the "
                                                  "accessibility statement page that the plan gives itself: its "
                                                  "dates and known accessibility problems.")
    delivery_confidence: list[ConfidenceLevel] = Field(DEFAULT_CONFIDENCE, min_length=1)
    plan_on_a_page: PlanOnAPage = PlanOnAPage()
