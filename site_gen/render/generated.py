"""Which pages the plan's data calls for: pure, so checks can know every page before rendering."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.model import PlanData


@dataclass(frozen=True)
class PageSpec:
    """A page the data determines: where it goes, its template and the variables it needs."""

    path: str
    title: str
    order: int
    template: str
    variables: dict
    section: str | None = None


def generated_specs(data: PlanData, headlines: list[tuple[str, str]]) -> list[PageSpec]:
    """The generated pages this plan's data calls for, in navigation order."""
    specs: list[PageSpec] = []
    priorities = data.priorities.priorities
    if priorities:
        specs.append(PageSpec("priorities/index.md", "Our priorities", 20, "pages/priorities.md.j2", {}, "priorities"))
        for number, p in enumerate(priorities, start=1):
            measures_here = bool(p.measures) or any(p.id in m.priorities for m in data.performance.measures)
            risks_here = any(p.id in r.priorities for r in data.risks.risks)
            titles = {f.id: (f.title, {i.id: i.title for i in f.items}) for f in data.priorities.frameworks}
            alignment = [(titles[f][0], titles[f][1][i]) for f, _, i in (a.partition(".") for a in p.alignment)
                         if f in titles and i in titles[f][1]]
            specs.append(PageSpec(f"priorities/{p.id}.md", p.title, 20 + number, "pages/priority.md.j2",
                                  {"p": p, "measures_here": measures_here, "risks_here": risks_here,
                                   "alignment": alignment}, "priorities"))
    if data.finance.tables or data.finance.headlines:
        specs.append(PageSpec("finance.md", "Finance", 40, "pages/finance.md.j2", {"headlines": headlines}))
    if data.performance.measures:
        titles = {d.id: d.title for d in data.performance.domains}
        used = list(dict.fromkeys(m.domain for m in data.performance.measures))
        domains = [(d, titles.get(d, d.replace("-", " ").capitalize()) if d else "Measures") for d in used]
        specs.append(PageSpec("performance.md", "Performance", 50, "pages/performance.md.j2", {"domains": domains}))
    if data.risks.risks:
        specs.append(PageSpec("risks.md", "Risks", 60, "pages/risks.md.j2", {}))
    if data.milestones.milestones:
        specs.append(PageSpec("milestones.md", "Milestones", 70, "pages/milestones.md.j2", {}))
    if data.glossary.terms:
        terms = sorted(data.glossary.terms, key=lambda t: t.term.lower())
        specs.append(PageSpec("glossary.md", "Glossary", 90, "pages/glossary.md.j2", {"terms": terms}))
    specs.append(PageSpec("privacy.md", "Privacy", 98, "pages/privacy.md.j2", {}))
    return specs


