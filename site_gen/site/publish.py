"""Publishing a built site atomically: build/site is a symlink flipped in one os.replace, so at every
instant it is a complete site, the previous one or the new one; a lock keeps two builds apart."""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


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


def fresh_site_dir(build_dir: Path) -> Path:
    """A new, empty folder beside the live one for MkDocs to write into."""
    sites = build_dir / ".sites"
    sites.mkdir(parents=True, exist_ok=True)
    for n in range(1, 10_000):
        candidate = sites / f"site-{os.getpid()}-{n}"
        if not candidate.exists():
            return candidate
    raise RuntimeError("no free build folder")


def swap_in(build_dir: Path, new_site: Path) -> None:
    """Point build/site at new_site in one atomic step, then remove older builds."""
    live = build_dir / "site"
    if live.exists() and not live.is_symlink():
        # A plain folder from elsewhere: move it aside first so the symlink can replace its name.
        aside = fresh_site_dir(build_dir)
        os.replace(live, aside)
        os.symlink(os.path.relpath(aside, build_dir), live)
    temporary = build_dir / f".site-link-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(os.path.relpath(new_site, build_dir), temporary)
    os.replace(temporary, live)
    for old in (build_dir / ".sites").iterdir():
        if old.resolve() != new_site.resolve():
            shutil.rmtree(old, ignore_errors=True)


def discard(site_dir: Path) -> None:
    shutil.rmtree(site_dir, ignore_errors=True)


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
