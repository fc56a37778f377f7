"""The plan on a page, a poster: what goes on it, worked out from the data (pure). The vision runs across the
top, the priorities stand in columns with their key measures and dates, and a band underneath holds the
money at a glance, what makes the work possible, and where to find out more. How much of each priority's
detail fits, and how large the text can be, the template works out by measuring."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from site_gen.derive import MEASURE_STATUSES, measure_status
from site_gen.model import PlanData
from site_gen.model.performance import Measure
from site_gen.model.priorities import Priority
from site_gen.not_stated import is_not_stated
from site_gen.render.formatting import figure_text, milestone_date, period_text
from site_gen.site.palette import NHS_BLUE

BLOCK_TITLES = {"vision": "Our vision", "partners": "Who we work with", "priorities": "Our priorities",
                "population": "Our population", "measures": "How we will know", "money": "The money at a glance",
                "milestones": "Key dates", "enablers": "What makes it possible", "contact": "Find out more"}
# Blocks shown when plan.yml does not choose: the plan's purpose, its measures, money, dates and enablers.
DEFAULT_BLOCKS = ("vision", "priorities", "measures", "money", "milestones", "enablers", "contact")
# The band under the priorities, in this order from left to right.
BAND = ("money", "milestones", "population", "enablers", "partners", "contact")
# Paper sizes (landscape, millimetres) and the margin round the page.
PAPER = {"a3": (420, 297), "a4": (297, 210)}
MARGIN = 12
# The most a poster holds; the template shows fewer measures and dates per priority when these do not fit.
MOST_PRIORITIES, MOST_MEASURES, MOST_MILESTONES, MOST_STATISTICS, MOST_KEY_DATES, MOST_ENABLERS = 6, 4, 3, 6, 4, 6


@dataclass(frozen=True)
class Block:
    id: str
    title: str
    items: list = field(default_factory=list)
    text: str = ""


@dataclass(frozen=True)
class PosterMeasure:
    name: str
    target: str  # "95% by 2013/14", or "" when there is none
    latest: str  # "92.1% in 2013/14", or "" when there is no figure yet
    status: str  # in words
    status_id: str


@dataclass(frozen=True)
class PosterPriority:
    title: str
    aim: str
    measures: list[PosterMeasure]  # those with figures first
    milestones: list[tuple[str, str]]  # (when, what), earliest first


@dataclass(frozen=True)
class MoneyFigure:
    label: str
    text: str
    share: float | None  # the bar's length as a share of the largest sum of money; None for a figure that is not


@dataclass(frozen=True)
class OnePage:
    paper: str
    title: str
    organisation: str
    period: str
    version: str
    status: str
    vision: str
    priorities: list[PosterPriority]
    left_out: int  # priorities not on the poster, which the website lists
    band: list[Block]  # under the priorities, left to right
    address: str | None
    accent: str = NHS_BLUE  # the organisation's colour (branding in plan.yml), as the website uses it
    logo: str | None = None  # a data: URL, so the typesetting needs nothing from outside
    logo_alt: str = ""


def _has_figures(measure: Measure) -> int:
    """How much a measure has to show: 2 with a target and a latest or starting figure, 1 with a target."""
    target = measure.target is not None and not is_not_stated(measure.target.value)
    known = bool(measure.actuals) or measure.baseline is not None
    return 2 if target and known else 1 if target else 0


def _poster_measure(measure: Measure) -> PosterMeasure:
    status = measure_status(measure)
    target = measure.target
    latest = measure.actuals[-1] if measure.actuals else None
    when = ""
    if target and target.period:  # "by 2013/14", or the plan's own "By 31 March 2014"
        when = "by " + (target.period[3:] if target.period.lower().startswith("by ") else target.period)
    return PosterMeasure(
        measure.name, f"{figure_text(target.value, measure.unit)} {when}".strip() if target else "",
        f"{figure_text(latest.value, measure.unit)} in {latest.period}" if latest else "",
        MEASURE_STATUSES[status], status)


def priority_measures(data: PlanData, priority: Priority) -> list[Measure]:
    """The measures of a priority, its own, those naming it and its schemes', those with figures first."""
    by_id = {m.id: m for m in data.performance.measures}
    ids = list(priority.measures) + [m.id for m in data.performance.measures if priority.id in m.priorities]
    ids += [i for scheme in priority.schemes for i in scheme.measures]
    unique = [by_id[i] for i in dict.fromkeys(ids) if i in by_id]
    return sorted(unique, key=lambda m: -_has_figures(m))[:MOST_MEASURES]


def poster_priorities(data: PlanData) -> tuple[list[Priority], int]:
    """The priorities the poster shows (plan.yml's choice, or the first six strategic priorities; a plan with
    none has its programmes instead), and how many it leaves out."""
    chosen = data.plan.plan_on_a_page.priorities
    everything = data.priorities.priorities
    if chosen:
        by_id = {p.id: p for p in everything}
        return [by_id[i] for i in chosen if i in by_id], 0
    main = [p for p in everything if p.kind == "priority"] or [p for p in everything if p.kind == "workstream"]
    return main[:MOST_PRIORITIES], max(0, len(main) - MOST_PRIORITIES)


def _milestones_of(data: PlanData, priority_id: str | None, shown: set[str]) -> list[tuple[str, str]]:
    open_ones = [m for m in data.milestones.in_time_order() if m.status not in ("done", "cancelled")]
    if priority_id is None:  # the key dates: those of no priority on the poster
        return [(milestone_date(m.date), m.title) for m in open_ones if m.priority not in shown][:MOST_KEY_DATES]
    return [(milestone_date(m.date), m.title) for m in open_ones if m.priority == priority_id][:MOST_MILESTONES]


def _statistics(data: PlanData) -> list[tuple[str, str]]:
    """(figure, what it counts) for the statistics plan.yml chooses, or the first few."""
    chosen = data.plan.plan_on_a_page.statistics
    by_id = {s.id: s for s in data.population.statistics}
    picked = [by_id[i] for i in chosen if i in by_id] if chosen else data.population.statistics[:MOST_STATISTICS]
    return [(figure_text(s.value, s.unit), s.label + (f" ({s.period})" if s.period else "")) for s in picked]


def _money(headlines: list[tuple[str, str, Decimal | None]]) -> list[MoneyFigure]:
    """Each headline figure, with a bar against the largest sum of money for those that are money."""
    largest = max((abs(p) for _, _, p in headlines if p is not None), default=Decimal(0))
    return [MoneyFigure(label, text, float(abs(pounds) / largest) if pounds is not None and largest else None)
            for label, text, pounds in headlines]


def _enablers(data: PlanData) -> tuple[str, list[tuple[str, str]]]:
    """What makes the work possible: the enabling programmes, or else the values the plan holds to."""
    enabling = [(p.title, p.aim) for p in data.priorities.priorities if p.kind == "enabling"]
    if enabling:
        return BLOCK_TITLES["enablers"], enabling[:MOST_ENABLERS]
    return "Our values", [(v.name, v.description) for v in data.plan.values][:MOST_ENABLERS]


def _contact_lines(site_url: str | None, contact) -> list[tuple[str, str]]:
    """(text, link) for the web address, email and phone: links, so a reader of the PDF can follow them."""
    lines = [(site_url, site_url)] if site_url else []
    if contact and contact.email:
        lines.append((contact.email, f"mailto:{contact.email}"))
    if contact and contact.phone:
        lines.append((contact.phone, "tel:" + "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")))
    return lines


def one_page(data: PlanData, headlines: list[tuple[str, str, Decimal | None]], site_url: str | None,
             status_label: str, logo: str | None = None, logo_alt: str = "") -> OnePage:
    """The poster's content. headlines are (label, figure as text, pounds or None) for the money at a glance."""
    plan = data.plan
    wanted = set(plan.plan_on_a_page.show or DEFAULT_BLOCKS)
    chosen, left_out = poster_priorities(data) if "priorities" in wanted else ([], 0)
    shown = {p.id for p in chosen}
    priorities = [PosterPriority(
        p.title, p.aim,
        [_poster_measure(m) for m in priority_measures(data, p)] if "measures" in wanted else [],
        _milestones_of(data, p.id, shown) if "milestones" in wanted else []) for p in chosen]
    enablers_title, enablers = _enablers(data)
    blocks = {
        "money": Block("money", BLOCK_TITLES["money"], _money(headlines)),
        "milestones": Block("milestones", BLOCK_TITLES["milestones"], _milestones_of(data, None, shown)),
        "population": Block("population", BLOCK_TITLES["population"], _statistics(data)),
        "enablers": Block("enablers", enablers_title, enablers),
        "partners": Block("partners", BLOCK_TITLES["partners"], list(plan.organisation.partners)),
        "contact": Block("contact", BLOCK_TITLES["contact"], _contact_lines(site_url, plan.contact)),
    }
    band = [blocks[b] for b in BAND if b in wanted and blocks[b].items]
    return OnePage(plan.plan_on_a_page.paper, plan.title, plan.organisation.name,
                   period_text(plan.period.start, plan.period.end), plan.version, status_label,
                   plan.vision if "vision" in wanted else "", priorities, left_out, band, site_url,
                   plan.branding.accent_colour or NHS_BLUE, logo, logo_alt or f"{plan.organisation.name} logo")
