"""Issue 15: nothing reaches build/site unchecked. Every file of every built example and fixture plan is
either made by site_gen (its pages, downloads, search index, site map, headers), a file of the installed
theme or of site_gen's own templates byte for byte, or a file of the plan that passed the check for its
type and is published exactly as that check returned it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.load.attachments import project_assets
from site_gen.pipeline import check_project
from site_gen.project import Project, default_templates_dir
from site_gen.site.attachments import Refused, publishable, publishable_asset
from site_gen.site.brand import logo_path
from site_gen.site.headers import THEME_TEMPLATES

# Files site_gen writes itself, or has MkDocs write for it, at fixed places.
MADE_HERE = {"_headers", "robots.txt", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
             "assets/palette.css", "404.html"}


def _same(data: bytes, path: Path, check=None, name: str = "") -> bool:
    if not path.is_file():
        return False
    try:
        return data == (check(name, path.read_bytes()) if check else path.read_bytes())
    except Refused:
        return False


def unexplained_files(root: Path) -> list[str]:
    """Files in the plan's build/site that neither site_gen made nor a check let through as they are."""
    project = Project(root)
    site = root / "build" / "site"
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    pages = {page["path"] for page in manifest["pages"]}
    plan = check_project(project).data.plan
    logo = root / logo_path(plan.branding.logo) if plan.branding.logo else None
    own_assets = dict((relative, path) for path, relative in project_assets(project))
    unexplained = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        data = path.read_bytes()
        inside_assets = relative.removeprefix("assets/")
        explained = (
            relative in MADE_HERE or relative in pages or relative.startswith("downloads/")
            or _same(data, THEME_TEMPLATES / relative)
            or _same(data, default_templates_dir() / relative) and relative.startswith("assets/")
            or inside_assets in own_assets and _same(data, own_assets[inside_assets], publishable_asset, inside_assets)
            or relative.startswith("assets/brand/logo") and logo is not None and _same(data, logo, publishable, relative)
            or _same(data, root / "content" / relative, publishable, relative)
        )
        if not explained:
            unexplained.append(relative)
    return unexplained


def test_every_file_of_every_example_is_made_here_or_checked(built_example, built_examples):
    for root in [built_example, *built_examples.values()]:
        assert unexplained_files(root) == [], root.name


# The fixtures that build; the others hold errors on purpose, so they publish nothing (test_fixtures.py
# lists what each one must be found to hold). pdf-overflow's plan on a page does not fit, by design.
BUILDING_FIXTURES = ["bath-count-claim", "good-complete", "good-minimal", "mid-essex-at-least"]


@pytest.mark.parametrize("name", BUILDING_FIXTURES)
def test_every_file_of_every_fixture_that_builds_is_made_here_or_checked(tmp_path, name):
    root = copy_plan(FIXTURES / name, tmp_path / "plan")
    assert not has_errors(build(Project(root), full_pdf=False))
    assert unexplained_files(root) == []


def test_the_walk_notices_a_file_published_unchecked(tmp_path):
    """The walk itself can fail: a file dropped into the built site that nothing made or checked is named."""
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    assert not has_errors(build(Project(root), full_pdf=False))
    (root / "build" / "site" / "annex.html").write_text("<script>alert(1)</script>")
    (root / "build" / "site" / "assets" / "site.js").write_text("alert(1)")
    assert unexplained_files(root) == ["annex.html", "assets/site.js"]
