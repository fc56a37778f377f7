"""The plan on a page as a PDF: its blocks as data (page.json) beside its Typst template, typeset in one go.
The template makes the text as large as the sheet allows; when even the smallest size does not fit, it
records what each column needs, and the build says which column is too long and by how much."""

from __future__ import annotations

import json
from concurrent.futures import Future
from dataclasses import asdict
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.pdf.onepage import MARGIN, PAPER, OnePage
from site_gen.pdf.places import sheets_and_places
from site_gen.pdf.typeset import cached_typeset, print_template
from site_gen.pdf.watermark import watermark_svg
from site_gen.rules import rule
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan-on-a-page.typ"
WATERMARK_FILE = "watermark.svg"


def page_files(page: OnePage, lifecycle: Lifecycle, template: str) -> dict[str, bytes]:
    """The files of the plan on a page's document, by name (pure)."""
    width, height = PAPER[page.paper]
    facts = asdict(page) | {"printed": lifecycle.printed, "width": width, "height": height, "margin": MARGIN,
                            "watermark": WATERMARK_FILE if lifecycle.watermark else None}
    files = {"plan-on-a-page.typ": template.encode("utf-8"),
             "page.json": json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    if lifecycle.watermark:
        files[WATERMARK_FILE] = watermark_svg(lifecycle.watermark, width, height).encode("utf-8")
    return files


def overflow_finding(page: OnePage, measured: dict, sheets: int) -> Finding:
    """Which columns do not fit, what each needs and what it has, at the smallest text size."""
    room = float(measured.get("room", 0))
    problems = []
    for number, (column, needs) in enumerate(zip(page.columns, measured.get("needs", []), strict=False), start=1):
        if float(needs) > room:
            names = ", ".join(block.title.lower() for block in column)
            problems.append(f"column {number} ({names}) needs {float(needs):.0f} mm but has {room:.0f} mm, "
                            f"{float(needs) - room:.0f} mm too much")
    where = "; ".join(problems) or "the page as a whole is too full"
    return rule("page-overflow")(
        Location("data/plan.yml"),
        f"The plan on a page does not fit on one {page.paper.upper()} page ({sheets} pages): {where}.",
        "Shorten the blocks named, or show fewer blocks with plan_on_a_page: show: in data/plan.yml"
        + (", or choose paper: a3." if page.paper == "a4" else "."))


def typeset_plan_on_a_page(page: OnePage, lifecycle: Lifecycle, source_date_epoch: int, template: str,
                           cache_dir: Path | None, work_dir: Path) -> tuple[bytes | None, list[Finding]]:
    """The plan on a page as PDF/UA-1 bytes, or a finding saying what does not fit."""
    files = page_files(page, lifecycle, template)
    pdf, overflow = cached_typeset(files, "plan-on-a-page.typ", work_dir, source_date_epoch, cache_dir,
                                   query="<overflow>")
    if overflow:
        return None, [overflow_finding(page, overflow[0], sheets_and_places(pdf)[0])]
    return pdf, []


def render_aside(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                 cache_dir: Path | None) -> Future:
    """Start typesetting the plan on a page in the PDF worker process, so it runs while MkDocs builds the site;
    returns a future of (PDF bytes or None, findings)."""
    from site_gen.pdf.worker import submit

    work_dir = (cache_dir or project.build_dir / ".work") / "typeset"
    return submit(typeset_plan_on_a_page, page, lifecycle, source_date_epoch,
                           print_template(project, TEMPLATE), cache_dir / "one-page" if cache_dir else None, work_dir)
