"""site-gen verify: is a deployed copy of the site exactly what was built? Each file of the copy is
compared, by SHA-256, with the list in build/manifest.json (pure comparison; reading at the edges)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Verdict:
    differ: list[str]
    missing: list[str]
    added: list[str]
    checked: int
    shortcuts: list[str] = field(default_factory=list)  # leading out of the copy, or round in a loop

    @property
    def same(self) -> bool:
        return not (self.differ or self.missing or self.added or self.shortcuts)


def expected_files(manifest: dict) -> dict[str, str]:
    """path inside the site -> SHA-256, from a manifest."""
    return {entry["path"].removeprefix("site/"): entry["sha256"] for entry in manifest["outputs"]}


def compare(expected: dict[str, str], found: dict[str, str], shortcuts: list[str] | None = None) -> Verdict:
    """shortcuts: shortcuts in the copy that lead out of it (or round in a loop); a web server follows
    them, so whatever they lead to would be served, though it was not built."""
    differ = sorted(path for path in expected.keys() & found.keys() if expected[path] != found[path])
    return Verdict(differ, sorted(expected.keys() - found.keys()), sorted(found.keys() - expected.keys()),
                   len(found), sorted(shortcuts or []))


def read_manifest(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def verdict_text(verdict: Verdict, manifest: dict, folder: str) -> str:
    head = (f"{folder} against the build of {manifest.get('title', 'the plan')}, version {manifest.get('version')}, "
            f"{manifest.get('status')}, build {str(manifest.get('fingerprint', ''))[:7]}:")
    if verdict.same:
        return f"{head} the same, all {verdict.checked} files.\n"
    lines = [head]
    for title, paths in (("Different from what was built", verdict.differ), ("Missing", verdict.missing),
                         ("Not part of the build", verdict.added),
                         ("Shortcuts that lead outside the copy, or round in a loop", verdict.shortcuts)):
        if paths:
            lines += [f"  {title} ({len(paths)}):"] + [f"    {path}" for path in paths]
    return "\n".join(lines) + "\n"
