"""Publishing a build atomically.

Each build is written whole into its own folder, build/.sites/<name>/ holding site/ and
manifest.json. build/.current is a symlink to the live one, and build/site and build/manifest.json
are fixed symlinks through it. Flipping .current with one os.replace switches the site and its
manifest together, so at every instant they are a matching, complete pair: the previous build or
the new one. A lock keeps two builds of one plan apart.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CURRENT = ".current"


class BuildLocked(Exception):
    pass


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise BuildLocked("Another build of this plan is running; wait for it to finish.") from err
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fresh_build_dir(build_dir: Path) -> Path:
    """A new, empty folder beside the live build for this build to write into."""
    sites = build_dir / ".sites"
    sites.mkdir(parents=True, exist_ok=True)
    for n in range(1, 10_000):
        candidate = sites / f"build-{os.getpid()}-{n}"
        if not candidate.exists():
            candidate.mkdir()
            return candidate
    raise RuntimeError("no free build folder")


def _replace_with_link(path: Path, target: str) -> None:
    """Make path a symlink to target in one step, whatever path was before."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.exists() and not path.is_symlink():
        # Output of an older layout: keep it out of the way rather than delete anything.
        aside = path.with_name(f".{path.name}.old-{os.getpid()}")
        os.replace(path, aside)
    temporary = path.with_name(f".{path.name}.link-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary)
    os.replace(temporary, path)


def swap_in(build_dir: Path, new_build: Path) -> None:
    """Make new_build the live build in one atomic step, then remove older builds."""
    _replace_with_link(build_dir / CURRENT, os.path.relpath(new_build, build_dir))
    _replace_with_link(build_dir / "site", f"{CURRENT}/site")
    _replace_with_link(build_dir / "manifest.json", f"{CURRENT}/manifest.json")
    for old in (build_dir / ".sites").iterdir():
        if old.resolve() != new_build.resolve():
            shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
