"""Pages and parts every site has: 404, privacy, last updated, report a problem, acronyms expanded."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.project import Project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_plan(FIXTURES / "good-complete", tmp_path_factory.mktemp("site-pages") / "plan")
    page = root / "content" / "about.md"
    page.write_text(page.read_text().replace("order: 1\n", "order: 1\nupdated: 2013-02-20\n", 1), encoding="utf-8")
    findings = build(Project(root))
    assert not [f for f in findings if f.severity.value == "error"], findings
    return root / "build" / "site"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_the_404_page_says_what_to_do_in_plain_english(site):
    page = soup(site, "404.html")
    assert page.select_one("article h1").text == "Page not found"
    text = page.select_one("article").get_text(" ")
    assert "check it is correct" in text and "communications@example.nhs.uk" in text


def test_privacy_is_linked_from_every_page_footer_but_not_from_the_menu(site):
    privacy = soup(site, "privacy.html")
    assert privacy.select_one("article h1").text == "Privacy"
    for html in ("index.html", "finance.html", "priorities/index.html"):
        page = soup(site, html)
        footer_links = [a.text for a in page.select(".footer-links a")]
        assert footer_links == ["Privacy", "Accessibility", "Contact us"]
        assert "Privacy" not in [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]


def test_each_page_says_when_it_was_last_updated(site):
    assert soup(site, "about.html").select_one(".page-updated").text == "Last updated: 20 February 2013"
    # A page that gives no date of its own shows the plan's latest version date.
    assert soup(site, "finance.html").select_one(".page-updated").text == "Last updated: 4 March 2013"


def test_report_a_problem_opens_an_email_that_names_the_page(site):
    link = soup(site, "finance.html").select_one(".page-problem a")
    assert link.text == "Report a problem with this page"
    address = urlparse(link["href"])
    query = parse_qs(address.query)
    assert address.scheme == "mailto" and address.path == "communications@example.nhs.uk"
    assert query["subject"] == ["Problem with the page: Finance"]
    assert "https://plan.example.nhs.uk/finance.html" in query["body"][0]


def test_acronyms_are_expanded_wherever_the_text_uses_them(built_example):
    page = soup(built_example / "build" / "site", "about.html")
    expansions = {abbr.text: abbr["title"] for abbr in page.select("article abbr")}
    glossary = yaml.safe_load((built_example / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    assert expansions["CCG"] == next(t["expansion"] for t in glossary if t["term"] == "CCG")
    assert "*[CCG]" not in page.get_text()
    # Generated tables are HTML, and their acronyms are expanded as well.
    finance = soup(built_example / "build" / "site", "finance.html")
    assert any(abbr.text == "BTUH" for abbr in finance.select("article table abbr"))


def test_a_folder_of_pages_is_a_section_of_the_menu_that_other_pages_show_closed(tmp_path: Path):
    from site_gen.findings import has_errors

    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    folder = root / "content" / "money-and-activity"
    folder.mkdir()
    for name, title in (("spending", "What we spend"), ("savings", "What we save")):
        (folder / f"{name}.md").write_text(f"---\ntitle: {title}\n---\n\nHow the money goes, in short.\n",
                                           encoding="utf-8")
    assert not has_errors(build(Project(root), full_pdf=False))
    site = root / "build" / "site"

    def menu(page: str) -> BeautifulSoup:
        return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(
            "nav.md-nav--primary")

    inside = menu("money-and-activity/spending.html")
    assert "Money and activity" in inside.get_text(" ")
    assert {a.get_text(strip=True) for a in inside.select("a")} >= {"What we spend", "What we save"}
    outside = menu("index.html")
    assert "Money and activity" in outside.get_text(" ")
    assert "What we save" not in outside.get_text(" ")  # its section is closed here: not in this page's menu
