"""The fingerprint of a plan: SHA-256 over its normalised inputs, leaving out the lifecycle fields so
that approving a plan does not change it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from site_gen.project import Project

LIFECYCLE_FIELDS = ("status", "approvals", "version_history", "consultation_closes", "superseded_by")


def _plan_without_lifecycle(text: str) -> str:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if not isinstance(data, dict):
        return text
    kept = {k: v for k, v in data.items() if k not in LIFECYCLE_FIELDS}
    return json.dumps(kept, sort_keys=True, default=str, ensure_ascii=False)


def _inputs(project: Project) -> list[Path]:
    files = [project.settings_file] if project.settings_file.is_file() else []
    for folder in (project.content_dir, project.data_dir, project.templates_dir):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return sorted(files, key=lambda p: project.relative(p))


def fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    for path in _inputs(project):
        relative = project.relative(path)
        content = path.read_bytes().replace(b"\r\n", b"\n")
        if relative in ("data/plan.yml", "data/plan.yaml"):
            content = _plan_without_lifecycle(content.decode("utf-8", "replace")).encode()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def short(full: str) -> str:
    return full[:7]
