"""Approval you can trust: site-gen approve records what was approved; a plan changed since is refused
with what changed; site-gen diff says exactly what changed between two versions, whether they are
folders, an approval record or git revisions."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, copy_plan

from site_gen.approval.diff import changes
from site_gen.approval.record import Decision, approve
from site_gen.approval.sources import load_version
from site_gen.findings import has_errors
from site_gen.fingerprint import fingerprint
from site_gen.pipeline import check_project
from site_gen.project import Project

DECISION = Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/2014/031")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _site_gen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_gen", *args], capture_output=True, text=True, cwd=cwd)


def _next_version(root: Path) -> None:
    """The second fixture version: a figure, an added scheme, a measure turned red and a changed paragraph."""
    _edit(root / "data" / "population.yml", "value: 264630", "value: 265100")
    _edit(root / "data" / "priorities.yml", "    schemes:\n", "    schemes:\n"
          "      - id: crisis-cafe\n        title: A crisis cafe open in the evenings\n"
          "        lead: Mental health commissioning manager\n        timescale: 2013/14\n        status: planned\n", )
    _edit(root / "data" / "performance.yml", "        value: 94.2", "        value: 88.0")
    _edit(root / "content" / "about.md", "## Our priorities\n", "## Our priorities\n\nThese are the three things "
          "we will change first.\n")


def test_approve_records_the_decision_and_the_plan_then_checks_clean(tmp_path):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    before = (root / "data" / "plan.yml").read_text(encoding="utf-8")
    findings, said = approve(Project(root), DECISION)
    assert findings == [] and "version" in said and "status: approved" in said
    plan_text = (root / "data" / "plan.yml").read_text(encoding="utf-8")
    assert "status: approved" in plan_text and "status: draft" not in plan_text
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in plan_text.splitlines() for line in comments)  # every comment kept
    plan = check_project(Project(root)).data.plan
    latest = plan.approvals[-1]
    assert (latest.body, latest.minute, latest.fingerprint) == ("Governing body", "GB/2014/031",
                                                                fingerprint(Project(root)))
    record = json.loads((root / latest.record).read_text(encoding="utf-8"))
    assert record["fingerprint"] == latest.fingerprint and record["version"] == plan.version
    assert record["figures"]["population.registered-population"]["value"] == "264630"
    assert "content/about.md" in record["pages"]
    assert not has_errors(check_project(Project(root)).findings)


def test_a_plan_changed_after_approval_is_refused_saying_what_changed(tmp_path):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert approve(Project(root), DECISION)[0] == []
    _edit(root / "data" / "population.yml", "value: 264630", "value: 265100")
    run = _site_gen("build", cwd=root)
    assert run.returncode == 1
    assert "[changed-since-approval]" in run.stdout
    assert ("People registered with our practices (population.registered-population), "
            "264,630 people to 265,100 people (+470 people)") in run.stdout
    assert "set status: draft" in run.stdout and "site-gen diff approvals/" in run.stdout
    assert not (root / "build" / "site").exists()  # nothing published

    _edit(root / "data" / "population.yml", "value: 265100", "value: 264630")  # reverted: it builds again
    assert _site_gen("build", cwd=root).returncode == 0


def test_diff_between_two_versions_reports_exactly_what_changed(tmp_path):
    old = copy_plan(FIXTURES / "good-complete", tmp_path / "old")
    new = copy_plan(FIXTURES / "good-complete", tmp_path / "new")
    _next_version(new)
    before, _ = load_version(str(old), old)
    after, _ = load_version(str(new), new)
    found = changes(before, after)
    assert [(c.ref, c.old, c.new) for c in found.figures] == [
        ("performance.a-and-e-4-hours.latest", "94.2", "88.0"),
        ("population.registered-population", "264630", "265100")]
    assert [(i.kind, i.id) for i in found.added] == [("scheme", "crisis-cafe")] and found.removed == []
    assert [(s.id, s.new) for s in found.statuses] == [("a-and-e-4-hours", "off-track")]
    assert [(p.path, p.how) for p in found.pages] == [("content/about.md", "changed")]
    words = [(kind, text) for hunk in found.pages[0].hunks for kind, text in hunk if kind != "same"]
    assert words == [("new", "These are the three things we will change first.")]


def test_diff_reads_git_revisions_and_approval_records_from_the_command_line(tmp_path):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=Plan", "-c", "user.email=plan@example.nhs.uk",
                                                  "commit", "-q", "-m", "Version for the board"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    assert approve(Project(root), DECISION)[0] == []
    _next_version(root)
    by_revision = _site_gen("diff", "HEAD", cwd=root)
    assert by_revision.returncode == 0, by_revision.stdout
    lines = by_revision.stdout.splitlines()
    assert lines[0].startswith("Changes from revision HEAD (version 0.3) to the plan in . (version 0.3): "
                               "2 figures, 1 item added, 1 measure status, 1 page.")
    figure = lines.index("  People registered with our practices (population.registered-population)")
    assert lines[figure + 1:figure + 4] == ["    Was 264,630 people, now 265,100 people: up 470 people.",
                                            "    Where readers see it:",
                                            "      Our population: the table of facts about our population"]
    assert "  Scheme: A crisis cafe open in the evenings (crisis-cafe)" in lines
    assert "  People seen in A&E within 4 hours: was at risk, now off track" in lines
    assert '    Put in: "These are the three things we will change first."' in lines
    record = next((root / "approvals").glob("*.json"))
    by_record = _site_gen("diff", str(record.relative_to(root)), ".", cwd=root)
    assert by_record.stdout.splitlines()[1:] == lines[1:]  # the record holds what HEAD held

    wrong = _site_gen("diff", "no-such-thing", cwd=root)
    assert wrong.returncode == 1 and "is not a plan folder, an approval record or a git revision" in wrong.stdout


def test_a_changes_since_page_is_built_for_the_board_paper(tmp_path):
    from bs4 import BeautifulSoup

    from site_gen.build import build

    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert approve(Project(root), DECISION)[0] == []
    record = next((root / "approvals").glob("*.json")).relative_to(root).as_posix()
    _next_version(root)
    _edit(root / "data" / "plan.yml", "status: approved", f"status: draft\nchanges_since: {record}")
    findings = build(Project(root))
    assert not has_errors(findings), findings
    page = BeautifulSoup((root / "build" / "site" / "changes.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == "Changes since version 0.3"
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in page.select("table")[0].select("tbody tr")]
    assert ["People registered with our practices", "264,630 people", "265,100 people", "+470 people"] in rows
    assert "Scheme: A crisis cafe open in the evenings" in [li.get_text(strip=True) for li in page.select("article li")]
    put_in = page.select_one("ins")
    assert put_in.get_text(strip=True) == "put in:These are the three things we will change first."
    assert "Changes since version 0.3" in (root / "build" / "site" / "index.html").read_text(encoding="utf-8")

    _edit(root / "data" / "plan.yml", f"changes_since: {record}", "changes_since: approvals/missing.json")
    missing = [f for f in check_project(Project(root)).findings if f.code == "missing-file"]
    assert len(missing) == 1 and "approvals/missing.json" in missing[0].message


def test_verify_names_every_file_of_a_deployed_copy_that_is_not_what_was_built(tmp_path):
    import shutil

    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert _site_gen("build", cwd=root).returncode == 0
    deployed = tmp_path / "deployed"
    shutil.copytree(root / "build" / "site", deployed)  # what a host would serve
    same = _site_gen("verify", str(deployed), cwd=root)
    assert same.returncode == 0 and same.stdout.rstrip().endswith("the same, all "
                                                                  f"{sum(1 for p in deployed.rglob('*') if p.is_file())} files.")
    (deployed / "about.html").write_text("<p>Changed on the server</p>", encoding="utf-8")
    (deployed / "robots.txt").unlink()
    (deployed / "notes.html").write_text("left behind", encoding="utf-8")
    changed = _site_gen("verify", str(deployed), cwd=root)
    assert changed.returncode == 1
    assert changed.stdout.splitlines()[1:] == [
        "  Different from what was built (1):", "    about.html",
        "  Missing (1):", "    robots.txt",
        "  Not part of the build (1):", "    notes.html"]
    (deployed / ".htaccess").write_text("Options -Indexes", encoding="utf-8")
    ignored = _site_gen("verify", str(deployed), "--ignore", ".htaccess", "--ignore", "notes.*", cwd=root)
    assert ignored.stdout.splitlines()[1:] == ["  Different from what was built (1):", "    about.html",
                                               "  Missing (1):", "    robots.txt"]


def test_the_example_plan_has_its_version_history_and_changes_since_version_0_2(built_example):
    from bs4 import BeautifulSoup

    site = built_example / "build" / "site"
    versions = BeautifulSoup((site / "versions.html").read_text(encoding="utf-8"), "html.parser")
    tables = versions.select("article table")
    assert [row.th.get_text(strip=True) for row in tables[0].select("tbody tr")] == ["0.3", "0.2"]
    decision = [cell.get_text(strip=True) for cell in tables[1].select("tbody tr")[0].find_all(["th", "td"])]
    assert decision == ["21 February 2013", "Governing body", "Decision put off to a later meeting", "Not recorded",
                        "bac0025", "GB/13/012"]  # recorded before decisions kept their version
    changed = BeautifulSoup((site / "changes.html").read_text(encoding="utf-8"), "html.parser")
    assert changed.h1.get_text(strip=True) == "Changes since version 0.2"
    assert "Milestone: Full joint commissioning of mental health services with our partners" in [
        li.get_text(strip=True) for li in changed.select("article li")]
    assert [h3.get_text(strip=True) for h3 in changed.select("article h3")] == ["Our money and savings"]


def test_an_earlier_published_version_stays_at_its_own_address_marked_as_replaced(tmp_path):
    from bs4 import BeautifulSoup

    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert approve(Project(root), DECISION)[0] == []
    assert _site_gen("build", cwd=root).returncode == 0
    kept = _site_gen("archive", cwd=root)
    assert kept.returncode == 0 and "Kept version 0.3" in kept.stdout
    assert (root / "archive" / "0.3" / "index.html").is_file()
    again = _site_gen("archive", cwd=root)
    assert again.returncode == 1 and "version-already-kept" in again.stdout  # a kept version is never replaced
    assert "site-gen new" not in again.stdout

    _edit(root / "data" / "plan.yml", 'version: "0.3"', 'version: "0.4"')
    _edit(root / "data" / "plan.yml", "status: approved", "status: draft")
    _edit(root / "data" / "plan.yml", "    summary: Added the savings plan and the main risks.\n",
          "    summary: Added the savings plan and the main risks.\n  - version: \"0.4\"\n    date: 2014-06-02\n"
          "    author: Head of strategy and planning\n    summary: Started the next version.\n")
    built = _site_gen("build", cwd=root)
    assert built.returncode == 0, built.stdout
    site = root / "build" / "site"
    old_page = BeautifulSoup((site / "versions" / "0.3" / "priorities" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    note = old_page.select_one(".archived-notice")
    assert note.get_text(" ", strip=True) == "This is version 0.3 of the plan. Version 0.4, a draft not yet " \
                                             "approved, is to replace it. Read the current version ."
    assert (site / "versions" / "0.3" / "priorities" / note.a["href"]).resolve() == (site / "index.html").resolve()
    assert not (site / "versions" / "0.3" / "sitemap.xml").exists()
    history = BeautifulSoup((site / "versions.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in history.select("#earlier-versions ~ ul a")] == ["versions/0.3/index.html"]
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert "site/versions/0.3/downloads/plan.pdf" in {entry["path"] for entry in manifest["outputs"]}

    # Issue 16: the next version, approved and kept, holds its own pages only, never the versions before it.
    _edit(root / "data" / "plan.yml", "status: draft", "status: approved")
    assert approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 6, 26), "GB/14/060"))[0] == []
    assert _site_gen("build", cwd=root).returncode == 0
    assert _site_gen("archive", cwd=root).returncode == 0
    assert (root / "archive" / "0.4" / "index.html").is_file()
    assert not (root / "archive" / "0.4" / "versions").exists()


def test_a_fingerprint_edited_by_hand_in_plan_yml_is_caught_by_its_record(tmp_path):
    """D13 (security review): an approved plan changed, then its fingerprint: line in plan.yml set to the new
    fingerprint, no longer passes: the approval record still holds the build that was approved."""
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert approve(Project(root), DECISION)[0] == []
    approved = fingerprint(Project(root))
    _edit(root / "data" / "population.yml", "value: 264630", "value: 264631")
    changed = fingerprint(Project(root))
    _edit(root / "data" / "plan.yml", f"fingerprint: {approved}", f"fingerprint: {changed}")
    found = [f for f in check_project(Project(root)).findings if f.code == "changed-since-approval"]
    assert len(found) == 1 and "changed by hand" in found[0].message
    assert found[0].location.file == "data/plan.yml"
