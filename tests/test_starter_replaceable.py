"""The starter plan from site-gen new can be replaced file by file: putting a plan's own data file in place
of one of the starter's gives at most a few findings, each at one of the places the starter file's own
comment names ("Files that point at ids in this one: ..."), never a cascade across the plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.findings import Finding, Severity
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.scaffold import SCAFFOLD_DIR, create_project

MOST_ERRORS = 3
LINKS = "# Files that point at ids in this one:"

# A small, valid file of each kind, with ids of its own, as a plan being typed up would have.
REPLACEMENTS = {
    "plan.yml": """title: Our plan
organisation:
  name: Other Integrated Care Board
period:
  start: 2025/26
  end: 2025/26
version: "0.1"
status: draft
version_history:
  - version: "0.1"
    date: 2025-01-15
    author: Head of planning
    summary: First draft.
vision: People stay well.
""",
    "priorities.yml": """priorities:
  - id: better-mental-health
    title: Better mental health
    aim: Help people get mental health care sooner.
""",
    "performance.yml": """measures:
  - id: waiting-times
    name: People waiting under 18 weeks
    unit: "%"
    direction: higher-is-better
    no_target: The plan sets no target for this measure.
""",
    "finance.yml": """tables:
  - id: spending
    title: Spending 2025/26
    unit: £m
    columns:
      - id: spend
        label: Spend
    rows:
      - id: acute
        label: Acute care
        values: [10.0]
""",
    "requirements.yml": """groups:
  - id: fund-conditions
    title: Conditions of the national fund
    requirements:
      - id: seven-day-services
        title: Services seven days a week
        response: Our community teams will work at weekends from next year.
""",
    "risks.yml": """risks:
  - id: demand
    title: Demand grows faster than planned
    owner: Chief operating officer
    inherent:
      likelihood: 3
      impact: 3
    mitigations:
      - Review demand every month.
""",
    "milestones.yml": """milestones:
  - id: plan-agreed
    title: Plan agreed
    date: 2025-04
""",
    "governance.yml": """bodies:
  - id: committee
    name: Finance committee
""",
    "glossary.yml": "terms: []\n",
    "population.yml": """statistics:
  - id: residents
    label: Residents
    value: 1000
    unit: people
""",
    "charts.yml": "charts: []\n",
    "documents.yml": "documents: []\n",
}

STARTER_DATA = sorted(p.name for p in (SCAFFOLD_DIR / "data").glob("*.yml"))


def pointed_at_by(name: str) -> set[str]:
    """The files the starter's own comment says point at ids in data/NAME."""
    lines = (SCAFFOLD_DIR / "data" / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(LINKS))
    said = lines[start].removeprefix(LINKS)
    for line in lines[start + 1:]:
        if said.rstrip().endswith(".") or not line.startswith("#"):
            break
        said += " " + line.removeprefix("#")
    return set(re.findall(r"(?:data|content)/[\w-]+\.(?:yml|md)", said))


def replaced(tmp_path: Path, name: str) -> list[Finding]:
    plan = tmp_path / "plan"
    assert create_project(plan) == []
    (plan / "data" / name).write_text(REPLACEMENTS[name], encoding="utf-8")
    return check_project(Project(plan)).findings


def shown(findings: list[Finding]) -> str:
    return "\n".join(f"{f.location}: {f.severity.value} [{f.code}] {f.message}" for f in findings)


def test_every_starter_data_file_is_replaced_in_turn():
    assert sorted(REPLACEMENTS) == STARTER_DATA


@pytest.mark.parametrize("name", STARTER_DATA)
def test_every_starter_data_file_says_which_files_point_at_it(name: str):
    text = (SCAFFOLD_DIR / "data" / name).read_text(encoding="utf-8")
    assert LINKS in text, f"data/{name} does not say which files point at its ids"


@pytest.mark.parametrize("name", STARTER_DATA)
def test_replacing_one_starter_file_gives_only_the_errors_its_comment_names(tmp_path: Path, name: str):
    findings = replaced(tmp_path, name)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert len(errors) <= MOST_ERRORS, shown(errors)
    # Each error is a reference to an id that has gone, at its file and line in one of the places the
    # starter file's comment lists; and each place listed really does point at it.
    assert {f.code for f in errors} <= {"unknown-reference"}, shown(errors)
    assert all(f.location.line > 0 for f in errors), shown(errors)
    assert {f.location.file for f in errors} == pointed_at_by(name), shown(errors)
    # The replacement itself is a good file: nothing is reported in it.
    assert not [f for f in findings if f.location.file == f"data/{name}"], shown(findings)
    # Apart from the glossary (below), nothing else changes: the rest of the plan stays clean.
    if name != "glossary.yml":
        assert [f for f in findings if f.severity != Severity.ERROR] == [], shown(findings)


def test_an_empty_glossary_gives_warnings_that_name_the_glossary(tmp_path: Path):
    findings = replaced(tmp_path, "glossary.yml")
    assert findings and {f.code for f in findings} == {"acronym-undefined"}, shown(findings)
    assert all(f.severity == Severity.WARNING and "data/glossary.yml" in f.hint for f in findings), shown(findings)
