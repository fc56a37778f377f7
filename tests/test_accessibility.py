"""WCAG 2.2 AA in a real browser: axe-core (from npm) runs over every page of the example plan and of
every plan in examples/, at 1280 and at 320 CSS pixels wide, with the WCAG 2.0, 2.1 and 2.2 A and AA
rules. The bar is no violations at all; no rule is switched off. At both widths the page itself must
never scroll sideways (WCAG 1.4.10, reflow)."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import REPO
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS, _QuietHandler

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1280, 320)


def _serve(root: Path, stage: Path):
    """The built site at the path its site_url gives, as its web server would serve it."""
    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
    prefix = urlparse(site_url).path.strip("/")
    served = stage
    if prefix:
        (stage / prefix).parent.mkdir(parents=True, exist_ok=True)
        (stage / prefix).symlink_to((root / "build" / "site").resolve(), target_is_directory=True)
    else:
        served = (root / "build" / "site").resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"


def _violations(root: Path, stage: Path) -> tuple[dict[str, list[str]], int]:
    """Each page-view's violations (rule: first offending element), and how many page-views were tested."""
    assert AXE.is_file(), "axe-core is missing: `make test` installs it with npm"
    server, base = _serve(root, stage)
    site = root / "build" / "site"
    found: dict[str, list[str]] = {}
    views = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for width in WIDTHS:
                # bypass_csp lets the test put axe into the page; the site itself is served with its CSP.
                context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
                page = context.new_page()
                for html in sorted(site.rglob("*.html")):
                    path = html.relative_to(site).as_posix()
                    page.goto(base + path)
                    page.add_script_tag(path=str(AXE))
                    result = page.evaluate(
                        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes[0].target.join(' ')))", WCAG_TAGS)
                    views += 1
                    # 1.4.10 Reflow: at 320 px the page itself never scrolls sideways; wide tables scroll
                    # inside their own region.
                    if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
                        result.append("reflow: the page scrolls sideways")
                    if result:
                        found[f"{path} at {width}px"] = result
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found, views


def test_the_example_plan_has_no_accessibility_violation_at_either_width(built_example, tmp_path):
    found, views = _violations(built_example, tmp_path)
    assert views == 2 * len(list((built_example / "build" / "site").rglob("*.html")))
    assert found == {}


@pytest.mark.parametrize("name", ["bath-ne-somerset", "mid-essex"])
def test_every_example_has_no_accessibility_violation_at_either_width(built_examples, name, tmp_path):
    found, views = _violations(built_examples[name], tmp_path)
    assert views > 60 and found == {}
