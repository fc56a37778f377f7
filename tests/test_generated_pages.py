"""Every generated page, from a small plan that has every kind of data (tests/fixtures/good-complete)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    plan = copy_plan(FIXTURES / "good-complete", tmp_path_factory.mktemp("complete") / "plan")
    assert not has_errors(build(Project(plan), strict=True))
    return plan / "build" / "site"


def rows(site: Path, page: str) -> list[list[str]]:
    html = BeautifulSoup((site / page).read_text(), "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in html.find("article").select("tbody tr")]


def test_every_generated_page_is_built(site: Path):
    for page in ("index.html", "priorities/index.html", "priorities/mental-health.html",
                 "priorities/hypertension.html", "finance.html", "performance.html", "risks.html",
                 "milestones.html", "glossary.html"):
        assert (site / page).is_file(), page


def test_performance_shows_target_latest_and_a_status_worked_out_from_them(site: Path):
    measures = {row[0]: row[1:] for row in rows(site, "performance.html")}
    # 94.2% against a target of at least 95%: within 5% of the target, so at risk.
    assert measures["People seen in A&E within 4 hours"] == [
        "at least 95% (2013/14)", "94.2% (2013 Q1)", "At risk"]
    assert measures["Adults who smoke"][0].startswith("No target: A local target")
    assert measures["Adults who smoke"][2] == "No target"


def test_milestones_show_dates_at_their_own_precision(site: Path):
    milestones = {row[1]: row for row in rows(site, "milestones.html")}
    assert milestones["New supported housing contract signed"][0] == "July 2013"
    assert milestones["Practices start offering the new health checks"][0] == "2013 Q2"
    assert milestones["Practices start offering the new health checks"][2] == "In progress"


def test_a_priority_page_shows_its_measures_and_risks(site: Path):
    text = BeautifulSoup((site / "priorities" / "mental-health.html").read_text(), "html.parser").get_text(" ")
    assert "People seen in A&E within 4 hours" in text
    assert "How we will measure progress" in text
