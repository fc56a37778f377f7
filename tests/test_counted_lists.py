"""A sentence that announces how many items follow must match the list below it."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, copy_plan

from site_gen.pipeline import check_project
from site_gen.project import Project


def _findings(tmp_path, body: str) -> list[tuple[str, int, str]]:
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    (root / "content" / "list.md").write_text(f"---\ntitle: A list\n---\n\n{body}", encoding="utf-8")
    return [(f.code, f.location.line, f.message) for f in check_project(Project(root)).findings]


@pytest.mark.parametrize(("body", "expected"), [
    ("We are assessed in 6 domains:\n\n- One\n- Two\n- Three\n- Four\n- Five\n",
     [("count-mismatch", 5, "The text says 6 domains, but the list below it has 5.")]),
    ("Our three aims are:\n\n1. Care\n2. Money\n3. People\n", []),
    ("There are two groups:\n- First\n  - a part of the first\n- Second\n", []),
    ("In 2012/13 the themes are:\n- One\n- Two\n", []),
    ("Four things matter:\n- One\n  that goes on a second line\n- Two\n", [
        ("count-mismatch", 5, "The text says Four things matter, but the list below it has 2.")]),
    ("We have 5 priorities: see the list on the next page.\n- One\n", []),
    # An item that counts several people: "2 cluster leads" is two of the eight the sentence counts.
    ("There are 8 voting clinicians:\n- Chair\n- 2 cluster leads\n- A nurse\n- Three family doctors\n- A consultant\n", []),
    # A number that labels or measures rather than counts: an age, a phase, "one for each".
    ("Services for people aged 75 and over:\n- Falls clinics\n- Home visits\n", []),
    ("What happens in Phase 1 of the work:\n- Plan\n- Build\n", []),
    ("We will appoint one for each locality:\n- North\n- South\n- East\n", []),
    ("There are 9 voting clinicians:\n- Chair\n- 2 cluster leads\n- A nurse\n", [
        ("count-mismatch", 5, "The text says 9 voting clinicians, but the list below it has 3.")]),
])
def test_announced_counts_are_checked_against_the_list(tmp_path, body, expected):
    assert _findings(tmp_path, body) == expected
