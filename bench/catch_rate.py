"""How many of the problems a careful reader finds in real plans the checker catches, and how many of its
findings are about real problems.

    .venv/bin/python bench/catch_rate.py [--quiet]

Runs `site-gen check` (in process) on every plan in tests/corpus/ and matches its findings to the plan's
catalogue (tests/corpus/<plan>/expected.yml, written by reading the plan before the checker ran). A finding
catches a catalogued problem when it is in the same file, within the problem's lines, and of the same family.
Readability findings (sentence length, reading age, dense numbers) are left out of every figure: on a corpus
whose narrative is our own paraphrase they measure our prose, not the plan.

Per plan and in total it prints the problems catalogued and those the format can express, those caught and
caught at the right severity, each problem missed, each finding that matches nothing (a real problem the
reader missed, to be added to the catalogue marked found_by: checker, or a false finding), recall over the
expressible problems and over all of them, precision (warnings and errors that match a problem) with and
without the found_by: checker entries, and false errors. The last three lines are always

    recall: N%          (expressible problems caught)
    precision: N%       (without found_by: checker entries)
    false errors: N

tests/test_catch_rate.py holds these to the figures recorded in bench/catch_rate.json.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_gen.findings import Finding  # noqa: E402
from site_gen.pipeline import check_project  # noqa: E402
from site_gen.project import Project  # noqa: E402
from site_gen.rules import RULES  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
LEFT_OUT_FAMILIES = frozenset({"readability"})
COUNTED_SEVERITIES = frozenset({"warning", "error"})


@dataclass(frozen=True)
class Problem:
    id: str
    file: str
    first: int
    last: int
    family: str
    severity: str
    description: str
    expressible: bool
    by_checker: bool

    def caught_by(self, finding: Finding) -> bool:
        """A finding grouped over several places (an acronym unexplained in seven files) catches the problem
        at any of them."""
        return RULES[finding.code].family == self.family and any(
            place.file == self.file and self.first <= place.line <= self.last for place in finding.places)


@dataclass
class Tally:
    """The figures for one plan, or for all of them added together."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # counted findings only: no readability

    def caught(self, problem: Problem) -> list[Finding]:
        return [finding for finding in self.findings if problem.caught_by(finding)]

    def matches(self, finding: Finding, with_checker_entries: bool = True) -> bool:
        return any(problem.caught_by(finding) for problem in self.problems
                   if with_checker_entries or not problem.by_checker)

    @property
    def expressible(self) -> list[Problem]:
        return [p for p in self.problems if p.expressible]

    @property
    def caught_problems(self) -> list[Problem]:
        return [p for p in self.problems if self.caught(p)]

    @property
    def at_right_severity(self) -> list[Problem]:
        return [p for p in self.problems if any(f.severity.value == p.severity for f in self.caught(p))]

    @property
    def missed(self) -> list[Problem]:
        return [p for p in self.expressible if not self.caught(p)]

    @property
    def counted(self) -> list[Finding]:
        return [f for f in self.findings if f.severity.value in COUNTED_SEVERITIES]

    @property
    def unmatched(self) -> list[Finding]:
        return [f for f in self.counted if not self.matches(f)]

    def precision(self, with_checker_entries: bool) -> float:
        counted = self.counted
        if not counted:
            return 100.0
        return 100 * sum(self.matches(f, with_checker_entries) for f in counted) / len(counted)

    def recall(self, problems: list[Problem]) -> float:
        return 100 * sum(1 for p in problems if self.caught(p)) / len(problems) if problems else 100.0

    @property
    def false_errors(self) -> list[Finding]:
        return [f for f in self.counted if f.severity.value == "error" and not self.matches(f, False)]


def read_catalogue(root: Path) -> list[Problem]:
    catalogue = yaml.safe_load((root / "expected.yml").read_text(encoding="utf-8"))
    return [Problem(p["id"], p["file"], p["lines"][0], p["lines"][1], p["family"], p["severity"],
                    " ".join(str(p["description"]).split()), p.get("expressible", True) is not False,
                    p.get("found_by") == "checker")
            for p in catalogue["problems"]]


def counted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if RULES[f.code].family not in LEFT_OUT_FAMILIES]


def tally(root: Path) -> Tally:
    return Tally(root.name, read_catalogue(root), counted_findings(check_project(Project(root)).findings))


def combined(tallies: list[Tally]) -> Tally:
    """All plans as one: each plan's findings are matched against its own catalogue first."""
    total = Tally("all plans")
    for one in tallies:
        # Names are made unique per plan, so a finding in one plan's data/finance.yml never matches another's.
        total.problems += [Problem(p.id, f"{one.name}/{p.file}", p.first, p.last, p.family, p.severity,
                                   p.description, p.expressible, p.by_checker) for p in one.problems]
        total.findings += [_in_plan(f, one.name) for f in one.findings]
    return total


def _in_plan(finding: Finding, name: str) -> Finding:
    return replace(finding, location=replace(finding.location, file=f"{name}/{finding.location.file}"),
                   also=tuple(replace(place, file=f"{name}/{place.file}") for place in finding.also))


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def report(one: Tally, quiet: bool) -> list[str]:
    lines = [f"== {one.name}",
             f"catalogued problems: {len(one.problems)} (expressible: {len(one.expressible)}; "
             f"found by the checker after the reading: {sum(p.by_checker for p in one.problems)})",
             f"caught: {len(one.caught_problems)} (at the right severity: {len(one.at_right_severity)})",
             f"findings counted (warnings and errors, readability left out): {len(one.counted)}",
             f"recall: {_percent(one.recall(one.expressible))} of expressible problems, "
             f"{_percent(one.recall(one.problems))} of all",
             f"precision: {_percent(one.precision(False))} without found_by: checker entries, "
             f"{_percent(one.precision(True))} with them",
             f"false errors: {len(one.false_errors)}"]
    if not quiet:
        lines.append(f"missed ({len(one.missed)}):")
        lines += [f"  {p.file}:{p.first}-{p.last} [{p.family}, {p.severity}] {p.id}: {p.description}"
                  for p in one.missed]
        lines.append(f"findings that match nothing ({len(one.unmatched)}):")
        lines += [f"  {f.location}: {f.severity.value} [{f.code}] {f.message}" for f in one.unmatched]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quiet", action="store_true", help="leave out the lists of misses and unmatched findings")
    args = parser.parse_args(argv)
    tallies = [tally(root) for root in sorted(CORPUS.iterdir()) if (root / "expected.yml").is_file()]
    total = combined(tallies)
    for one in [*tallies, total]:
        print("\n".join(report(one, args.quiet or one is total)))
        print()
    print(f"recall: {_percent(total.recall(total.expressible))}")
    print(f"precision: {_percent(total.precision(False))}")
    print(f"false errors: {len(total.false_errors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
