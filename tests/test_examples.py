"""Every plan in examples/ passes the strict check and builds with its charts and both PDFs, which a
PDF/UA checker passes."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, pdfua_findings

from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "mkdocs.yml").is_file())


def test_the_further_examples_are_there():
    assert [p.name for p in EXAMPLES] == ["bath-ne-somerset", "mid-essex"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_passes_strict_and_builds_its_charts(example: Path, built_examples: dict[str, Path]):
    findings = check_project(Project(example), strict=True).findings
    assert not has_errors(findings), [f"{f.location}: {f.message}" for f in findings]
    root = built_examples[example.name]  # built without errors
    site = root / "build" / "site"
    figures = [f for page in site.rglob("*.html")
               for f in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("figure.chart")]
    charts = {c.id for c in check_project(Project(root)).data.charts.charts}
    assert {f["id"].removeprefix("chart-") for f in figures} == charts and len(charts) >= 4  # every chart shown
    assert (site / "downloads" / "datapackage.json").is_file()
    for name in ("plan-on-a-page.pdf", "plan.pdf"):
        assert pdfua_findings(site / "downloads" / name) == []
    with pikepdf.open(site / "downloads" / "plan-on-a-page.pdf") as one_page:
        assert len(one_page.pages) == 1
