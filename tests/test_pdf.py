"""The plan on a page: one page, tagged PDF/UA-1 with language and title, the plan's words in it,
the same bytes from the same inputs, and a clear refusal when it would not fit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project


def _pdf(root: Path) -> Path:
    return root / "build" / "site" / "downloads" / "plan-on-a-page.pdf"


def test_the_plan_on_a_page_is_one_tagged_page_with_language_and_title(built_example):
    with pikepdf.open(_pdf(built_example)) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == "Integrated Plan 2013-15: plan on a page"
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (420, 297)  # A3 landscape


def test_the_page_holds_the_vision_every_priority_and_the_draft_mark(built_example):
    # -raw keeps text in the order it is drawn, so the tilted DRAFT mark is read as well.
    text = subprocess.run(["pdftotext", "-raw", str(_pdf(built_example)), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = " ".join(text.split())
    data = check_project(Project(built_example)).data
    assert " ".join(data.plan.vision.split()[:6]) in words
    for priority in data.priorities.priorities:
        if priority.kind == "priority":
            assert priority.title in words
    assert "DRAFT" in words and "not approved" in words


def test_the_same_inputs_give_the_same_pdf(tmp_path):
    first = copy_plan(FIXTURES / "good-complete", tmp_path / "a")
    second = copy_plan(FIXTURES / "good-complete", tmp_path / "b")
    for root in (first, second):
        assert not has_errors(build(Project(root)))
    assert _pdf(first).read_bytes() == _pdf(second).read_bytes()


def test_a_page_that_would_overflow_is_refused_with_the_column_and_how_far(tmp_path):
    root = copy_plan(FIXTURES / "pdf-overflow", tmp_path / "plan")
    assert not has_errors(check_project(Project(root)).findings)
    findings = build(Project(root))
    overflow = [f for f in findings if f.code == "page-overflow"]
    assert len(overflow) == 1 and overflow[0].location.file == "data/plan.yml"
    assert "column 1 (our vision, our priorities) needs" in overflow[0].message
    assert "mm too much" in overflow[0].message
    assert findings[-1].code == "build-failed" and not (root / "build" / "site").exists()
