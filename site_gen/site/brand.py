"""What the site shows about the organisation on every page: its name, logo, colour and contact, the
page dates, and the acronyms it expands. Worked out from the plan's data, so another organisation
publishes its own plan without touching a template."""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass, field

from site_gen.model import PlanData
from site_gen.render.formatting import date_text
from site_gen.render.standing import status_words, version_date

# Where a logo is published inside the site, whatever it was called in the project.
LOGO_FOLDER = "assets/brand"
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
# Statuses whose pages say when the plan was published, rather than only when each page last changed.
PUBLISHED_STATUSES = ("published", "superseded")


def logo_path(written: str) -> str:
    """The logo's path as the plan gives it, tidied (content/./logo.svg is content/logo.svg); a path
    that leaves the plan folder stays as written, so that it matches no file of the plan."""
    return posixpath.normpath(written.strip()) if written.strip() else ""


@dataclass(frozen=True)
class SiteFacts:
    organisation: str
    accent: str | None = None
    logo_source: str | None = None  # relative to the plan project
    logo_alt: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    updated: datetime.date | None = None  # the plan's own date, for pages that give none
    abbreviations: dict[str, str] = field(default_factory=dict)
    version: str = ""
    status_words: str = ""  # "draft, not yet approved", after the version in the document header of every page
    published: str | None = None  # the date a published plan's version came out, as text
    # (title, path in the site) of each PDF the build makes, offered on the home page with its size and pages
    downloads: tuple[tuple[str, str], ...] = ()

    @property
    def logo_path(self) -> str | None:
        """Where the logo is in the site."""
        if not self.logo_source:
            return None
        # Published under a name of site_gen's own, so nothing in the name the plan gave it reaches a page.
        suffix = posixpath.splitext(self.logo_source)[1].lower()
        return f"{LOGO_FOLDER}/logo{suffix if suffix in LOGO_TYPES else ''}"

    def as_extra(self) -> dict:
        """What the theme templates read, under config.extra.plan."""
        return {"organisation": self.organisation, "logo_alt": self.logo_alt or "",
                "contact_email": self.contact_email or "", "contact_url": self.contact_url or "",
                "version": self.version, "status_words": self.status_words, "published": self.published or "",
                "downloads": [{"title": title, "path": path} for title, path in self.downloads]}


def site_facts(data: PlanData) -> SiteFacts:
    plan = data.plan
    contact = plan.contact
    dates = [entry.date for entry in plan.version_history]
    abbreviations = {t.term: t.expansion for t in data.glossary.terms
                     if t.expansion and t.term.replace("&", "").isalnum() and any(c.isupper() for c in t.term)}
    return SiteFacts(
        organisation=plan.organisation.name,
        accent=plan.branding.accent_colour,
        logo_source=logo_path(plan.branding.logo) if plan.branding.logo else None,
        logo_alt=plan.branding.logo_alt,
        contact_email=contact.email if contact else None,
        contact_url=contact.web if contact else None,
        updated=max(dates) if dates else None,
        abbreviations=dict(sorted(abbreviations.items())),
        version=plan.version,
        status_words=status_words(plan),
        published=version_date(plan) if plan.status in PUBLISHED_STATUSES else None,
    )


def front_matter(title: str, updated: datetime.date | None) -> str:
    """YAML front matter for a staged page: the theme reads the date shown as "Last updated"."""
    lines = ["---", f"title: {quote_yaml(title)}"]
    if updated:
        lines.append(f"updated: {quote_yaml(date_text(updated))}")
    return "\n".join(lines + ["---", ""]) + "\n"


def quote_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
