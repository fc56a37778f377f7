"""Every internal link and anchor on every page of every plan leads somewhere: the file exists in the
built site, and the #anchor is an id on that page. Checked offline, on the built HTML."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup


def _broken(site: Path, prefix: str) -> list[str]:
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    ids: dict[str, set[str]] = {}
    parsed = {}
    for path, file in pages.items():
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        parsed[path] = soup
        ids[path] = {tag["id"] for tag in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
    broken = []
    for path, soup in parsed.items():
        if path.startswith("versions/"):
            continue  # an earlier version, kept as it was published
        for element in soup.find_all(["a", "link", "img", "script"]):
            target = element.get("href") or element.get("src")
            if not target or target.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            url = urlparse(target)
            if url.scheme or url.netloc:
                continue  # leaves the site: the privacy tests make sure no page loads anything from elsewhere
            if url.path.startswith("/"):
                resolved = url.path[len(prefix):] if url.path.startswith(prefix) else url.path.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(url.path))) \
                    if url.path else path
            resolved = resolved or "index.html"
            if resolved.endswith("/"):
                resolved += "index.html"
            if not (site / resolved).is_file():
                broken.append(f"{path}: {target} (no file {resolved})")
            elif url.fragment and resolved.endswith(".html") and unquote(url.fragment) not in ids.get(resolved, set()):
                broken.append(f"{path}: {target} (no #{url.fragment} on {resolved})")
    return broken


def test_every_link_and_anchor_of_the_example_plan_resolves(built_example):
    site = built_example / "build" / "site"
    assert _broken(site, "/") == []


def test_every_link_and_anchor_of_every_example_resolves(built_examples):
    for name, root in built_examples.items():
        assert _broken(root / "build" / "site", f"/{name}/") == [], name
