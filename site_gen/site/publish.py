"""Publishing a build atomically.

Each build is written whole into its own folder, build/.sites/<name>/ holding site/ and
manifest.json. build/.current is a symlink to the live one, and build/site and build/manifest.json
are fixed symlinks through it. Flipping .current with one os.replace switches the site and its
manifest together, so at every instant they are a matching, complete pair: the previous build or
the new one. A lock keeps two builds of one plan apart.

A plan folder may arrive from anywhere (a zip, a git clone) with build/ already in it, so before a
build makes or removes anything there, build_folder_problem looks at what is there: a build/ that is
a shortcut to another folder, or one of the build's own names that leads outside build/, would make
the build write to and delete from that other place.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CURRENT = ".current"
LOCK = ".lock"
# What a build makes directly in build/: folders it writes into and empties, and the shortcuts it makes,
# which always lead to places inside build/.
FOLDERS = (".cache", ".work", ".sites")
LINKS = (CURRENT, "site", "manifest.json")


class BuildLocked(Exception):
    pass


@dataclass(frozen=True)
class BuildFolderProblem:
    """Why build/ cannot be used as it is: where (relative to the plan's folder), what is wrong, and
    how to put it right."""

    where: str
    message: str
    hint: str
    shortcut: bool = False  # a shortcut leading elsewhere, which is not followed even to look


def _leads_outside(path: Path, build_dir: Path) -> bool:
    try:
        return not path.resolve().is_relative_to(build_dir.resolve())
    except (OSError, RuntimeError):  # a shortcut that leads round in a loop (Python 3.11 raises RuntimeError)
        return True


def _shortcut_problem(build_dir: Path) -> BuildFolderProblem | None:
    """A shortcut (symbolic link) where the build writes: build/ itself, or one of its own names
    leading outside build/. The build would write into, and delete from, whatever it leads to."""
    if build_dir.is_symlink():
        return BuildFolderProblem(
            "build", f"build is a shortcut to {os.readlink(build_dir)}, so building could change, delete or publish "
                     "files in that folder. Nothing was built.",
            "Delete the shortcut build (not the folder it leads to), then build again.", shortcut=True)
    for name in (LOCK, *FOLDERS, *LINKS):
        path = build_dir / name
        if path.is_symlink() and (name not in LINKS or _leads_outside(path, build_dir)):
            return BuildFolderProblem(
                f"build/{name}", f"build/{name} is a shortcut to {os.readlink(path)}, so building could change, "
                                 "delete or publish files there. Nothing was built.",
                f"Delete the shortcut build/{name} (not what it leads to), then build again.", shortcut=True)
    return None


def _kind_problem(build_dir: Path) -> BuildFolderProblem | None:
    """A file where the build needs a folder, or the other way round."""
    if build_dir.exists() and not build_dir.is_dir():
        return BuildFolderProblem("build", "build is a file, not a folder, so the website has nowhere to go.",
                                  "Delete or rename the file build, then build again.")
    for name in FOLDERS:
        if (build_dir / name).exists() and not (build_dir / name).is_dir():
            return BuildFolderProblem(f"build/{name}", f"build/{name} is a file, not a folder.",
                                      f"Delete build/{name}, then build again.")
    if (build_dir / LOCK).is_dir():
        return BuildFolderProblem(f"build/{LOCK}", f"build/{LOCK} is a folder, not a file.",
                                  f"Delete the folder build/{LOCK}, then build again.")
    return None


def build_folder_problem(build_dir: Path) -> BuildFolderProblem | None:
    """What stops a build using build_dir safely, found before anything in it is made or removed."""
    problem = _shortcut_problem(build_dir) or _kind_problem(build_dir)
    if problem is None and build_dir.is_dir() and not os.access(build_dir, os.W_OK | os.X_OK):
        problem = unwritable(build_dir, os.strerror(errno.EACCES))
    return problem


def unwritable(build_dir: Path, reason: str) -> BuildFolderProblem:
    """build/, or something in it, cannot be written (permissions, a read-only or full disk)."""
    return BuildFolderProblem("build", f"build/ cannot be written: {reason}.",
                              "Check that you may write to build/ (its permissions) and that the disk has room, "
                              "then build again.")


def in_build_folder(err: OSError, build_dir: Path) -> bool:
    """True when a failed file operation was on something inside build_dir."""
    named = [name for name in (err.filename, err.filename2) if isinstance(name, str | bytes | os.PathLike)]
    return any(Path(os.fsdecode(name)).absolute().is_relative_to(build_dir.absolute()) for name in named)


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    build_dir.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a shortcut put in the lock file's place since the folder was looked at is not followed.
    descriptor = os.open(build_dir / LOCK, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    with open(descriptor, "w") as handle:
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
        if not os.path.lexists(candidate):
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


def holds_shortcuts(folder: Path) -> bool:
    """True when folder is a shortcut or has one anywhere inside it. The build never makes one in its
    caches, so one there was put in from outside, and writing or tidying through it would reach
    files elsewhere on the computer."""
    if folder.is_symlink():
        return True
    return any(os.path.islink(os.path.join(place, name))
               for place, folders, files in os.walk(folder) for name in folders + files)


def remove(path: Path) -> None:
    """Remove a file, a folder with everything in it, or a shortcut itself (never what it leads to)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
