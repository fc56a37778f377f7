"""The corpus: three real plans typed up as published, every gap and error kept, each with a catalogue of the
problems a careful reader finds. Whatever the plan really says or leaves out, the format can hold: checking a
corpus plan gives findings about the plan, never about the format (no finding of the structure family)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_gen.build import ChartRenderer, render_pages, template_environment
from site_gen.pipeline import CheckedPlan, check_project
from site_gen.project import Project
from site_gen.rules import FAMILIES, RULES

CORPUS = Path(__file__).resolve().parent / "corpus"
PLANS = sorted(path for path in CORPUS.iterdir() if (path / "expected.yml").is_file())
SEEDS = {"000_a00b0aba5696b9a4", "001_364f78e94d1d1544", "002_8ec4c1758b441aa5"}
# Families a finding about the format belongs to: what it cannot read, and faults of the tool itself.
ABOUT_THE_FORMAT = {"structure", "tool"}


@pytest.fixture(scope="module", params=PLANS, ids=lambda path: path.name)
def plan(request) -> tuple[Path, CheckedPlan, dict]:
    root = request.param
    catalogue = yaml.safe_load((root / "expected.yml").read_text(encoding="utf-8"))
    return root, check_project(Project(root)), catalogue


def _lines(root: Path, file: str) -> int:
    return len((root / file).read_text(encoding="utf-8").splitlines())


def test_the_corpus_holds_the_three_seed_plans() -> None:
    assert {path.name for path in PLANS} == SEEDS


def test_every_finding_is_about_the_plan_never_the_format(plan) -> None:
    _, checked, _ = plan
    about_format = [f"{f.location}: {f.code}: {f.message}" for f in checked.findings
                    if RULES[f.code].family in ABOUT_THE_FORMAT]
    assert about_format == []


def test_the_plan_is_typed_up_as_a_draft(plan) -> None:
    _, checked, _ = plan
    assert checked.data.plan is not None and checked.data.plan.status == "draft"


def test_each_catalogued_problem_says_where_what_and_how_serious(plan) -> None:
    root, _, catalogue = plan
    problems = catalogue["problems"]
    assert problems and len({p["id"] for p in problems}) == len(problems)
    for problem in problems:
        first, last = problem["lines"]
        assert 1 <= first <= last <= _lines(root, problem["file"]), problem["id"]
        assert problem["family"] in FAMILIES and problem["family"] != "structure", problem["id"]
        assert problem["severity"] in ("error", "warning", "info"), problem["id"]
        assert isinstance(problem["seed_line"], int) and problem["description"].strip(), problem["id"]
        assert isinstance(problem.get("expressible", True), bool), problem["id"]
        if problem.get("expressible") is False:
            assert problem.get("reason", "").strip(), f"{problem['id']} says it cannot be expressed, but not why"
        assert problem.get("found_by", "reader") in ("reader", "checker"), problem["id"]


def test_the_right_figures_are_listed_at_real_lines(plan) -> None:
    root, _, catalogue = plan
    figures = catalogue["right_figures"]
    assert figures
    for figure in figures:
        assert 1 <= figure["line"] <= _lines(root, figure["file"]) and figure["description"].strip(), figure


def test_a_right_figure_is_never_flagged_as_wrong_arithmetic(plan) -> None:
    _, checked, catalogue = plan
    right = {(figure["file"], figure["line"]) for figure in catalogue["right_figures"]}
    flagged = [f"{f.location}: {f.code}: {f.message}" for f in checked.findings
               if RULES[f.code].family == "arithmetic" and (f.location.file, f.location.line) in right]
    assert flagged == []


def test_each_structure_is_carried_in_data_or_said_why_it_is_prose(plan) -> None:
    _, _, catalogue = plan
    for structure in catalogue["structures"]:
        assert structure["carried"] in ("data", "prose"), structure["name"]
        assert structure.get("where"), structure["name"]


def test_every_page_of_the_plan_is_made_from_what_it_says(plan, tmp_path: Path) -> None:
    """A plan with errors is not built, but its pages must still be made: a value the plan does not state,
    or a form only real plans use, must never stop a template."""
    root, checked, _ = plan
    cache = tmp_path / "cache"
    (cache / "sandboxed-page-templates").mkdir(parents=True)
    charts = ChartRenderer(checked.data, checked.context.index, cache / "charts")
    pages, problems = render_pages(checked, template_environment(checked.project, cache / "sandboxed-page-templates"),
                                   charts)
    assert [f"{f.location}: {f.message}" for f in problems] == []
    assert len(pages) >= len(list((root / "content").glob("*.md")))
