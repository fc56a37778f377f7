"""The build, pack, approve and verify commands at the edges: a build/ folder that leads elsewhere or is
damaged, names no file system can hold, pictures the PDF cannot load, output given as a folder, empty
values, and shortcuts in a deployed copy. Each is a finding that says what to do (exit 1), never a
tool failure, and nothing outside the plan is touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_plan

from site_gen.build import build, template_cache_dir
from site_gen.cli import main
from site_gen.findings import Finding
from site_gen.fingerprint import fingerprint
from site_gen.project import Project

MINIMAL = FIXTURES / "good-minimal"


def _errors(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.location.file) for f in findings if f.severity.value == "error"]


def _contents(folder: Path) -> dict[str, bytes | str]:
    """Everything under folder, shortcuts as what they say, files as their bytes."""
    found: dict[str, bytes | str] = {}
    for place, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(place) / name
            key = path.relative_to(folder).as_posix()
            found[key] = f"-> {os.readlink(path)}" if path.is_symlink() else (
                path.read_bytes() if path.is_file() else "folder")
    return found


def _victim(folder: Path) -> Path:
    """A folder outside the plan holding files someone would miss, shaped like a build folder."""
    for name in (".cache/pip/wheel.txt", ".work/notes.txt", ".sites/keep/data.txt", "site/index.html",
                 "manifest.json", ".current/site/index.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("precious\n", encoding="utf-8")
    return folder


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return copy_plan(MINIMAL, tmp_path / "plan")


@pytest.fixture(scope="module")
def built_minimal(tmp_path_factory) -> Path:
    """The minimal plan built once, for the tests that only read its output."""
    root = copy_plan(MINIMAL, tmp_path_factory.mktemp("built") / "plan")
    assert _errors(build(Project(root))) == []
    return root


def _run(capsys, *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().out


# D12: a build/ folder that leads outside the project


def test_a_build_folder_that_is_a_shortcut_elsewhere_is_refused_and_nothing_there_changes(minimal: Path,
                                                                                           tmp_path: Path, capsys):
    """D12: build -> a folder outside the plan; the build refuses with a finding and writes or deletes
    nothing there."""
    victim = _victim(tmp_path / "victim")
    before = _contents(victim)
    (minimal / "build").symlink_to(victim)
    status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1, out
    assert "[build-failed] build is a shortcut to" in out and "Delete the shortcut build" in out
    assert _contents(victim) == before


@pytest.mark.parametrize("name", [".cache", ".work", ".sites", ".current", "site", "manifest.json", ".lock"])
def test_each_name_the_build_writes_refuses_a_shortcut_outside(minimal: Path, tmp_path: Path, name: str):
    """D12: any of build/.cache, .work, .sites, .current, site, manifest.json or .lock that leads outside the
    project is refused before anything is made or removed, and what it leads to is left as it was."""
    victim = _victim(tmp_path / "victim")
    target = victim / "manifest.json" if name in (".lock", "manifest.json") else victim
    before = _contents(victim)
    (minimal / "build").mkdir()
    (minimal / "build" / name).symlink_to(target)
    findings = build(Project(minimal))
    assert _errors(findings) == [("build-failed", f"build/{name}")]
    assert "is a shortcut to" in findings[-1].message
    assert _contents(victim) == before


def test_a_shortcut_inside_the_build_cache_is_not_written_through(minimal: Path, tmp_path: Path):
    """D12: a shortcut put inside build/.cache (where the PDF cache tidies old files away) is removed, not
    followed: the folder it led to keeps every file."""
    project = Project(minimal)
    assert _errors(build(project)) == []
    victim = tmp_path / "victim"
    for number in range(12):
        (victim / "parts").mkdir(parents=True, exist_ok=True)
        (victim / f"{number}.pdf").write_bytes(b"precious")
        (victim / "parts" / f"{number}.pdf").write_bytes(b"precious")
    before = _contents(victim)
    pdf_cache = template_cache_dir(project.build_dir) / "pdf"
    shutil.rmtree(pdf_cache)
    pdf_cache.symlink_to(victim)
    (minimal / "content" / "index.md").open("a", encoding="utf-8").write("\nA new sentence.\n")
    assert _errors(build(project)) == []
    assert _contents(victim) == before
    assert not pdf_cache.is_symlink()


# D26: a folder with no plan


def test_building_a_folder_with_no_plan_makes_nothing_there(tmp_path: Path, capsys):
    """D26: site-gen build where there is no plan says what is missing and creates no build/ or build/.lock."""
    status, out = _run(capsys, "build", "--project", str(tmp_path))
    assert status == 1 and "There is no data/plan.yml" in out
    assert list(tmp_path.iterdir()) == []


# D29: problems with build/ itself


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """folder made so that nothing in it can be created or removed, even by the administrator."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    try:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    except FileNotFoundError:
        made = False
    # chattr comes with Debian's e2fsprogs; as the administrator, only it can make a folder read-only.
    assert made, "chattr +i failed: the test needs a file system that supports it (ext4 and most others do)"
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_damaged_or_read_only_build_folder_is_a_finding_that_says_what_to_do(minimal: Path, capsys):
    """D29: build/.lock a folder, build/.sites, .work or .cache a file, and a read-only build/ are each
    a finding (exit 1) saying what is wrong and how to fix it, never an internal error; the last good
    site is kept."""
    build_dir = minimal / "build"
    assert _errors(build(Project(minimal))) == []
    live = os.readlink(build_dir / ".current")
    page = minimal / "content" / "index.md"
    damage = {".lock": "is a folder, not a file", ".sites": "is a file, not a folder",
              ".work": "is a file, not a folder", ".cache": "is a file, not a folder"}
    for edition, (name, said) in enumerate(damage.items()):
        page.open("a", encoding="utf-8").write(f"\nEdition {edition}.\n")
        aside = build_dir / f"{name}-aside"
        (build_dir / name).rename(aside)
        if name == ".lock":
            (build_dir / name).mkdir()
        else:
            (build_dir / name).write_text("x\n", encoding="utf-8")
        status, out = _run(capsys, "build", "--project", str(minimal))
        assert status == 1, out
        assert f"[build-failed] build/{name} {said}" in out and "Fix: Delete " in out
        assert "Internal error" not in out and "report this" not in out
        (build_dir / name).rmdir() if name == ".lock" else (build_dir / name).unlink()
        aside.rename(build_dir / name)
        assert os.readlink(build_dir / ".current") == live and (build_dir / "site" / "index.html").is_file()

    page.open("a", encoding="utf-8").write("\nEdition read-only.\n")
    with _read_only(build_dir):
        status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1, out
    assert "[build-failed] build/ cannot be written" in out and "permissions" in out
    assert "Internal error" not in out
    assert os.readlink(build_dir / ".current") == live and (build_dir / "site" / "index.html").is_file()


# D24: pack --output given a folder


def test_pack_into_a_folder_writes_the_zip_there_and_leaves_nothing_else(minimal: Path, tmp_path: Path, capsys):
    """D24: pack --output DIR, where DIR is a folder, writes the zip inside it under its usual name,
    leaves no .part file anywhere and exits 0; a place that cannot be written is a finding (exit 1)."""
    folder = tmp_path / "packs"
    folder.mkdir()
    status, out = _run(capsys, "pack", "--project", str(minimal), "--output", str(folder))
    assert status == 0, out
    written = list(folder.iterdir())
    assert len(written) == 1 and written[0].name.startswith("board-pack-version-0.1-build-")
    assert written[0].suffix == ".zip" and str(written[0]) in out
    assert not list(tmp_path.rglob("*.part"))

    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    status, out = _run(capsys, "pack", "--project", str(minimal), "--output", str(tmp_path / "a-file" / "pack.zip"))
    assert status == 1 and "[output-unwritable] The board pack cannot be written to" in out
    assert not list(tmp_path.rglob("*.part"))


# D25: approve with empty values


@pytest.mark.parametrize("body, minute", [("", "GB/2014/031"), ("Governing body", "   "), (" ", "")])
def test_approve_refuses_an_empty_body_or_minute_and_changes_nothing(tmp_path: Path, capsys, body, minute):
    """D25: approve with an empty or blank --body or --minute is refused with a clear message (exit 1),
    and plan.yml and approvals/ are left as they were."""
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    before = (root / "data" / "plan.yml").read_bytes()
    status, out = _run(capsys, "approve", "--project", str(root), "--body", body, "--decision", "approved",
                       "--date", "2014-03-27", "--minute", minute)
    assert status == 1
    for option, value in (("--body", body), ("--minute", minute)):
        assert (f"{option} is empty, so the decision was not recorded" in out) == (not value.strip())
    assert "Recorded" not in out
    assert (root / "data" / "plan.yml").read_bytes() == before and not (root / "approvals").exists()


# D18: verify and shortcuts in the deployed copy


def test_verify_follows_shortcuts_in_the_copy_and_reports_those_that_lead_outside(built_minimal: Path,
                                                                                   tmp_path: Path, capsys):
    """D18: verify sees files under a shortcut to a folder in the deployed copy, as a web server serves
    them, and a shortcut that leads outside the copy is a difference, even to a file with the built bytes."""
    deploy = tmp_path / "deploy"
    shutil.copytree(built_minimal / "build" / "site", deploy, symlinks=False)
    assert _run(capsys, "verify", str(deploy), "--project", str(built_minimal))[0] == 0

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "evil.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (deploy / "index.html").rename(elsewhere / "index.html")
    (deploy / "index.html").symlink_to(elsewhere / "index.html")  # the same bytes, served from outside
    (deploy / "extra").symlink_to(elsewhere)
    (deploy / "inside").symlink_to("assets")
    status, out = _run(capsys, "verify", str(deploy), "--project", str(built_minimal))
    assert status == 1
    sections = _sections(out)
    assert "inside/palette.css" in sections["Not part of the build"]
    assert sections["Shortcuts that lead outside the copy, or round in a loop"] == ["extra", "index.html"]


def _sections(verdict: str) -> dict[str, list[str]]:
    """The lists of a verify report, by their titles."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in verdict.splitlines()[1:]:
        if line.startswith("    "):
            current.append(line.strip())
        else:
            current = sections.setdefault(line.strip().rsplit(" (", 1)[0], [])
    return sections


# D27: a file name that is not UTF-8


def test_a_file_name_that_is_not_utf8_is_a_finding_and_never_crashes_the_build(minimal: Path, capsys):
    """D27: a file in content/ whose name is not UTF-8 text is an error from check naming it, with a hint
    to rename it; the build reports it (exit 1) and the fingerprint can still be taken."""
    name = os.fsencode(minimal / "content") + b"/\xff\xfe-notes.txt"
    with open(name, "wb") as handle:
        handle.write(b"x")
    status, out = _run(capsys, "check", "--project", str(minimal))
    assert status == 1
    assert "content/\ufffd\ufffd-notes.txt: error [file-unreadable]" in out and "Rename the file" in out
    fingerprint(Project(minimal))
    status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1 and "[file-unreadable]" in out and "Internal error" not in out


# D28: a page name too long for a file system


def test_a_page_name_too_long_for_a_file_name_is_a_page_name_finding(minimal: Path, capsys):
    """D28: a page whose .html file name would pass the 255-byte limit is a page-name error from check,
    and the build reports it (exit 1) rather than failing on the file system."""
    (minimal / "content" / ("a" * 252 + ".md")).write_text("# Long name page\n\nSome words here.\n", encoding="utf-8")
    status, out = _run(capsys, "check", "--project", str(minimal))
    assert status == 1 and "error [page-name]" in out and "is too long" in out
    status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1 and "[page-name]" in out and "Internal error" not in out


# D33: images the full plan (PDF) cannot load


def test_an_image_not_in_content_is_an_error_at_its_page_line(minimal: Path, capsys):
    """D33: a picture named wrongly, or one outside content/, is an error from check at the page and line
    that shows it; the build stops there with exit 1."""
    page = minimal / "content" / "index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join(lines) + "\nA map of the area: ![A map of our three localities](missing-map.png)\n\n"
                    "The plan itself: ![Our plan data](../data/plan.yml)\n", encoding="utf-8")
    findings = json.loads(_run(capsys, "check", "--project", str(minimal), "--format", "json")[1])["findings"]
    found = {(f["code"], f["file"], f["line"], f["col"]) for f in findings}
    first = len(lines) + 1
    assert ("missing-file", "content/index.md", first, 20) in found
    assert ("missing-file", "content/index.md", first + 2, 18) in found
    status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1 and "There is no image 'missing-map.png' in content/" in out


def test_an_image_the_check_cannot_see_is_a_finding_from_the_build(minimal: Path, capsys):
    """D33: a picture the full plan (PDF) cannot load that no page check sees (here in a page template of the
    plan's own) is a finding at the line that names it, with exit 1, never a failure of the tool."""
    override = minimal / "templates" / "pages" / "downloads.md.j2"
    override.parent.mkdir(parents=True)
    default = (Path(__file__).resolve().parent.parent / "templates" / "pages" / "downloads.md.j2").read_text(
        encoding="utf-8")
    override.write_text(default + "\n![A map of our localities](missing-map.png)\n", encoding="utf-8")
    line = len(default.split("\n")) + 1
    status, out = _run(capsys, "build", "--project", str(minimal))
    assert status == 1, out
    assert f"templates/pages/downloads.md.j2:{line}: error [missing-file] The full plan (PDF) cannot show" in out
    assert "Internal error" not in out
