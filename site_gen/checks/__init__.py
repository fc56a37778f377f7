"""Run every check over a loaded plan. Checks are pure: they read the plan and yield findings."""

from __future__ import annotations

import traceback

from site_gen.checks import arithmetic, completeness, consistency, macros, references, structure
from site_gen.checks.context import CheckContext
from site_gen.findings import Finding, Location
from site_gen.rules import rule

ALL_CHECKS = (
    structure.CHECKS + references.CHECKS + macros.CHECKS + arithmetic.CHECKS + consistency.CHECKS
    + completeness.CHECKS
)


def internal_error(file: str, err: BaseException) -> Finding:
    """A fault of the tool, reported as a finding naming what it was working on, never a bare traceback."""
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f" ({frame.name}, line {frame.lineno} of {frame.filename.rsplit('/', 1)[-1]})" if frame else ""
    return rule("internal-error")(Location(file), f"Internal error while processing {file or 'the plan'}: "
                                  f"{type(err).__name__}: {err}{where}.")


def run_checks(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for check in ALL_CHECKS:
        try:
            findings.extend(check(ctx))
        except Exception as err:  # one broken check must not hide the others' findings
            findings.append(internal_error(f"data/ ({check.__name__})", err))
    return findings
