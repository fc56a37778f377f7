"""build/manifest.json: what was built, from which inputs, and the hash of every output file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from site_gen import __version__
from site_gen.findings import Finding, count_by_severity
from site_gen.model.plan import Plan
from site_gen.render.pages import Page


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def output_hashes(site_dir: Path) -> dict[str, str]:
    """Every file under site_dir, by its path inside it, with its SHA-256."""
    return {p.relative_to(site_dir).as_posix(): _sha256(p) for p in sorted(site_dir.rglob("*")) if p.is_file()}


def manifest(plan: Plan, fingerprint: str, pages: list[Page], site_dir: Path, findings: list[Finding]) -> dict:
    outputs = output_hashes(site_dir)
    return {
        "tool": "site-gen",
        "tool_version": __version__,
        "title": plan.title,
        "organisation": plan.organisation.name,
        "version": plan.version,
        "status": plan.status,
        "fingerprint": fingerprint,
        "pages": [{"path": p.path.removesuffix(".md") + ".html", "title": p.title, "source": p.source} for p in pages],
        "outputs": [{"path": f"site/{path}", "sha256": digest} for path, digest in outputs.items()],
        "findings": count_by_severity(findings),
    }


def manifest_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
