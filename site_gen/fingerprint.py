"""The fingerprint of a plan: SHA-256 over its normalised inputs, leaving out the lifecycle fields so
that approving a plan does not change it."""

from __future__ import annotations

import hashlib
import json

import yaml

from site_gen.project import Project

LIFECYCLE_FIELDS = ("status", "approvals", "version_history", "consultation_closes", "superseded_by")


def _plan_without_lifecycle(text: str) -> str:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError):  # found by fuzzing: a date that does not exist (2013-02-30)
        return text
    if not isinstance(data, dict):
        return text
    kept = {k: v for k, v in data.items() if k not in LIFECYCLE_FIELDS}
    return json.dumps(kept, sort_keys=True, default=str, ensure_ascii=False)


def fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    for path in project.input_files():
        relative = project.relative(path)
        content = path.read_bytes().replace(b"\r\n", b"\n")
        if relative in ("data/plan.yml", "data/plan.yaml"):
            content = _plan_without_lifecycle(content.decode("utf-8", "replace")).encode()
        # A name that is not UTF-8 text (made on another computer) is hashed as the bytes it is.
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def short(full: str) -> str:
    return full[:7]
