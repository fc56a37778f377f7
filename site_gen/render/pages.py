"""Every page of the site as Markdown: generated pages from templates, narrative pages from content/,
a narrative page replacing the generated one at the same path."""

from __future__ import annotations

import datetime
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jinja2 import Environment
from markupsafe import Markup

from site_gen.charts.figure import ChartNotDrawn, ChartRenderer
from site_gen.findings import Finding, Location
from site_gen.model import PlanData
from site_gen.model.site import PageMeta
from site_gen.numbers import money_in_pounds
from site_gen.pipeline import CheckedPlan
from site_gen.refs import ReferenceIndex, UnknownReference, split_ref
from site_gen.render import page_cache
from site_gen.render.accessibility_status import statement
from site_gen.render.formatting import figure_text
from site_gen.render.generated import OUTSIDE_NAV, SECTIONS, PageSpec, generated_specs
from site_gen.render.macros import render_page_body
from site_gen.render.plan_macros import PlanMacros
from site_gen.render.standing import standing
from site_gen.render.titles import page_title
from site_gen.rules import rule

STATUS_LABELS = {
    "draft": "Draft", "consultation": "Consultation draft", "approved": "Approved",
    "published": "Published", "superseded": "Superseded",
}


@dataclass(frozen=True)
class Page:
    path: str  # inside the docs tree, e.g. priorities/hypertension.md
    title: str
    order: int
    markdown: str
    source: str  # the content file or template it came from
    section: str | None = None  # pages in a section are grouped in the navigation
    updated: datetime.date | None = None  # from the page's front matter; else the plan's own date is shown


def headline_figures(data: PlanData, index: ReferenceIndex) -> list[tuple[str, str]]:
    """(label, figure as text) for each headline figure whose reference resolves, each figure once: a
    headline pointing at a table cell that an earlier headline already shows (a restatement, typed so
    that the two are checked against each other), or repeating one word for word, is left out."""
    return [(label, text) for label, text, _ in headline_amounts(data, index)]


def headline_amounts(data: PlanData, index: ReferenceIndex) -> list[tuple[str, str, Decimal | None]]:
    """The headline figures as headline_figures gives them, each with its sum in pounds (None for a figure
    that is not money), so that the plan on a page can draw them to scale."""
    out = []
    shown: set[tuple[str, ...]] = set()
    for headline in data.finance.headlines:
        try:
            figure = index.figure(f"finance.{headline.id}")
        except UnknownReference:
            continue
        text = figure_text(figure.value, figure.unit)
        same = {(headline.label, text)} | ({tuple(split_ref(headline.ref))} if headline.ref else set())
        if same & shown:
            continue
        shown |= same
        out.append((headline.label, text, money_in_pounds(figure.value, figure.unit)))
    return out


def _content_page(page, checked: CheckedPlan, env: Environment,
                  charts: ChartRenderer | None) -> tuple[Page | None, list[Finding]]:
    meta = PageMeta.model_validate(page.front.data or {})
    title = page_title(page)
    order = meta.order
    macros = PlanMacros(checked.data, checked.context.index, env, page.path, charts)
    try:
        body = render_page_body(page, macros.as_dict())
    except ChartNotDrawn as err:  # a problem of the chart, not of the page that shows it
        return None, [err.finding(checked.context.where)]
    except Exception as err:  # the check has already refused what it can; anything left is reported here
        line = page.body_line + (getattr(err, "lineno", None) or 1) - 1
        return None, [rule("macro-error")(Location(page.file, line, 1),
                                          f"This page cannot be made: {str(err).rstrip('.')}.")]
    if not body.lstrip().startswith("# "):
        body = f"# {title}\n\n{body}"
    folder = page.path.partition("/")[0] if "/" in page.path else None
    section = folder if folder in SECTIONS else None
    return Page(page.path, title, order, body, page.file, section, meta.updated), []


def template_line(err: Exception, template: str) -> int:
    """The line of the template where rendering failed: a syntax error knows its own; for an error while
    running (the sandbox refusing something, say) Jinja puts the template's line into the traceback."""
    if getattr(err, "lineno", None):
        return err.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(err.__traceback__) if frame.filename.endswith(template)]
    return lines[-1] if lines and lines[-1] else 0


# What the build sets in the template environment that pages can read (build.py).
BUILD_SETTINGS = ("full_plan_pdf", "archived_versions")


def _generated_page(spec: PageSpec, checked: CheckedPlan, env: Environment,
                    charts: ChartRenderer | None) -> tuple[Page | None, list[Finding]]:
    data = checked.data
    macros = PlanMacros(data, checked.context.index, env, spec.path, charts)
    try:
        markdown = env.get_template(spec.template).render(
            plan=data.plan, data=data, **macros.as_dict(), **spec.variables)
    except ChartNotDrawn as err:  # a problem of the chart, not of the template that shows it
        return None, [err.finding(checked.context.where)]
    except Exception as err:  # a plan's own template may fail in any way; report it against the file
        return None, [rule("template-error")(Location(f"templates/{spec.template}", template_line(err, spec.template)),
                                             f"The template {spec.template} failed: {str(err).rstrip('.')}.")]
    own = (checked.project.templates_dir / spec.template).is_file()
    source = f"templates/{spec.template}" if own else f"default templates/{spec.template}"
    return Page(spec.path, spec.title, spec.order, markdown, source, spec.section), []


def _kept_or_made(inputs: str, name: str, key, charts: ChartRenderer | None,
                  make: Callable[[], tuple[Page | None, list[Finding]]]) -> tuple[Page | None, list[Finding]]:
    """A page as rendered before from the same inputs and key (render/page_cache.py), or made now and kept.
    A kept page's drawings are asked of the charts again, since MkDocs puts them in every page it renders."""
    kept = page_cache.recall(inputs, name, key)
    if kept is None:
        first = len(charts.drawn) if charts else 0
        page, problems = make()
        page_cache.keep(inputs, name, key, (page, problems, tuple(charts.drawn[first:]) if charts else ()))
        return page, problems
    page, problems, drawn = kept
    for chart_id in drawn:
        charts.figure(chart_id)
    return page, problems


def render_pages(checked: CheckedPlan, env: Environment,
                 charts: ChartRenderer | None = None) -> tuple[list[Page], list[Finding]]:
    data = checked.data
    findings: list[Finding] = []
    pages: list[Page] = []
    inputs = page_cache.inputs_key(checked.loaded.docs, checked.loaded.settings, checked.project.templates_dir,
                                   {name: env.globals.get(name) for name in BUILD_SETTINGS})
    for source in checked.loaded.pages:
        page, problems = _kept_or_made(inputs, source.file, page_cache.page_key(source), charts,
                                       lambda source=source: _content_page(source, checked, env, charts))
        findings += problems
        if page:
            pages.append(page)
    replaced = {p.path for p in pages}
    headlines = headline_figures(data, checked.context.index)
    # The statement lists what the checks found on the content pages by each page's title.
    accessibility = statement(data.plan, checked.findings, {p.source: p.title for p in pages},
                              checked.settings.site_url if checked.settings else None)
    specs = generated_specs(data, headlines, checked.since, accessibility)
    if "index.md" not in replaced and data.plan is not None:
        nav_entries = sorted([(p.order, p.title, p.path) for p in pages
                              if p.path != "index.md" and p.path not in OUTSIDE_NAV]
                             + [(s.order, s.title, s.path) for s in specs
                                if s.path not in replaced and s.path not in OUTSIDE_NAV
                                and (s.section is None or s.path.endswith("index.md"))])
        # The paths are the site's own, so they go into the page as they are (see render/escape.py).
        sections = [(title, Markup(path)) for _, title, path in nav_entries]
        specs.insert(0, PageSpec("index.md", "Home", 0, "pages/home.md.j2", {
            "headlines": headlines, "sections": sections,
            "status_label": STATUS_LABELS[data.plan.status], "standing": standing(data.plan)}))
    for spec in specs:
        if spec.path in replaced:
            continue
        made, problems = _kept_or_made(inputs, spec.path, page_cache.spec_key(spec), charts,
                                       lambda spec=spec: _generated_page(spec, checked, env, charts))
        findings += problems
        if made is not None:
            pages.append(made)
    return sorted(pages, key=lambda p: (p.order, p.path)), findings
