"""Write a complete, valid synthetic plan project of a chosen size, for benchmarks at scale.

    .venv/bin/python bench/synthetic_plan.py OUT_DIR [--pages 300] [--charts 150] [--measures 2000]
        [--priorities 40] [--schemes 200] [--finance-rows 500] [--seed 1]

Sizes not given scale with --pages (300 pages gives the sizes above). The plan passes
`site-gen check --strict` with no errors or warnings: totals add up exactly, scheme savings roll up to
their finance cells, every reference resolves, every acronym is in the glossary and the prose is plain
English. "Pages" are the pages of the built site, generated ones included, so the number of content pages
is chosen to bring the total near the request. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import posixpath
import random
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from synthetic_prose import (  # noqa: E402
    ACRONYMS,
    ACTIONS,
    BRIDGE_STEPS,
    PARTNERS,
    ROLES,
    SERVICE_LINES,
    TERMS,
    Writer,
    capital,
    lower_first,
    slug,
    topic_names,
)

from site_gen.model.risks import DEFAULT_SCORING  # noqa: E402

YEARS = ("2025/26", "2026/27")
BASELINE_YEAR = "2024/25"
QUARTERS = ("2025 Q1", "2025 Q2", "2025 Q3")
ONE_PLACE = Decimal("0.1")
# Pages every built site has besides the generated ones site_gen lists: the home page and the page not found.
HOME_AND_404 = 2
MOST_CHART_ROWS = 10  # site_gen warns above 15 bars; fewer keeps the synthetic charts readable too
FIGURES_PER_PARAGRAPH = 1  # the numbers-dense check starts at four figures in a paragraph; one is well clear


@dataclass(frozen=True)
class Size:
    pages: int = 300
    charts: int = 150
    measures: int = 2000
    priorities: int = 40
    schemes: int = 200
    finance_rows: int = 500
    seed: int = 1

    @classmethod
    def scaled(cls, pages: int, seed: int = 1, **given: int | None) -> Size:
        """Sizes not given grow with the page count, in the proportions of the 300-page plan."""
        scale = pages / cls.pages
        defaults = {"charts": max(3, round(cls.charts * scale)), "measures": max(4, round(cls.measures * scale)),
                    "priorities": max(2, round(cls.priorities * scale)), "schemes": max(2, round(cls.schemes * scale)),
                    "finance_rows": max(30, round(cls.finance_rows * scale))}
        chosen = {name: default if given.get(name) is None else given[name] for name, default in defaults.items()}
        return cls(pages=pages, seed=seed, **chosen)

    def __post_init__(self) -> None:
        # Two programmes at least: one priority and one workstream, so that both kinds of page are made.
        smallest = {"pages": 1, "charts": 1, "measures": 1, "priorities": 2, "schemes": 1, "finance_rows": 1}
        for name, least in smallest.items():
            if getattr(self, name) < least:
                raise ValueError(f"{name.replace('_', '-')} must be at least {least}")


@dataclass(frozen=True)
class Programme:
    """A priority, workstream or enabling programme of the synthetic plan."""

    id: str
    title: str
    topic: str
    kind: str


@dataclass
class Table:
    """A finance table as written to data/finance.yml, with what charts need to know about it."""

    shape: str  # spend, savings, bridge or rollup: which kinds of chart can draw it
    topic: str
    data: dict
    line_rows: list[str]
    value_columns: list[str]


@dataclass
class Synthetic:
    """The whole synthetic plan as it is built: each data file as a dict, and what pages refer to."""

    size: Size
    rng: random.Random
    writer: Writer
    programmes: list[Programme] = field(default_factory=list)
    files: dict[str, dict] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    figure_sentences: list[str] = field(default_factory=list)  # sentences holding one value macro each
    domains: list[str] = field(default_factory=list)

    @property
    def with_pages(self) -> list[Programme]:
        return [p for p in self.programmes if p.kind != "enabling"]


# ---------------------------------------------------------------- numbers


def _money(rng: random.Random, unit: str, low: int, high: int) -> Decimal | int:
    """An amount in a table's unit: whole thousands, or millions to one decimal place."""
    if unit == "£000":
        return rng.randint(low, high)
    return Decimal(rng.randint(low, high)) * ONE_PLACE


def _percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_PLACE, ROUND_HALF_UP)
    return abs(share) if share == 0 else share  # never "-0.0"


def _sum_rows(rows: list[dict], ids: list[str], columns: int) -> list:
    """Column sums of the rows named, in the cells' own type: whole thousands stay whole numbers."""
    chosen = [r for r in rows if r["id"] in ids]
    return [sum((r["values"][i] for r in chosen), type(chosen[0]["values"][i])(0)) for i in range(columns)]


# ---------------------------------------------------------------- programmes, measures, milestones


def make_programmes(plan: Synthetic) -> None:
    count = plan.size.priorities
    enabling = count // 8
    strategic = max(1, (count - enabling) // 2)
    kinds = ["priority"] * strategic + ["workstream"] * (count - enabling - strategic) + ["enabling"] * enabling
    for kind, topic in zip(kinds, topic_names(count), strict=True):
        plan.programmes.append(Programme(slug(topic), capital(topic), topic, kind))


_METRICS = (
    ("People seen within two weeks for {topic}", "%", "higher-is-better"),
    ("Emergency admissions linked to {topic}", "rate-per-100000", "lower-is-better"),
    ("Average wait for {topic}", "days", "lower-is-better"),
    ("People who rate {topic} as good", "%", "higher-is-better"),
    ("People supported at home through {topic}", "count", "higher-is-better"),
    ("Repeat visits to A&E linked to {topic}", "rate-per-1000", "lower-is-better"),
    ("Patients with a care plan for {topic}", "%", "higher-is-better"),
    ("Average wait for a first appointment in {topic}", "weeks", "lower-is-better"),
)


def _measure_values(rng: random.Random, unit: str) -> tuple[Decimal | int, int]:
    """A baseline in the measure's unit, and how many decimal places its figures keep."""
    if unit == "%":
        return Decimal(rng.randint(550, 950)) * ONE_PLACE, 1
    if unit in ("days", "weeks"):
        return Decimal(rng.randint(30, 400)) * ONE_PLACE, 1
    return rng.randint(100, 5000), 0


def _step(value: Decimal | int, places: int, change: float) -> Decimal | int:
    moved = Decimal(value) * Decimal(str(1 + change))
    return moved.quantize(ONE_PLACE, ROUND_HALF_UP) if places else int(moved.to_integral_value(ROUND_HALF_UP))


def _measure(plan: Synthetic, number: int, domain: str, topic: str, programme: Programme) -> dict:
    rng = plan.rng
    name, unit, direction = _METRICS[number % len(_METRICS)]
    baseline, places = _measure_values(rng, unit)
    better = 1 if direction == "higher-is-better" else -1
    measure = {"id": f"{domain}-{number:04d}", "name": name.format(topic=topic), "domain": domain, "unit": unit,
               "direction": direction}
    if number % 12 == 11:
        measure["no_target"] = "We will set a target once a full year of figures is in."
    else:
        target = _step(baseline, places, better * 0.05)
        if unit == "%":
            target = min(target, Decimal("99.0"))
        measure["target"] = {"operator": ">=" if better > 0 else "<=", "value": target, "period": YEARS[0]}
    measure["baseline"] = {"period": BASELINE_YEAR, "value": baseline}
    measure["trajectory"] = [{"period": year, "value": _step(baseline, places, better * 0.03 * (i + 1))}
                             for i, year in enumerate(YEARS)]
    measure["actuals"] = [{"period": quarter, "value": _step(baseline, places, better * rng.uniform(-0.06, 0.08))}
                          for quarter in QUARTERS]
    measure["source"] = "Synthetic figures made for benchmarking"
    measure["priorities"] = [programme.id]
    return measure


def make_performance(plan: Synthetic) -> None:
    domain_count = max(2, plan.size.measures // 100)
    topics = topic_names(domain_count)
    plan.domains = [slug(t) for t in topics]
    measures = []
    for number in range(plan.size.measures):
        d = number % domain_count
        programme = plan.with_pages[number % len(plan.with_pages)]
        measures.append(_measure(plan, number, plan.domains[d], topics[d], programme))
    domains = [{"id": d, "title": capital(t)} for d, t in zip(plan.domains, topics, strict=True)]
    plan.files["performance"] = {"domains": domains, "measures": measures}
    for measure in measures[: max(4, len(measures) // 20)]:
        name, ref = lower_first(measure["name"]), f'performance.{measure["id"]}'
        plan.figure_sentences.append(f'The latest figure for {name} is {{{{ value("{ref}.latest") }}}}.')
        if "target" in measure:
            plan.figure_sentences.append(f'Our target for {name} is {{{{ value("{ref}.target") }}}}.')


_MILESTONE_DATES = ("2025-10", "2025-12-01", "2026 Q1", "2026/27", "2026-06", "2025 Q4")
_MILESTONE_STATUSES = ("planned", "in-progress", "done", "planned", "late")


def make_milestones(plan: Synthetic) -> None:
    milestones = []
    for i, programme in enumerate(plan.with_pages):
        for step, what in enumerate(("starts", "reaches every practice")):
            milestones.append({
                "id": f"{programme.id}-{'start' if step == 0 else 'spread'}",
                "title": f"New approach to {programme.topic} {what}",
                "date": _MILESTONE_DATES[(2 * i + step) % len(_MILESTONE_DATES)],
                "status": _MILESTONE_STATUSES[(i + step) % len(_MILESTONE_STATUSES)],
                "priority": programme.id})
    plan.files["milestones"] = {"milestones": milestones}


# ---------------------------------------------------------------- priorities and their savings


def _scheme(plan: Synthetic, programme: Programme, number: int) -> dict:
    rng = plan.rng
    action = ACTIONS[number % len(ACTIONS)]
    again = f"-{number // len(ACTIONS) + 1}" if number >= len(ACTIONS) else ""  # the same action a second time
    scheme = {"id": f"{programme.id}-{slug(action)}{again}",
              "title": f"{capital(action)} for {programme.topic}",
              "summary": f"We will bring in {action} for {programme.topic}.",
              "lead": rng.choice(ROLES), "timescale": f"{YEARS[0]} to {YEARS[1]}",
              "status": rng.choice(("planned", "in-progress", "complete", "at-risk")),
              "actions": [f"Agree the plan for {action} with {rng.choice(PARTNERS)}."],
              "end_goal": f"Everyone who needs {programme.topic} can get it close to home."}
    if number and number % 8 == 0:  # a few schemes save no money of their own, as in real plans
        scheme["savings_note"] = "This scheme improves care rather than saving money."
    else:
        scheme["savings"] = [{"year": year, "amount": rng.randint(20, 900),
                              "confidence": rng.choice(("red", "red-amber", "amber", "green"))} for year in YEARS]
    scheme["milestones"] = [f"{programme.id}-start"]
    return scheme


def _schemes_by_programme(plan: Synthetic) -> dict[str, list[dict]]:
    owners = plan.with_pages
    schemes: dict[str, list[dict]] = {p.id: [] for p in owners}
    for number in range(plan.size.schemes):
        programme = owners[number % len(owners)]
        schemes[programme.id].append(_scheme(plan, programme, len(schemes[programme.id])))
    return schemes


def _savings_table(plan: Synthetic, schemes: dict[str, list[dict]]) -> Table:
    """Each programme's scheme savings by year, exactly: the figures its savings_rollup points at."""
    rows = []
    for programme in plan.with_pages:
        by_year = [sum(s["amount"] for scheme in schemes[programme.id] for s in scheme.get("savings", ())
                       if s["year"] == year) for year in YEARS]
        if any(by_year):
            rows.append({"id": programme.id, "label": programme.title, "values": by_year})
    line_ids = [r["id"] for r in rows]
    rows.append({"id": "total", "label": "Total", "kind": "total", "sums": line_ids,
                 "values": _sum_rows(rows, line_ids, len(YEARS))})
    data = {"id": "savings-by-programme", "title": f"Savings by programme {YEARS[0]} to {YEARS[1]}",
            "row_heading": "Programme", "unit": "£000", "source": "Scheme savings in the synthetic plan",
            "columns": [{"id": y, "label": y} for y in YEARS], "rows": rows}
    return Table("rollup", "every programme", data, line_ids, list(YEARS))


_FRAMEWORK_ITEMS = (("healthy-start", "Every child has a healthy start"),
                    ("living-well", "People live well for longer"),
                    ("fair-access", "Everyone can reach the care they need"),
                    ("ageing-well", "People age well at home"))


def make_priorities(plan: Synthetic) -> None:
    schemes = _schemes_by_programme(plan)
    savings = _savings_table(plan, schemes)
    plan.tables.append(savings)
    entries = []
    for i, programme in enumerate(plan.programmes):
        entry = {"id": programme.id, "title": programme.title, "kind": programme.kind,
                 "aim": f"Make {programme.topic} easier to reach and better for the people who use it.",
                 "summary": f"People told us that {programme.topic} can be hard to find and slow to reach.",
                 "lead": ROLES[i % len(ROLES)],
                 "objectives": [f"Bring waiting times for {programme.topic} down.",
                                f"Plan {programme.topic} with the people who use it."]}
        if programme.kind != "enabling":
            entry["schemes"] = schemes[programme.id]
            entry["alignment"] = [f"health-and-wellbeing.{_FRAMEWORK_ITEMS[i % len(_FRAMEWORK_ITEMS)][0]}"]
            if programme.id in savings.line_rows:
                entry["savings_rollup"] = [{"year": y, "ref": f"finance.savings-by-programme.{programme.id}.{y}"}
                                           for y in YEARS]
        entries.append(entry)
    plan.files["priorities"] = {
        "savings_unit": "£000", "priorities": entries,
        "frameworks": [{"id": "health-and-wellbeing", "title": "Joint Health and Wellbeing Strategy",
                        "items": [{"id": item, "title": title} for item, title in _FRAMEWORK_ITEMS]}],
        "savings_total": [{"year": y, "ref": f"finance.savings-by-programme.total.{y}"} for y in YEARS]}


# ---------------------------------------------------------------- finance


def _spend_table(plan: Synthetic, number: int, topic: str, line_count: int) -> Table:
    """Two years of spending on service lines, with the change and the change as a percentage; larger
    tables split their lines into two groups with subtotals, as real budgets do."""
    rng = plan.rng
    unit = "£000" if number % 2 == 0 else "£m"
    labels = rng.sample(SERVICE_LINES, line_count)
    rows = []
    for label in labels:
        first = _money(rng, unit, 200, 9000)
        second = first + _money(rng, unit, -40, 90) * (10 if unit == "£000" else 1)
        if second <= 0:
            second = first
        rows.append({"id": slug(label), "label": label, "values": [first, second, second - first]})
    groups = [rows[: line_count // 2], rows[line_count // 2:]] if line_count >= 8 else [rows]
    out, parts = [], []
    for g, group in enumerate(groups):
        out += group
        if len(groups) > 1:
            ids = [r["id"] for r in group]
            subtotal = {"id": f"group-{g + 1}", "label": f"Group {g + 1} services", "kind": "subtotal",
                        "sums": ids, "values": _sum_rows(group, ids, 3)}
            out.append(subtotal)
            parts.append(subtotal)
        else:
            parts += group
    part_ids = [r["id"] for r in parts]
    out.append({"id": "total", "label": "Total", "kind": "total", "sums": part_ids,
                "values": _sum_rows(parts, part_ids, 3)})
    for row in out:
        row["values"].append(_percent(row["values"][2], row["values"][0]))
    data = {"id": f"spend-{number:03d}", "title": f"Spending on {topic}", "row_heading": "Service",
            "unit": unit, **({"decimals": 1} if unit == "£m" else {}),
            "source": "Synthetic figures made for benchmarking",
            "columns": [{"id": YEARS[0], "label": YEARS[0]}, {"id": YEARS[1], "label": YEARS[1]},
                        {"id": "change", "label": "Change", "kind": "total", "sums": [YEARS[1], f"-{YEARS[0]}"]},
                        {"id": "change-percent", "label": "Change (%)", "kind": "percent", "part": ["change"],
                         "whole": [YEARS[0]]}],
            "rows": out}
    return Table("spend", topic, data, [slug(label) for label in labels], list(YEARS))


def _target_table(plan: Synthetic, number: int, topic: str, line_count: int) -> Table:
    """Savings targets and the savings found against them, for dot charts."""
    rng = plan.rng
    rows = []
    for label in rng.sample(SERVICE_LINES, line_count):
        target = rng.randint(100, 2000)
        found = int(target * rng.uniform(0.6, 1.3))
        rows.append({"id": slug(label), "label": label, "values": [target, found, found - target]})
    ids = [r["id"] for r in rows]
    rows.append({"id": "total", "label": "Total", "kind": "total", "sums": ids, "values": _sum_rows(rows, ids, 3)})
    data = {"id": f"targets-{number:03d}", "title": f"Savings found against target in {topic}",
            "row_heading": "Area", "unit": "£000", "source": "Synthetic figures made for benchmarking",
            "columns": [{"id": "target", "label": "Target"}, {"id": "identified", "label": "Savings found"},
                        {"id": "gap", "label": "Difference", "kind": "total", "sums": ["identified", "-target"]}],
            "rows": rows}
    return Table("savings", topic, data, ids, ["target", "identified"])


def _bridge_table(plan: Synthetic, number: int, topic: str, step_count: int) -> Table:
    """Last year's spending, the steps up and down, and this year's: a bridge (waterfall) that adds up."""
    rng = plan.rng
    start = _money(rng, "£m", 200, 900)
    rows = [{"id": "last-year", "label": f"Spending in {BASELINE_YEAR}", "values": [start]}]
    for step_id, label, sign in rng.sample(BRIDGE_STEPS, step_count):
        rows.append({"id": step_id, "label": label, "values": [sign * _money(rng, "£m", 5, 60)]})
    ids = [r["id"] for r in rows]
    rows.append({"id": "this-year", "label": f"Spending in {YEARS[0]}", "kind": "total", "sums": ids,
                 "values": _sum_rows(rows, ids, 1)})
    data = {"id": f"bridge-{number:03d}", "title": f"How spending on {topic} changes", "row_heading": "Step",
            "unit": "£m", "decimals": 1, "source": "Synthetic figures made for benchmarking",
            "columns": [{"id": YEARS[0], "label": YEARS[0]}], "rows": rows}
    return Table("bridge", topic, data, ids, [YEARS[0]])


def _table_rows(table: Table) -> int:
    return len(table.data["rows"])


def make_finance(plan: Synthetic) -> None:
    """Tables of three shapes in turn until the row budget is spent, and a few headline figures."""
    rng = plan.rng
    budget = plan.size.finance_rows - sum(_table_rows(t) for t in plan.tables)
    topics = topic_names(max(3, budget // 8))
    makers = ((_spend_table, 5, 12), (_spend_table, 5, 12), (_target_table, 4, 9), (_bridge_table, 3, 6))
    number = 0
    while budget > 0 or number < len(makers):
        maker, low, high = makers[number % len(makers)]
        table = maker(plan, number, topics[number % len(topics)], rng.randint(low, high))
        plan.tables.append(table)
        budget -= _table_rows(table)
        number += 1
    spend = [t for t in plan.tables if t.shape == "spend"]
    headlines = [{"id": "savings-this-year", "label": f"Savings planned in {YEARS[0]}",
                  "ref": f"finance.savings-by-programme.total.{YEARS[0]}"}]
    for table in spend[:3]:
        headlines.append({"id": f"{table.data['id']}-total", "label": f"{table.data['title']} in {YEARS[0]}",
                          "ref": f"finance.{table.data['id']}.total.{YEARS[0]}"})
    first = spend[0].data
    headlines.append({"id": "first-budget-stated", "label": f"{first['title']} {YEARS[1]}, as stated",
                      "ref": f"finance.{first['id']}.total.{YEARS[1]}", "unit": first["unit"],
                      "value": first["rows"][-1]["values"][1]})
    plan.files["finance"] = {"tables": [t.data for t in plan.tables], "headlines": headlines}
    for table in spend:
        row = table.data["rows"][0]
        plan.figure_sentences.append(
            f'In {YEARS[0]}, we plan to spend {{{{ value("finance.{table.data["id"]}.{row["id"]}.{YEARS[0]}") }}}} '
            f'on {row["label"].lower()}.')


# ---------------------------------------------------------------- risks, population, the rest


def _band(score: int) -> str:
    """The band of site_gen's default scale (the synthetic plan gives no scale of its own)."""
    return next(band.id for band in DEFAULT_SCORING.bands if band.min <= score <= band.max)


def make_risks(plan: Synthetic) -> None:
    rng = plan.rng
    risks = []
    for i in range(max(6, len(plan.programmes))):  # one risk per programme, and a heat map worth drawing
        programme = plan.programmes[i % len(plan.programmes)]
        likelihood, impact = rng.randint(2, 5), rng.randint(2, 5)
        left, hurt = max(1, likelihood - rng.randint(0, 2)), max(1, impact - rng.randint(0, 1))
        risks.append({"id": f"risk-{i + 1:03d}", "title": f"Changes to {programme.topic} take longer than planned",
                      "description": f"If staff are hard to find, {programme.topic} may improve more slowly.",
                      "category": rng.choice(("Finance", "Workforce", "Quality", "Delivery")),
                      "owner": ROLES[i % len(ROLES)],
                      "inherent": {"likelihood": likelihood, "impact": impact},
                      "residual": {"likelihood": left, "impact": hurt, "score": left * hurt,
                                   "band": _band(left * hurt)},
                      "mitigations": [f"We review {programme.topic} every month with {rng.choice(PARTNERS)}."],
                      "priorities": [programme.id] if programme.kind != "enabling" else []})
    plan.files["risks"] = {"risks": risks}


_LOCALITIES = ("north", "south", "east", "west")
_AGE_BANDS = ("Under 18", "18 to 64", "65 and over")


def make_population(plan: Synthetic) -> None:
    rng = plan.rng
    localities = [{"id": f"patients-{place}", "label": f"Patients registered in the {place}",
                   "value": rng.randint(60000, 160000), "unit": "people", "period": "April 2025",
                   "source": "Practice registers"} for place in _LOCALITIES]
    total = {"id": "registered-patients", "label": "Patients registered with our practices",
             "value": sum(s["value"] for s in localities), "unit": "people", "period": "April 2025",
             "source": "Practice registers", "sums": [s["id"] for s in localities]}
    smoking = {"id": "adult-smoking", "label": "Adults who smoke", "value": Decimal("13.5"), "unit": "%",
               "comparator": {"label": "England", "value": Decimal("11.9")}}
    first = total["value"]
    growth = [{"period": year, "value": round(first * 1.01 ** i)}
              for i, year in enumerate((YEARS[0], YEARS[1], "2027/28", "2028/29"))]
    bands = [{"period": year, "group": band, "value": round(first * share * (1 + 0.02 * i))}
             for i, year in enumerate(YEARS) for band, share in zip(_AGE_BANDS, (0.21, 0.6, 0.19), strict=True)]
    plan.files["population"] = {
        "statistics": [total, *localities, smoking],
        "series": [
            {"id": "population-projection", "title": "Our registered population grows by about 1% a year",
             "unit": "people", "growth_rate": Decimal("1.0"), "source": "Practice registers", "points": growth},
            {"id": "population-by-age", "title": "Registered population by age band", "unit": "people",
             "source": "Practice registers", "points": bands}]}
    plan.figure_sentences.append('Our practices care for {{ value("population.registered-patients") }}.')


def make_glossary(plan: Synthetic) -> None:
    terms = [{"term": term, "expansion": expansion, "definition": definition}
             for term, (expansion, definition) in ACRONYMS.items()]
    terms += [{"term": term, "definition": definition} for term, definition in TERMS.items()]
    plan.files["glossary"] = {"terms": terms}


def make_governance_and_documents(plan: Synthetic) -> None:
    plan.files["governance"] = {
        "bodies": [{"id": "board", "name": "Integrated care board",
                    "purpose": "Agrees the plan and checks it is delivered.", "chair": "Chair",
                    "members": list(ROLES[:4]), "frequency": "Every two months"},
                   {"id": "finance-committee", "name": "Finance committee", "chair": "Chief finance officer",
                    "frequency": "Monthly", "reports_to": "board"}],
        "leads": [{"id": f"lead-{i + 1}", "role": role, "area": capital(topic)}
                  for i, (role, topic) in enumerate(zip(ROLES, topic_names(len(ROLES)), strict=True))]}
    plan.files["documents"] = {"documents": [
        {"id": "health-and-wellbeing-strategy", "title": "Joint Health and Wellbeing Strategy",
         "period": "2024 to 2029",
         "summary": "The plan the council and the NHS share for improving health in our area.",
         "link": "https://www.example.org/health-and-wellbeing-strategy"}]}


def make_plan_file(plan: Synthetic) -> None:
    strategic = [p for p in plan.programmes if p.kind == "priority"]
    # The plan on a page lists each priority with its aim; a long list would not fit on one sheet.
    show = ["vision"] + (["priorities"] if len(strategic) <= 6 else []) + ["measures", "money", "milestones", "contact"]
    plan.files["plan"] = {
        "title": "Integrated Plan 2025-27",
        "organisation": {"name": "Synthetic Integrated Care Board", "short_name": "Synthetic ICB",
                         "partners": ["Synthetic County Council", "Synthetic Community Health Services"]},
        "branding": {"accent_colour": "#005eb8"},
        "period": {"start": YEARS[0], "end": YEARS[1]},
        "version": "1.0", "status": "draft",
        "version_history": [{"version": "1.0", "date": datetime.date(2025, 3, 1), "author": "Head of planning",
                             "summary": f"A synthetic plan made with seed {plan.size.seed} for benchmarking."}],
        "vision": "People stay well for longer, and get good care close to home when they need it.",
        "aim": "Make local health services simpler to use and fairer for everyone.",
        "mission": "We plan and pay for health services with our partners, and spend public money wisely.",
        "values": [{"name": "People first", "description": "We start from what matters to the people we serve."},
                   {"name": "Working together", "description": "We plan with councils, practices and local groups."}],
        "contact": {"name": "Communications team", "email": "communications@example.nhs.uk"},
        "accessibility_contact": {"name": "Communications team", "email": "accessibility@example.nhs.uk",
                                  "response_days": 10},
        "plan_on_a_page": {"show": show}}


# ---------------------------------------------------------------- charts


def _finance_chart(table: Table, kind: str, number: int) -> dict:
    rows = table.line_rows[:MOST_CHART_ROWS]
    chart = {"id": f"{table.data['id']}-{kind}-{number:03d}", "kind": kind, "data": f"finance.{table.data['id']}"}
    if kind == "bridge":
        return {**chart, "title": f"Spending on {table.topic} changes in steps from one year to the next",
                "rows": table.line_rows, "columns": [table.value_columns[0]]}
    if kind == "dots":
        return {**chart, "title": f"Most areas of {table.topic} are close to their savings target",
                "rows": rows, "columns": ["identified"], "target": "target"}
    if kind == "line":
        return {**chart, "title": f"The largest costs of {table.topic} grow between the two years",
                "rows": rows[:4], "columns": table.value_columns}
    columns = table.value_columns[:1] if kind == "bar" else table.value_columns
    return {**chart, "title": f"A few service lines take most of the money for {table.topic}", "rows": rows,
            "columns": columns}


# Which chart kinds each table shape can feed.
_KINDS_FOR = {"spend": ("bar", "grouped-bar", "line", "stacked-bar"), "savings": ("dots",), "bridge": ("bridge",)}


def make_charts(plan: Synthetic) -> None:
    """One heat map, a line per population series, a share of measures, and the rest from finance tables,
    each shape of table in turn so that every kind of chart is drawn."""
    total = plan.size.charts
    series = plan.files["population"]["series"]
    charts: list[dict] = [{"id": "risks-heatmap", "kind": "heatmap", "data": "risks.register",
                           "title": "Most of our risks are moderate once we act on them"}]
    for s in series[: total // 10]:
        charts.append({"id": f"{s['id']}-line", "kind": "line", "data": f"population.{s['id']}",
                       "title": f"{s['title']} over the coming years"})
    measures = plan.files["performance"]["measures"]
    for i, measure in enumerate(measures[: total // 5]):
        charts.append({"id": f"{measure['id']}-chart", "kind": "line" if i % 2 == 0 else "bar",
                       "data": f"performance.{measure['id']}",
                       "title": f"{measure['name']} is moving towards our aim"})
    pools = [(kind, [t for t in plan.tables if t.shape == shape])
             for shape, kinds in _KINDS_FOR.items() for kind in kinds]
    number = 0
    while len(charts) < total:
        kind, tables = pools[number % len(pools)]
        charts.append(_finance_chart(tables[(number // len(pools)) % len(tables)], kind, number))
        number += 1
    plan.files["charts"] = {"charts": charts[:total]}


# ---------------------------------------------------------------- pages


def generated_page_count(plan: Synthetic) -> int:
    """The pages site_gen makes from this data, asked of site_gen itself so the count follows its rules."""
    from site_gen.model import FAMILIES, PlanData
    from site_gen.render.generated import generated_specs

    data = PlanData(**{family: FAMILIES[family].model_validate(content) for family, content in plan.files.items()})
    return len(generated_specs(data, [])) + HOME_AND_404


@dataclass(frozen=True)
class ContentPage:
    path: str
    title: str
    topic: str
    order: int


def _page_plan(plan: Synthetic, count: int) -> list[ContentPage]:
    topics = [p.topic for p in plan.programmes]
    pages, used = [], set()
    for index in range(count):
        title, topic = plan.writer.page_title(index, topics)
        name = slug(title)
        while name in used:
            name += "-more"
        used.add(name)
        # The first pages stand alone; the rest are in a folder for their topic, a section of the menu, as a
        # plan of hundreds of pages would keep them.
        folder = "" if index < 14 else slug(topic) + "/"
        pages.append(ContentPage(f"{folder}{name}.md", title, topic, 1 + index % 14 if index < 14 else 100 + index))
    return pages


def _page_extras(plan: Synthetic, pages: list[ContentPage]) -> dict[int, list[str]]:
    """The block macros each page shows: every chart once, every table once, and the listing macros."""
    extras: dict[int, list[str]] = {i: [] for i in range(len(pages))}
    for i, chart in enumerate(plan.files["charts"]["charts"]):
        extras[i % len(pages)].append(f'{{{{ chart("{chart["id"]}") }}}}')
    for i, table in enumerate(plan.tables):
        extras[(i * 7 + 3) % len(pages)].append(f'{{{{ table("finance.{table.data["id"]}") }}}}')
    for i, domain in enumerate(plan.domains):
        extras[(i * 11 + 5) % len(pages)].append(f'{{{{ measures(domain="{domain}") }}}}')
    extras[0] += ['{{ priorities() }}', '{{ priorities(kind="workstream") }}']
    extras[len(pages) // 2].append('{{ risks(band="high") }}')
    for i, programme in enumerate(plan.with_pages[:10]):
        extras[(i * 5 + 1) % len(pages)].append(f'{{{{ milestones(priority="{programme.id}") }}}}')
    return extras


def _link(plan: Synthetic, pages: list[ContentPage], index: int) -> str:
    other = pages[(index + 1) % len(pages)]
    programme = plan.with_pages[index % len(plan.with_pages)]
    folder = "priorities" if programme.kind == "priority" else "workstreams"
    here = posixpath.dirname(pages[index].path) or "."
    return (f"See also [{lower_first(other.title)}]({posixpath.relpath(other.path, here)}) and our work on "
            f"[{programme.topic}]({posixpath.relpath(f'{folder}/{programme.id}.md', here)}).")


def page_markdown(plan: Synthetic, pages: list[ContentPage], index: int, extras: list[str]) -> str:
    writer, page = plan.writer, pages[index]
    lines = ["---", f"title: {page.title}", f"order: {page.order}", f"summary: {writer.page_summary(page.topic)}",
             "---", ""]
    sections = max(3, len(extras))
    used: set[str] = set()
    figures = iter(plan.rng.sample(plan.figure_sentences, min(len(plan.figure_sentences), sections * 2)))
    for section in range(sections):
        lines += [f"## {writer.heading(page.topic, used)}", ""]
        for _ in range(plan.rng.randint(1, 2)):
            chosen = [f for f in (next(figures, None) for _ in range(FIGURES_PER_PARAGRAPH)) if f]
            lines += [writer.paragraph(page.topic, chosen), ""]
        if section < len(extras):
            lines += [extras[section], ""]
        if section == 1:
            lines += [writer.bullet_list(page.topic), ""]
    lines += ["## Find out more", "", _link(plan, pages, index), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    """YAML as site_gen reads it: no anchors or aliases, and decimals written with the places they keep."""

    def ignore_aliases(self, data) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if value.as_tuple().exponent >= 0:  # no decimal point: as a float it would need a tag, which site_gen refuses
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(Decimal, _decimal)


def _yaml(content: dict, seed: int) -> str:
    header = f"# Made by bench/synthetic_plan.py with seed {seed}: synthetic figures for benchmarking only.\n"
    return header + yaml.dump(content, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                              default_flow_style=None)


def build_plan(size: Size) -> tuple[Synthetic, list[ContentPage], int]:
    """The plan's data, its content pages, and how many pages the built site will have."""
    rng = random.Random(size.seed)
    plan = Synthetic(size, rng, Writer(rng, YEARS))
    for step in (make_programmes, make_performance, make_milestones, make_priorities, make_finance, make_risks,
                 make_population, make_glossary, make_governance_and_documents, make_plan_file, make_charts):
        step(plan)
    generated = generated_page_count(plan)
    pages = _page_plan(plan, max(3, size.pages - generated))
    return plan, pages, generated + len(pages)


@dataclass(frozen=True)
class Written:
    root: Path
    content_pages: int
    expected_pages: int


def write_plan(out: Path, size: Size) -> Written:
    """Write the synthetic plan project into out (which must be empty or not exist yet)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give a new or empty folder.")
    plan, pages, expected = build_plan(size)
    (out / "data").mkdir(parents=True)
    (out / "content").mkdir()
    (out / "mkdocs.yml").write_text(
        "site_name: Synthetic Integrated Care Board Integrated Plan 2025-27\n"
        "site_url: https://plan.example.nhs.uk/\ncopyright: © Synthetic Integrated Care Board\n", encoding="utf-8")
    for family, content in plan.files.items():
        (out / "data" / f"{family}.yml").write_text(_yaml(content, size.seed), encoding="utf-8")
    extras = _page_extras(plan, pages)
    for index, page in enumerate(pages):
        (out / "content" / page.path).parent.mkdir(parents=True, exist_ok=True)
        (out / "content" / page.path).write_text(page_markdown(plan, pages, index, extras[index]), encoding="utf-8")
    return Written(out, len(pages), expected)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a new or empty folder for the plan project")
    parser.add_argument("--pages", type=int, default=Size.pages, help="pages of the built site (default 300)")
    for name in ("charts", "measures", "priorities", "schemes", "finance-rows"):
        parser.add_argument(f"--{name}", type=int,
                            help=f"number of {name.replace('-', ' ')} (default: scaled with --pages)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        size = Size.scaled(args.pages, args.seed, charts=args.charts, measures=args.measures,
                           priorities=args.priorities, schemes=args.schemes, finance_rows=args.finance_rows)
        written = write_plan(args.out, size)
    except (ValueError, FileExistsError) as err:
        parser.error(str(err))
    print(f"Wrote a synthetic plan to {written.root}: {written.content_pages} content pages, "
          f"{size.charts} charts, {size.measures} measures, {size.priorities} priorities, {size.schemes} schemes, "
          f"about {size.finance_rows} finance rows.")
    print(f"Expected pages in the built site: {written.expected_pages}"
          + (f" (more than the {size.pages} asked for: the data alone makes that many)"
             if written.expected_pages > size.pages else ""))


if __name__ == "__main__":
    main()
