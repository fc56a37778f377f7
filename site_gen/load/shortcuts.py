"""Shortcuts (symbolic links) in a plan project that lead outside it. A plan folder can arrive from
anywhere (a zip, a partner's repository) and git and zip both keep shortcuts, so one could otherwise
publish any file the build machine can read, or change an approved plan's pages from outside it."""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.project import Project
from site_gen.rules import rule

FOLDERS = ("content", "data", "templates", "archive")


def _leads_outside(project: Project, path: Path) -> bool:
    """Out of the plan, or into its build folder (whose files change with every build)."""
    try:
        return not project.owns(path) or project.in_build(path)
    except (OSError, RuntimeError):  # a shortcut to itself: nothing outside is reached
        return False


def _read_by_loader(relative: str) -> bool:
    """Pages and data files, whose shortcuts the loader already reports as it reads them."""
    return (relative.startswith("content/") and relative.endswith(".md")) or relative.count("/") == 1 and \
        relative.startswith("data/")


def shortcuts_outside(project: Project) -> list[Finding]:
    """A finding for each shortcut in the plan's folders that leads outside the plan, never followed."""
    found = []
    for name in FOLDERS:
        top = project.root / name
        if not top.is_dir() or top.is_symlink() and _leads_outside(project, top):
            if top.is_symlink():
                found.append(_finding(name, folder=True))
            continue
        for folder, dirs, files in os.walk(top):  # does not go into shortcuts to folders
            for entry in sorted(dirs + files):
                path = Path(folder) / entry
                relative = project.relative(path)
                if path.is_symlink() and _leads_outside(project, path) and not _read_by_loader(relative):
                    found.append(_finding(relative, folder=entry in dirs))
    return found


def _finding(relative: str, folder: bool) -> Finding:
    kind = "folder" if folder else "file"
    return rule("shortcut-outside")(
        Location(relative), f"{relative} is a shortcut to a {kind} outside the plan's folder, or in its build "
        "folder. It is never followed, "
        "so nothing outside the plan can be published or change an approved plan.",
        f"Copy the {kind} itself into the plan's folder in place of the shortcut, or delete the shortcut.")
