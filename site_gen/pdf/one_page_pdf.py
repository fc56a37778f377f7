"""The plan on a page as a PDF: its content as data (page.json) beside its Typst template, typeset in one go.
The template makes the text as large as the sheet allows; when even the smallest size does not fit, it
records what each priority needs, and the build says which is too long and by how much."""

from __future__ import annotations

import json
from concurrent.futures import Future
from dataclasses import asdict
from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.pdf.html_typst import Pictures
from site_gen.pdf.onepage import MARGIN, PAPER, OnePage
from site_gen.pdf.typeset import cached_typeset, print_template
from site_gen.pdf.watermark import watermark_svg
from site_gen.rules import rule
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan-on-a-page.typ"
WATERMARK_FILE = "watermark.svg"


def page_files(page: OnePage, lifecycle: Lifecycle, template: str) -> dict[str, bytes]:
    """The files of the plan on a page's document, by name (pure)."""
    width, height = PAPER[page.paper]
    pictures = Pictures()
    logo = pictures.name_for(page.logo) if page.logo else None
    facts = asdict(page) | {"printed": lifecycle.printed, "width": width, "height": height, "margin": MARGIN,
                            "watermark": WATERMARK_FILE if lifecycle.watermark else None, "logo": logo}
    files = {"plan-on-a-page.typ": template.encode("utf-8"),
             "page.json": json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8"), **pictures.made}
    if lifecycle.watermark:
        files[WATERMARK_FILE] = watermark_svg(lifecycle.watermark, width, height).encode("utf-8")
    return files


def overflow_finding(page: OnePage, measured: dict) -> Finding:
    """Which priorities do not fit, what each needs and what it has, at the smallest text size."""
    room = max(float(measured.get("room", 0)), 0)
    over = sorted(((float(needs), priority.title) for priority, needs in
                   zip(page.priorities, measured.get("needs", []), strict=False) if float(needs) > room), reverse=True)
    problems = [f'the priority "{title}" needs {needs:.0f} mm but has {room:.0f} mm, {needs - room:.0f} mm too much'
                for needs, title in over]
    if len(over) > 2:
        needs, title = over[0]
        problems = [f"{len(over)} of its {len(page.priorities)} priorities need more than the {room:.0f} mm they "
                    f'have; the longest, "{title}", needs {needs:.0f} mm, {needs - room:.0f} mm too much']
    if not problems:
        band = ", ".join(block.title.lower() for block in page.band)
        problems = [f"the band under the priorities ({band}) needs {float(measured.get('band', 0)):.0f} mm and "
                    "leaves the priorities too little room" if band else "the page as a whole is too full"]
    return rule("page-overflow")(
        Location("data/plan.yml"),
        f"The plan on a page does not fit on one {page.paper.upper()} page, even with its smallest text and "
        f"only each priority's aim: {'; '.join(problems)}.",
        "Shorten the aims named, choose fewer priorities with plan_on_a_page: priorities:, or show fewer "
        "blocks with plan_on_a_page: show: in data/plan.yml" + (", or choose paper: a3." if page.paper == "a4" else "."))


def typeset_plan_on_a_page(page: OnePage, lifecycle: Lifecycle, source_date_epoch: int, template: str,
                           cache_dir: Path | None, work_dir: Path) -> tuple[bytes | None, list[Finding]]:
    """The plan on a page as PDF/UA-1 bytes, or a finding saying what does not fit."""
    files = page_files(page, lifecycle, template)
    pdf, overflow = cached_typeset(files, "plan-on-a-page.typ", work_dir, source_date_epoch, cache_dir,
                                   query="<overflow>")
    if overflow:
        return None, [overflow_finding(page, overflow[0])]
    return pdf, []


def render_aside(project, page: OnePage, lifecycle: Lifecycle, source_date_epoch: int,
                 cache_dir: Path | None) -> Future:
    """Start typesetting the plan on a page in the PDF worker process, so it runs while MkDocs builds the site;
    returns a future of (PDF bytes or None, findings)."""
    from site_gen.pdf.worker import submit

    work_dir = (cache_dir or project.build_dir / ".work") / "typeset"
    return submit(typeset_plan_on_a_page, page, lifecycle, source_date_epoch,
                           print_template(project, TEMPLATE), cache_dir / "one-page" if cache_dir else None, work_dir)
