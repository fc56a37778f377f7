"""A preview's rebuild after an edit: MkDocs renders again only the pages whose staged Markdown changed, over
the last site's other files (linked into a new folder, see can_render_only_changes), when nothing that every page shows has changed. What every page shows is the menu
and the rest of the configuration, the theme's templates, the acronyms the pages expand and the drawings put
into them; when any of those changed, or there is no last site, the whole site is made afresh, as it always
is for `site-gen build`. A page MkDocs does not render again is the same file as before, and was right then,
so the preview never shows a page older than its inputs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from site_gen.sealed import read_sealed, write_sealed

KEY_FILE = "site-wide.key"  # beside the staged files: the key of the last site built from them
SEARCH_INDEX = "search/search_index.json"


def _files(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}


def sync_tree(source: Path, target: Path) -> set[str]:
    """Make target hold what source holds, moving in only the files whose bytes differ, so that an unchanged
    file keeps its time; source is used up. Returns the paths (relative, with /) that changed or went."""
    target.mkdir(parents=True, exist_ok=True)
    new, old = _files(source), _files(target)
    changed = set()
    for relative, path in new.items():
        here = old.get(relative)
        if here is not None and _same(here, path):
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target / relative)
        changed.add(relative)
    for relative in old.keys() - new.keys():
        (target / relative).unlink()
        changed.add(relative)
    shutil.rmtree(source, ignore_errors=True)
    return changed


# Files MkDocs writes on every build, whatever changed, and the search index the build then mends.
REWRITTEN = (SEARCH_INDEX, "sitemap.xml", "sitemap.xml.gz", "404.html")


def _link_or_copy(path: Path, target: Path) -> None:
    try:
        os.link(path, target)
    except OSError:  # a file system without links
        shutil.copy2(path, target)


def _same(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes: the same file, linked in by staging, or equal contents."""
    first, second = one.stat(), other.stat()
    if os.path.samestat(first, second):
        return True
    return first.st_size == second.st_size and one.read_bytes() == other.read_bytes()


def site_wide_key(config_file: Path, site_dir: Path, overrides: Path, abbreviations: dict[str, str],
                  drawings: dict[str, str]) -> str:
    """A digest of everything each page of the site shows beyond its own Markdown. The site's folder, new
    for each build, is left out of the configuration."""
    digest = hashlib.sha256()
    digest.update(config_file.read_bytes().replace(str(site_dir).encode("utf-8"), b"<site>"))
    for relative, path in _files(overrides).items():
        digest.update(relative.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(abbreviations, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for name, drawing in sorted(drawings.items()):  # megabytes of drawings: hashed as they are, not as JSON
        digest.update(b"\0" + name.encode("utf-8") + b"\0" + drawing.encode("utf-8"))
    return digest.hexdigest()


def page_url(staged: str) -> str:
    """The address of a page in the site: priorities/x.md (as staged under docs/) is priorities/x.html."""
    return staged.removeprefix("docs/").removesuffix(".md") + ".html"


def _page_of(entry: dict) -> str:
    """The page a search index entry is on: its address without the heading's anchor."""
    return entry["location"].split("#", 1)[0]


@dataclass
class SiteChanges:
    """What changed in the staged files since the last build, and the key of what every page shows."""

    work: Path
    site_dir: Path
    changed: set[str]
    key: str
    last_key: str | None
    last_index: bytes | None = None

    @classmethod
    def after_staging(cls, staged: Path, work: Path, site_dir: Path, abbreviations: dict[str, str],
                      drawings: dict[str, str]) -> SiteChanges:
        """Move the newly staged files into work/, keeping unchanged ones as they were. The last build's key
        is forgotten until this build is published, so a build that fails is never built on."""
        key_file = work / KEY_FILE
        # Sealed (sealed.py): a build/ folder that came with the plan must not pass off its own site as ours.
        kept = read_sealed(key_file)
        last_key = kept.decode("utf-8") if kept is not None else None
        key_file.unlink(missing_ok=True)
        changed = sync_tree(staged, work)
        key = site_wide_key(work / "mkdocs.yml", site_dir, work / "overrides", abbreviations, drawings)
        return cls(work, site_dir, changed, key, last_key)

    def can_render_only_changes(self, last_site: Path, rewritten: tuple[str, ...] = ()) -> bool:
        """Whether the last site can be copied and only the changed pages rendered over it: the same key as
        last time and a last site to copy. If so, puts it, with its files' times, into this build's site.

        Most of its files are linked in, not copied: a large plan's site is hundreds of files. A linked file
        is the last site's own, so it must never be written: MkDocs writes the pages it renders and the files
        that changed, which are left out here for it to make anew, and a few files every build (the search
        index and the others in REWRITTEN, and rewritten: paths, or folders ending in /, that the build
        writes after MkDocs), which are copied. The last site stays as it was until the new one replaces it."""
        if self.last_key != self.key or not last_site.is_dir():
            return False
        source = last_site.resolve()
        made_anew = self.rebuilt_pages() | {path.removeprefix("docs/") for path in self.changed
                                            if path.startswith("docs/") and not path.endswith(".md")}
        copied = REWRITTEN + rewritten
        copied_folders = tuple(c for c in copied if c.endswith("/"))
        for relative, path in _files(source).items():
            if relative in made_anew:
                continue
            target = self.site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if relative in copied or relative.startswith(copied_folders):
                shutil.copy2(path, target)
            else:
                _link_or_copy(path, target)
        index = self.site_dir / SEARCH_INDEX
        self.last_index = index.read_bytes() if index.is_file() else None
        return True

    def rebuilt_pages(self) -> set[str]:
        return {page_url(path) for path in self.changed if path.startswith("docs/") and path.endswith(".md")}

    def restore_search_index(self) -> None:
        """MkDocs indexes only the pages it rendered: put back the entries of the others from the last index,
        the pages in the order they had there (the same pages: the menu has not changed), written as the
        theme writes it."""
        index_file = self.site_dir / SEARCH_INDEX
        if self.last_index is None or not index_file.is_file():
            return
        fresh = json.loads(index_file.read_text(encoding="utf-8"))
        last = json.loads(self.last_index)["docs"]
        rebuilt = self.rebuilt_pages()
        by_page: dict[str, list] = {_page_of(entry): [] for entry in last}  # the pages in their last order
        for entries, is_fresh in ((last, False), (fresh["docs"], True)):
            for entry in entries:
                if is_fresh == (_page_of(entry) in rebuilt):
                    by_page.setdefault(_page_of(entry), []).append(entry)
        fresh["docs"] = [entry for entries in by_page.values() for entry in entries]
        index_file.write_text(json.dumps(fresh, separators=(",", ":"), default=str), encoding="utf-8")

    def remember(self) -> None:
        """The build is published: the next one may build on it."""
        write_sealed(self.work / KEY_FILE, self.key.encode("utf-8"))
