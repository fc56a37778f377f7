"""Earlier published versions of a plan, kept at stable addresses. `site-gen archive` keeps a copy of the
published site in the plan project (archive/VERSION/, committed with the plan); every later build
publishes each copy at versions/VERSION/, each page marked as replaced, with a link to the current plan."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.load.files import sha256_of
from site_gen.project import Project
from site_gen.rules import rule

ARCHIVE = "archive"
PUBLISHED_AS = "versions"
# Files that belong to a site at its own address, not to a copy inside another site.
LEFT_OUT = {"sitemap.xml", "sitemap.xml.gz", "robots.txt", "_headers", "404.html", "manifest.json"}
# The build's manifest, kept with each version: the SHA-256 of every file site-gen archive kept.
RECORD = "manifest.json"
NOTICE_STYLE = "assets/archive.css"


@dataclass(frozen=True)
class Archived:
    version: str
    folder: Path


def archived_versions(project: Project) -> list[Archived]:
    """The kept versions, oldest first (by the numbers in their names)."""
    root = project.root / ARCHIVE
    if not root.is_dir():
        return []
    found = [Archived(p.name, p) for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file()
             and project.owns(p)]
    return sorted(found, key=lambda a: [int(n) if n.isdigit() else 0 for n in re.split(r"\D+", a.version) if n])


def notice(html: str, version: str, depth: int) -> str:
    """A page of an earlier version, marked at the top as replaced, linking to the current plan (pure)."""
    up = "../" * depth
    banner = (f'<div class="archived-notice" role="note"><p>This is version {escape(version)} of the plan. It has '
              f'been replaced. <a href="{up}index.html">Read the current version</a>.</p></div>')
    style = f'<link rel="stylesheet" href="{up}{NOTICE_STYLE}">'
    html = html.replace("</head>", style + "</head>", 1)
    return re.sub(r"<body[^>]*>", lambda m: m.group(0) + banner, html, count=1)


def _kept_hashes(kept: Archived) -> dict[str, str] | None:
    """path -> SHA-256 of each file as site-gen archive kept it, from the manifest kept beside them."""
    try:
        manifest = json.loads((kept.folder / RECORD).read_text(encoding="utf-8"))
        return {entry["path"].removeprefix("site/"): entry["sha256"] for entry in manifest["outputs"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


# Each kept file's SHA-256, by its path, time and size: the check runs on every save in the preview, and
# the kept versions, megabytes each, do not change between saves.
_HASHED: dict[tuple[str, int, int], str] = {}


def _as_kept(path: Path, relative: str, hashes: dict[str, str]) -> bool:
    seen = path.stat()
    key = (str(path), seen.st_mtime_ns, seen.st_size)
    if key not in _HASHED:
        _HASHED[key] = sha256_of(path)
    return hashes.get(relative) == _HASHED[key]


def archive_findings(project: Project) -> list[Finding]:
    """Each file of a kept version must be as site-gen archive kept it: an earlier version is published as
    it was, so a file changed or added by hand (a script, say) must never go live under it."""
    found = []
    for kept in archived_versions(project):
        where = f"{ARCHIVE}/{kept.version}"
        hashes = _kept_hashes(kept)
        if hashes is None:
            found.append(rule("archive-changed")(
                Location(f"{where}/{RECORD}"), f"Version {kept.version} in {where} has no readable record of the "
                "files site-gen archive kept, so none of it can be published."))
            continue
        for source in sorted(kept.folder.rglob("*")):
            relative = source.relative_to(kept.folder).as_posix()
            if source.is_file() and relative not in LEFT_OUT and not _as_kept(source, relative, hashes):
                found.append(rule("archive-changed")(
                    Location(f"{where}/{relative}"), f"{where}/{relative} is not as site-gen archive kept it: it was "
                    f"changed or added by hand, so version {kept.version} cannot be published."))
    return found


def publish_archive(project: Project, site_dir: Path) -> list[str]:
    """Copy each kept version into the new site, under versions/; returns the versions published. Only
    files exactly as site-gen archive kept them are copied (archive_findings reports the rest)."""
    published = []
    for kept in archived_versions(project):
        target = site_dir / PUBLISHED_AS / kept.version
        hashes = _kept_hashes(kept) or {}
        for source in sorted(kept.folder.rglob("*")):
            relative = source.relative_to(kept.folder)
            if (not source.is_file() or relative.as_posix() in LEFT_OUT or not project.owns(source)
                    or not _as_kept(source, relative.as_posix(), hashes)):
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix == ".html":
                depth = 2 + relative.as_posix().count("/")  # versions/VERSION/ and any folders below
                destination.write_text(notice(source.read_text(encoding="utf-8"), kept.version, depth),
                                       encoding="utf-8")
            else:
                shutil.copyfile(source, destination)
        published.append(kept.version)
    return published


def archive(project: Project) -> tuple[list[Finding], str | None]:
    """Keep a copy of the built site as archive/VERSION/: only a site built as approved or published."""
    manifest_file = project.build_dir / "manifest.json"
    if not manifest_file.is_file():
        return [rule("missing-file")(Location("build/manifest.json"), "There is no built site to keep.",
                                     "Build the published plan first with site-gen build.")], None
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    if manifest.get("status") not in ("approved", "published"):
        return [rule("lifecycle-incomplete")(
            Location("data/plan.yml"),
            f"The built site is a {manifest.get('status')} version; only an approved or published plan is kept.",
            "Keep the plan once it is published, before you start work on the next version.")], None
    version = re.sub(r"[^\w.-]", "-", str(manifest["version"]))
    target = project.root / ARCHIVE / version
    if target.exists():
        return [rule("version-already-kept")(Location(f"{ARCHIVE}/{version}"),
                                             f"Version {version} is already kept in {ARCHIVE}/{version}.")], None
    # The site's own pages only: the earlier versions it publishes are kept already, each in its own folder,
    # and copying them again would nest every version inside the next.
    shutil.copytree(project.build_dir / "site", target, symlinks=False,
                    ignore=lambda folder, names: [PUBLISHED_AS] if Path(folder) == project.build_dir / "site" else [])
    shutil.copyfile(manifest_file, target / RECORD)
    return [], (f"Kept version {version} (build {manifest['fingerprint'][:7]}) in {ARCHIVE}/{version}. "
                f"Commit it with the plan; from now on every build publishes it at {PUBLISHED_AS}/{version}/.")
