"""How the built site grows with the plan: the bytes of HTML each page carries, for synthetic plans of the
page counts given (other sizes grow in proportion, as Size.scaled makes them).

    .venv/bin/python bench/site_size.py [PAGES ...]      (default: 300 2000)

Measures stay at 2,000 whatever the pages. Each plan is written to a scratch folder and built without the full-plan PDF (which is not a page of the
site). Prints, for each, its pages, the HTML bytes per page and the menu's share of them, then how the
largest compares with the smallest: output that grows linearly with the pages keeps bytes per page level.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from synthetic_plan import Size, write_plan  # noqa: E402

from site_gen.build import build  # noqa: E402
from site_gen.findings import has_errors  # noqa: E402
from site_gen.project import Project  # noqa: E402

MENU_START, MENU_END = 'md-nav--primary', '<div class="md-sidebar md-sidebar--secondary"'


def html_sizes(site: Path) -> tuple[int, int, int]:
    """(pages, HTML bytes, bytes of them in the main menu)."""
    pages = sorted(site.rglob("*.html"))
    total = menu = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        total += len(text.encode("utf-8"))
        start = text.find(MENU_START)
        end = text.find("</nav>", start) if start >= 0 else -1
        menu += len(text[start:end].encode("utf-8")) if end > start else 0
    return len(pages), total, menu


def measure(pages: int, scratch: Path) -> tuple[int, float, float, float]:
    # Measures stay at the 300-page plan's 2,000: more would make data/performance.yml larger than the 5 MB
    # a plan file may be.
    written = write_plan(scratch / f"plan-{pages}", Size.scaled(pages, measures=Size.measures))
    started = time.perf_counter()
    findings = build(Project(written.root), full_pdf=False)
    if has_errors(findings):
        raise SystemExit(f"The {pages}-page plan did not build: {[f.message for f in findings][:3]}")
    count, total, menu = html_sizes(written.root / "build" / "site")
    return count, total / count / 1024, menu / count / 1024, time.perf_counter() - started


def main(argv: list[str]) -> int:
    sizes = [int(arg) for arg in argv] or [300, 2000]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for pages in sizes:
            count, per_page, menu, seconds = measure(pages, Path(folder))
            rows.append((pages, count, per_page, menu))
            print(f"{pages:>6}-page plan: {count} pages built in {seconds:.0f} s, {per_page:.1f} KiB of HTML a page, "
                  f"{menu:.1f} KiB of it the menu", flush=True)
    if len(rows) > 1:
        print(f"HTML per page, largest plan over smallest: {rows[-1][2] / rows[0][2]:.2f} x (target at most 1.5 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
