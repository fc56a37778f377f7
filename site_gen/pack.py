"""site-gen pack: one zip file for a governing body's meeting. It holds a one-page decision sheet (what
is asked, the version and build, the changes and the suggested minute), the full plan and the plan on a
page as PDF, the changes since the version named in plan.yml, and a copy of the website that works
opened from disk, search included, for members who read offline. Same build, same bytes."""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from pathlib import Path

from site_gen.approval.diff import terminal_text
from site_gen.build import build, source_date_epoch
from site_gen.findings import Finding, Location, has_errors
from site_gen.pdf.decision_sheet import FILE_NAME as SHEET_NAME
from site_gen.pdf.decision_sheet import decision_sheet_pdf, typeset_with
from site_gen.pdf.fullplan import CHANGES_PAGE
from site_gen.pdf.places import sheets_and_places
from site_gen.pdf.printable import page_anchor
from site_gen.pipeline import check_project
from site_gen.project import Project, default_templates_dir
from site_gen.rules import rule

SEARCH_SCRIPT = "assets/offline-search.js"
INDEX_SCRIPT = "search/search_index.js"


def offline_page(html: str, depth: int) -> str:
    """A page of the site with the offline search added at the end of its body (pure)."""
    up = "../" * depth
    scripts = (f'<script data-offline-index src="{up}{INDEX_SCRIPT}"></script>'
               f'<script src="{up}{SEARCH_SCRIPT}"></script>')
    return re.sub(r"</body>", lambda _: scripts + "</body>", html, count=1)


def _readme(manifest: dict, has_changes: bool) -> str:
    lines = [
        f"{manifest['title']}, version {manifest['version']} ({manifest['status']}), build {manifest['fingerprint'][:7]}",
        "",
        f"Read {SHEET_NAME} first.",
        "",
        "This pack holds:",
        f"- {SHEET_NAME}: one page saying what the governing body is asked to decide, the version, the build",
        "  code, a summary of the changes and the suggested wording of the minute",
        "- plan.pdf: the full plan, with a contents list" + (", and the changes straight after it" if has_changes else ""),
        "- plan-on-a-page.pdf: the plan on one sheet",
    ]
    if has_changes:
        lines.append("- changes.txt: what has changed since the version the plan names for comparison")
    lines += [
        "- site/: the website. Open site/index.html in a web browser; search works without an internet connection.",
        "",
        "Every page of the website, and every PDF, carries the same build code as this file's name. Quote it in",
        "the minute of the decision.",
        "",
    ]
    return "\n".join(lines)


def _first_page(pdf: bytes, path: str) -> int | None:
    """The page of the full plan on which a page of the site starts, counting from 1, found by its named
    place in the PDF; None when the PDF does not name it."""
    sheet = sheets_and_places(pdf)[1].get(page_anchor(path))
    return None if sheet is None else sheet + 1


def _entry(name: str, when: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def pack(project: Project, output: Path | None = None) -> tuple[list[Finding], Path | None]:
    """Build the plan, then write the pack; returns the findings and the zip file's path."""
    findings = build(project)
    if has_errors(findings):
        return findings, None
    checked = check_project(project)
    manifest = json.loads((project.build_dir / "manifest.json").read_text(encoding="utf-8"))
    site = project.build_dir / "site"
    version = re.sub(r"[^\w.-]", "-", manifest["version"])
    usual = f"board-pack-version-{version}-build-{manifest['fingerprint'][:7]}.zip"
    # A folder given as --output holds the pack under its usual name.
    target = output / usual if output is not None and output.is_dir() else output or project.build_dir / usual
    since = checked.since
    plan = checked.data.plan
    report = terminal_text(since, f"the approval record {plan.changes_since}", "this plan") if since else None
    # Zip dates from SOURCE_DATE_EPOCH, as every other output, so the same build gives the same pack.
    stamp = datetime.datetime.fromtimestamp(max(source_date_epoch(plan), 315532800), datetime.UTC)
    when = stamp.timetuple()[:6]
    full = (site / "downloads" / "plan.pdf").read_bytes()
    sheet = decision_sheet_pdf(plan, checked.data.governance, manifest["fingerprint"][:7], since,
                               _first_page(full, CHANGES_PAGE),
                               typeset_with(project.build_dir / ".work" / "typeset", source_date_epoch(plan)))
    files: list[tuple[str, bytes]] = [
        ("README.txt", _readme(manifest, report is not None).encode("utf-8")),
        (SHEET_NAME, sheet),
        ("plan.pdf", full),
        ("plan-on-a-page.pdf", (site / "downloads" / "plan-on-a-page.pdf").read_bytes()),
    ]
    if report:
        files.append(("changes.txt", report.encode("utf-8")))
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        content = path.read_bytes()
        if relative.endswith(".html"):
            content = offline_page(content.decode("utf-8"), relative.count("/")).encode("utf-8")
        files.append((f"site/{relative}", content))
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    files.append((f"site/{INDEX_SCRIPT}", f"var __index = {index};\n".encode()))
    files.append((f"site/{SEARCH_SCRIPT}", (default_templates_dir() / "pack" / "offline-search.js").read_bytes()))
    try:
        _write_zip(target, files, when)
    except OSError as err:
        return findings + [rule("output-unwritable")(
            Location(), f"The board pack cannot be written to {target}: {err.strerror or err}.")], None
    return findings, target


def _write_zip(target: Path, files: list[tuple[str, bytes]], when: tuple) -> None:
    """Write the zip beside target and move it into place whole, so a pack is never seen half written;
    if writing fails, nothing is left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)  # a shortcut left in its place is removed, never written through
    try:
        with zipfile.ZipFile(partial, "x") as archive:
            for name, content in files:
                archive.writestr(_entry(name, when), content)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
