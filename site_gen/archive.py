"""Earlier published versions of a plan, kept at stable addresses. `site-gen archive` keeps a copy of the
published site in the plan project (archive/VERSION/, committed with the plan); every later build
publishes each copy at versions/VERSION/, each page marked as replaced, with a link to the current plan."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from site_gen.findings import Finding, Location
from site_gen.load.files import sha256_of
from site_gen.project import Project
from site_gen.render.formatting import date_text
from site_gen.rules import rule
from site_gen.site.attachments import Refused, publishable
from site_gen.versions import version_key

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
    if not root.is_dir() or not project.owns(root):
        return []
    found = [Archived(p.name, p) for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file()
             and project.owns(p)]
    return sorted(found, key=lambda a: [int(n) if n.isdigit() else 0 for n in re.split(r"\D+", a.version) if n])


def earlier_versions(project: Project, current: str) -> list[Archived]:
    """The kept versions a build of version current publishes, oldest first: those before it. The current
    version is never among them, though it is kept once published, and nor is a later one (a copy of an old
    version of the plan, built again, must not publish the versions that replaced it)."""
    now = version_key(current)
    if now is None:
        return []
    return [kept for kept in archived_versions(project) if (key := version_key(kept.version)) is not None and key < now]


@dataclass(frozen=True)
class Replacement:
    """What replaced a version: the next version; whether that version is approved (a draft of it only
    proposes to replace the last one); and the date of its approval, if known."""

    version: str
    approved: bool
    date: datetime.date | None


APPROVED_STATUSES = ("approved", "published", "superseded")


def replacements(earlier: list[str], plan) -> dict[str, Replacement]:
    """For each earlier version, the version that replaced it (pure). Its date is the day the governing body
    approved that version, from the plan's decisions; for a decision that does not record its version, the
    version's date in the version history."""
    current = plan.version

    def replacing(version: str) -> Replacement:
        key = version_key(version)
        approved = version != current or plan.status in APPROVED_STATUSES
        decided = [a.date for a in plan.approvals if a.decision in ("approved", "approved-with-changes")
                   and a.version is not None and version_key(a.version) == key]
        dated = [entry.date for entry in plan.version_history if version_key(entry.version) == key]
        when = max(decided) if decided else max(dated) if dated and approved else None
        return Replacement(version, approved, when)

    following = [*earlier[1:], current]
    return {old: replacing(new) for old, new in zip(earlier, following, strict=False)}


def notice_text(version: str, replaced: Replacement) -> str:
    """The words at the top of each page of an earlier version (pure), as in the design's lifecycle table."""
    if not replaced.approved:
        return (f"This is version {version} of the plan. Version {replaced.version}, a draft not yet approved, "
                "is to replace it.")
    when = f" on {date_text(replaced.date)}" if replaced.date else ""
    return f"This is version {version} of the plan, replaced by version {replaced.version}{when}."


def notice(html: str, version: str, depth: int, replaced: Replacement, address: str | None) -> str:
    """A page of an earlier version, marked at the top as replaced, linking to the current plan (pure).
    Search engines are asked not to list it, and its canonical address is its own (address), so that a
    search finds the current plan, never the page it replaced."""
    up = "../" * depth
    banner = (f'<div class="archived-notice" role="note"><p>{escape(notice_text(version, replaced))} '
              f'<a href="{up}index.html">Read the current version</a>.</p></div>')
    style = f'<link rel="stylesheet" href="{up}{NOTICE_STYLE}">'
    html = re.sub(r'<meta name="robots" content="[^"]*">', "", html)
    html = re.sub(r'<link rel="canonical" href="[^"]*">', "", html)
    canonical = f'<link rel="canonical" href="{escape(address)}">' if address else ""
    html = html.replace("</head>", f'<meta name="robots" content="noindex">{canonical}{style}</head>', 1)
    return re.sub(r"<body[^>]*>", lambda m: m.group(0) + banner, html, count=1)


# What an earlier version's pages may do, as the first thing in each: nothing runs (no script, inline or from a
# file, no event handler, no javascript: link) and nothing is loaded from another host. archive_findings
# holds each kept file to the record kept beside it, but the record is in the plan folder too, so whoever can
# change a file can change its record: this is what keeps a script slipped into archive/ from running.
ARCHIVED_PAGE_POLICY = ("default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
                        "font-src 'self'; base-uri 'none'; form-action 'none'")
_DOCTYPE = re.compile(r"\ufeff?\s*(<!doctype[^>]*>)", re.I)


def scripts_barred(html: str) -> str:
    """An earlier version's page with ARCHIVED_PAGE_POLICY put before anything else in it (pure). The policy
    comes straight after the doctype (a browser's doctype ends at its first >), or first of all: nothing
    the page holds comes before it, so nothing escapes it, and a second policy can only forbid more."""
    guard = f'<meta http-equiv="Content-Security-Policy" content="{ARCHIVED_PAGE_POLICY}">'
    found = _DOCTYPE.match(html)
    return found.group(1) + guard + html[found.end():] if found else guard + html


# Kinds of file an earlier version publishes, by how: pages barred from running scripts, PDFs stamped, pictures
# (SVG) written again holding drawing only, the rest as kept. Its scripts (the theme's) are left out, since its
# pages may run none; so is any other kind of file, which a browser might run as a page (.xml, .xhtml, say).
_AS_KEPT = frozenset({".css", ".json", ".csv", ".txt", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff",
                      ".woff2", ".xlsx", ".docx", ".odt", ".ods"})
_MADE_AGAIN = {".html": "page", ".pdf": "pdf", ".svg": "picture"}


def archived_kind(source: Path) -> str | None:
    """How a kept file of an earlier version is published (pure): "page", "pdf", "picture", "as kept", or None
    (not at all)."""
    suffix = source.suffix.lower()
    return _MADE_AGAIN.get(suffix) or ("as kept" if suffix in _AS_KEPT else None)


def own_address(site_url: str | None, version: str, relative: str) -> str | None:
    """Where a page of an earlier version lives on the public site (pure); None without a site_url."""
    if not site_url:
        return None
    page = relative.removesuffix("index.html") if relative.endswith("index.html") else relative
    return f"{site_url.rstrip('/')}/{PUBLISHED_AS}/{quote(version)}/{quote(page)}"


def stamp_line(version: str, replaced: Replacement) -> str:
    """The line the SUPERSEDED stamp puts at the top of each sheet of an earlier version's PDFs (pure)."""
    if not replaced.approved:
        return (f"SUPERSEDED in this draft: version {version} of this plan is to be replaced by version "
                f"{replaced.version}, not yet approved.")
    when = f" on {date_text(replaced.date)}" if replaced.date else ""
    return f"SUPERSEDED: version {version} of this plan was replaced by version {replaced.version}{when}."


def _kept_hashes(kept: Archived) -> dict[str, str] | None:
    """path -> SHA-256 of each of the version's own files as site-gen archive kept it, from the manifest kept
    beside them. The manifest is the build's, unchanged, so it also lists what that build published of the
    versions before it, and the files that belong only at the site's own address: neither is kept here."""
    try:
        manifest = json.loads((kept.folder / RECORD).read_text(encoding="utf-8"))
        listed = {entry["path"].removeprefix("site/"): entry["sha256"] for entry in manifest["outputs"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(path, str) and isinstance(digest, str) for path, digest in listed.items()):
        return None
    return {path: digest for path, digest in listed.items()
            if path not in LEFT_OUT and not path.startswith(f"{PUBLISHED_AS}/")}


# Each kept file's SHA-256, by its path, time and size: the check runs on every save in the preview, and
# the kept versions, megabytes each, do not change between saves.
_HASHED: dict[tuple[str, int, int], str] = {}


def _as_kept(path: Path, relative: str, hashes: dict[str, str]) -> bool:
    seen = path.stat()
    key = (str(path), seen.st_mtime_ns, seen.st_size)
    if key not in _HASHED:
        _HASHED[key] = sha256_of(path)
    return hashes.get(relative) == _HASHED[key]


def _kept_files(kept: Archived) -> list[tuple[str, Path]]:
    """(path inside the version, file) for every file of its folder, shortcuts included, but its record and
    the files that belong only at the site's own address (never published under versions/)."""
    return [(source.relative_to(kept.folder).as_posix(), source) for source in sorted(kept.folder.rglob("*"))
            if (source.is_file() or source.is_symlink()) and source.relative_to(kept.folder).as_posix() not in LEFT_OUT]


def archive_findings(project: Project) -> list[Finding]:
    """Each file of a kept version must be as site-gen archive kept it, and none may be missing: an earlier
    version is published as it was, so a file changed or added by hand (a script, say) must never go live
    under it, and a page taken away would leave its links broken."""
    found = []
    for kept in archived_versions(project):
        where = f"{ARCHIVE}/{kept.version}"
        hashes = _kept_hashes(kept)
        if hashes is None:
            found.append(rule("archive-changed")(
                Location(f"{where}/{RECORD}"), f"Version {kept.version} in {where} has no readable record of the "
                "files site-gen archive kept, so none of it can be published."))
            continue
        present = set()
        for relative, source in _kept_files(kept):
            present.add(relative)
            if source.is_symlink() or not project.owns(source) or not _as_kept(source, relative, hashes):
                found.append(rule("archive-changed")(
                    Location(f"{where}/{relative}"), f"{where}/{relative} is not as site-gen archive kept it: it was "
                    f"changed or added by hand, so version {kept.version} cannot be published."))
        for relative in sorted(set(hashes) - present):
            found.append(rule("archive-changed")(
                Location(f"{where}/{RECORD}"), f"{where}/{relative} is missing: site-gen archive kept it with "
                f"version {kept.version}, so the version cannot be published as it was."))
    return found


def publish_archive(project: Project, site_dir: Path, plan, site_url: str | None, stamps: Path) -> list[str]:
    """Copy each earlier kept version into the new site, under versions/, marked as replaced: a notice on
    every page, and SUPERSEDED on every PDF. Returns the versions published. Only files exactly as site-gen
    archive kept them are copied (archive_findings reports the rest); nothing is made again. stamps: where
    stamped PDFs are kept between builds."""
    from site_gen.pdf.stamp import stamped

    earlier = earlier_versions(project, plan.version)
    replaced = replacements([kept.version for kept in earlier], plan)
    for kept in earlier:
        target = site_dir / PUBLISHED_AS / kept.version
        hashes = _kept_hashes(kept) or {}
        for relative, source in _kept_files(kept):
            if (source.is_symlink() or relative not in hashes or not project.owns(source)
                    or not _as_kept(source, relative, hashes)):
                continue
            kind = archived_kind(source)
            if kind is None:
                continue
            if kind == "picture":
                try:
                    drawing = publishable(relative, source.read_bytes())
                except Refused:
                    continue  # not drawing only: left in archive/, never published
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if kind == "page":
                depth = 2 + relative.count("/")  # versions/VERSION/ and any folders below
                destination.write_text(scripts_barred(notice(source.read_text(encoding="utf-8"), kept.version, depth,
                                                             replaced[kept.version],
                                                             own_address(site_url, kept.version, relative))),
                                       encoding="utf-8")
            elif kind == "pdf":
                destination.write_bytes(stamped(source, stamp_line(kept.version, replaced[kept.version]), stamps))
            elif kind == "picture":
                destination.write_bytes(drawing)
            else:
                shutil.copyfile(source, destination)
    return [kept.version for kept in earlier]


def archive(project: Project) -> tuple[list[Finding], str | None]:
    """Keep a copy of the built site as archive/VERSION/: only a site built as approved or published."""
    manifest_file = project.build_dir / "manifest.json"
    if not manifest_file.is_file():
        return [rule("nothing-built")(Location("build/manifest.json"), "There is no built site to keep: "
                                      "build/manifest.json is missing.")], None
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
    site = project.build_dir / "site"
    shutil.copytree(site, target, symlinks=False,
                    ignore=lambda folder, names: [PUBLISHED_AS, *LEFT_OUT] if Path(folder) == site else [])
    shutil.copyfile(manifest_file, target / RECORD)
    kept = Archived(version, target)
    hashes = _kept_hashes(kept) or {}
    copied = dict(_kept_files(kept))
    if set(copied) != set(hashes) or not all(_as_kept(path, relative, hashes) for relative, path in copied.items()):
        shutil.rmtree(target, ignore_errors=True)
        return [rule("archive-changed")(Location("build/site"), "build/site is not as site-gen build made it (a file "
                                        "was changed, added or taken away since), so it was not kept.",
                                        "Build the plan again with site-gen build, then run site-gen archive.")], None
    return [], (f"Kept version {version} (build {manifest['fingerprint'][:7]}) in {ARCHIVE}/{version}. "
                f"Commit it with the plan. Every build of a later version publishes it at {PUBLISHED_AS}/{version}/, "
                "marked as replaced.")
