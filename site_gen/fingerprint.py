"""The fingerprint of a plan: SHA-256 over its normalised inputs, leaving out the lifecycle fields that
approving a plan writes, so that approving it does not change it.

Everything an approved plan publishes is covered, so that one build code always means one published
site: the version history up to this version (later entries belong to the next version), the approval
record that changes_since compares with, and the kept record (manifest) of each earlier published version.
The decisions themselves cannot be covered, as recording one would change the code it records; each is
checked against its approval record instead (approval/guard.py)."""

from __future__ import annotations

import hashlib
import json

import yaml

from site_gen.project import Project
from site_gen.versions import version_key

# Fields of plan.yml that approving or publishing a plan writes, left out of the fingerprint.
# version_history is in this list, but its entries up to the plan's own version are put back (below).
LIFECYCLE_FIELDS = ("status", "approvals", "version_history", "consultation_closes", "superseded_by")


def _plan_data(text: str) -> dict | None:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # a date that does not exist (2013-02-30)
        return None
    return data if isinstance(data, dict) else None


def _up_to(history: object, version: object) -> list:
    """The version history entries of this version and before: a later one is the next version's, and may be
    written while this one stays approved. An entry whose version is not a number is kept, to be safe."""
    current = version_key(str(version))
    if not isinstance(history, list) or current is None:
        return history if isinstance(history, list) else []
    def earlier(entry: object) -> bool:
        key = version_key(str(entry.get("version", ""))) if isinstance(entry, dict) else None
        return key is None or key <= current
    return [entry for entry in history if earlier(entry)]


def _plan_without_lifecycle(text: str) -> str:
    data = _plan_data(text)
    if data is None:
        return text
    kept = {k: v for k, v in data.items() if k not in LIFECYCLE_FIELDS}
    kept["version_history"] = _up_to(data.get("version_history"), data.get("version"))
    return json.dumps(kept, sort_keys=True, default=str, ensure_ascii=False)


def _published_records(project: Project, plan: dict | None) -> list[str]:
    """What the plan publishes from outside its own inputs, by path in the project: the approval record it
    compares with (its "Changes since" page), and the manifest of each earlier version it publishes."""
    from site_gen.archive import RECORD, earlier_versions

    named = []
    if plan is not None and isinstance(plan.get("changes_since"), str):
        named.append(plan["changes_since"])
    version = str(plan.get("version", "")) if plan is not None else ""
    named += [f"{kept.folder.relative_to(project.root).as_posix()}/{RECORD}" for kept in
              earlier_versions(project, version)]
    return named


def fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    plan: dict | None = None
    for path in project.input_files():
        relative = project.relative(path)
        content = path.read_bytes().replace(b"\r\n", b"\n")
        if relative in ("data/plan.yml", "data/plan.yaml"):
            text = content.decode("utf-8", "replace")
            plan = _plan_data(text)
            content = _plan_without_lifecycle(text).encode()
        # A name that is not UTF-8 text (made on another computer) is hashed as the bytes it is.
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(content).digest())
    for relative in _published_records(project, plan):
        path = project.root / relative
        # A record that is missing, or a shortcut out of the project, is hashed as absent: the checks say why.
        content = path.read_bytes() if path.is_file() and project.owns(path) else b"(absent)"
        digest.update(b"record\0" + relative.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def short(full: str) -> str:
    return full[:7]
