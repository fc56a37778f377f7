"""Every data table of every example plan read on a phone, in a real browser (Debian's chromium) at 320 and
375 px: each table either fits its box, or keeps its first column in view while the rest scrolls, so no
cell loses its row's label; no row shows fewer cells than on a wide screen; and the page itself never
scrolls sideways. On a wide screen, every figure lines up on the right."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, FLAGS, _QuietHandler

NARROW = (320, 375)
WIDE = 1280

# For each data table on the page: whether it fits its box; if not, whether its first column is still in
# view with the box scrolled to its far end; and how many cells each row shows.
MEASURE = """() => [...document.querySelectorAll('.md-typeset table')].map((table, index) => {
  const box = table.closest('.table-scroll') || table.parentElement;
  const shown = cell => { const style = getComputedStyle(cell), rect = cell.getBoundingClientRect();
                          return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0; };
  const rows = [...table.rows].map(row => [...row.cells].filter(shown).length);
  const fits = table.getBoundingClientRect().width <= box.clientWidth + 1;
  let firstInView = true;
  if (!fits) {
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    for (const row of table.rows) {
      const first = row.cells[0];
      if (!first || first.colSpan > 1) continue;
      const rect = first.getBoundingClientRect();
      if (rect.left < edge.left - 1 || rect.right > edge.right + 1 || rect.width < 24) firstInView = false;
    }
    box.scrollLeft = 0;
  }
  const leftFigures = [...table.querySelectorAll('td.num, th.num')]
    .filter(cell => getComputedStyle(cell).textAlign !== 'right').length;
  const captionFits = !table.caption || table.caption.getBoundingClientRect().right <= window.innerWidth + 1;
  return {index, caption: (table.caption ? table.caption.textContent : '').trim().slice(0, 60), fits, firstInView,
          rows, leftFigures, captionFits};
})"""


def _pages_with_tables(site: Path) -> list[str]:
    return sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html")
                  if "<table" in page.read_text(encoding="utf-8")
                  and not page.relative_to(site).as_posix().startswith(("versions/", "archive/")))


@pytest.fixture(scope="module")
def sites(built_example: Path, built_examples: dict[str, Path]):
    """Each example's site, served as a careful host would."""
    servers, served = [], {}
    for name, root in {"example": built_example, **built_examples}.items():
        site = (root / "build" / "site").resolve()
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        served[name] = (f"http://127.0.0.1:{server.server_address[1]}", site)
    yield served
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def test_no_table_on_any_page_hides_a_column_on_a_phone(sites, browser):
    problems: list[str] = []
    checked = 0
    for name, (base, site) in sites.items():
        pages = _pages_with_tables(site)
        assert pages, name
        wide_rows: dict[tuple[str, int], list[int]] = {}
        context = browser.new_context(viewport={"width": WIDE, "height": 900})
        page = context.new_page()
        for path in pages:
            page.goto(f"{base}/{path}")
            for table in page.evaluate(MEASURE):
                wide_rows[(path, table["index"])] = table["rows"]
                if table["leftFigures"]:
                    problems.append(f"{name} {path}, table {table['index'] + 1}: {table['leftFigures']} figures "
                                    "not lined up on the right")
        context.close()
        for width in NARROW:
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for path in pages:
                page.goto(f"{base}/{path}")
                overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 1:
                    problems.append(f"{name} {path} at {width} px: the page scrolls sideways by {overflow} px")
                for table in page.evaluate(MEASURE):
                    checked += 1
                    where = f"{name} {path} at {width} px, table {table['index'] + 1} ({table['caption']!r})"
                    if not table["fits"] and not table["firstInView"]:
                        problems.append(f"{where}: too wide, and its first column scrolls out of view")
                    if not table["captionFits"]:
                        problems.append(f"{where}: its caption runs off the screen")
                    if table["rows"] != wide_rows[(path, table["index"])]:
                        problems.append(f"{where}: its rows show {table['rows']} cells, "
                                        f"not {wide_rows[(path, table['index'])]} as at {WIDE} px")
            context.close()
    assert checked > 50
    assert not problems, "\n".join(problems[:40])


def test_a_markdown_table_marks_its_columns_of_figures_so_they_line_up_on_the_right():
    import markdown
    from bs4 import BeautifulSoup

    text = ("| Area | 2013/14 | Change | Lead |\n|---|---|---|---|\n"
            "| Acute | £105.7m | (2.1%) | Hospital team |\n| Mental health | 17,644 | - | Trust |\n"
            "| Prescribing | n/a | +3% | GP practices |\n")
    html = markdown.markdown(text, extensions=["tables", "site_gen.site.markdown_tables"])
    table = BeautifulSoup(html, "html.parser").table
    marked = [[("num" in (cell.get("class") or [])) for cell in row.find_all(["th", "td"])]
              for row in table.find_all("tr")]
    assert marked == [[False, True, True, False]] * 4
