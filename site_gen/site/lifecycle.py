"""What each lifecycle status shows on the site: one table, as in the design."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.model.plan import Plan
from site_gen.render.formatting import date_text

# Statuses whose plan is always checked and built strictly: warnings count as errors.
STRICT_STATUSES = ("approved", "published", "superseded")


@dataclass(frozen=True)
class Lifecycle:
    status: str
    banner: str | None
    robots: str
    strict: bool
    link: str | None = None
    link_text: str | None = None
    watermark: str | None = None  # across every PDF page, as in the design's lifecycle table
    # An approved or published plan has no banner; its PDFs still say its version, status and build code,
    # so that a printed copy can be matched to the minute.
    status_line: str | None = None

    @property
    def printed(self) -> str:
        """What the PDFs say of the plan's version and status: the banner, or the status line."""
        return self.banner or self.status_line or ""

    def as_dict(self) -> dict:
        return {"status": self.status, "banner": self.banner, "robots": self.robots,
                "link": self.link, "link_text": self.link_text}


# What a preview's pages say in place of the build code: the code changes with every edit, and would make
# every page of a preview change with it; a preview is never the copy a decision is taken on.
PREVIEW = "preview"


def lifecycle(plan: Plan, short_fingerprint: str | None) -> Lifecycle:
    """What the site and the PDFs show of the plan's status; short_fingerprint None for a preview."""
    build = f"build {short_fingerprint}" if short_fingerprint else PREVIEW
    if plan.status == "draft":
        return Lifecycle("draft", f"Draft version {plan.version}, not approved ({build}).", "noindex, nofollow", False,
                         watermark="DRAFT")
    if plan.status == "consultation":
        closes = date_text(plan.consultation_closes) if plan.consultation_closes else "date to be set"
        return Lifecycle("consultation", f"Consultation draft, closes {closes} ({build}).", "noindex, nofollow", False,
                         watermark="CONSULTATION DRAFT")
    if plan.status == "superseded":
        newer = plan.superseded_by
        return Lifecycle("superseded", f"Superseded by version {newer.version if newer else 'a newer version'}.",
                         "index, follow", "superseded" in STRICT_STATUSES, newer.url if newer else None,
                         "Read the current version" if newer else None, watermark="SUPERSEDED")
    return Lifecycle(plan.status, None, "index, follow", plan.status in STRICT_STATUSES,
                     status_line=f"Version {plan.version}, {plan.status} ({build}).")
