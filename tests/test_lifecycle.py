"""Each lifecycle status shows on the site exactly as the design's table says."""

from __future__ import annotations

import datetime
from pathlib import Path

from bs4 import BeautifulSoup

from site_gen.approval.record import Decision, approve
from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.model.plan import Plan
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.site.lifecycle import lifecycle

BASE = {"title": "Plan", "organisation": {"name": "Org"}, "period": {"start": "2013/14", "end": "2014/15"},
        "version": "2.1", "vision": "A vision."}


def plan(**fields) -> Plan:
    return Plan.model_validate({**BASE, **fields})


def test_the_lifecycle_table():
    draft = lifecycle(plan(status="draft"), "3f9a2c1")
    assert (draft.banner, draft.robots, draft.strict) == (
        "Draft version 2.1, not approved (build 3f9a2c1).", "noindex, nofollow", False)
    consultation = lifecycle(plan(status="consultation", consultation_closes=datetime.date(2013, 3, 31)), "3f9a2c1")
    assert consultation.banner == "Consultation draft, closes 31 March 2013 (build 3f9a2c1)."
    assert consultation.robots.startswith("noindex") and not consultation.strict
    for status in ("approved", "published"):
        shown = lifecycle(plan(status=status), "3f9a2c1")
        assert (shown.banner, shown.robots, shown.strict) == (None, "index, follow", True)
    superseded = lifecycle(plan(status="superseded", superseded_by={"version": "3.0", "url": "https://x.nhs.uk/"}), "x")
    assert (superseded.banner, superseded.link, superseded.robots) == (
        "Superseded by version 3.0.", "https://x.nhs.uk/", "index, follow")


def _set_status(project: Path, block: str) -> None:
    plan_file = project / "data" / "plan.yml"
    text = plan_file.read_text()
    assert "status: draft" in text
    plan_file.write_text(text.replace("status: draft", block))


def test_an_approved_plan_has_no_banner_is_indexed_and_is_checked_strictly(example_copy: Path):
    findings, _ = approve(Project(example_copy), Decision("Governing body", "approved", datetime.date(2013, 3, 28),
                                                           "GB/13/042"))
    assert findings == []
    assert not has_errors(build(Project(example_copy)))
    page = BeautifulSoup((example_copy / "build" / "site" / "index.html").read_text(), "html.parser")
    assert page.select_one(".md-banner") is None
    assert page.find("meta", attrs={"name": "robots"})["content"] == "index, follow"
    assert "Sitemap: https://plan.example.nhs.uk/sitemap.xml" in (example_copy / "build" / "site" / "robots.txt").read_text()
    (example_copy / "content" / "about.md").write_text("---\ntitle: About\n---\n\nLead: TBC\n")
    findings = check_project(Project(example_copy)).findings  # no --strict asked for
    assert [(f.code, f.severity.value) for f in findings] == [("placeholder", "error"),
                                                              ("changed-since-approval", "error")]


def test_an_approved_plan_must_record_its_approval(example_copy: Path):
    _set_status(example_copy, "status: published")
    findings = check_project(Project(example_copy)).findings
    assert [(f.code, f.location.file) for f in findings] == [("lifecycle-incomplete", "data/plan.yml")]
