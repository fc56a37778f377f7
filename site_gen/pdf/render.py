"""HTML to tagged PDF with WeasyPrint, and the one-page rule: when the plan on a page would not fit,
each column is measured on its own, so the finding can say which one overflows and by how much."""

from __future__ import annotations

import atexit
import datetime
import hashlib
from dataclasses import replace
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from site_gen.findings import Finding, Location
from site_gen.pdf.onepage import MARGIN, PAPER, OnePage
from site_gen.project import default_templates_dir
from site_gen.rules import rule
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan-on-a-page.html.j2"
STYLE = "print/plan-on-a-page.css"
PX_PER_MM = 96 / 25.4
TALL = 2000  # mm: a page tall enough to measure any column in one piece


def _html(env: Environment, page: OnePage, lifecycle: Lifecycle, height: int | None = None) -> str:
    width, paper_height = PAPER[page.paper]
    css = (default_templates_dir() / STYLE).read_text(encoding="utf-8")
    return env.get_template(TEMPLATE).render(page=page, lifecycle=lifecycle, css=Markup(css), width=width,
                                             height=height or paper_height, margin=MARGIN)


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
    header = _height_mm(HTML(string=_html(env, header_only, lifecycle, TALL)).render())
    room = paper_height - 2 * MARGIN - header
    problems = []
    for number, column in enumerate(page.columns, start=1):
        alone = replace(page, columns=[column if i == number - 1 else [] for i in range(3)])
        needs = _height_mm(HTML(string=_html(env, alone, lifecycle, TALL)).render()) - header
        if needs > room:
            names = ", ".join(block.title.lower() for block in column)
            problems.append(f"column {number} ({names}) needs {needs:.0f} mm but has {room:.0f} mm, "
                            f"{needs - room:.0f} mm too much")
    return problems


def render_plan_on_a_page(env: Environment, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                          cache_dir: Path | None = None) -> tuple[bytes | None, list[Finding]]:
    """The plan on a page as PDF/UA-1 bytes, or a finding saying what does not fit. Laying out a page
    is most of a rebuild's time, so a PDF is kept in cache_dir under the hash of its HTML: an edit to
    a narrative page, which the plan on a page does not show, reuses it."""
    from weasyprint import HTML
    from weasyprint import __version__ as weasyprint_version

    when = datetime.datetime.fromtimestamp(source_date_epoch, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    html = _html(env, page, lifecycle).replace(
        "</head>", f'<meta name="dcterms.created" content="{when}"><meta name="dcterms.modified" content="{when}">'
                   "</head>", 1)
    key = hashlib.sha256(f"{weasyprint_version}|{html}".encode()).hexdigest()[:24]
    cached = cache_dir / f"{key}.pdf" if cache_dir else None
    if cached and cached.is_file():
        return cached.read_bytes(), []
    document = HTML(string=html).render()
    if len(document.pages) > 1:
        where = "; ".join(_overflow(env, page, lifecycle)) or "the page as a whole is too full"
        return None, [rule("page-overflow")(
            Location("data/plan.yml"),
            f"The plan on a page does not fit on one {page.paper.upper()} page ({len(document.pages)} pages): "
            f"{where}.",
            "Shorten the blocks named, or show fewer blocks with plan_on_a_page: show: in data/plan.yml"
            + (", or choose paper: a3." if page.paper == "a4" else "."))]
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.with_suffix(".tmp").write_bytes(pdf)
        cached.with_suffix(".tmp").replace(cached)
    return pdf, []



_WORKER = None


def _render_for(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                cache_dir: Path | None) -> tuple[bytes | None, list[Finding]]:
    from site_gen.render.templates import template_environment

    return render_plan_on_a_page(template_environment(project), page, lifecycle, source_date_epoch, cache_dir)


def render_aside(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int, cache_dir: Path | None):
    """Start laying out the plan on a page in a worker process, so that it runs while MkDocs builds the
    site; returns a future of (PDF bytes or None, findings). One worker is kept for the life of the
    process, so a preview's rebuilds find WeasyPrint and its fonts already loaded."""
    global _WORKER
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _WORKER is None:
        _WORKER = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        atexit.register(stop_worker)
    return _WORKER.submit(_render_for, project, page, lifecycle, source_date_epoch, cache_dir)


def stop_worker() -> None:
    """End the worker process, so that nothing outlives the command that started it."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown(wait=True, cancel_futures=True)
        _WORKER = None
