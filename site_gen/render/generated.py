"""Which pages the plan's data calls for: pure, so checks can know every page before rendering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_gen.derive import MEASURE_STATUSES
from site_gen.model import PlanData
from site_gen.model.priorities import KIND_FOLDERS
from site_gen.render.accessibility_status import Statement, statement

if TYPE_CHECKING:  # the change report reads the generated pages to know where each figure is shown
    from site_gen.approval.diff import Changes


@dataclass(frozen=True)
class PageSpec:
    """A page the data determines: where it goes, its template and the variables it needs."""

    path: str
    title: str
    order: int
    template: str
    variables: dict
    section: str | None = None


# Pages every site has, linked from each page's footer rather than listed in the menu.
OUTSIDE_NAV = ("accessibility.md", "privacy.md")
# A governing body's decision on a plan, in words.
DECISIONS = {"approved": "Approved", "approved-with-changes": "Approved with changes", "not-approved": "Not approved",
             "deferred": "Decision put off to a later meeting"}
SECTIONS = {"priorities": "Our priorities", "workstreams": "Our work programme"}
_SECTION_ORDER = {"priorities": 20, "workstreams": 30}
_SECTION_INTROS = {"priorities": "pages/priorities.md.j2", "workstreams": "pages/workstreams.md.j2"}


def _alignment_titles(data: PlanData) -> dict[str, tuple[str, dict[str, str]]]:
    return {f.id: (f.title, {i.id: i.title for i in f.items}) for f in data.priorities.frameworks}


def _aligned(entries: list[str], titles: dict) -> list[tuple[str, str]]:
    """(framework title, item title) for each alignment entry that names a real item."""
    pairs = (entry.partition(".") for entry in entries)
    return [(titles[f][0], titles[f][1][i]) for f, _, i in pairs if f in titles and i in titles[f][1]]


def _priority_specs(data: PlanData, kind: str) -> list[PageSpec]:
    chosen = [p for p in data.priorities.priorities if p.kind == kind]
    if not chosen:
        return []
    folder = KIND_FOLDERS[kind]
    base = _SECTION_ORDER[folder]
    titles = _alignment_titles(data)
    specs = [PageSpec(f"{folder}/index.md", SECTIONS[folder], base, _SECTION_INTROS[folder],
                      {"chosen": chosen, "kind": kind}, folder)]
    for number, p in enumerate(chosen, start=1):
        measures_here = bool(p.measures) or any(p.id in m.priorities for m in data.performance.measures)
        risks_here = any(p.id in r.priorities for r in data.risks.risks)
        milestones_here = any(m.priority == p.id for m in data.milestones.milestones)
        specs.append(PageSpec(f"{folder}/{p.id}.md", p.title, base + number, "pages/priority.md.j2",
                              {"p": p, "measures_here": measures_here, "risks_here": risks_here,
                               "milestones_here": milestones_here, "alignment": _aligned(p.alignment, titles)},
                              folder))
    return specs


def _measure_charts_by_domain(data: PlanData) -> dict[str | None, list[str]]:
    """The ids of the charts of performance measures, under each measure's domain, in chart order.
    Worked out here once: a plan of 2,000 measures and 150 charts took seconds to filter in the
    template, domain by domain and chart by chart."""
    domains_of: dict[str, set[str | None]] = {}
    for measure in data.performance.measures:
        domains_of.setdefault(measure.id, set()).add(measure.domain)
    out: dict[str | None, list[str]] = {}
    for chart in data.charts.charts:
        if chart.data.startswith("performance."):
            for domain in sorted(domains_of.get(chart.data[len("performance."):], ()), key=lambda d: d or ""):
                out.setdefault(domain, []).append(chart.id)
    return out


def _alignment_rows(data: PlanData) -> list[dict]:
    """One table per framework: each priority or scheme aligned to any of its items, with which ones."""
    tables = []
    for framework in data.priorities.frameworks:
        rows = []
        for p in data.priorities.priorities:
            for title, part_of, entries in [(p.title, p.title, p.alignment)] + [
                    (s.title, p.title, s.alignment) for s in p.schemes]:
                items = {entry.partition(".")[2] for entry in entries if entry.partition(".")[0] == framework.id}
                if items:
                    rows.append({"title": title, "part_of": part_of, "items": items})
        if rows:
            tables.append({"framework": framework, "rows": rows})
    return tables


def _work_links(data: PlanData) -> dict[tuple[str, str], tuple[str, str]]:
    """Each priority and scheme, by ("priorities" or "schemes", id), as its title and where its page shows it."""
    links: dict[tuple[str, str], tuple[str, str]] = {}
    for p in data.priorities.priorities:
        page = f"{KIND_FOLDERS[p.kind]}/{p.id}.html" if p.kind in KIND_FOLDERS else "enabling.html"
        links[("priorities", p.id)] = (p.title, page if p.kind in KIND_FOLDERS else f"{page}#{p.id}")
        for scheme in p.schemes:
            links[("schemes", scheme.id)] = (scheme.title, f"{page}#scheme-{scheme.id}")
    return links


def _requirement_groups(data: PlanData) -> list[dict]:
    """Each group of requirements, each requirement with the work that meets it as (title, link). An id
    that names no priority or scheme is left out here: the check reports it."""
    links = _work_links(data)
    return [{"group": group, "rows": [
        {"r": r, "work": [links[(field, i)] for field in ("priorities", "schemes") for i in getattr(r, field)
                          if (field, i) in links]}
        for r in group.requirements]} for group in data.requirements.groups]


def generated_specs(data: PlanData, headlines: list[tuple[str, str]], since: Changes | None = None,
                    accessibility: Statement | None = None) -> list[PageSpec]:
    """The generated pages this plan's data calls for, in navigation order. accessibility is what the
    accessibility statement says, from the checks' findings too; without it, from the plan alone."""
    specs: list[PageSpec] = []
    if data.population.statistics or data.population.series:
        specs.append(PageSpec("population.md", "Our population", 15, "pages/population.md.j2", {}))
    specs += _priority_specs(data, "priority")
    specs += _priority_specs(data, "workstream")
    enabling = [p for p in data.priorities.priorities if p.kind == "enabling"]
    if enabling:
        specs.append(PageSpec("enabling.md", "Enabling programmes", 38, "pages/enabling.md.j2", {"chosen": enabling}))
    alignment = _alignment_rows(data)
    if alignment:
        specs.append(PageSpec("alignment.md", "How our work fits wider plans", 39, "pages/alignment.md.j2",
                              {"tables": alignment}))
    if data.finance.tables or data.finance.headlines:
        specs.append(PageSpec("finance.md", "Finance", 40, "pages/finance.md.j2", {"headlines": headlines}))
    if data.performance.measures:
        titles = {d.id: d.title for d in data.performance.domains}
        used = list(dict.fromkeys(m.domain for m in data.performance.measures))
        domains = [(d, titles.get(d, d.replace("-", " ").capitalize()) if d else "Measures") for d in used]
        specs.append(PageSpec("performance.md", "Performance", 50, "pages/performance.md.j2",
                              {"domains": domains, "charts_by_domain": _measure_charts_by_domain(data)}))
    if data.risks.risks:
        specs.append(PageSpec("risks.md", "Risks", 60, "pages/risks.md.j2", {}))
    if data.milestones.milestones:
        specs.append(PageSpec("milestones.md", "Milestones", 70, "pages/milestones.md.j2", {}))
    if data.governance.bodies or data.governance.leads:
        names = {b.id: b.name for b in data.governance.bodies}
        specs.append(PageSpec("governance.md", "How we are governed", 80, "pages/governance.md.j2", {"names": names}))
    if data.requirements.groups:
        specs.append(PageSpec("requirements.md", "How we meet national requirements", 83, "pages/requirements.md.j2",
                              {"groups": _requirement_groups(data)}))
    if data.documents.documents:
        specs.append(PageSpec("documents.md", "Related documents", 85, "pages/documents.md.j2", {}))
    if data.glossary.terms:
        terms = sorted(data.glossary.terms, key=lambda t: t.term.lower())
        specs.append(PageSpec("glossary.md", "Glossary", 90, "pages/glossary.md.j2", {"terms": terms}))
    if data.plan.version_history or data.plan.approvals or data.plan.sign_off:
        specs.append(PageSpec("versions.md", "Version history", 93, "pages/versions.md.j2",
                              {"decisions": DECISIONS}))
    if since is not None:
        specs.append(PageSpec("changes.md", f"Changes since version {since.old_version}", 94, "pages/changes.md.j2",
                              {"since": since, "figures": since.shown_figures(), "tables": since.shown_tables(),
                               "statuses": MEASURE_STATUSES}))
    specs.append(PageSpec("downloads.md", "Downloads", 95, "pages/downloads.md.j2", {}))
    specs.append(PageSpec("accessibility.md", "Accessibility statement", 97, "pages/accessibility.md.j2",
                          {"statement": accessibility or statement(data.plan)}))
    specs.append(PageSpec("privacy.md", "Privacy", 98, "pages/privacy.md.j2", {}))
    return specs
