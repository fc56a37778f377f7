"""Issue 16, done when: three versions of a small plan walked through the documented cycle, each step a real
command (draft, papers, approve --build, publish, archive, next version), with what the public and the board
would meet checked at every step."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
from test_published_versions import _edit, add_history, small_plan

CYCLE = [("0.1", "2014-03-27", "GB/14/031"), ("0.2", "2014-04-24", "GB/14/052"), ("0.3", "2014-06-26", "GB/14/077")]


def site_gen(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_gen", *args, *(["--project", str(root)]
                           if args[0] != "verify" else [])], capture_output=True, text=True)


def _manifest(root: Path) -> dict:
    return json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _start(root: Path, version: str, previous: str, day: str) -> None:
    """The next version as approval.md says: new number, draft, a history entry, changes since the last
    approval, and a change of words."""
    plan = root / "data" / "plan.yml"
    _edit(plan, f'version: "{previous}"', f'version: "{version}"')
    _edit(plan, "status: published", "status: draft")
    add_history(plan, version, day, f"Version {version}, in clearer words.")
    record = sorted((root / "approvals").glob("*.json"))[-1].relative_to(root).as_posix()
    plan.write_text(re.sub(r"^changes_since: .*\n", "", plan.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    _edit(plan, "status: draft", f"status: draft\nchanges_since: {record}")
    page = root / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nVersion {version} says this more plainly.\n",
                    encoding="utf-8")


def _kept_as_recorded(folder: Path) -> bool:
    """Each file of a kept version has the SHA-256 its record (the build's manifest) gives it."""
    listed = {e["path"].removeprefix("site/"): e["sha256"]
              for e in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]}
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"]
    return bool(files) and all(hashlib.sha256(p.read_bytes()).hexdigest() == listed[p.relative_to(folder).as_posix()]
                               for p in files)


def test_three_versions_through_draft_papers_approval_publication_and_archive(tmp_path):
    root = small_plan(tmp_path)
    live: dict[str, Path] = {}
    sizes: list[int] = []
    previous = None
    for version, day, minute in CYCLE:
        if previous:
            _start(root, version, previous, day)
        papers = site_gen(root, "pack")
        assert papers.returncode == 0, papers.stdout
        code = _manifest(root)["fingerprint"][:7]
        assert _manifest(root)["status"] == "draft"

        wrong = "0000000" if code != "0000000" else "1111111"
        refused = site_gen(root, "approve", "--build", wrong, "--body", "Governing body", "--decision", "approved",
                           "--date", day, "--minute", minute)
        assert refused.returncode == 1 and wrong in refused.stdout and code in refused.stdout
        assert "status: draft" in (root / "data" / "plan.yml").read_text(encoding="utf-8")

        approved = site_gen(root, "approve", "--build", code, "--body", "Governing body", "--decision", "approved",
                            "--date", day, "--minute", minute)
        assert approved.returncode == 0, approved.stdout
        _edit(root / "data" / "plan.yml", "status: approved", "status: published")
        published = site_gen(root, "build")
        assert published.returncode == 0, published.stdout
        assert _manifest(root)["fingerprint"][:7] == code  # what goes live is the build the board saw

        # Deployed as a host would: links followed, a plain copy.
        live[version] = tmp_path / f"live-{version}"
        shutil.copytree(root / "build" / "site", live[version], symlinks=False)
        kept = site_gen(root, "archive")
        assert kept.returncode == 0, kept.stdout
        # The push that commits archive/ builds the same version again: same code, and not "replaced".
        again = site_gen(root, "build")
        assert again.returncode == 0, again.stdout
        assert _manifest(root)["fingerprint"][:7] == code
        site = root / "build" / "site"
        assert not (site / "versions" / version).exists()
        sizes.append(_size(site))
        previous = version

    site = root / "build" / "site"
    # No nesting: each kept version holds its own pages only, and the site publishes each once.
    for version, _, _ in CYCLE:
        assert not (root / "archive" / version / "versions").exists()
        assert _kept_as_recorded(root / "archive" / version)
    assert sorted(p.name for p in (site / "versions").iterdir()) == ["0.1", "0.2"]
    assert not any("versions" in p.relative_to(site / "versions").parts for p in (site / "versions").rglob("*"))
    # Linear growth: each version adds about one site, never the versions before it again.
    one = sizes[0]
    assert 0.7 * one < sizes[1] - sizes[0] < 1.5 * one and 0.7 * one < sizes[2] - sizes[1] < 1.5 * one
    # Earlier PDFs carry SUPERSEDED, naming what replaced them.
    for old, newer in (("0.1", "0.2 on 24 April 2014"), ("0.2", "0.3 on 26 June 2014")):
        with pikepdf.open(site / "versions" / old / "downloads" / "plan.pdf") as pdf:
            drawn = b"".join(page.Contents.read_bytes() if isinstance(page.Contents, pikepdf.Stream)
                             else b"".join(part.read_bytes() for part in page.Contents) for page in pdf.pages)
        assert f"version {old} of this plan was replaced by version {newer}".encode() in drawn

    # verify against each version's record: the live copies pass; a changed byte or an added shortcut fails.
    for version, _, _ in CYCLE:
        checked = site_gen(root, "verify", str(live[version]), "--manifest", str(root / "archive" / version /
                                                                                     "manifest.json"))
        assert checked.returncode == 0, checked.stdout
        by_version = site_gen(root, "verify", str(live[version]), "--version", version, "--project", str(root))
        assert by_version.returncode == 0, by_version.stdout
    # Without naming one, a copy of an earlier version is compared with the last build, and found to be that version.
    plain = site_gen(root, "verify", str(live["0.1"]), "--project", str(root))
    assert plain.returncode == 1 and "It is exactly version 0.1 as kept in archive/0.1" in plain.stdout
    tampered = live["0.2"] / "index.html"
    tampered.write_bytes(tampered.read_bytes().replace(b"plainly", b"plainer", 1))
    failed = site_gen(root, "verify", str(live["0.2"]), "--manifest", str(root / "archive" / "0.2" / "manifest.json"))
    assert failed.returncode == 1 and "index.html" in failed.stdout
    os.symlink(live["0.1"] / "downloads", live["0.3"] / "extra")
    linked = site_gen(root, "verify", str(live["0.3"]), "--manifest", str(root / "archive" / "0.3" / "manifest.json"))
    assert linked.returncode == 1 and "extra" in linked.stdout

    # A kept version changed by hand never goes live: the build stops and names the file.
    page = root / "archive" / "0.1" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"two years", b"ten years", 1))
    stopped = site_gen(root, "build")
    assert stopped.returncode == 1 and "archive/0.1/index.html" in stopped.stdout and "archive-changed" in stopped.stdout
    assert not (site / "versions" / "0.1" / "index.html").read_bytes().count(b"ten years")
