"""Branding from plan.yml: accent colour with its contrast checked, and a logo with alternative text."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import canonicalize

from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.checks.branding import darker_passing
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.site.palette import contrast_ratio

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>'


def _plan(tmp_path: Path, branding: str, logo: bool = True) -> Project:
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    plan = root / "data" / "plan.yml"
    plan.write_text(plan.read_text() + "branding:\n" + branding, encoding="utf-8")
    if logo:
        (root / "content" / "logo.svg").write_text(LOGO, encoding="utf-8")
    return Project(root)


def _where(findings) -> list[tuple[str, str, int]]:
    return [(f.code, f.location.file, f.location.line) for f in findings]


def test_a_pale_accent_colour_is_an_error_that_suggests_a_shade_that_passes(tmp_path):
    project = _plan(tmp_path, '  accent_colour: "#41b6e6"\n', logo=False)
    findings = check_project(project).findings
    assert _where(findings) == [("brand-contrast", "data/plan.yml", 11)]
    message = findings[0].message + " " + findings[0].hint
    assert "#41b6e6 has a contrast of 2.3:1" in message
    suggested = findings[0].hint.split("such as ")[1].split(" ")[0]
    assert contrast_ratio(suggested, "#ffffff") >= 4.5
    assert build(project)[-1].code == "build-failed"


def test_darkening_keeps_a_passing_colour_close_to_the_original():
    shade = darker_passing("#41b6e6")
    assert contrast_ratio(shade, "#ffffff") >= 4.5
    assert contrast_ratio(darker_passing("#ffff00"), "#ffffff") >= 4.5


def test_a_logo_without_alternative_text_or_file_is_reported(tmp_path):
    project = _plan(tmp_path, "  logo: content/logo.svg\n")
    assert _where(check_project(project).findings) == [("logo-alt-missing", "data/plan.yml", 11)]
    project = _plan(tmp_path / "b", "  logo: content/missing.svg\n  logo_alt: Example\n")
    findings = check_project(project).findings
    assert _where(findings) == [("missing-file", "data/plan.yml", 11)]
    project = _plan(tmp_path / "c", "  logo: content/logo.docx\n  logo_alt: Example\n")
    assert _where(check_project(project).findings) == [("invalid-value", "data/plan.yml", 11)]


def test_another_organisation_brands_its_site_without_touching_templates(tmp_path):
    project = _plan(tmp_path, '  accent_colour: "#7c2855"\n  logo: content/logo.svg\n'
                              "  logo_alt: Example Health Board\n")
    plan = project.data_dir / "plan.yml"
    plan.write_text(plan.read_text().replace("Basildon and Brentwood Clinical Commissioning Group",
                                             "Example Health Board"), encoding="utf-8")
    assert [f for f in build(project) if f.severity.value != "info"] == []
    site = project.build_dir / "site"
    page = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    logo = page.select_one(".md-header .md-logo img")
    # The logo is published as the same drawing, written out again by site_gen (site/attachments.py).
    assert logo["alt"] == "Example Health Board"
    assert canonicalize((site / logo["src"]).read_text()) == canonicalize(LOGO)
    assert "Example Health Board" in page.select_one(".footer-organisation").text
    palette = (site / "assets" / "palette.css").read_text()
    assert "--md-primary-fg-color: #7c2855;" in palette and "--md-typeset-a-color: #7c2855;" in palette


def test_a_colour_without_quotes_is_not_lost_silently(tmp_path):
    project = _plan(tmp_path, "  accent_colour: #005eb8\n", logo=False)
    findings = check_project(project).findings
    assert _where(findings) == [("invalid-value", "data/plan.yml", 11)]
    assert 'accent_colour: "#005eb8"' in findings[0].hint


def test_a_logo_path_missing_its_folder_is_pointed_at_the_file_that_is_there(tmp_path):
    project = _plan(tmp_path, "  logo: logo.svg\n  logo_alt: Example\n")
    findings = check_project(project).findings
    assert _where(findings) == [("missing-file", "data/plan.yml", 11)]
    assert "There is content/logo.svg: did you mean that?" in findings[0].message
