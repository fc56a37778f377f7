"""Each page's menu stays the same size however many pages the plan has: a list longer than MOST_SHOWN
entries shows those around the page and links to a page listing them all, and the plan's own parts
(Finance, Risks and the other pages site_gen makes) are always in it."""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project
from site_gen.site.menu import MOST_SHOWN

EXTRA_PAGES = MOST_SHOWN + 12  # top-level pages of its own that a plan adds, more than a menu shows
PRIORITIES = 2 * (MOST_SHOWN + 10)  # programmes: about half are priorities, the rest workstreams


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_plan import Size, write_plan

    root = write_plan(tmp_path_factory.mktemp("menu") / "plan",
                      Size(pages=14, charts=2, measures=20, priorities=PRIORITIES, schemes=4, finance_rows=30)).root
    for n in range(1, EXTRA_PAGES + 1):
        (root / "content" / f"local-area-{n:02}.md").write_text(
            f"---\ntitle: Local area {n}\norder: {500 + n}\n---\n\nWhat we will do in local area {n}.\n",
            encoding="utf-8")
    findings = build(Project(root), full_pdf=False)
    assert not has_errors(findings), [f.message for f in findings if f.severity.value == "error"]
    return root / "build" / "site"


def _menu(site: Path, page: str) -> list[tuple[str, str, int]]:
    """(title, link, depth) of each link in the page's main menu, leaving out the page's own headings."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    menu = soup.select_one("nav.md-nav--primary")
    links = []
    for link in menu.select("a.md-nav__link"):
        if link.get("href", "").startswith("#"):
            continue
        depth = len(link.find_parents("ul")) - 1
        links.append((" ".join(link.get_text().split()), link["href"], depth))
    return links


def _titles(links: list[tuple[str, str, int]], prefix: str) -> list[str]:
    return [title for title, _, _ in links if title.startswith(prefix)]


def test_a_long_top_level_shows_the_entries_around_the_page_and_every_part_of_the_plan(large_site: Path) -> None:
    menu = _menu(large_site, "local-area-40.html")
    areas = _titles(menu, "Local area")
    assert "Local area 40" in areas
    assert "Local area 1" not in areas  # far from the page: reached through the contents
    for part in ("Home", "Our priorities", "Finance", "Performance", "Risks", "Glossary", "Downloads"):
        assert part in [title for title, _, _ in menu], part
    top = [entry for entry in menu if entry[2] == 0]
    authored = [title for title, _, _ in top if title.startswith(("Local area", "Our plans", "Improving"))]
    assert len(authored) == MOST_SHOWN
    assert top[-1][0].startswith("All ") and top[-1][0].endswith(" parts of the plan")
    assert top[-1][1] == "index.html#what-is-in-this-plan"


def test_the_home_page_lists_every_page_the_menus_leave_out(large_site: Path) -> None:
    home = BeautifulSoup((large_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    contents = home.find(id="what-is-in-this-plan").find_next("ul")
    listed = {" ".join(a.get_text().split()) for a in contents.find_all("a")}
    assert {f"Local area {n}" for n in range(1, EXTRA_PAGES + 1)} <= listed
    assert "Our priorities" in listed


def test_a_long_section_shows_the_pages_around_the_page_and_links_to_its_index(large_site: Path) -> None:
    priority_pages = sorted(p for p in (large_site / "priorities").glob("*.html") if p.name != "index.html")
    assert len(priority_pages) > MOST_SHOWN + 2
    last = priority_pages[-1]
    menu = _menu(large_site, f"priorities/{last.name}")
    inside = [entry for entry in menu if entry[2] == 1]
    assert len(inside) <= MOST_SHOWN + 2  # the window, the section's index and the link to all
    assert any(href == last.name for _, href, _ in inside)
    title, href, _ = inside[-1]
    assert title == f"All {len(priority_pages) + 1} pages of Our priorities" and href == "index.html"
    index = BeautifulSoup((large_site / "priorities" / "index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {posixpath.normpath(posixpath.join("priorities", a["href"])) for a in index.select("article a[href]")}
    assert {f"priorities/{p.name}" for p in priority_pages} <= linked


def test_a_plan_of_few_pages_keeps_its_whole_menu(site: Path) -> None:
    """The examples' lists are short: nothing is cut, and no page links to 'All …'."""
    for page in ("index.html", "finance.html"):
        assert not [title for title, _, _ in _menu(site, page) if title.startswith("All ")]
