"""Approval bound to the papers: site-gen approve --build records a decision only for the build the
minute quotes, and says what changed when the plan is another; without --build it warns when the plan is
not the last build made in the folder; --undo takes the last decision back; --by records who entered it.
Each decision keeps its version and build code, shown on the version history page and on the approved
PDFs, and a decision edited in plan.yml after it was recorded is found (security review D14)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.cli import main
from site_gen.findings import has_errors
from site_gen.fingerprint import fingerprint
from site_gen.pipeline import check_project
from site_gen.project import Project

DECISION = ["--body", "Governing body", "--decision", "approved", "--date", "2014-03-27", "--minute", "GB/2014/031"]


def _run(capsys, *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().out


def _approve(capsys, root: Path, *extra: str, decision: list[str] = DECISION) -> tuple[int, str]:
    return _run(capsys, "approve", "--project", str(root), *decision, *extra)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_sentence(root: Path) -> None:
    page = root / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added after the papers went out.\n",
                    encoding="utf-8")


def _minimal(tmp_path: Path) -> Path:
    return copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")


def _code(root: Path) -> str:
    return fingerprint(Project(root))[:7]


def _papers(root: Path) -> str:
    """Build the papers as the secretary does (site-gen build, with the full plan) and give their code."""
    assert not has_errors(build(Project(root))), "the papers did not build"
    return _code(root)


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_the_minutes_build_code_records_the_decision_with_its_version_and_who_entered_it(tmp_path, capsys):
    root = _minimal(tmp_path)
    code = _code(root)
    status, out = _approve(capsys, root, "--build", code.upper(), "--by", "Board secretary")
    assert status == 0, out
    assert out.startswith(f"Recorded: approved by Governing body on 2014-03-27 (minute GB/2014/031), version 0.1, "
                          f"build {code}, entered by Board secretary.")
    latest = check_project(Project(root)).data.plan.approvals[-1]
    assert (latest.version, latest.entered_by, latest.fingerprint[:7]) == ("0.1", "Board secretary", code)
    assert 'version: "0.1"' in (root / "data" / "plan.yml").read_text(encoding="utf-8")
    record = json.loads((root / latest.record).read_text(encoding="utf-8"))
    assert record["decision"] == {"body": "Governing body", "decision": "approved", "date": "2014-03-27",
                                  "minute": "GB/2014/031", "version": "0.1", "entered_by": "Board secretary"}
    assert record["fingerprint"] == latest.fingerprint and record["status_before"] is None
    assert not has_errors(check_project(Project(root)).findings)


def test_a_build_code_the_plan_is_not_is_refused_naming_both_codes_and_what_changed(tmp_path, capsys):
    root = _minimal(tmp_path)
    papers = _papers(root)
    _add_sentence(root)
    now = _code(root)
    before = (root / "data" / "plan.yml").read_bytes()

    status, out = _approve(capsys, root, "--build", papers)
    assert status == 1
    assert "error [approval-build-differs]" in out and "Recorded" not in out
    assert (f"The minute quotes build {papers}, but the plan is now build {now}. Changed since: 1 page: "
            "content/index.md (changed).") in " ".join(out.split())
    assert (root / "data" / "plan.yml").read_bytes() == before and not (root / "approvals").exists()

    status, out = _approve(capsys, root, "--build", "abcdef1")  # a build never made here
    assert status == 1
    assert ("No build abcdef1 is remembered in this folder, so site_gen cannot say what changed: compare the plan "
            "with the papers' git tag, such as site-gen diff papers-0.1.") in " ".join(out.split())

    status, out = _approve(capsys, root, "--build", "e380")
    assert status == 1 and "'e380' is not a build code" in out


def test_approved_with_changes_is_recorded_against_the_papers_code_with_what_changed_since(tmp_path, capsys):
    """The governing body approved the papers' build with changes, made afterwards: the minute quotes the papers'
    code, and the decision is recorded for the plan as changed, with the papers' code beside it."""
    root = _minimal(tmp_path)
    papers = _papers(root)
    _add_sentence(root)
    now = _code(root)
    with_changes = ["--body", "Governing body", "--decision", "approved-with-changes", "--date", "2014-03-27",
                    "--minute", "GB/2014/031"]
    status, out = _approve(capsys, root, "--build", papers, decision=with_changes)
    assert status == 0, out
    said = " ".join(out.split())
    assert f"version 0.1, build {now}." in said and f"The papers were build {papers}" in said
    assert "Changed since: 1 page: content/index.md (changed)." in said
    latest = check_project(Project(root)).data.plan.approvals[-1]
    assert (latest.decision, latest.papers_build, latest.fingerprint[:7]) == ("approved-with-changes", papers, now)


def test_undo_never_takes_back_a_decision_on_an_earlier_version(tmp_path, capsys):
    """A decision on the version before, or the one the plan compares itself with, is history: --undo run once
    too often must not delete it."""
    root = _minimal(tmp_path)
    plan_yml = root / "data" / "plan.yml"
    plan_yml.write_text(plan_yml.read_text(encoding="utf-8") + "version_history:\n  - version: \"0.1\"\n"
                        "    date: 2014-01-10\n    author: Head of planning\n    summary: First version.\n",
                        encoding="utf-8")
    assert _approve(capsys, root)[0] == 0
    record = next((root / "approvals").glob("*.json")).relative_to(root).as_posix()
    _edit(plan_yml, 'version: "0.1"', 'version: "0.2"')
    _edit(plan_yml, "status: approved", f"status: draft\nchanges_since: {record}")
    kept = plan_yml.read_bytes()
    status, out = _run(capsys, "approve", "--project", str(root), "--undo")
    assert status == 1 and "was made on version 0.1, and the plan is now version 0.2" in " ".join(out.split())
    assert plan_yml.read_bytes() == kept and (root / record).is_file()


def test_without_a_build_code_a_plan_changed_since_the_last_build_is_recorded_with_a_warning(tmp_path, capsys):
    root = _minimal(tmp_path)
    papers = _papers(root)
    _add_sentence(root)
    now = _code(root)
    status, out = _approve(capsys, root)
    assert status == 0, out
    said = " ".join(out.split())
    assert "Warnings (1), by kind: [approval-build-unconfirmed] 1 warning" in said
    assert (f"The plan is build {now}, but the last build made here was build {papers} (the papers?). Changed "
            f"since: 1 page: content/index.md (changed). Check that the minute quotes {now}.") in said
    assert "site-gen approve --undo" in said
    assert f"Recorded: approved by Governing body on 2014-03-27 (minute GB/2014/031), version 0.1, build {now}." in said


def test_undo_takes_back_each_decision_leaving_plan_yml_as_it_was_byte_for_byte(tmp_path, capsys):
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")  # status: draft, comments, no approvals
    plan_yml = root / "data" / "plan.yml"
    original = plan_yml.read_bytes()
    assert _approve(capsys, root)[0] == 0
    approved = plan_yml.read_bytes()
    deferred = ["--body", "Governing body", "--decision", "deferred", "--date", "2014-04-24", "--minute", "GB/2014/052"]
    assert _approve(capsys, root, decision=deferred)[0] == 0
    assert sorted(p.name for p in (root / "approvals").iterdir()) == ["version-0.3-2014-03-27.json",
                                                                      "version-0.3-2014-04-24.json"]

    status, out = _run(capsys, "approve", "--project", str(root), "--undo")
    assert status == 0
    assert out.strip() == ("Took back the decision deferred by Governing body on 2014-04-24 (minute GB/2014/052): "
                           "removed it from data/plan.yml, deleted approvals/version-0.3-2014-04-24.json and put the "
                           "status back to approved.")
    assert plan_yml.read_bytes() == approved
    status, out = _run(capsys, "approve", "--project", str(root), "--undo")
    assert status == 0 and "deleted approvals/version-0.3-2014-03-27.json and put the status back to draft." in out
    assert plan_yml.read_bytes() == original and list((root / "approvals").iterdir()) == []

    status, out = _run(capsys, "approve", "--project", str(root), "--undo")
    assert status == 1 and "error [nothing-to-undo] data/plan.yml records no decision" in out
    assert plan_yml.read_bytes() == original


def test_undo_leaves_a_decision_typed_by_hand_and_is_given_alone(tmp_path, capsys):
    root = _minimal(tmp_path)
    plan_yml = root / "data" / "plan.yml"
    plan_yml.write_text(plan_yml.read_text(encoding="utf-8") + "approvals:\n  - body: Governing body\n"
                        "    decision: deferred\n    date: 2014-01-30\n    minute: GB/2014/007\n", encoding="utf-8")
    typed = plan_yml.read_bytes()
    status, out = _run(capsys, "approve", "--project", str(root), "--undo")
    assert status == 1 and "names no approval record, so site-gen approve did not record it" in out
    assert f"data/plan.yml:{_line_of(plan_yml, '- body: Governing body')}" in out
    status, out = _run(capsys, "approve", "--project", str(root), "--undo", "--minute", "GB/2014/008")
    assert status == 1 and "given alone, without --minute. Nothing was changed." in out
    assert plan_yml.read_bytes() == typed


def test_a_decision_edited_in_plan_yml_after_it_was_recorded_is_found_where_it_was_edited(tmp_path, capsys):
    """D14: the minute and the body of a decision are published but left out of the fingerprint; each must
    agree with the decision its approval record keeps."""
    root = _minimal(tmp_path)
    assert _approve(capsys, root)[0] == 0
    plan_yml = root / "data" / "plan.yml"
    _edit(plan_yml, "minute: GB/2014/031", "minute: GB/2014/999")
    _edit(plan_yml, "body: Governing body", "body: Board of directors")
    findings = [f for f in check_project(Project(root)).findings if f.code == "changed-since-approval"]
    where = {(f.location.file, f.location.line): f.message for f in findings}
    assert len(findings) == 2
    assert "its approval record approvals/version-0.1-2014-03-27.json says GB/2014/031" in \
        where["data/plan.yml", _line_of(plan_yml, "minute: GB/2014/999")]
    assert "gives the body of this decision as Board of directors" in \
        where["data/plan.yml", _line_of(plan_yml, "body: Board of directors")]
    _edit(plan_yml, "minute: GB/2014/999", "minute: GB/2014/031")
    _edit(plan_yml, "body: Board of directors", "body: Governing body")
    assert not has_errors(check_project(Project(root)).findings)


def test_the_version_history_page_and_the_approved_pdfs_show_each_decisions_version_and_build(tmp_path, capsys):
    root = _minimal(tmp_path)
    plan_yml = root / "data" / "plan.yml"
    # A decision recorded before decisions kept their version and build.
    plan_yml.write_text(plan_yml.read_text(encoding="utf-8") + "approvals:\n  - body: Governing body\n"
                        "    decision: deferred\n    date: 2014-01-30\n    minute: GB/2014/007\n", encoding="utf-8")
    code = _code(root)
    assert _approve(capsys, root, "--build", code)[0] == 0
    assert not has_errors(build(Project(root)))

    page = BeautifulSoup((root / "build" / "site" / "versions.html").read_text(encoding="utf-8"), "html.parser")
    table = page.find("caption", string="Decisions about this plan, newest first").find_parent("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Date", "Decision by", "Decision", "Version", "Build code", "Minute"]
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]
    assert [row[3:] for row in rows] == [["0.1", code, "GB/2014/031"], ["Not recorded", "Not recorded", "GB/2014/007"]]

    downloads = root / "build" / "site" / "downloads"
    full = subprocess.run(["pdftotext", str(downloads / "plan.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    sheets = full.split("\f")[:-1]
    status_line = f"Version 0.1, approved (build {code})."
    assert status_line in " ".join(sheets[0].split())  # the cover
    footers = [" ".join(sheet.split()) for sheet in sheets]
    assert all(f"Integrated Plan 2013-15. {status_line}" in footer for footer in footers), footers
    poster = subprocess.run(["pdftotext", str(downloads / "plan-on-a-page.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout
    assert re.search(rf"Version 0\.1, approved \(build {code}\)\.", " ".join(poster.split()))


def test_the_last_twenty_builds_are_remembered_and_the_newest_is_the_last_build(tmp_path):
    from site_gen.approval.builds import KEPT, kept_build, last_build, remember_build
    from site_gen.approval.snapshot import Snapshot

    build_dir = tmp_path / "build"
    build_dir.mkdir()
    codes = [f"{n:02x}" * 32 for n in range(KEPT + 1)]
    for code in codes:
        remember_build(build_dir, Snapshot("Integrated Plan 2013-15", "0.1", code))
    assert len(list((build_dir / "snapshots").glob("*.json"))) == KEPT
    assert kept_build(build_dir, codes[0][:7]) is None  # the oldest is forgotten
    assert kept_build(build_dir, codes[1][:7]).fingerprint == codes[1]
    assert last_build(build_dir) == codes[-1]
    remember_build(build_dir, Snapshot("Integrated Plan 2013-15", "0.1", codes[5]))  # built again: the newest
    assert last_build(build_dir) == codes[5]


def test_a_shortcut_planted_as_build_snapshots_is_never_written_through(tmp_path, capsys):
    """A plan folder may arrive with build/ in it: a shortcut where the snapshots go must not let a build
    write (or forget old files) in the folder it leads to."""
    root = _minimal(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.json").write_text("{}", encoding="utf-8")
    (root / "build").mkdir()
    (root / "build" / "snapshots").symlink_to(elsewhere)
    papers = _papers(root)
    assert [p.name for p in elsewhere.iterdir()] == ["keep.json"]
    _add_sentence(root)
    status, out = _approve(capsys, root, "--build", papers)
    assert status == 1 and f"No build {papers} is remembered in this folder" in out


def test_a_snapshot_that_came_with_the_plan_never_says_what_changed(tmp_path, capsys):
    """A plan folder may arrive with its sender's build/: their snapshot of the papers, however genuine it
    looks, is not one this computer's site_gen kept (sealed.py), so approve does not quote it."""
    from site_gen.sealed import SEALED, TAG_BYTES

    root = _minimal(tmp_path)
    papers = _papers(root)
    snapshots = root / "build" / "snapshots"
    (kept,) = snapshots.glob(f"{papers}*.json")
    _add_sentence(root)
    status, out = _approve(capsys, root, "--build", papers)
    assert status == 1 and "content/index.md" in out, "sealed by this computer: quoted"
    for path in (kept, snapshots / "builds.txt"):
        path.write_bytes(path.read_bytes()[len(SEALED) + TAG_BYTES:])  # the same words, without the seal
    status, out = _approve(capsys, root, "--build", papers)
    assert status == 1 and f"No build {papers} is remembered in this folder" in out
