"""The example plan's website, parsed and asserted on."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import yaml
from bs4 import BeautifulSoup

from site_gen.render.formatting import figure_text

LOADING = {"script": "src", "img": "src", "iframe": "src", "video": "src", "audio": "src", "source": "src",
           "embed": "src", "object": "data"}
LOADING_LINK_RELS = {"stylesheet", "preload", "icon", "manifest", "modulepreload", "preconnect", "dns-prefetch",
                     "prefetch", "apple-touch-icon"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_text(path: Path) -> str:
    return " ".join(soup(path).find("article").get_text(" ", strip=True).split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_home_shows_vision_priorities_and_headline_figures_from_the_data(site, plan):
    text = article_text(site / "index.html")
    assert " ".join(plan.data.plan.vision.split()) in text
    home = soup(site / "index.html")
    links = {a["href"] for a in home.find("article").find_all("a", href=True)}
    for priority in plan.data.priorities.priorities:
        if priority.kind == "priority":  # the home page lists the strategic priorities, not every programme
            assert priority.title in text
            assert f"priorities/{priority.id}.html" in links
    assert plan.data.finance.headlines, "the example plan has headline figures"
    for headline in plan.data.finance.headlines:
        figure = plan.context.index.figure(f"finance.{headline.id}")
        assert f"{figure_text(figure.value, figure.unit)} {headline.label}" in text


def page_of(priority) -> str:
    """Where a priority, workstream or enabling programme is shown."""
    folder = {"priority": "priorities", "workstream": "workstreams"}.get(priority.kind)
    return f"{folder}/{priority.id}.html" if folder else "enabling.html"


def test_every_generated_page_exists(site, plan):
    expected = ["index.html", "population.html", "priorities/index.html", "workstreams/index.html", "enabling.html",
                "alignment.html", "finance.html", "performance.html", "risks.html", "milestones.html",
                "governance.html", "documents.html", "glossary.html", "privacy.html", "404.html"]
    expected += [page_of(p) for p in plan.data.priorities.priorities]
    for page in expected:
        assert (site / page).is_file(), page


def test_every_page_carries_the_draft_banner_with_the_fingerprint(site, built_example):
    manifest = json.loads((built_example / "build" / "manifest.json").read_text())
    banner = f"Draft version 0.3, not approved (build {manifest['fingerprint'][:7]})."
    for page in html_pages(site):
        html = soup(page)
        found = html.select_one(".md-banner .lifecycle-banner")
        assert found is not None and banner in found.get_text(" ", strip=True), page
        assert html.find("meta", attrs={"name": "robots"})["content"].startswith("noindex"), page


def _menu_targets(site: Path, page: str) -> set[str]:
    """The pages a page's menu links to, as paths in the site."""
    import posixpath

    nav = soup(site / page).select_one("nav.md-nav--primary")
    here = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(here, a["href"])) for a in nav.find_all("a", href=True)
            if not a["href"].startswith("#")}


def test_navigation_reaches_every_section(site, plan):
    targets = _menu_targets(site, "index.html")
    for page in ["about.html", "strategy.html", "money.html", "finance.html", "risks.html", "glossary.html",
                 "priorities/index.html"]:
        assert page in targets, page
    # A section's pages are in the menu of its own pages: the home page's menu shows the section's heading.
    for priority in plan.data.priorities.priorities:
        section = page_of(priority).rpartition("/")[0]
        in_section = _menu_targets(site, f"{section}/index.html") if section else set()
        assert page_of(priority) in targets | in_section, page_of(priority)


def test_site_search_is_built_and_indexes_the_plan(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "finance.html" in locations
    assert any("Single Point of Referral" in doc["text"] for doc in index["docs"])
    assert soup(site / "index.html").select_one("input.md-search__input") is not None


def test_tables_have_captions_scoped_headers_and_scroll_by_keyboard(site):
    tables = 0
    for page in html_pages(site):
        for table in soup(page).find("article").find_all("table") if soup(page).find("article") else []:
            tables += 1
            assert table.caption and table.caption.get_text(strip=True), page
            for th in table.select("thead th"):
                assert th.get("scope") == "col", (page, th)
            for th in table.select("tbody th"):
                assert th.get("scope") == "row", (page, th)
            region = table.find_parent("div", class_="table-scroll")
            assert region is not None and region.get("tabindex") == "0" and region.get("role") == "region", page
            assert region.get("aria-label") or region.get("aria-labelledby"), page
    assert tables >= 3


def test_finance_tables_show_every_table_with_its_unit(site, plan):
    html = soup(site / "finance.html")
    captions = [c.get_text(" ", strip=True) for c in html.find_all("caption")]
    for table in plan.data.finance.tables:
        assert f"{table.title} ({table.unit})" in captions


def test_delivery_confidence_is_worked_out_and_shown_in_words(site):
    html = soup(site / "finance.html")
    table = html.find(id="table-qipp-summary")
    ratings = [span.get_text() for span in table.select("span.rating")]
    # Risk-adjusted / identified on the plan's scale: Planned Care 1,745 of 3,491 is 50%.
    assert ratings[0] == "Red-Amber"
    assert set(ratings) <= {"Red", "Red-Amber", "Amber", "Green"}


def test_glossary_lists_every_term(site, plan):
    text = article_text(site / "glossary.html")
    for term in plan.data.glossary.terms:
        assert term.term in text


def _external(url: str | None) -> bool:
    if not url:
        return False
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def test_the_site_requests_nothing_from_any_other_host(site):
    for page in html_pages(site):
        html = soup(page)
        for tag, attribute in LOADING.items():
            for element in html.find_all(tag):
                assert not _external(element.get(attribute)), (page, element)
        for link in html.find_all("link"):
            if LOADING_LINK_RELS & set(link.get("rel", [])):
                assert not _external(link.get("href")), (page, link)
        for style in html.find_all(style=True):
            assert "url(http" not in style["style"].replace(" ", ""), page
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not _external(url), (css, url)
    for asset in list(site.rglob("*.js")) + list(site.rglob("*.css")):
        text = asset.read_text(encoding="utf-8", errors="replace")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "googletagmanager", "google-analytics"):
            assert host not in text, (asset, host)


def test_manifest_lists_pages_and_the_hash_of_every_output(built_example, plan):
    build = built_example / "build"
    manifest = json.loads((build / "manifest.json").read_text())
    assert manifest["title"] == plan.data.plan.title
    assert manifest["version"] == "0.3" and manifest["status"] == "draft"
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["fingerprint"])
    assert {"path": "index.html", "title": "Home", "source": "default templates/pages/home.md.j2"} in manifest["pages"]
    files = {p.relative_to(build).as_posix() for p in (build / "site").rglob("*") if p.is_file()}
    assert {o["path"] for o in manifest["outputs"]} == files
    for output in manifest["outputs"]:
        assert hashlib.sha256((build / output["path"]).read_bytes()).hexdigest() == output["sha256"]
    assert manifest["findings"] == {"error": 0, "warning": 0, "info": 0}


def test_a_draft_lets_crawlers_see_its_noindex_but_offers_no_sitemap(site):
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_example_plan_settings_are_only_names(built_example):
    settings = yaml.safe_load((built_example / "mkdocs.yml").read_text())
    assert set(settings) <= {"site_name", "site_url", "copyright", "extra"}


def test_the_site_carries_none_of_the_themes_files_no_reader_needs(site):
    """Issue 16: no source maps, and no search support for languages other than English (2 MB a version);
    test_browser.py shows that search still works."""
    assert not list(site.rglob("*.map"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert (site / "assets" / "javascripts" / "workers").is_dir()
