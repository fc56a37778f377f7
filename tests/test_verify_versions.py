"""site-gen verify for any published version: --manifest compares a deployed copy with a manifest saved
from its build, --version X with the one site-gen archive kept; the report's first line says which version
and build it compared with. Shortcuts (symbolic links) anywhere in the copy, and named pipes, sockets and
devices, are reported: a build never makes one (security review D18)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.cli import main
from site_gen.findings import has_errors
from site_gen.fingerprint import fingerprint
from site_gen.project import Project

DECISION = ["--body", "Governing body", "--decision", "approved", "--date", "2014-03-27", "--minute", "GB/2014/031"]


def _run(capsys, *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().out


def _build(root: Path) -> str:
    assert not has_errors(build(Project(root), full_pdf=False))
    return fingerprint(Project(root))[:7]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _deploy(root: Path, target: Path) -> Path:
    """What a host would serve: a copy of the built site, shortcuts followed."""
    shutil.copytree(root / "build" / "site", target, symlinks=False)
    return target


def _sections(report: str) -> dict[str, list[str]]:
    """The lists of a verify report, by their titles."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in report.splitlines()[1:]:
        if line.startswith("    "):
            current.append(line.strip())
        else:
            current = sections.setdefault(line.strip().rsplit(" (", 1)[0], [])
    return sections


def test_a_saved_manifest_checks_its_copy_after_the_next_draft_is_built(tmp_path, capsys):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    code = _build(root)
    saved = tmp_path / "manifest-0.1.json"
    shutil.copyfile(root / "build" / "manifest.json", saved)
    live = _deploy(root, tmp_path / "live")
    _edit(root / "data" / "plan.yml", 'version: "0.1"', 'version: "0.2"')  # the next draft, built over it
    _build(root)

    assert _run(capsys, "verify", str(live), "--project", str(root))[0] == 1  # the new draft is not the copy
    status, out = _run(capsys, "verify", str(live), "--manifest", str(saved))
    files = sum(1 for p in live.rglob("*") if p.is_file())
    assert status == 0
    assert out == (f"{live} is version 0.1 of Integrated Plan 2013-15 as built (draft, build {code}, from {saved}): "
                   f"the same, all {files} files.\n")

    (live / "index.html").write_text("<p>Changed on the server</p>", encoding="utf-8")
    status, out = _run(capsys, "verify", str(live), "--manifest", str(saved))
    assert status == 1
    assert out.splitlines()[0] == (f"{live} is not version 0.1 of Integrated Plan 2013-15 as built (draft, build "
                                   f"{code}, from {saved}):")
    assert _sections(out) == {"Different from what was built": ["index.html"]}

    status, out = _run(capsys, "verify", str(live), "--manifest", str(tmp_path / "no-such.json"))
    assert status == 1 and "error [nothing-to-verify] There is no" in out
    (tmp_path / "not-a-manifest.json").write_text('{"title": "A plan"}', encoding="utf-8")
    status, out = _run(capsys, "verify", str(live), "--manifest", str(tmp_path / "not-a-manifest.json"))
    assert status == 1 and "it is not a manifest written by site-gen build" in out


def test_shortcuts_and_special_files_in_the_copy_are_reported(tmp_path, capsys):
    """D18: a shortcut to a folder inside the copy, one leading out of it, and a named pipe each make the
    copy differ from what was built; the pipe is never opened (reading it would wait for ever)."""
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    _build(root)
    live = _deploy(root, tmp_path / "live")
    manifest = str(root / "build" / "manifest.json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "evil.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    (live / "extra").symlink_to(elsewhere)
    (live / "mirror").symlink_to("assets")
    os.mkfifo(live / "queue")
    status, out = _run(capsys, "verify", str(live), "--manifest", manifest)
    assert status == 1
    sections = _sections(out)
    assert sections["Shortcuts that lead outside the copy, or round in a loop"] == ["extra"]
    assert sections["Shortcuts (symbolic links), which a build never makes"] == ["mirror"]
    assert sections["Not ordinary files (named pipes, sockets or devices)"] == ["queue"]
    assert "mirror/palette.css" in sections["Not part of the build"]  # what the server would serve through it

    (live / "mirror").unlink()
    (live / "extra").unlink()
    (live / "queue").unlink()
    (live / "assets").rename(tmp_path / "assets")
    (live / "assets").symlink_to(tmp_path / "assets")  # the built files, served through a shortcut
    status, out = _run(capsys, "verify", str(live), "--manifest", manifest)
    assert status == 1 and _sections(out)["Shortcuts that lead outside the copy, or round in a loop"] == ["assets"]


def test_a_published_version_is_verified_against_the_manifest_archive_kept(tmp_path, capsys):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    code = fingerprint(Project(root))[:7]
    assert _run(capsys, "approve", "--project", str(root), *DECISION, "--build", code)[0] == 0
    _edit(root / "data" / "plan.yml", "status: approved", "status: published")
    assert _build(root) == code
    status, out = _run(capsys, "archive", "--project", str(root))
    assert status == 0, out
    live = _deploy(root, tmp_path / "live")
    _edit(root / "data" / "plan.yml", "status: published", "status: draft")
    _edit(root / "data" / "plan.yml", 'version: "0.1"', 'version: "0.2"')
    _build(root)

    status, out = _run(capsys, "verify", str(live), "--project", str(root), "--version", "0.1")
    assert status == 0, out
    assert out.startswith(f"{live} is version 0.1 of Integrated Plan 2013-15 as built (published, build {code}, "
                          "from archive/0.1/manifest.json): the same, all ")
    (live / "index.html").write_text("<p>Changed on the server</p>", encoding="utf-8")
    status, out = _run(capsys, "verify", str(live), "--project", str(root), "--version", "0.1")
    assert status == 1 and _sections(out) == {"Different from what was built": ["index.html"]}

    status, out = _run(capsys, "verify", str(live), "--project", str(root), "--version", "0.3")
    assert status == 1
    assert ("error [nothing-to-verify] Version 0.3 is not kept in archive/, so there is no archive/0.3/manifest.json "
            "to compare with. Versions kept: 0.1.") in " ".join(out.split())
    status, out = _run(capsys, "verify", str(live), "--project", str(root), "--version", "../..")
    assert status == 1 and "[nothing-to-verify]" in out
