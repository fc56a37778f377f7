"""Run every check over a loaded plan. Checks are pure: they read the plan and yield findings."""

from __future__ import annotations

from site_gen.checks import (
    arithmetic,
    branding,
    charts,
    completeness,
    consistency,
    dates,
    expansions,
    gaps,
    images,
    lifecycle,
    macros,
    plain_english,
    qualifiers,
    references,
    relations,
    risks,
    safety,
    signoff_requirements,
    skipped,
    structure,
)
from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.rules import internal_error

ALL_CHECKS = (
    structure.CHECKS + references.CHECKS + macros.CHECKS + images.CHECKS + arithmetic.CHECKS + relations.CHECKS + risks.CHECKS
    + consistency.CHECKS
    + qualifiers.CHECKS + completeness.CHECKS + gaps.CHECKS + expansions.CHECKS + branding.CHECKS + charts.CHECKS + plain_english.CHECKS + safety.CHECKS
    + lifecycle.CHECKS + dates.CHECKS + skipped.CHECKS + signoff_requirements.CHECKS
)


def run_checks(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for check in ALL_CHECKS:
        try:
            findings.extend(check(ctx))
        except Exception as err:  # one broken check must not hide the others' findings
            findings.append(internal_error(f"data/ ({check.__name__})", err))
    return findings
