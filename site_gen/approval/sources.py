"""Where a version of a plan to compare comes from: a plan folder, an approval record, or a git
revision of the plan in hand. Each becomes a snapshot, or a finding that says why it cannot."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from site_gen.approval.guard import current_snapshot, read_record
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
    return SourceError(rule("missing-file")(Location(where), message, hint))


def _folder_snapshot(folder: Path) -> Snapshot:
    checked = check_project(Project(folder))
    if checked.data.plan is None:
        raise _problem(str(folder), f"{folder} has no plan to compare: data/plan.yml is missing or cannot be read.",
                       "Give a plan folder, an approval record or a git revision.")
    return current_snapshot(checked)


def _git(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True)


def _revision_snapshot(project: Path, revision: str) -> Snapshot:
    """The plan as it was at a git revision, unpacked aside and read like any other folder."""
    if _git(project, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise _problem(revision, f"'{revision}' is not a plan folder, an approval record or a git revision of "
                                 f"the plan in {project}.",
                       "Give a folder, a .json file from approvals/, or a revision such as HEAD~1 or a tag.")
    prefix = _git(project, "rev-parse", "--show-prefix").stdout.decode().strip()
    archive = _git(project, "archive", "--format=tar", f"{revision}:{prefix}" if prefix else revision)
    if archive.returncode != 0:
        raise _problem(revision, f"The plan cannot be read as it was at {revision}.",
                       "Check that the plan's folder existed at that revision.")
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="data")
        return _folder_snapshot(Path(scratch))


def load_version(spec: str, project: Path) -> tuple[Snapshot, str]:
    """A snapshot and a name for it, from what the person typed."""
    path = Path(spec)
    if path.is_file():
        try:
            return read_record(path), f"the approval record {spec}"
        except SnapshotError as err:
            raise _problem(spec, f"{spec} cannot be compared: {err}.",
                           "Give an approval record written by site-gen approve, or a plan folder.") from err
    if path.is_dir():
        return _folder_snapshot(path.resolve()), f"the plan in {spec}"
    return _revision_snapshot(project, spec), f"revision {spec}"
