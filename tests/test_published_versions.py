"""Issue 16: published versions as records. Each earlier version is published as it was kept, marked as
replaced (notice, noindex, a canonical address of its own, SUPERSEDED on its PDFs); the current version is
never under versions/; the records are checked file by file; and what an approved plan publishes from
outside its own inputs is part of its fingerprint (security review D14, D15)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.approval.record import Decision, approve
from site_gen.archive import archive
from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.fingerprint import fingerprint
from site_gen.pipeline import check_project
from site_gen.project import Project

SITE_URL = "https://plan.example.nhs.uk/integrated/"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _history(version: str, day: str, summary: str) -> str:
    return f'  - version: "{version}"\n    date: {day}\n    author: Head of planning\n    summary: {summary}\n'


def small_plan(tmp_path: Path) -> Path:
    """good-minimal, as a draft with a version history and a site address."""
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"site_url: {SITE_URL}\n")
    with (root / "data" / "plan.yml").open("a", encoding="utf-8") as plan:
        plan.write("status: draft\nversion_history:\n" + _history("0.1", "2014-01-10", "First version."))
    return root


def approve_publish_keep(root: Path, day: datetime.date, minute: str) -> None:
    """Approve the plan as it is, set it published, build it and keep it with site-gen archive."""
    found, _ = approve(Project(root), Decision("Governing body", "approved", day, minute))
    assert found == []
    _edit(root / "data" / "plan.yml", "status: approved", "status: published")
    built = build(Project(root))
    assert not has_errors(built), built
    found, said = archive(Project(root))
    assert found == [] and said


def add_history(plan: Path, version: str, day: str, summary: str) -> None:
    """A version history entry after the others (site-gen approve writes approvals: after the history)."""
    _edit(plan, "approvals:\n", _history(version, day, summary) + "approvals:\n")


def next_version(root: Path, old: str, new: str, day: str) -> None:
    plan = root / "data" / "plan.yml"
    _edit(plan, f'version: "{old}"', f'version: "{new}"')
    _edit(plan, "status: published", "status: draft")
    add_history(plan, new, day, f"Version {new}.")


def _codes(root: Path) -> list[tuple[str, str]]:
    return [(f.code, f.location.file) for f in check_project(Project(root)).findings if f.severity.name == "ERROR"]


def test_the_current_version_is_never_published_under_versions(tmp_path):
    """Trial step 18: a rebuild of the version just kept (the push that commits archive/) must not publish it
    as replaced, nor list it as an earlier version; keeping it does not unsettle its approval."""
    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    approved = fingerprint(Project(root))
    assert (root / "archive" / "0.1" / "index.html").is_file()
    assert fingerprint(Project(root)) == approved and _codes(root) == []
    assert not has_errors(build(Project(root), full_pdf=False))
    site = root / "build" / "site"
    assert not (site / "versions").exists()
    history = BeautifulSoup((site / "versions.html").read_text(encoding="utf-8"), "html.parser")
    assert history.select_one("#earlier-versions") is None


def test_an_earlier_version_is_marked_replaced_and_stamped_superseded(tmp_path):
    """Trial step 17: the notice says which version replaced it and when (the day the governing body approved
    it; a draft only proposes to replace it); the pages are noindex with a canonical address of their own; the
    PDFs carry SUPERSEDED, as an artifact over the approved, tagged PDF."""
    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    next_version(root, "0.1", "0.2", "2014-05-01")
    assert not has_errors(build(Project(root)))
    site = root / "build" / "site"
    draft = BeautifulSoup((site / "versions" / "0.1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert draft.select_one(".archived-notice").get_text(" ", strip=True) == (
        "This is version 0.1 of the plan. Version 0.2, a draft not yet approved, is to replace it. "
        "Read the current version .")
    _assert_stamped(root, "SUPERSEDED in this draft: version 0.1 of this plan is to be replaced by version 0.2, "
                          "not yet approved.")

    found, _ = approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 5, 22), "GB/14/052"))
    assert found == []
    assert not has_errors(build(Project(root)))
    page = BeautifulSoup((site / "versions" / "0.1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".archived-notice").get_text(" ", strip=True) == (
        "This is version 0.1 of the plan, replaced by version 0.2 on 22 May 2014. Read the current version .")
    assert [m["content"] for m in page.select('meta[name="robots"]')] == ["noindex"]
    assert [link["href"] for link in page.select('link[rel="canonical"]')] == [f"{SITE_URL}versions/0.1/"]
    assert not (site / "versions" / "0.1" / "versions").exists()
    _assert_stamped(root, "SUPERSEDED: version 0.1 of this plan was replaced by version 0.2 on 22 May 2014.")
    current = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert current.select_one(".archived-notice") is None


def _assert_stamped(root: Path, line: str) -> None:
    """Both PDFs of version 0.1 as published: the kept PDF, same sheets, language and tags, with the stamp on
    every sheet as an artifact (never in the tagged content), and its words extractable as text."""
    site = root / "build" / "site"
    for name in ("plan.pdf", "plan-on-a-page.pdf"):
        kept = root / "archive" / "0.1" / "downloads" / name
        published = site / "versions" / "0.1" / "downloads" / name
        with pikepdf.open(kept) as before, pikepdf.open(published) as after:
            assert len(after.pages) == len(before.pages)
            assert after.Root.Lang == before.Root.Lang and "/StructTreeRoot" in after.Root
            assert after.Root.MarkInfo.Marked
            for sheet in after.pages:
                text = _page_text(sheet)
                assert "SUPERSEDED" in text["artifact"] and line in text["artifact"], name
                assert "SUPERSEDED" not in text["tagged"]
        extracted = subprocess.run(["pdftotext", "-layout", str(published), "-"], capture_output=True, text=True,
                                   check=True).stdout
        assert " ".join(line.split()) in " ".join(extracted.split())
        assert kept.read_bytes() != published.read_bytes()


def _page_text(page: pikepdf.Page) -> dict[str, str]:
    """The strings a sheet shows, split into those inside an /Artifact marked-content sequence and the rest."""
    out = {"artifact": "", "tagged": ""}
    depth: list[bool] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth.append(str(operands[0]) == "/Artifact" or bool(depth and depth[-1]))
        elif op == "EMC" and depth:
            depth.pop()
        elif op in ("Tj", "'", '"'):
            out["artifact" if depth and depth[-1] else "tagged"] += bytes(operands[-1]).decode("latin-1") + " "
    return out


def test_an_archived_file_changed_added_or_missing_stops_the_build(tmp_path):
    """Trial step 19: an edit to archive/X/ must never go live under an approved build; a page taken away
    would break the old version's links."""
    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    next_version(root, "0.1", "0.2", "2014-05-01")
    money = root / "archive" / "0.1" / "index.html"
    money.write_text(money.read_text(encoding="utf-8").replace("two years", "three years"), encoding="utf-8")
    (root / "archive" / "0.1" / "privacy.html").unlink()
    findings = build(Project(root), full_pdf=False)
    changed = sorted((f.code, f.location.file, f.message.split(":")[0]) for f in findings if f.code == "archive-changed")
    assert changed == [("archive-changed", "archive/0.1/index.html", "archive/0.1/index.html is not as site-gen "
                        "archive kept it"),
                       ("archive-changed", "archive/0.1/manifest.json", "archive/0.1/privacy.html is missing")]
    assert has_errors(findings) and not (root / "build" / "site" / "versions").exists()


def test_each_earlier_versions_record_is_part_of_the_fingerprint_but_not_its_own(tmp_path):
    """A kept version's manifest decides what is published under versions/, so the next version's build code
    covers it; the current version's own record does not, so committing it leaves the approval as it was."""
    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    next_version(root, "0.1", "0.2", "2014-05-01")
    before = fingerprint(Project(root))
    record = root / "archive" / "0.1" / "manifest.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["outputs"] = data["outputs"][:-1]
    record.write_text(json.dumps(data), encoding="utf-8")
    assert fingerprint(Project(root)) != before


def test_d14_the_version_history_of_an_approved_plan_cannot_be_rewritten(tmp_path):
    """D14: the version history up to the approved version is published text (and dates the PDFs), so it is
    in the fingerprint: rewriting an entry after approval is a change to the approved plan."""
    root = small_plan(tmp_path)
    assert approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031"))[0] == []
    assert _codes(root) == []
    plan = root / "data" / "plan.yml"
    _edit(plan, "summary: First version.", "summary: Approved in full by the Secretary of State.")
    assert _codes(root) == [("changed-since-approval", "data/plan.yml")]


def test_d15_the_record_changes_since_names_cannot_be_rewritten(tmp_path):
    """D15: the "Changes since" page is made from the approval record changes_since names, so editing that
    record changes the published page: it is in the fingerprint, and the approval no longer holds."""
    root = small_plan(tmp_path)
    found, _ = approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031"))
    assert found == []
    record = next((root / "approvals").glob("*.json"))
    plan = root / "data" / "plan.yml"
    _edit(plan, 'version: "0.1"', 'version: "0.2"')
    _edit(plan, "status: approved", f"status: draft\nchanges_since: {record.relative_to(root).as_posix()}")
    add_history(plan, "0.2", "2014-05-01", "Next version.")
    _edit(root / "content" / "index.md", "over two years", "over the next two years")
    found, _ = approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 5, 22), "GB/14/052"))
    assert found == [] and _codes(root) == []
    kept = json.loads(record.read_text(encoding="utf-8"))
    kept["pages"]["content/index.md"] = kept["pages"]["content/index.md"].replace("two years", "ten years")
    record.write_text(json.dumps(kept, indent=1), encoding="utf-8")
    assert _codes(root) == [("changed-since-approval", "data/plan.yml")]



def test_the_stamp_is_the_same_bytes_from_one_run_to_the_next(tmp_path):
    """Same inputs, same bytes: a version kept on one computer and published from another must verify, so the
    stamp (its embedded font included) may not vary between runs."""
    root = small_plan(tmp_path)
    assert not has_errors(build(Project(root), full_pdf=False))
    source = root / "build" / "site" / "downloads" / "plan-on-a-page.pdf"
    script = ("import hashlib, sys; from pathlib import Path; from site_gen.pdf.stamp import stamp_superseded; "
              "print(hashlib.sha256(stamp_superseded(Path(sys.argv[1]).read_bytes(), 'SUPERSEDED: a test.')).hexdigest())")
    runs = {subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)}
    assert len(runs) == 1


def test_a_stamped_pdf_planted_in_build_is_never_published(tmp_path):
    """The stamped PDFs of earlier versions are kept in build/.cache between builds, sealed (sealed.py): one
    that came with the plan's build/ folder is stamped again, not published."""
    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    next_version(root, "0.1", "0.2", "2014-05-01")
    assert not has_errors(build(Project(root)))
    published = root / "build" / "site" / "versions" / "0.1" / "downloads" / "plan.pdf"
    stamped_once = published.read_bytes()
    kept = [path for path in (root / "build" / ".cache").rglob("*.pdf") if path.read_bytes().endswith(stamped_once)]
    assert kept, "the stamped PDF is kept for the next build"
    for path in kept:
        path.write_bytes(b"%PDF-1.7 planted")
    (root / "content" / "index.md").open("a", encoding="utf-8").write("\nA new sentence.\n")
    assert not has_errors(build(Project(root)))
    assert published.read_bytes() == stamped_once


def _forge(version_folder: Path, additions: dict[str, str], appended: str) -> None:
    """Change a kept version as someone who can edit the plan folder could: add files, add to its front page,
    and write the record kept beside them to match, so that the check finds every file as "kept"."""
    import hashlib

    for name, text in additions.items():
        (version_folder / name).write_text(text, encoding="utf-8")
    page = version_folder / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", appended + "</body>"), encoding="utf-8")
    record = json.loads((version_folder / "manifest.json").read_text(encoding="utf-8"))
    outputs = {entry["path"]: entry for entry in record["outputs"]}
    for name in [*additions, "index.html"]:
        digest = hashlib.sha256((version_folder / name).read_bytes()).hexdigest()
        outputs.setdefault(f"site/{name}", {"path": f"site/{name}"})["sha256"] = digest
    record["outputs"] = list(outputs.values())
    (version_folder / "manifest.json").write_text(json.dumps(record), encoding="utf-8")


def test_a_script_slipped_into_a_kept_version_with_its_record_never_runs(tmp_path):
    """Security: the record beside a kept version is in the plan folder too, so a script added with a record
    to match passes the check. Published, the version's pages bar every script (a policy before anything
    else in each page), its scripts and any file a browser could run as a page are left out, and an SVG is
    published only as drawing. Tried in chromium, served with no headers at all, as some hosts serve."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    root = small_plan(tmp_path)
    approve_publish_keep(root, datetime.date(2014, 3, 27), "GB/14/031")
    next_version(root, "0.1", "0.2", "2014-05-01")
    run = "document.title='ran'"
    _forge(root / "archive" / "0.1", {
        "evil.js": f"{run};",
        "x.svg": f'<svg xmlns="http://www.w3.org/2000/svg"><script>{run}</script><rect width="1" height="1"/></svg>',
        "page.xml": "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><script>1</script></html>",
    }, f'<script>{run}</script><script src="evil.js"></script><img src="missing.png" onerror="{run}">'
       f'<a id="forged" href="javascript:void({run})">Open</a><iframe srcdoc="<script>parent.{run}</script>"></iframe>')
    assert not has_errors(build(Project(root)))
    published = root / "build" / "site" / "versions" / "0.1"
    assert (published / "index.html").is_file()
    assert not any((published / name).exists() for name in ("evil.js", "x.svg", "page.xml"))
    assert list(published.rglob("*.css")), "the version keeps its look"
    assert not list(published.rglob("*.js")), "no script of the version is published"

    site = (root / "build" / "site").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/versions/0.1/index.html")
            page.wait_for_load_state("load")
            page.click("#forged")
            page.wait_for_timeout(300)
            title = page.title()
            notice_text = page.inner_text(".archived-notice")
            browser.close()
    finally:
        server.shutdown()
    assert title != "ran"
    assert notice_text.startswith("This is version 0.1 of the plan.")
