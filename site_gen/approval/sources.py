"""Where a version of a plan to compare comes from: a plan folder, an approval record, or a git
revision of the plan in hand. Each becomes a snapshot, or a finding that says why it cannot."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from site_gen.approval.guard import current_snapshot, read_record
from site_gen.approval.places import Layout, content_pages, layout
from site_gen.approval.snapshot import Snapshot, SnapshotError
from site_gen.findings import Finding, Location
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import rule


class SourceError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _problem(where: str, message: str, hint: str) -> SourceError:
    return SourceError(rule("version-unreadable")(Location(where), message, hint))


WHAT_TO_GIVE = ("Give site-gen diff a plan folder, an approval record (a .json file in approvals/) or a git revision, "
                "such as site-gen diff papers-3 or site-gen diff HEAD~1.")


def _folder_version(folder: Path) -> tuple[Snapshot, Layout]:
    """A plan folder as an approval record would keep it, and where its pages show each figure."""
    checked = check_project(Project(folder))
    if checked.data.plan is None:
        raise _problem(str(folder), f"{folder} has no plan to compare: data/plan.yml is missing or cannot be read.",
                       WHAT_TO_GIVE)
    return current_snapshot(checked), layout(checked.data, content_pages(checked.loaded.pages))


def _git(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True)


def _revision_version(project: Path, revision: str) -> tuple[Snapshot, Layout]:
    """The plan as it was at a git revision, unpacked aside and read like any other folder."""
    if _git(project, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise _problem(revision, f"'{revision}' is not a plan folder, an approval record or a git revision of "
                                 f"the plan in {project}.", WHAT_TO_GIVE)
    prefix = _git(project, "rev-parse", "--show-prefix").stdout.decode().strip()
    archive = _git(project, "archive", "--format=tar", f"{revision}:{prefix}" if prefix else revision)
    if archive.returncode != 0:
        raise _problem(revision, f"The plan cannot be read as it was at {revision}.",
                       "Check that the plan's folder existed at that revision, or give site-gen diff another one.")
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="data")
        try:
            return _folder_version(Path(scratch))
        except SourceError as err:  # named by the revision typed, not the folder it was unpacked into
            raise _problem(revision, f"There is no plan to compare at revision {revision}: data/plan.yml is missing "
                                     "or cannot be read there.", WHAT_TO_GIVE) from err


def load_version_with_layout(spec: str, project: Path) -> tuple[Snapshot, str, Layout | None]:
    """A snapshot, a name for it, and where its pages show each figure (None for an approval record, which
    keeps the plan's figures and words but not its pages as built), from what the person typed."""
    path = Path(spec)
    if path.is_file():
        try:
            return read_record(path), f"the approval record {spec}", None
        except SnapshotError as err:
            raise _problem(spec, f"{spec} cannot be compared: {err}.",
                           "Give site-gen diff an approval record written by site-gen approve, or a plan "
                           "folder.") from err
    if path.is_dir():
        snap, shown = _folder_version(path.resolve())
        return snap, f"the plan in {spec}", shown
    snap, shown = _revision_version(project, spec)
    return snap, f"revision {spec}", shown


def load_version(spec: str, project: Path) -> tuple[Snapshot, str]:
    """A snapshot and a name for it, from what the person typed."""
    snap, name, _ = load_version_with_layout(spec, project)
    return snap, name
