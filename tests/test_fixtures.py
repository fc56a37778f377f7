"""The plan fixtures in tests/fixtures: each broken one reports exactly the findings its expected.yml
lists, no fixture makes the tool fail, and the good ones pass even under --strict.

expected.yml is a list of {code, file, line} entries, each with an optional severity. Either every
entry of a fixture gives a severity or none does; when they do, severities are compared too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

ALL_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
WITH_EXPECTED = [p for p in ALL_FIXTURES if (p / "expected.yml").is_file()]
GOOD = [p for p in ALL_FIXTURES if p.name.startswith("good-")]

def _expected(fixture: Path) -> tuple[list[tuple], bool]:
    entries = yaml.safe_load((fixture / "expected.yml").read_text(encoding="utf-8")) or []
    given = {"severity" in e for e in entries}
    assert len(given) <= 1, f"{fixture.name}/expected.yml: give a severity in every entry or in none"
    with_severity = given == {True}
    rows = [(e["code"], e["file"], e["line"]) + ((e["severity"],) if with_severity else ()) for e in entries]
    return sorted(rows), with_severity


@pytest.mark.parametrize("fixture", WITH_EXPECTED, ids=[p.name for p in WITH_EXPECTED])
def test_fixture_reports_exactly_what_is_expected(fixture: Path) -> None:
    expected, with_severity = _expected(fixture)
    findings = check_project(Project(fixture)).findings
    actual = sorted((f.code, f.location.file, f.location.line) + ((f.severity.value,) if with_severity else ())
                    for f in findings)
    assert actual == expected, "\n".join(f"{f.location}: {f.severity.value} [{f.code}] {f.message}"
                                         for f in findings)


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=[p.name for p in ALL_FIXTURES])
def test_command_line_never_fails_as_a_tool(fixture: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "site_gen", "check", "--project", str(fixture)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fixture", GOOD, ids=[p.name for p in GOOD])
def test_good_fixture_passes_strict(fixture: Path) -> None:
    findings = check_project(Project(fixture), strict=True).findings
    assert not has_errors(findings), [f"{f.location}: [{f.code}] {f.message}" for f in findings]


# Codes that plan data cannot produce: they come from templates, MkDocs, the build, site-gen new or the
# tool itself, and each has tests of its own.
NOT_FROM_PLAN_DATA = {"template-error", "mkdocs-warning", "build-failed", "internal-error", "folder-not-empty",
                      "page-overflow", "approval-refused", "output-unwritable", "version-already-kept",
                      "approval-build-differs", "approval-build-unconfirmed", "nothing-to-undo", "nothing-to-verify",
                      "nothing-built"}


# Checks a fixture folder cannot hold, each tested where its note says.
TESTED_ELSEWHERE = {
    "shortcut-outside": "a shortcut out of the plan is followed when a fixture is copied (test_security_theme.py)",
    "archive-changed": "needs a version kept by site-gen archive from a build (test_security_theme.py)",
    "version-unreadable": "comes from site-gen diff given a version it cannot read (test_change_report.py)",
}


def test_fixtures_cover_every_check_the_plan_data_can_trigger() -> None:
    from site_gen.rules import RULES

    covered = {entry["code"] for fixture in WITH_EXPECTED
               for entry in yaml.safe_load((fixture / "expected.yml").read_text(encoding="utf-8")) or []}
    assert set(RULES) - NOT_FROM_PLAN_DATA - set(TESTED_ELSEWHERE) - covered == set()
