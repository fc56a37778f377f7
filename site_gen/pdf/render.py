"""HTML to tagged PDF with WeasyPrint, and the one-page rule: when the plan on a page would not fit,
each column is measured on its own, so the finding can say which one overflows and by how much."""

from __future__ import annotations

import atexit
import base64
import datetime
import hashlib
import os
import re
import threading
import time
from dataclasses import replace
from functools import cache
from html import escape
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from site_gen.findings import Finding, Location
from site_gen.pdf.onepage import MARGIN, PAPER, OnePage
from site_gen.pdf.weasyprint_speed import speed_up
from site_gen.project import default_templates_dir
from site_gen.rules import rule
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan-on-a-page.html.j2"
STYLE = "print/plan-on-a-page.css"
PX_PER_MM = 96 / 25.4
TALL = 2000  # mm: a page tall enough to measure any column in one piece


BASE_PT = 10.5  # the plan on a page's smallest base text size; its smallest text is then 9pt
# Base text sizes tried, largest first: the sheet is pinned on walls, so its text is made as large as
# the content allows, rather than leaving a third of the sheet empty.
SCALES = tuple(round(1.4 - 0.05 * step, 2) for step in range(9))  # 1.4 down to 1.0


def _html(env: Environment, page: OnePage, lifecycle: Lifecycle, height: int | None = None,
          scale: float = 1.0) -> str:
    width, paper_height = PAPER[page.paper]
    css = (default_templates_dir() / STYLE).read_text(encoding="utf-8")
    return env.get_template(TEMPLATE).render(page=page, lifecycle=lifecycle, css=Markup(css), width=width,
                                             height=height or paper_height, margin=MARGIN,
                                             base_size=f"{BASE_PT * scale:.2f}pt",
                                             watermark=Markup(watermark_css(lifecycle.watermark)))


def _height_mm(document) -> float:
    """How far down the first page its content reaches, in millimetres."""
    box = document.pages[0]._page_box  # WeasyPrint's laid-out page; its boxes carry their positions
    bottom = 0.0
    for child in box.descendants():
        if getattr(child, "element_tag", None) in ("header", "main", "section"):
            bottom = max(bottom, child.position_y + child.margin_height())
    return bottom / PX_PER_MM - MARGIN


def _overflow(env: Environment, page: OnePage, lifecycle: Lifecycle) -> list[str]:
    """For each column that does not fit, what it needs and what it has."""
    from weasyprint import HTML

    _, paper_height = PAPER[page.paper]
    header_only = replace(page, columns=[[], [], []])
    header = _height_mm(HTML(string=_html(env, header_only, lifecycle, TALL),
                             url_fetcher=_project_files(None)).render())
    room = paper_height - 2 * MARGIN - header
    problems = []
    for number, column in enumerate(page.columns, start=1):
        alone = replace(page, columns=[column if i == number - 1 else [] for i in range(3)])
        needs = _height_mm(HTML(string=_html(env, alone, lifecycle, TALL),
                                url_fetcher=_project_files(None)).render()) - header
        if needs > room:
            names = ", ".join(block.title.lower() for block in column)
            problems.append(f"column {number} ({names}) needs {needs:.0f} mm but has {room:.0f} mm, "
                            f"{needs - room:.0f} mm too much")
    return problems


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def watermark_css(text: str | None) -> str:
    """A watermark drawn as the page's background: WeasyPrint marks backgrounds as artifacts, so a screen
    reader does not read it out in the middle of the content, yet it is on every sheet."""
    if not text:
        return ""
    size = min(250, round(1250 / (0.7 * len(text))))  # as large as fits across the sheet's diagonal
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000" viewBox="0 0 1000 1000">'
           f'<text x="500" y="500" transform="rotate(-35 500 500)" text-anchor="middle" dominant-baseline="middle" '
           f'font-family="Liberation Sans, Arial, sans-serif" font-weight="bold" font-size="{size}" '
           f'fill="#e8edee">{escape(text)}</text></svg>')
    data = base64.b64encode(svg.encode()).decode("ascii")
    return f'@page {{ background: url("data:image/svg+xml;base64,{data}") no-repeat center / contain; }}'


def _dated(html: str, source_date_epoch: int) -> str:
    """The PDF's creation and change dates from SOURCE_DATE_EPOCH, so the same inputs give the same bytes."""
    when = datetime.datetime.fromtimestamp(source_date_epoch, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return html.replace("</head>", f'<meta name="dcterms.created" content="{when}">'
                                   f'<meta name="dcterms.modified" content="{when}"></head>', 1)


def _project_files(folder: Path | None):
    """A URL fetcher that lets WeasyPrint read data: URLs and files inside one folder, and nothing else:
    a PDF never asks another host for anything, and never shows a file from outside the plan. What it
    refuses or cannot read is kept in its refused list, so the build can say so."""
    return _fetcher_class()(folder)


@cache
def _fetcher_class() -> type:
    """Made on first use: WeasyPrint takes a second to import, and a check never needs it. A subclass of
    WeasyPrint's own fetcher, as WeasyPrint expects of any fetcher it is given."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class ProjectFiles(URLFetcher):
        def __init__(self, folder: Path | None) -> None:
            super().__init__(allowed_protocols=("data", "file"))
            self.folder = folder.resolve() if folder else None
            self.refused: list[tuple[str, str]] = []

        def _why_not(self, url: str) -> str | None:
            if url.startswith("data:"):
                return None
            if not url.startswith("file:"):
                return "it would be fetched from another website"
            path = Path(unquote(urlparse(url).path)).resolve()
            if self.folder is None or not path.is_relative_to(self.folder):
                return "it is outside content/"
            return None if path.is_file() else "there is no such file in content/"

        def fetch(self, url: str, headers=None):
            why = self._why_not(url)
            if why is None:
                try:
                    return super().fetch(url, headers)
                except (OSError, ValueError):  # URLError is an OSError
                    why = "it cannot be read"
            self.refused.append((url, why))
            raise ValueError(f"{url}: {why}")

    return ProjectFiles


def _cached(cache_dir: Path | None, html: str) -> Path | None:
    from weasyprint import __version__ as weasyprint_version

    key = hashlib.sha256(f"{weasyprint_version}|{html}".encode()).hexdigest()[:24]
    return cache_dir / f"{key}.pdf" if cache_dir else None


KEEP_CACHED = 6  # PDFs kept in the cache: enough for both PDFs of the last few builds


def _keep(cached: Path | None, pdf: bytes) -> None:
    """Keep a PDF in the cache, and drop the ones least recently made, so the cache does not grow with
    every edit."""
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.with_suffix(".tmp").write_bytes(pdf)
        cached.with_suffix(".tmp").replace(cached)
        for pattern, kept in (("*.pdf", KEEP_CACHED), ("*.scale", 10 * KEEP_CACHED)):
            older = sorted(cached.parent.glob(pattern), key=lambda path: path.stat().st_mtime, reverse=True)
            for stale in older[kept:]:
                stale.unlink(missing_ok=True)


def tagged_pdf(document) -> bytes:
    """A laid-out WeasyPrint document as PDF/UA-1 bytes."""
    from site_gen.pdf.tags import finish_tags

    return finish_tags(document.write_pdf(pdf_variant="pdf/ua-1"))


def render_document(html: str, source_date_epoch: int) -> tuple[bytes, int]:
    """A document that needs nothing from outside itself (the board pack's decision sheet) as PDF/UA-1
    bytes dated from SOURCE_DATE_EPOCH, with its number of sheets."""
    from weasyprint import HTML

    speed_up()
    document = HTML(string=_dated(html, source_date_epoch), url_fetcher=_project_files(None)).render()
    return tagged_pdf(document), len(document.pages)


def render_plan_on_a_page(env: Environment, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                          cache_dir: Path | None = None) -> tuple[bytes | None, list[Finding]]:
    """The plan on a page as PDF/UA-1 bytes, or a finding saying what does not fit. Laying out a page
    is most of a rebuild's time, so a PDF is kept in cache_dir under the hash of its HTML: an edit to
    a narrative page, which the plan on a page does not show, reuses it."""
    from weasyprint import HTML

    speed_up()
    cached = _cached(cache_dir, _dated(_html(env, page, lifecycle), source_date_epoch))
    if cached and cached.is_file():
        cached.touch()  # recently used, so kept
        return cached.read_bytes(), []
    for scale in _scales_to_try(env, page, lifecycle, cache_dir):
        html = _dated(_html(env, page, lifecycle, scale=scale), source_date_epoch)
        document = HTML(string=html, url_fetcher=_project_files(None)).render()
        if len(document.pages) == 1:
            break
    else:
        where = "; ".join(_overflow(env, page, lifecycle)) or "the page as a whole is too full"
        return None, [rule("page-overflow")(
            Location("data/plan.yml"),
            f"The plan on a page does not fit on one {page.paper.upper()} page ({len(document.pages)} pages): "
            f"{where}.",
            "Shorten the blocks named, or show fewer blocks with plan_on_a_page: show: in data/plan.yml"
            + (", or choose paper: a3." if page.paper == "a4" else "."))]
    _remember_scale(env, page, lifecycle, cache_dir, scale)
    pdf = tagged_pdf(document)
    _keep(cached, pdf)
    return pdf, []


def _scale_file(env: Environment, page: OnePage, lifecycle: Lifecycle, cache_dir: Path | None) -> Path | None:
    """Where the text size found for this content is kept. The build code in a draft's heading changes
    with every edit but is always seven characters, so it is left out of the key: a preview's rebuild
    after an edit elsewhere lays the page out once, at the size found before."""
    if cache_dir is None:
        return None
    steady = replace(lifecycle, banner=re.sub(r"build [0-9a-f]{7}", "build 0000000", lifecycle.banner or ""))
    key = hashlib.sha256(_html(env, page, steady).encode()).hexdigest()[:24]
    return cache_dir / f"{key}.scale"


def _scales_to_try(env: Environment, page: OnePage, lifecycle: Lifecycle, cache_dir: Path | None) -> list[float]:
    from weasyprint import HTML

    known = _scale_file(env, page, lifecycle, cache_dir)
    if known and known.is_file():
        try:
            return [float(known.read_text(encoding="ascii"))] + [1.0]
        except ValueError:
            pass  # a damaged file is measured again
    # Text grows at least as fast as its size, so only sizes that could fit are tried.
    _, paper_height = PAPER[page.paper]
    needs = _height_mm(HTML(string=_html(env, page, lifecycle, TALL), url_fetcher=_project_files(None)).render())
    return [s for s in SCALES if s * needs <= paper_height - 2 * MARGIN] or [1.0]


def _remember_scale(env: Environment, page: OnePage, lifecycle: Lifecycle, cache_dir: Path | None,
                    scale: float) -> None:
    known = _scale_file(env, page, lifecycle, cache_dir)
    if known:
        known.parent.mkdir(parents=True, exist_ok=True)
        known.write_text(str(scale), encoding="ascii")


_WORKER = None
_WORKER_LOCK = threading.Lock()


def _render_for(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                cache_dir: Path | None) -> tuple[bytes | None, list[Finding]]:
    from site_gen.render.templates import template_environment

    return render_plan_on_a_page(template_environment(project), page, lifecycle, source_date_epoch, cache_dir)


# Processes laying out PDFs: the parts of the full plan are laid out side by side, one on each core, up
# to two, so their memory stays within bounds (each holds one part's sheets at a time).
PDF_WORKERS = max(1, min(2, os.cpu_count() or 1))


PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether the build that started it is still there


def end_with_parent(parent: int) -> None:
    """Run in each worker process as it starts. A build killed outright (kill -9, an out-of-memory kill)
    has no chance to stop its workers, and they would wait for work for ever, each holding a hundred
    megabytes or more; so each worker watches for its parent going, and ends then. (Linux's
    prctl(PR_SET_PDEATHSIG) is not used: it follows the thread that started the worker, and the full
    plan's thread, which may start one, ends while the workers are still wanted.) The resource tracker
    multiprocessing starts ends by itself once the build and its workers have all gone."""
    threading.Thread(target=_watch_parent, args=(parent,), name="watch the build", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # the build has gone: nobody is left to hand the work to


def _worker():
    """The workers are kept for the life of the process, so a preview's rebuilds find WeasyPrint and its
    fonts already loaded."""
    global _WORKER
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _WORKER is not None and getattr(_WORKER, "_broken", False):
        stop_worker()  # a worker that died (killed, out of memory) is replaced, not reused
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = ProcessPoolExecutor(max_workers=PDF_WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=end_with_parent, initargs=(os.getpid(),))
            atexit.register(stop_worker)
        return _WORKER


def render_aside(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int, cache_dir: Path | None):
    """Start laying out the plan on a page in a worker process, so that it runs while MkDocs builds the
    site; returns a future of (PDF bytes or None, findings)."""
    return _worker().submit(_render_for, project, page, lifecycle, source_date_epoch, cache_dir)


def stop_worker() -> None:
    """End the worker process, so that nothing outlives the command that started it."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
