"""Shared helpers: the repository, copies of plan projects in temporary folders, one built example."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.build import build
from site_gen.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def copy_plan(source: Path, target: Path) -> Path:
    """A copy of a plan project's inputs (never its build output)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    # The repository's own templates/ are the defaults every plan gets, not an override of them.
    folders = ("content", "data", "approvals") + (() if source == REPO else ("templates",))
    for folder in folders:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    return copy_plan(REPO, tmp_path / "plan")


@pytest.fixture(scope="session")
def built_example(tmp_path_factory) -> Path:
    """The example plan, built once for every test that only reads its output."""
    root = copy_plan(REPO, tmp_path_factory.mktemp("example") / "plan")
    findings = build(Project(root))
    assert not [f for f in findings if f.severity.value == "error"], findings
    return root


@pytest.fixture(scope="session")
def site(built_example: Path) -> Path:
    """The example plan's built site, for the modules that only read it (a module may define its own)."""
    return built_example / "build" / "site"


@pytest.fixture(scope="session")
def plan(built_example: Path):
    """The example plan as checked, beside site."""
    from site_gen.pipeline import check_project

    return check_project(Project(built_example))


def pdfua_findings(pdf: Path) -> list[dict]:
    """What the pdfua checker finds in a PDF, of any severity. It checks the part of PDF/UA-1 a program
    can check (its report says which rules); a person must judge the rest."""
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf)],
                         capture_output=True, text=True)
    report = json.loads(run.stdout)
    assert report["summary"]["rules_run"] >= 10, report
    return report["findings"]


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory) -> dict[str, Path]:
    """Every plan in examples/, built once for the tests that only read their output."""
    built = {}
    for example in sorted(p for p in (REPO / "examples").iterdir() if (p / "mkdocs.yml").is_file()):
        root = copy_plan(example, tmp_path_factory.mktemp(example.name) / "plan")
        findings = build(Project(root))
        assert not [f for f in findings if f.severity.value == "error"], findings
        built[example.name] = root
    return built
