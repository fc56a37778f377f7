"""site-gen verify: is a deployed copy of the site exactly what was built? Each file of the copy is
compared, by SHA-256, with the list in a build's manifest: build/manifest.json, one saved from a
published build, or the one site-gen archive kept with a version (pure comparison; reading at the edges)."""

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
    other_shortcuts: list[str] = field(default_factory=list)  # within the copy: a build never makes one
    special: list[str] = field(default_factory=list)  # named pipes, sockets and devices

    @property
    def same(self) -> bool:
        return not (self.differ or self.missing or self.added or self.shortcuts or self.other_shortcuts
                    or self.special)


class ManifestError(ValueError):
    """A manifest that is not one site-gen build wrote, with the reason in plain words."""


def expected_files(manifest: dict) -> dict[str, str]:
    """path inside the site -> SHA-256, from a manifest."""
    return {entry["path"].removeprefix("site/"): entry["sha256"] for entry in manifest["outputs"]}


def compare(expected: dict[str, str], found: dict[str, str], shortcuts: list[str] | None = None,
            other_shortcuts: list[str] | None = None, special: list[str] | None = None) -> Verdict:
    """shortcuts: shortcuts in the copy that lead out of it (or round in a loop); a web server follows
    them, so whatever they lead to would be served, though it was not built. other_shortcuts and special:
    the other shortcuts, and the files that are not ordinary files, none of which a build makes."""
    differ = sorted(path for path in expected.keys() & found.keys() if expected[path] != found[path])
    leading_out = set(shortcuts or [])
    return Verdict(differ, sorted(expected.keys() - found.keys()), sorted(found.keys() - expected.keys()),
                   len(found), sorted(leading_out), sorted(set(other_shortcuts or []) - leading_out),
                   sorted(special or []))  # a shortcut leading out is listed once, as that


def read_manifest(path: Path) -> dict:
    """A build's manifest; raises ManifestError when it cannot be read or lists no files."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        expected_files(manifest)
    except (OSError, UnicodeDecodeError, RecursionError, ValueError) as err:
        raise ManifestError(f"it cannot be read ({err.__class__.__name__})") from err
    except (KeyError, TypeError, AttributeError) as err:
        raise ManifestError("it is not a manifest written by site-gen build: it has no list of files with "
                            "their SHA-256 codes") from err
    return manifest


def verdict_text(verdict: Verdict, manifest: dict, folder: str, source: str = "build/manifest.json") -> str:
    """The report, whose first line says which build the copy was compared with, and where its manifest
    came from (source)."""
    built = (f"version {manifest.get('version')} of {manifest.get('title', 'the plan')} as built "
             f"({manifest.get('status')}, build {str(manifest.get('fingerprint', ''))[:7]}, from {source})")
    if verdict.same:
        return f"{folder} is {built}: the same, all {verdict.checked} files.\n"
    lines = [f"{folder} is not {built}:"]
    for title, paths in (("Different from what was built", verdict.differ), ("Missing", verdict.missing),
                         ("Not part of the build", verdict.added),
                         ("Shortcuts that lead outside the copy, or round in a loop", verdict.shortcuts),
                         ("Shortcuts (symbolic links), which a build never makes", verdict.other_shortcuts),
                         ("Not ordinary files (named pipes, sockets or devices)", verdict.special)):
        if paths:
            lines += [f"  {title} ({len(paths)}):"] + [f"    {path}" for path in paths]
    return "\n".join(lines) + "\n"
