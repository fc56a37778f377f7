"""Builds are atomic, repeatable, and never lose the last good site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project


def codes(findings):
    return [f.code for f in findings if f.severity.value == "error"]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_that_fails_its_checks_keeps_the_last_good_site(example_copy: Path):
    project = Project(example_copy)
    assert not has_errors(build(project))
    site = example_copy / "build" / "site"
    before, target = tree(site), os.path.realpath(site)
    finance = example_copy / "data" / "finance.yml"
    finance.write_text(finance.read_text().replace("values: [287.2, 299.8,", "values: [287.2, 299.8x,", 1))
    findings = build(project)
    assert codes(findings)[-1] == "build-failed"
    assert "build/site still holds the last good site" in findings[-1].message
    assert os.path.realpath(site) == target and tree(site) == before


def test_a_build_whose_website_stage_fails_leaves_no_half_built_site(example_copy: Path):
    project = Project(example_copy)
    build(project)
    site = example_copy / "build" / "site"
    before = tree(site)
    override = example_copy / "templates" / "overrides" / "main.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}{% block content %}{% if %}{% endblock %}')
    findings = build(project)
    assert "template-error" in codes(findings)
    assert tree(site) == before
    live = Path(os.path.realpath(site)).parent
    assert list((example_copy / "build" / ".sites").iterdir()) == [live]


def test_site_and_manifest_are_swapped_together_and_old_builds_are_removed(example_copy: Path):
    project = Project(example_copy)
    build(project)
    build_dir = example_copy / "build"
    first = os.path.realpath(build_dir / ".current")
    build(project)
    second = os.path.realpath(build_dir / ".current")
    assert first != second and not os.path.exists(first)
    assert os.path.realpath(build_dir / "site") == os.path.join(second, "site")
    assert os.path.realpath(build_dir / "manifest.json") == os.path.join(second, "manifest.json")
    assert os.readlink(build_dir / "site") == ".current/site"


def test_same_inputs_give_byte_identical_sites_whatever_the_clock_says(tmp_path: Path):
    """Two fresh copies built by separate processes under clocks years apart (libfaketime, from Debian's
    faketime package): every file, the PDFs and the sitemap included, is byte for byte the same."""
    first = copy_plan(REPO, tmp_path / "one")
    second = copy_plan(REPO, tmp_path / "two")
    for root, clock in ((first, "2031-06-01 12:00:00"), (second, "2019-02-03 04:05:06")):
        run = subprocess.run(["faketime", clock, sys.executable, "-m", "site_gen", "build"], cwd=root,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    site = tree(first / "build" / "site")
    assert {"sitemap.xml", "downloads/plan.pdf", "downloads/plan-on-a-page.pdf"} <= set(site)
    assert site == tree(second / "build" / "site")
    assert (first / "build" / "manifest.json").read_bytes() == (second / "build" / "manifest.json").read_bytes()


def test_a_plain_site_folder_from_elsewhere_is_replaced_safely(example_copy: Path):
    stale = example_copy / "build" / "site"
    stale.mkdir(parents=True)
    (stale / "old.html").write_text("old")
    assert not has_errors(build(Project(example_copy)))
    assert stale.is_symlink() and (stale / "index.html").is_file() and not (stale / "old.html").exists()
    kept = example_copy / "build" / f".site.old-{os.getpid()}" / "old.html"
    assert kept.read_text() == "old"  # set aside, not deleted
