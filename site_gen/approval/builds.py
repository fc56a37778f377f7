"""The builds made in a plan's folder, remembered so that site-gen approve can tell the build the minute
quotes from the plan as it is now, and say what changed between them. Each full build (site-gen build, and
so site-gen pack) keeps a snapshot of what it built in build/snapshots/, named by its fingerprint, in the
form an approval record holds it; the last few are kept."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from site_gen.approval.guard import read_record
from site_gen.approval.snapshot import Snapshot, SnapshotError

SNAPSHOTS = "snapshots"
KEPT = 20  # builds remembered: enough for every draft between two meetings, small beside one site
_NAME = re.compile(r"[0-9a-f]{64}\.json")


def _folder(build_dir: Path) -> Path | None:
    """build/snapshots, unless it, or build/, is a shortcut or not a folder: a plan folder may arrive from
    anywhere with build/ in it, and what a shortcut leads to must never be written, pruned or read."""
    folder = build_dir / SNAPSHOTS
    if build_dir.is_symlink() or folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    return folder


def _kept(build_dir: Path) -> list[Path]:
    """The snapshots kept, newest first; ordinary files only, so nothing planted there is ever opened."""
    folder = _folder(build_dir)
    if folder is None or not folder.is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        if _NAME.fullmatch(entry.name) and stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
            found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.name))
    return [folder / name for _, name in sorted(found, reverse=True)]


def remember_build(build_dir: Path, snap: Snapshot) -> None:
    """Keep the snapshot of a build just made, and forget all but the last KEPT. A build that cannot keep
    it is still a good build: approve then only cannot say what changed since it, and says so."""
    folder = _folder(build_dir)
    if folder is None:
        return
    try:
        folder.mkdir(exist_ok=True)
        target = folder / f"{snap.fingerprint}.json"
        partial = folder / f"{snap.fingerprint}.json.part"
        partial.unlink(missing_ok=True)  # a shortcut left in its place is removed, never written through
        with partial.open("x", encoding="utf-8") as out:
            json.dump(snap.as_dict(), out, ensure_ascii=False)
        partial.replace(target)  # a build of the same plan again makes it the newest
        for old in _kept(build_dir)[KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def last_build(build_dir: Path) -> str | None:
    """The fingerprint of the last full build made here: the papers, when nothing was built since. The
    build's manifest stands in for a folder built before builds were remembered."""
    kept = _kept(build_dir)
    if kept:
        return kept[0].name.removesuffix(".json")
    manifest = build_dir / "manifest.json"
    try:
        if manifest.is_file() and manifest.resolve().is_relative_to(build_dir.resolve()):
            fingerprint = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
            return fingerprint if isinstance(fingerprint, str) else None
    except (OSError, ValueError, AttributeError):
        return None
    return None


def kept_build(build_dir: Path, code: str) -> Snapshot | None:
    """The snapshot of the newest build kept whose fingerprint starts with code, if one is kept and can
    be read."""
    for path in _kept(build_dir):
        if path.name.startswith(code):
            try:
                return read_record(path)
            except SnapshotError:
                return None
    return None
