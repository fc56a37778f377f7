"""The builds made in a plan's folder, remembered so that site-gen approve can tell the build the minute
quotes from the plan as it is now, and say what changed between them. Each full build (site-gen build, and
so site-gen pack) keeps a snapshot of what it built in build/snapshots/, named by its fingerprint, in the
form an approval record holds it; the last few are kept. Each file is sealed (sealed.py): a plan folder
may arrive with its sender's build/ in it, and their snapshots must never tell the approver what changed."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

from site_gen.approval.snapshot import Snapshot, SnapshotError, from_dict
from site_gen.sealed import read_sealed, write_sealed

SNAPSHOTS = "snapshots"
ORDER = "builds.txt"  # the fingerprints of the builds remembered, oldest first: file times can tie
KEPT = 20  # builds remembered: enough for every draft between two meetings, small beside one site
_FINGERPRINT = re.compile(r"[0-9a-f]{64}")


def _folder(build_dir: Path) -> Path | None:
    """build/snapshots, unless it, or build/, is a shortcut or not a folder: a plan folder may arrive from
    anywhere with build/ in it, and what a shortcut leads to must never be written, pruned or read."""
    folder = build_dir / SNAPSHOTS
    if build_dir.is_symlink() or folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    return folder


def _ordinary(path: Path) -> bool:
    """An ordinary file, not a shortcut: nothing planted in build/ is ever followed or opened."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _remembered(build_dir: Path) -> list[str]:
    """The fingerprints of the builds remembered, newest first, each with its snapshot kept."""
    folder = _folder(build_dir)
    kept = read_sealed(folder / ORDER) if folder is not None else None
    try:
        listed = kept.decode("ascii").split() if kept is not None else []
    except UnicodeDecodeError:
        return []
    return [f for f in reversed(listed) if _FINGERPRINT.fullmatch(f) and _ordinary(folder / f"{f}.json")]


def _write(path: Path, text: str) -> None:
    """Keep text at path, sealed, written whole; a shortcut left in the way is replaced, never written
    through."""
    write_sealed(path, text.encode("utf-8"))


def remember_build(build_dir: Path, snap: Snapshot) -> None:
    """Keep the snapshot of a build just made, as the newest, and forget all but the last KEPT. A build
    that cannot keep it is still a good build: approve then only cannot say what changed since it, and
    says so."""
    folder = _folder(build_dir)
    if folder is None:
        return
    try:
        folder.mkdir(exist_ok=True)
        _write(folder / f"{snap.fingerprint}.json", json.dumps(snap.as_dict(), ensure_ascii=False))
        order = [f for f in reversed(_remembered(build_dir)) if f != snap.fingerprint] + [snap.fingerprint]
        kept = order[-KEPT:]
        _write(folder / ORDER, "".join(f"{f}\n" for f in kept))
        for old in folder.glob("*.json"):  # the forgotten, and any left by a build stopped part way
            if _FINGERPRINT.fullmatch(old.stem) and old.stem not in kept:
                old.unlink()
    except OSError:
        return


def last_build(build_dir: Path) -> str | None:
    """The fingerprint of the last full build made here: the papers, when nothing was built since. The
    build's manifest stands in for a folder built before builds were remembered."""
    remembered = _remembered(build_dir)
    if remembered:
        return remembered[0]
    manifest = build_dir / "manifest.json"
    try:
        if manifest.is_file() and manifest.resolve().is_relative_to(build_dir.resolve()):
            fingerprint = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
            return fingerprint if isinstance(fingerprint, str) else None
    except (OSError, ValueError, AttributeError):
        return None
    return None


def kept_build(build_dir: Path, code: str) -> Snapshot | None:
    """The snapshot of the newest build remembered whose fingerprint starts with code, if it can be read."""
    folder = _folder(build_dir)
    found = next((f for f in _remembered(build_dir) if f.startswith(code)), None)
    if folder is None or found is None:
        return None
    kept = read_sealed(folder / f"{found}.json")
    try:
        return from_dict(json.loads(kept)) if kept is not None else None
    except (SnapshotError, ValueError, RecursionError):
        return None
