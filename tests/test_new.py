"""site-gen new: the starter plan it makes is complete, checks clean under --strict and builds; it never
writes over anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.model import FAMILIES
from site_gen.scaffold import SCAFFOLD_DIR, scaffold_files

ORGANISATION = "Example Integrated Care Board"


@pytest.fixture(scope="module")
def new_plan(tmp_path_factory) -> Path:
    """One starter plan, made once through the command line, in a folder that does not exist yet."""
    target = tmp_path_factory.mktemp("new") / "plans" / "my-plan"
    assert main(["new", str(target)]) == 0
    return target


def test_new_makes_the_folder_and_says_so(tmp_path: Path, capsys):
    target = tmp_path / "a" / "b" / "plan"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"Made a new plan in {target}." in out
    for name in ("mkdocs.yml", "data/plan.yml", "content/about.md", "content/our-approach.md", "content/logo.svg"):
        assert (target / name).is_file(), name
    assert sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()) == scaffold_files()


def test_new_into_an_existing_empty_folder(tmp_path: Path):
    assert main(["new", str(tmp_path)]) == 0
    assert (tmp_path / "data" / "plan.yml").is_file()


def test_every_data_family_has_a_file(new_plan: Path):
    for family in FAMILIES:
        assert (new_plan / "data" / f"{family}.yml").is_file(), family


def test_every_data_file_starts_by_explaining_itself():
    for path in sorted((SCAFFOLD_DIR / "data").glob("*.yml")) + [SCAFFOLD_DIR / "mkdocs.yml"]:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_the_new_plan_checks_clean_strictly(new_plan: Path, capsys):
    assert main(["check", "--strict", "--project", str(new_plan)]) == 0
    assert capsys.readouterr().out.strip() == "No problems found."


def test_the_new_plan_builds(new_plan: Path, capsys):
    assert main(["build", "--strict", "--project", str(new_plan)]) == 0
    said = capsys.readouterr().out.strip().splitlines()
    assert said[0] == "No problems found." and said[-1].startswith("Built version ") and len(said) == 2
    site = new_plan / "build" / "site"
    assert ORGANISATION in (site / "index.html").read_text(encoding="utf-8")
    # The pages take their figures from the data: the macros have been replaced by the figures.
    approach = (site / "our-approach.html").read_text(encoding="utf-8")
    assert "£665.0 million" in approach and "{{" not in approach
    assert (site / "priorities" / "care-closer-to-home.html").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Mine.\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"The folder {tmp_path} is not empty" in out and "error [folder-not-empty]" in out
    assert notes.read_text(encoding="utf-8") == "Mine.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_refuses_a_file(tmp_path: Path, capsys):
    target = tmp_path / "plan"
    target.write_text("Mine.\n", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert f"{target} is already there and is not a folder" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == "Mine.\n"


def test_new_never_writes_over_a_plan_it_made(new_plan: Path, capsys):
    plan = new_plan / "data" / "plan.yml"
    before = plan.read_bytes()
    assert main(["new", str(new_plan)]) == 1
    assert "is not empty" in capsys.readouterr().out
    assert plan.read_bytes() == before
