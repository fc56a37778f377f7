"""The website reads as a publication of the organisation: its logo and the plan's name in full in the header,
a document header on every page (who publishes it, when, the version and its status), breadcrumbs and the
previous and next page instead of a second menu, and a home page that says what the plan is, with its
priorities as cards and the PDFs offered with their paper, pages and size."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES

from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.standing import status_words
from site_gen.site.brand import site_facts
from site_gen.site.file_facts import fill_facts, pages_text, paper_name, size_text


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html"
                  and not p.relative_to(site).as_posix().startswith("versions/"))


# The home page -----------------------------------------------------------------------------------------------

def test_the_home_page_shows_each_priority_as_a_card_linking_to_its_page(site, plan):
    cards = soup(site / "index.html").select("article .card-group > li.card")
    priorities = [p for p in plan.data.priorities.priorities if p.kind == "priority"]
    assert [card.select_one("a.card__link")["href"] for card in cards] == \
        [f"priorities/{p.id}.html" for p in priorities]
    for card, priority in zip(cards, priorities, strict=True):
        assert card.select_one("a.card__link").get_text(strip=True) == priority.title
        assert card.select_one(".card__text").get_text(" ", strip=True) == " ".join(priority.aim.split())
        # Read aloud, or printed, the card is one sentence: "Title: aim".
        assert card.get_text("", strip=False).startswith(f"{priority.title}: ")


def test_the_vision_is_set_apart_near_the_top_of_the_home_page(site, plan):
    vision = soup(site / "index.html").select_one("article p.vision")
    assert " ".join(vision.get_text(" ").split()) == " ".join(plan.data.plan.vision.split())


def test_the_home_page_offers_both_pdfs_with_their_paper_pages_and_size(site):
    links = soup(site / "index.html").select(".document-header .document-downloads li")
    assert [li.a.get_text(strip=True) for li in links] == ["Plan on a page", "Full plan"]
    for item in links:
        pdf = site / item.a["href"]
        assert item.a.has_attr("download")
        with pikepdf.open(pdf) as document:
            count = len(document.pages)
        facts = item.select_one(".file-facts").get_text(strip=True)
        found = re.fullmatch(r"\(PDF, (A3|A4), (\d+) pages?, ([\d.]+) (KB|MB)\)", facts)
        assert found, facts
        assert int(found.group(2)) == count
        size = pdf.stat().st_size / 1024 / (1024 if found.group(4) == "MB" else 1)
        assert abs(float(found.group(3)) - size) <= (0.05 if found.group(4) == "MB" else 0.5), (facts, pdf)
    assert "1 page," in links[0].get_text() and "(PDF, A4," in links[1].get_text()


def test_the_pages_are_hashed_in_the_manifest_as_they_are_published(site, built_example):
    """The PDFs' facts are written into the home page after MkDocs; the manifest is made after that."""
    manifest = json.loads((built_example / "build" / "manifest.json").read_text(encoding="utf-8"))
    hashes = {entry["path"]: entry["sha256"] for entry in manifest["outputs"]}
    assert hashes["site/index.html"] == hashlib.sha256((site / "index.html").read_bytes()).hexdigest()
    assert "(PDF)" not in (site / "index.html").read_text(encoding="utf-8")


# Every page --------------------------------------------------------------------------------------------------

def test_every_page_has_the_document_header_with_the_organisation_version_and_status(site, plan):
    organisation = plan.data.plan.organisation.name
    for page in site_pages(site):
        html = soup(page)
        header = html.select_one(".md-content > .document-header")
        assert header is not None, page
        # Outside the article: about the publication, so not in the words the full plan prints.
        assert header.find_parent("article") is None and not html.select("article .document-header"), page
        rows = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True) for row in header.select("dl > div")}
        assert rows["From"] == organisation, page
        assert rows["Version"] == "0.3, draft, not yet approved", page
        assert rows["Last updated"] == html.select_one(".page-updated").get_text().removeprefix("Last updated: ")
    assert not soup(site / "404.html").select(".document-header")


def test_a_page_in_a_section_has_breadcrumbs_back_to_the_section_and_home(site, plan):
    priority = next(p for p in plan.data.priorities.priorities if p.kind == "priority")
    crumbs = soup(site / "priorities" / f"{priority.id}.html").select("nav.breadcrumbs[aria-label=Breadcrumb] a")
    assert [(a.get_text(strip=True), a["href"]) for a in crumbs] == [("Home", "../index.html"),
                                                                     ("Our priorities", "index.html")]
    assert [a.get_text(strip=True) for a in soup(site / "finance.html").select("nav.breadcrumbs a")] == ["Home"]
    assert not soup(site / "index.html").select("nav.breadcrumbs")


def test_pages_lead_on_to_the_next_and_list_their_headings_in_the_menu_not_in_a_second_one(site):
    page = soup(site / "about.html")
    assert page.select_one(".md-sidebar--secondary") is None
    assert page.select("nav.md-nav--primary nav.md-nav--secondary a")  # the page's headings, under it in the menu
    directions = [a["aria-label"].split(":")[0] for a in page.select("footer nav.md-footer__inner a.md-footer__link")]
    assert directions == ["Previous", "Next"]


def test_measures_show_their_status_as_a_tag_with_words(site):
    tags = soup(site / "performance.html").select("article td span.status")
    assert tags and all(tag.get_text(strip=True) for tag in tags)


# In a browser ------------------------------------------------------------------------------------------------

HEADER = """() => {
  const title = document.querySelector('.md-header__title');
  const name = title.querySelector('.md-header__topic .md-ellipsis');
  const logo = document.querySelector('.md-header .md-logo img');
  const shown = logo && getComputedStyle(logo.closest('.md-logo')).display !== 'none';
  return {text: name.textContent.trim(), clipped: name.scrollWidth > name.clientWidth + 1
            || title.scrollHeight > title.clientHeight + 1,
          ellipsis: getComputedStyle(name).textOverflow === 'ellipsis' && getComputedStyle(name).overflow === 'hidden',
          lines: Math.round(name.getBoundingClientRect().height / parseFloat(getComputedStyle(name).lineHeight)),
          inHeader: name.getBoundingClientRect().bottom <= document.querySelector('.md-header').getBoundingClientRect().bottom,
          logo: shown ? logo.getBoundingClientRect().height : null};
}"""


@pytest.fixture(scope="module")
def served(built_examples):
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from test_browser import _QuietHandler

    site = (built_examples["mid-essex"] / "build" / "site").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_header_shows_the_logo_at_a_usable_size_and_the_plans_name_in_full_on_a_phone(served, built_examples):
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, FLAGS

    name = (built_examples["mid-essex"] / "mkdocs.yml").read_text(encoding="utf-8").split("site_name:")[1]
    name = name.split("\n")[0].strip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            seen = {}
            for width in (320, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto(f"{served}/money.html")
                page.mouse.wheel(0, 2000)  # the theme swaps the name for the page's title once the page scrolls
                page.wait_for_timeout(300)
                seen[width] = page.evaluate(HEADER)
                page.close()
        finally:
            browser.close()
    for width, header in seen.items():
        assert header["text"] == name, width
        assert not header["clipped"] and not header["ellipsis"] and header["inHeader"], (width, header)
    assert seen[320]["lines"] >= 2  # it wraps rather than being cut short
    assert 40 <= seen[1280]["logo"] <= 48


# Pure parts --------------------------------------------------------------------------------------------------

def test_file_sizes_and_pages_are_written_as_people_read_them():
    assert [size_text(n) for n in (300, 51_200, 184_320, 1_023_999, 1_468_006, 104_857_600 * 2)] == \
        ["1 KB", "50 KB", "180 KB", "1000 KB", "1.4 MB", "200 MB"]
    assert [pages_text(n) for n in (1, 2, 1200)] == ["1 page", "2 pages", "1,200 pages"]
    assert paper_name(595.28, 841.89) == "A4" and paper_name(1190.55, 841.89) == "A3"
    assert paper_name(612, 792) is None  # US letter


def test_a_marker_gets_its_files_facts_escaped_and_one_without_facts_keeps_its_words():
    page = ('<span class="file-facts" data-file="downloads/plan.pdf">(PDF)</span> '
            '<span class="file-facts" data-file="downloads/other.pdf">(PDF)</span>')
    facts = {"downloads/plan.pdf": "PDF, <A4>, 2 pages, 1 KB"}
    assert fill_facts(page, facts.get) == (
        '<span class="file-facts" data-file="downloads/plan.pdf">(PDF, &lt;A4&gt;, 2 pages, 1 KB)</span> '
        '<span class="file-facts" data-file="downloads/other.pdf">(PDF)</span>')


@pytest.mark.parametrize(("status", "words", "published"), [
    ("draft", "draft, not yet approved", False),
    ("consultation", "consultation draft, not yet approved", False),
    ("approved", "approved", False),
    ("published", "approved", True),
])
def test_the_status_in_words_and_the_date_published(status, words, published):
    data = check_project(Project(FIXTURES / "good-complete")).data
    data = dataclasses.replace(data, plan=data.plan.model_copy(update={"status": status}))
    assert status_words(data.plan) == words
    facts = site_facts(data)
    assert (facts.published is not None) == published
    assert facts.as_extra()["status_words"] == words and facts.as_extra()["version"] == data.plan.version


def test_a_superseded_plan_names_the_version_that_replaced_it():
    from site_gen.model.plan import Supersession

    data = check_project(Project(FIXTURES / "good-complete")).data
    newer = Supersession.model_construct(version="2.0", url="https://plan.example.nhs.uk/")
    plan = data.plan.model_copy(update={"status": "superseded", "superseded_by": newer})
    assert status_words(plan) == "replaced by version 2.0"
