"""The content model: one pydantic model per data file, and the whole plan as one object graph."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from site_gen.model.charts import Charts
from site_gen.model.documents import Documents
from site_gen.model.finance import Finance
from site_gen.model.glossary import Glossary
from site_gen.model.governance import Governance
from site_gen.model.milestones import Milestones
from site_gen.model.performance import Performance
from site_gen.model.plan import Plan
from site_gen.model.population import Population
from site_gen.model.priorities import Priorities
from site_gen.model.requirements import Requirements
from site_gen.model.risks import Risks

# data/<name>.yml -> its model. plan.yml is the only one required.
FAMILIES: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "priorities": Priorities,
    "finance": Finance,
    "performance": Performance,
    "risks": Risks,
    "population": Population,
    "milestones": Milestones,
    "governance": Governance,
    "glossary": Glossary,
    "documents": Documents,
    "charts": Charts,
    "requirements": Requirements,
}


@dataclass
class PlanData:
    """Every data family of a plan, validated; a family whose file is missing or broken is empty."""

    plan: Plan | None = None
    priorities: Priorities = field(default_factory=Priorities)
    finance: Finance = field(default_factory=Finance)
    performance: Performance = field(default_factory=Performance)
    risks: Risks = field(default_factory=Risks)
    population: Population = field(default_factory=Population)
    milestones: Milestones = field(default_factory=Milestones)
    governance: Governance = field(default_factory=Governance)
    glossary: Glossary = field(default_factory=Glossary)
    documents: Documents = field(default_factory=Documents)
    charts: Charts = field(default_factory=Charts)
    requirements: Requirements = field(default_factory=Requirements)
