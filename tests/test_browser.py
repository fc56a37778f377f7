"""The example site in a real browser (Debian's chromium): search finds the plan's words, the
navigation reaches every section, and no page asks any other host for anything."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site as a careful host would: with the headers the build writes to _headers, the
    strict Content-Security-Policy among them, on every response."""

    def end_headers(self) -> None:
        written = Path(self.directory) / "_headers"
        if written.is_file():
            for line in written.read_text(encoding="utf-8").splitlines()[1:]:
                name, _, value = line.strip().partition(": ")
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(built_example: Path):
    site = (built_example / "build" / "site").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it (Debian package chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def search(page, words: str) -> list[str]:
    page.fill("input.md-search__input", "")
    page.focus("input.md-search__input")
    page.keyboard.type(words)
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta')?.textContent.includes('Initializing')"
        " && document.querySelector('.md-search-result__meta')?.textContent.trim() !== ''")
    page.wait_for_timeout(300)
    return [a.get_attribute("href") for a in page.query_selector_all("a.md-search-result__link")]


def test_search_finds_a_priority_by_a_word_in_its_text(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/index.html")
    results = search(page, "pressure")  # from "Finding and treating high blood pressure"
    assert any("priorities/hypertension.html" in href for href in results), results
    assert search(page, "zzzqqq") == []


def test_every_page_loads_with_no_request_to_another_host(served, browser):
    base, site = served
    page = browser.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for html in sorted(site.rglob("*.html")):
        page.goto(f"{base}/{html.relative_to(site).as_posix()}", wait_until="networkidle")
    assert hosts == {urlparse(base).netloc}


def test_navigation_links_open_their_sections(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/index.html")
    page.click("nav.md-nav--primary >> text=Finance")
    assert page.url.endswith("/finance.html")
    assert page.inner_text("article h1") == "Finance"


def test_printed_pages_keep_the_draft_banner_and_drop_the_navigation(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/finance.html")
    page.emulate_media(media="print")
    shown = "e => getComputedStyle(e).display"
    assert page.eval_on_selector(".md-banner", shown) != "none"
    assert page.eval_on_selector(".md-header", shown) == "none"
    assert page.eval_on_selector(".md-sidebar--primary", shown) == "none"


def test_no_page_scrolls_sideways_on_a_320_pixel_screen(served, browser):
    base, site = served
    page = browser.new_page(viewport={"width": 320, "height": 800})
    wide = {}
    for html in sorted(site.rglob("*.html")):
        page.goto(f"{base}/{html.relative_to(site).as_posix()}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[html.name] = width
    assert wide == {}


def test_the_site_keeps_nothing_in_the_browser_as_its_privacy_page_says(served, browser):
    base, site = served
    context = browser.new_context()
    page = context.new_page()
    for html in ("index.html", "finance.html", "privacy.html"):
        page.goto(f"{base}/{html}", wait_until="networkidle")
    search(page, "pressure")
    stored = page.evaluate("() => [document.cookie, localStorage.length, sessionStorage.length]")
    assert stored == ["", 0, 0]
    assert context.cookies() == []
    privacy = (site / "privacy.html").read_text()
    assert "does not set cookies" in privacy and "does not use analytics" in privacy
    context.close()


def test_charts_read_fully_with_javascript_off(served, browser):
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/finance.html")
    figures = page.query_selector_all("figure.chart")
    assert len(figures) >= 6
    for figure in figures:
        drawing = figure.query_selector(".chart-wide svg")
        assert drawing.is_visible() and drawing.bounding_box()["width"] > 300
        assert figure.query_selector(".chart-summary").inner_text().strip()
        figure.query_selector("details summary").click()  # the table opens without any script
        assert figure.query_selector("details table").is_visible()
    context.close()


def test_on_a_phone_the_narrow_drawing_shows_with_text_at_its_own_size(served, browser):
    base, _ = served
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(f"{base}/finance.html")
    for figure in page.query_selector_all("figure.chart"):
        narrow, wide = figure.query_selector(".chart-narrow svg"), figure.query_selector(".chart-wide svg")
        assert narrow.is_visible() and not wide.is_visible()
        drawn = float(narrow.get_attribute("width"))
        shown = narrow.bounding_box()["width"]
        assert shown / drawn > 0.8  # shrunk by less than a fifth, so 13px labels stay above 10px


def test_no_page_breaks_the_content_security_policy_the_build_writes(served, browser):
    base, site = served
    policy = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'none'; script-src 'self' 'sha256-" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page = browser.new_page()
    page.add_init_script("window.__violations = [];"
                         "document.addEventListener('securitypolicyviolation',"
                         " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    broken = {}
    for html in sorted(site.rglob("*.html")):
        page.goto(f"{base}/{html.relative_to(site).as_posix()}", wait_until="networkidle")
        violations = page.evaluate("window.__violations")
        if violations:
            broken[html.name] = violations
    assert broken == {}


def test_the_first_tab_reaches_a_skip_link_that_jumps_to_the_content(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/money.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent.trim(),"
                            " href: document.activeElement.getAttribute('href'),"
                            " height: document.activeElement.getBoundingClientRect().height})")
    assert "md-skip" in focused["cls"] and focused["text"] == "Skip to content" and focused["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == focused["href"]
    target = page.evaluate(f"document.getElementById('{focused['href'][1:]}').getBoundingClientRect().top")
    assert -2 < target < 200  # the content is at the top of the window


def test_focus_is_always_visible_while_tabbing_through_a_page(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/finance.html")
    unmarked = []
    for _ in range(40):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const e = document.activeElement; if (!e || e === document.body) return null;"
            " const s = getComputedStyle(e); return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 30),"
            " outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,"
            " shadow: s.boxShadow !== 'none'}; })()")
        if style and not (style["outline"] or style["shadow"]):
            unmarked.append(style)
    assert unmarked == []


def test_printing_shows_the_content_without_the_menus(served, browser):
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/money.html")
    page.emulate_media(media="print")
    hidden = page.evaluate("['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']"
                           ".map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none')"
                           ".map(e => e.className)")
    assert hidden == []
    assert page.is_visible("article h1") and "Our money and savings" in page.inner_text("article")


def test_the_site_works_with_javascript_off(served, browser):
    base, site = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/index.html")
    assert page.inner_text("article h1").strip() == "Integrated Plan 2013-15"
    page.click("nav.md-nav--primary >> text=Finance")
    assert page.url.endswith("/finance.html") and page.inner_text("article h1") == "Finance"
    assert page.is_visible("figure.chart svg") or page.is_visible("article table")
    context.close()


def test_single_keys_do_not_move_the_reader_to_another_page(served, browser):
    """WCAG 2.1.4: the theme's one-key shortcuts (n, p, ".", ",", f, s, "/") are off."""
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/money.html")
    for key in ["n", ".", "p", ",", "f", "s", "/"]:
        page.keyboard.press(key)
        page.wait_for_timeout(150)
        assert page.url.endswith("/money.html"), (key, page.url)
        assert not page.evaluate("document.getElementById('__search').checked"), key
    # The search box still takes those letters when the reader types into it.
    assert search(page, "pressure")
    assert page.input_value("input.md-search__input") == "pressure"


def test_the_search_result_count_is_announced(served, browser):
    """WCAG 4.1.3: the line saying how many pages match is a polite status region."""
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/index.html")
    search(page, "pressure")
    meta = page.query_selector(".md-search-result__meta")
    assert meta.get_attribute("role") == "status" and meta.get_attribute("aria-live") == "polite"
    assert "match" in meta.text_content().lower()


def test_an_acronym_shows_only_the_browsers_own_tooltip(served, browser):
    """WCAG 1.4.13: the theme's pop-up tooltips could not be dismissed with Escape, so acronyms keep only
    their title, which the browser shows and which the criterion exempts."""
    base, _ = served
    page = browser.new_page()
    page.goto(f"{base}/money.html")
    abbr = page.query_selector("article abbr[title]")
    assert abbr is not None and abbr.get_attribute("title")
    abbr.hover()
    page.wait_for_timeout(600)
    assert not any(t.is_visible() for t in page.query_selector_all("[class*='md-tooltip']"))
