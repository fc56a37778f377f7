"""The board pack: one zip with both PDFs, the changes since the named version, and a copy of the site
that works opened from disk in a real browser, search included, asking nothing of any other host."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from conftest import FIXTURES, copy_plan
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS

from site_gen.approval.record import Decision, approve
from site_gen.pack import pack
from site_gen.project import Project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _packed(tmp_path: Path) -> tuple[Path, Path]:
    """A plan taken back after approval, with a changed figure, and its pack."""
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031"))[0] == []
    record = next((root / "approvals").glob("*.json")).relative_to(root).as_posix()
    _edit(root / "data" / "plan.yml", "status: approved", f"status: draft\nchanges_since: {record}")
    _edit(root / "data" / "population.yml", "value: 264630", "value: 265100")
    findings, written = pack(Project(root))
    assert written is not None, findings
    return root, written


def test_the_pack_holds_both_pdfs_the_changes_and_the_site_and_is_the_same_each_time(tmp_path):
    root, written = _packed(tmp_path)
    assert written.parent == root / "build" and written.name.startswith("board-pack-version-0.3-build-")
    with zipfile.ZipFile(written) as archive:
        names = archive.namelist()
        assert names[:6] == ["README.txt", "decision-sheet.pdf", "plan.pdf", "plan-on-a-page.pdf", "changes.txt",
                             "site/404.html"]
        assert {"site/index.html", "site/search/search_index.js", "site/assets/offline-search.js"} <= set(names)
        assert archive.read("plan.pdf") == (root / "build" / "site" / "downloads" / "plan.pdf").read_bytes()
        changes = archive.read("changes.txt").decode("utf-8")
        assert "    Was 264,630 people, now 265,100 people: up 470 people." in changes.splitlines()
        assert written.name.removeprefix("board-pack-version-0.3-build-").removesuffix(".zip") in \
            archive.read("README.txt").decode("utf-8")
    first = written.read_bytes()
    written.unlink()
    assert pack(Project(root))[1].read_bytes() == first


def test_the_packed_site_searches_and_navigates_from_disk_with_no_request_elsewhere(tmp_path):
    _, written = _packed(tmp_path)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(written) as archive:
        archive.extractall(unpacked)
    start = (unpacked / "site" / "about.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        elsewhere: list[str] = []
        page.on("request", lambda request: None if request.url.startswith("file:") else elsewhere.append(request.url))
        page.goto(start)
        page.focus("input.md-search__input")
        page.keyboard.type("supported housing")
        page.wait_for_function("() => /matching document/.test(document.querySelector('.md-search-result__meta')"
                               ".textContent)")
        links = page.query_selector_all("a.md-search-result__link")
        assert links, "no results"
        assert any("supported housing" in link.inner_text().lower() for link in links)
        links[0].click()
        page.wait_for_load_state()
        assert page.url.startswith((unpacked / "site").as_uri()) and page.url != start
        page.focus("input.md-search__input")
        page.keyboard.type("zzzqqq")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim()"
                               " === 'No matching documents'")
        browser.close()
    assert elsewhere == []
