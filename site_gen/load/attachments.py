"""Reads the files a plan publishes as they are (each page's attachments and pictures, and the logo)
and reports those that cannot be published, where they are named (site/attachments.py decides)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.load.pages import SourcePage
from site_gen.project import Project, default_templates_dir
from site_gen.rules import rule
from site_gen.site.attachments import Refused, linked_files, publishable, publishable_asset
from site_gen.site.brand import logo_path

READ_WHOLE = (".svg", ".csv", ".css")  # checked all through; every other kind by its signature
HEAD_BYTES = 64


def is_plan_file(project: Project, path: Path) -> bool:
    """True when path is a file inside the plan. A name no file system can hold (a part over 255 bytes,
    typed as a link's address) is simply not a file, rather than an error of the tool."""
    try:
        return path.is_file() and project.owns(path)
    except (OSError, RuntimeError):  # too long a name, or a shortcut that leads to itself
        return False


def project_assets(project: Project) -> list[tuple[Path, str]]:
    """The plan's own files in templates/assets/, with their paths inside it; shortcuts are never followed."""
    top = project.templates_dir / "assets"
    if project.templates_dir.resolve() == default_templates_dir().resolve():
        return []  # the plan in site_gen's own folder, whose templates/ are the defaults, not its own
    found = []
    for folder, _, files in os.walk(top):
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, path.relative_to(top).as_posix()))
    return sorted(found, key=lambda pair: pair[1])


def _problem(path: Path, name: str, check=publishable) -> str | None:
    """Why the file cannot be published, or None. A kind known by its first bytes is checked from those
    alone: an attached report may run to megabytes, and the check runs on every save in the preview."""
    try:
        with path.open("rb") as handle:
            data = handle.read() if name.lower().endswith(READ_WHOLE) else handle.read(HEAD_BYTES)
        check(name, data)
    except Refused as err:
        return str(err)
    except OSError as err:
        return f"it cannot be read ({err.strerror})."
    return None


def attachment_findings(project: Project, pages: list[SourcePage], logo: str | None,
                        logo_at: Location) -> list[Finding]:
    found = []
    content = project.content_dir.resolve()
    for page in pages:
        folder = posixpath.dirname(page.path)
        for offset, relative in linked_files(page.body, folder):
            source = content / relative
            if relative.endswith(".md") or not is_plan_file(project, source):
                continue
            problem = _problem(source, relative)
            if problem:
                line = page.body_line + page.body.count("\n", 0, offset)
                found.append(rule("attachment-refused")(
                    Location(page.file, line), f"content/{relative} cannot be published: {problem}"))
    for path, relative in project_assets(project):
        problem = _problem(path, relative, publishable_asset)
        if problem:
            found.append(rule("attachment-refused")(Location(f"templates/assets/{relative}"),
                                                    f"templates/assets/{relative} cannot be published: {problem}"))
    if logo:
        source = project.root / logo_path(logo)
        if is_plan_file(project, source):
            problem = _problem(source, logo)
            if problem:
                found.append(rule("attachment-refused")(logo_at, f"The logo {logo} cannot be published: {problem}"))
    return found
