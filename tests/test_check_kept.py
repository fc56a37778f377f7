"""The check keeps what it worked out from each file between checks in one process (the preview checks
after every edit), and is never stale: after each edit, its findings are exactly those of a check in a new
process, and what the edit added or took away shows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from site_gen.pipeline import check_project
from site_gen.project import Project

FRESH = ("import json, sys\nfrom pathlib import Path\nfrom site_gen.pipeline import check_project\n"
         "from site_gen.project import Project\n"
         "found = check_project(Project(Path(sys.argv[1]))).findings\n"
         "print(json.dumps(sorted([f.code, f.location.file, f.location.line, f.location.col, f.message] for f in found)))")


def _here(root: Path) -> list[list]:
    found = check_project(Project(root)).findings
    return sorted([f.code, f.location.file, f.location.line, f.location.col, f.message] for f in found)


def _in_a_new_process(root: Path) -> list[list]:
    done = subprocess.run([sys.executable, "-c", FRESH, str(root)], capture_output=True, text=True, cwd=REPO,
                          check=True)
    return json.loads(done.stdout)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _placeholders(found: list[list]) -> list[tuple[str, int]]:
    return [(file, line) for code, file, line, _, _ in found if code == "placeholder"]


def test_findings_after_each_edit_are_those_of_a_check_from_nothing(example_copy: Path) -> None:
    root = example_copy
    before = _here(root)
    page, plan = root / "content" / "strategy.md", root / "data" / "plan.yml"
    page_lines = page.read_text(encoding="utf-8").split("\n")
    _edit(page, page_lines[-2], page_lines[-2] + "\n\nThe figures for this section are TBC.")
    edited_page = _here(root)
    assert len(_placeholders(edited_page)) == len(_placeholders(before)) + 1
    assert edited_page == _in_a_new_process(root)

    _edit(plan, "  partners:\n", "  partners:\n    - TBC\n")
    edited_data = _here(root)
    assert ("data/plan.yml", 11) in _placeholders(edited_data)
    assert edited_data == _in_a_new_process(root)

    _edit(plan, "\nstatus: draft", "\nstatus: drafty")
    invalid = _here(root)
    assert "invalid-value" in {code for code, *_ in invalid}
    assert invalid == _in_a_new_process(root)
    _edit(plan, "\nstatus: drafty", "\nstatus: draft")

    performance = root / "data" / "performance.yml"
    _edit(performance, "      value: 90\n", "      value: not stated\n")
    silent = _here(root)
    assert "not-stated" in {code for code, *_ in silent} - {code for code, *_ in before}
    assert silent == _in_a_new_process(root)
    assert _here(root) == silent  # the second time from what was kept
    _edit(performance, "      value: not stated\n", "      value: 90\n")

    _edit(page, "\n\nThe figures for this section are TBC.", "")
    _edit(plan, "    - TBC\n", "")
    assert _here(root) == before


def test_an_edit_to_a_csv_file_is_seen_though_the_yaml_that_names_it_is_unchanged(tmp_path: Path) -> None:
    """A finance table's rows come from a CSV file: what is kept for data/finance.yml follows from that file too."""
    from conftest import copy_plan

    root = copy_plan(REPO / "examples" / "bath-ne-somerset", tmp_path / "plan")
    before = _here(root)
    _edit(root / "data" / "income-and-expenditure.csv", '"105,728"', '"115,728"')
    after = _here(root)
    assert "total-mismatch" in {code for code, *_ in after} - {code for code, *_ in before}
    assert after == _in_a_new_process(root)
