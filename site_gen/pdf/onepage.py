"""The plan on a page: what goes in each of its three columns, worked out from the data (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.derive import MEASURE_STATUSES, measure_status
from site_gen.model import PlanData
from site_gen.render.formatting import figure_text, milestone_date, period_text
from site_gen.site.palette import NHS_BLUE

# Which column each block sits in: the plan's purpose, then how progress is measured, then the money,
# the dates and how to find out more.
COLUMNS = {"vision": 0, "partners": 0, "priorities": 0, "population": 1, "measures": 1, "money": 2, "milestones": 2,
           "contact": 2}
BLOCK_TITLES = {"vision": "Our vision", "partners": "Who we work with", "priorities": "Our priorities",
                "population": "Our population", "measures": "How we will know", "money": "The money",
                "milestones": "Key dates", "contact": "Find out more"}
# Blocks shown when plan.yml does not choose: the plan's purpose, its measures, money and dates.
DEFAULT_BLOCKS = ("vision", "priorities", "measures", "money", "milestones", "contact")
# Paper sizes (landscape, millimetres) and the margin round the page.
PAPER = {"a3": (420, 297), "a4": (297, 210)}
MARGIN = 12
MOST_MEASURES, MOST_MILESTONES, MOST_STATISTICS = 8, 6, 6


@dataclass(frozen=True)
class Block:
    id: str
    title: str
    items: list = field(default_factory=list)
    text: str = ""


@dataclass(frozen=True)
class OnePage:
    paper: str
    title: str
    organisation: str
    period: str
    version: str
    status: str
    columns: list[list[Block]]
    address: str | None
    accent: str = NHS_BLUE  # the organisation's colour (branding in plan.yml), as the website uses it


def _measures(data: PlanData) -> list[dict]:
    chosen = [m for m in data.performance.measures if m.target is not None][:MOST_MEASURES]
    rows = []
    for m in chosen:
        status = measure_status(m)
        latest = m.actuals[-1] if m.actuals else None
        rows.append({"name": m.name, "baseline": figure_text(m.baseline.value, m.unit) if m.baseline else "",
                     "target": f"{figure_text(m.target.value, m.unit)} by {m.target.period}",
                     "latest": f"{figure_text(latest.value, m.unit)} ({latest.period})" if latest else "No data yet",
                     "status": MEASURE_STATUSES[status], "status_id": status})
    return rows


def _statistics(data: PlanData) -> list[tuple[str, str]]:
    """(figure, what it counts) for the statistics plan.yml chooses, or the first few."""
    chosen = data.plan.plan_on_a_page.statistics
    by_id = {s.id: s for s in data.population.statistics}
    picked = [by_id[i] for i in chosen if i in by_id] if chosen else data.population.statistics[:MOST_STATISTICS]
    return [(figure_text(s.value, s.unit), s.label + (f" ({s.period})" if s.period else "")) for s in picked]


def _contact_lines(site_url: str | None, contact) -> list[tuple[str, str]]:
    """(text, link) for the web address, email and phone: links, so a reader of the PDF can follow them."""
    lines = [(site_url, site_url)] if site_url else []
    if contact and contact.email:
        lines.append((contact.email, f"mailto:{contact.email}"))
    if contact and contact.phone:
        lines.append((contact.phone, "tel:" + "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")))
    return lines


def one_page(data: PlanData, headlines: list[tuple[str, str]], site_url: str | None, status_label: str) -> OnePage:
    plan = data.plan
    wanted = plan.plan_on_a_page.show or list(DEFAULT_BLOCKS)
    contact = plan.contact
    blocks = {
        "vision": Block("vision", BLOCK_TITLES["vision"], text=plan.vision),
        "partners": Block("partners", BLOCK_TITLES["partners"], list(plan.organisation.partners)),
        "population": Block("population", BLOCK_TITLES["population"], _statistics(data)),
        "priorities": Block("priorities", BLOCK_TITLES["priorities"],
                            [(p.title, p.aim) for p in data.priorities.priorities if p.kind == "priority"]),
        "measures": Block("measures", BLOCK_TITLES["measures"], _measures(data)),
        "money": Block("money", BLOCK_TITLES["money"], headlines),
        "milestones": Block("milestones", BLOCK_TITLES["milestones"],
                            [(milestone_date(m.date), m.title) for m in data.milestones.in_time_order()
                             if m.status not in ("done", "cancelled")][:MOST_MILESTONES]),
        "contact": Block("contact", BLOCK_TITLES["contact"], _contact_lines(site_url, contact)),
    }
    columns: list[list[Block]] = [[], [], []]
    for block_id in wanted:
        block = blocks[block_id]
        if block.items or block.text:
            columns[COLUMNS[block_id]].append(block)
    return OnePage(plan.plan_on_a_page.paper, plan.title, plan.organisation.name,
                   period_text(plan.period.start, plan.period.end), plan.version, status_label, columns, site_url,
                   plan.branding.accent_colour or NHS_BLUE)
