"""build/manifest.json: what was built, from which inputs, and the hash of every output file."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_gen import __version__
from site_gen.findings import Finding, count_by_severity
from site_gen.load.files import sha256_of
from site_gen.model.plan import Plan
from site_gen.render.pages import Page


def _leads_away(link: Path, root: Path, above: tuple[Path, ...]) -> bool:
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a shortcut to itself (Python 3.11 raises RuntimeError)
        return True
    return not target.is_relative_to(root) or target in above


@dataclass
class Served:
    """What a web server would serve from a folder, and what in it a build never makes."""

    files: dict[str, str] = field(default_factory=dict)  # path inside the folder -> SHA-256
    leading_out: list[str] = field(default_factory=list)  # shortcuts out of the folder, or round in a loop
    shortcuts: list[str] = field(default_factory=list)  # the other shortcuts (symbolic links)
    special: list[str] = field(default_factory=list)  # named pipes, sockets and devices


def _kind(entry: Path) -> int | None:
    """The kind of file entry is, shortcuts followed; None for a shortcut that leads nowhere."""
    try:
        return entry.stat().st_mode
    except OSError:
        return None


def _served(folder: Path, root: Path, inside: str, above: tuple[Path, ...], found: Served) -> Iterator[tuple[str, Path]]:
    """(path inside root, file) for every file a web server would serve from folder, following
    shortcuts (symbolic links) as servers do; each shortcut, and each file that is neither a folder nor
    an ordinary file, is noted in found as well. A shortcut that leads out of root, or round in a loop to
    a folder it is inside, is not followed: it was not built here, and has no end. Nothing that is not an
    ordinary file is opened, as reading a named pipe would wait for ever."""
    above = (*above, folder.resolve())
    for entry in sorted(folder.iterdir()):
        name = f"{inside}{entry.name}"
        if entry.is_symlink():
            if _leads_away(entry, root, above):
                found.leading_out.append(name)
                continue
            found.shortcuts.append(name)
        mode = _kind(entry)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            yield from _served(entry, root, f"{name}/", above, found)
        elif stat.S_ISREG(mode):
            yield name, entry
        else:
            found.special.append(name)


def served_files(site_dir: Path) -> Served:
    """Every file a web server would serve from site_dir, by its path inside it, with its SHA-256; and
    what in it a build never makes: shortcuts (those leading outside it or round in a loop apart), and
    files that are not ordinary files."""
    found = Served()
    found.files = {name: sha256_of(path) for name, path in _served(site_dir, site_dir.resolve(), "", (), found)}
    for names in (found.leading_out, found.shortcuts, found.special):
        names.sort()
    return found


def output_hashes(site_dir: Path) -> dict[str, str]:
    """Every file under site_dir, by its path inside it, with its SHA-256."""
    return served_files(site_dir).files


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


def built_line(manifest_data: dict, pdf_pages: dict[str, int]) -> str:
    """What a build made, in one line (pure): "Built version 3.1, draft, build 702ce02: 41 pages,
    plan.pdf 72 pages, plan-on-a-page.pdf, into build/site." pdf_pages: sheets of each PDF made, by name."""
    ordered = sorted(pdf_pages.items(), key=lambda item: (item[0] != "plan.pdf", item[0]))  # the full plan first
    pdfs = [f"{name} {count} pages" if name == "plan.pdf" else name for name, count in ordered]
    made = ", ".join([f"{len(manifest_data['pages'])} pages", *pdfs])
    return (f"Built version {manifest_data['version']}, {manifest_data['status']}, build "
            f"{str(manifest_data['fingerprint'])[:7]}: {made}, into build/site.")
