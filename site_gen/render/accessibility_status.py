"""What the accessibility statement says, worked out from the plan and its checks (pure): the known
problems, each with the WCAG 2.2 success criterion it fails, whether the site is fully or partially
compliant, who to contact and the statement's dates. Nothing here is typed in by hand."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from site_gen.findings import Finding, Severity
from site_gen.model.plan import Contact, Plan
from site_gen.rules import RULES
from site_gen.wcag import WCAG_VERSION, criterion_text

# The success criterion a page fails when a check reports each code. By code, so a check added later
# counts as soon as its rule exists. None: a real problem, but not a failure of WCAG.
FINDING_CRITERIA: dict[str, str | None] = {
    "image-alt-missing": "1.1.1",
    "logo-alt-missing": "1.1.1",
    "heading-skip": "1.3.1",
    "link-text-unclear": "2.4.4",
    "brand-contrast": "1.4.3",
    "external-resource": None,  # a privacy problem: readers can still use the page
}

# Errors stop the build, so only these can be on a published site.
_REACHES_THE_SITE = (Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class KnownProblem:
    """One part of the site that does not meet WCAG 2.2 AA."""

    text: str  # what is wrong
    criterion: str  # the number of the success criterion it fails, such as 1.1.1
    where: str | None = None  # the page or file, for a problem the checks found
    fix_by: datetime.date | None = None

    @property
    def criterion_text(self) -> str:
        return criterion_text(self.criterion)

    @property
    def fails(self) -> str:
        return f"fails WCAG {WCAG_VERSION} success criterion {self.criterion_text}"

    @property
    def clause(self) -> str:
        """The text without its closing full stop, so that what it fails can follow in brackets."""
        text = self.text.strip()
        return text[:-1] if text.endswith(".") else text


@dataclass(frozen=True)
class Statement:
    """Everything the accessibility statement page needs beyond the plan itself."""

    problems: list[KnownProblem] = field(default_factory=list)
    contact: Contact | None = None
    response_days: int | None = None
    prepared: datetime.date | None = None
    reviewed: datetime.date | None = None
    site_url: str | None = None
    checks: list[tuple[str, str]] = field(default_factory=list)  # (what a check looks for, criterion)

    @property
    def compliance(self) -> str:
        return "partially compliant" if self.problems else "fully compliant"


def found_problems(findings: Iterable[Finding], page_titles: Mapping[str, str] | None = None) -> list[KnownProblem]:
    """The checks' findings that fail a WCAG criterion, each named by its page's title where it has one."""
    titles = page_titles or {}
    problems = []
    for f in findings:
        number = FINDING_CRITERIA.get(f.code)
        if number is None or f.severity not in _REACHES_THE_SITE:
            continue
        where = titles.get(f.location.file) or f.location.file or None
        problems.append(KnownProblem(f.message, number, where))
    return list(dict.fromkeys(problems))


def declared_problems(plan: Plan) -> list[KnownProblem]:
    return [KnownProblem(e.problem, e.criterion, fix_by=e.fix_by) for e in plan.accessibility.exceptions]


def statement_dates(plan: Plan) -> tuple[datetime.date | None, datetime.date | None]:
    """(prepared, reviewed): as the plan gives them, else the date of its current version (or, without
    an entry for it, of its latest), and reviewed the same as prepared."""
    current = [entry.date for entry in plan.version_history if entry.version == plan.version]
    latest = max((entry.date for entry in plan.version_history), default=None)
    prepared = plan.accessibility.prepared or (current[-1] if current else latest)
    return prepared, plan.accessibility.reviewed or prepared


def site_checks() -> list[tuple[str, str]]:
    """What each build checks every page for, with the criterion it protects: only checks that exist."""
    return [(RULES[code].summary.rstrip("."), criterion_text(number))
            for code, number in FINDING_CRITERIA.items() if number and code in RULES]


def statement(plan: Plan, findings: Iterable[Finding] = (), page_titles: Mapping[str, str] | None = None,
              site_url: str | None = None) -> Statement:
    contact: Contact | None = plan.accessibility_contact or plan.contact
    prepared, reviewed = statement_dates(plan)
    return Statement(
        problems=declared_problems(plan) + found_problems(findings, page_titles),
        contact=contact,
        response_days=plan.accessibility_contact.response_days if plan.accessibility_contact else None,
        prepared=prepared, reviewed=reviewed, site_url=site_url, checks=site_checks())
