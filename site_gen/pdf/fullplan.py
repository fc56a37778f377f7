"""The full plan as one A4 document: cover, contents, then every page of the site in the order of its
navigation (pure), except that "Changes since version X" comes straight after the contents, where a
governing body reading its papers looks first. The version history and approval record are pages of the
site, so they come too."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from site_gen.model.plan import Plan
from site_gen.pdf.printable import PrintPage, printable_page
from site_gen.render.formatting import date_text, period_text
from site_gen.render.generated import OUTSIDE_NAV
from site_gen.render.pages import Page
from site_gen.site.palette import NHS_BLUE
from site_gen.site.staging import navigation

# The page printed straight after the contents when there is one: what changed since the version the
# governing body saw last (made when plan.yml names changes_since, or the plan's own page in its place).
# The website's menu keeps it where the navigation puts it.
CHANGES_PAGE = "changes.md"
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass(frozen=True)
class FullPlan:
    title: str
    organisation: str
    period: str
    version: str
    status: str
    date: str  # of the latest version
    address: str | None
    logo: str | None  # a data: URL, so the document needs nothing from outside itself
    logo_alt: str | None
    pages: list[PrintPage]
    accent: str = NHS_BLUE  # the organisation's colour (branding in plan.yml), as the website uses it


def reading_order(pages: list[Page]) -> list[tuple[Page, str | None]]:
    """The site's pages in navigation order, each with its section's title; pages kept out of the menu
    (the accessibility statement, privacy) are about the website, not the plan, so they are not printed."""
    by_path = {page.path: page for page in pages}
    ordered: list[tuple[Page, str | None]] = []

    def walk(items: list, section: str | None) -> None:
        for item in items:
            if isinstance(item, str):
                ordered.append((by_path[item], section))
                continue
            ((title, value),) = item.items()
            if isinstance(value, list):
                walk(value, title)
            else:
                ordered.append((by_path[value], section))

    walk(navigation([page for page in pages if page.path not in OUTSIDE_NAV]), None)
    return ordered


def print_order(ordered: list[tuple[Page, str | None]]) -> list[tuple[Page, str | None]]:
    """The pages in the order the full plan prints them (pure): the changes page first, on its own
    rather than in any section, then the rest in navigation order."""
    first = [(page, None) for page, _ in ordered if page.path == CHANGES_PAGE]
    return first + [(page, section) for page, section in ordered if page.path != CHANGES_PAGE]


def logo_data_url(path: Path | None) -> str | None:
    """The logo inside the document itself, so the PDF is whole on its own."""
    if path is None or not path.is_file():
        return None
    kind = LOGO_TYPES.get(path.suffix.lower())
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}" if kind else None


def cover_facts(plan: Plan, status_label: str, site_url: str | None, logo: str | None,
                logo_alt: str | None) -> dict:
    dates = [entry.date for entry in plan.version_history]
    return {"title": plan.title, "organisation": plan.organisation.name,
            "period": period_text(plan.period.start, plan.period.end), "version": plan.version, "status": status_label,
            "date": date_text(max(dates)) if dates else "", "address": site_url, "logo": logo,
            "logo_alt": logo_alt, "accent": plan.branding.accent_colour or NHS_BLUE}


@dataclass(frozen=True)
class PlanToPrint:
    """What the full plan is made from, in the order it prints: each page's path, title, section and Markdown,
    and the charts' wide drawings and words. Making each page's HTML takes seconds for a large plan, so it
    is done where the PDF is typeset (pdf/full_pdf.py), not in the build's own process, which meanwhile
    has MkDocs build the site."""

    cover: dict
    pages: list[tuple[str, str, str | None, str]]
    svgs: dict[str, str]
    alternatives: dict[str, str]


def plan_to_print(pages: list[Page], svgs: dict[str, str], alternatives: dict[str, str], cover: dict) -> PlanToPrint:
    """cover holds the title, organisation, period, version, status, date, address (the site's, from which
    links to its files are made), logo and logo_alt. Of the drawings, only the wide ones are printed."""
    return PlanToPrint(cover, [(page.path, page.title, section, page.markdown)
                               for page, section in print_order(reading_order(pages))],
                       {name: svg for name, svg in svgs.items() if name.endswith("-wide")}, alternatives)


def printed_plan(plan: PlanToPrint) -> FullPlan:
    """The full plan, each page made the HTML it prints."""
    return FullPlan(pages=[printable_page(path, title, section, text, plan.svgs, plan.alternatives)
                           for path, title, section, text in plan.pages], **plan.cover)
