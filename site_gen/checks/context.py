"""What every check reads: the typed plan, the source documents for positions, and the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.findings import Location
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc
from site_gen.model import PlanData
from site_gen.refs import ReferenceIndex


@dataclass
class CheckContext:
    data: PlanData
    docs: dict[str, SourceDoc]
    pages: list[SourcePage] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # families that did not load; their checks are skipped
    settings: SourceDoc | None = None  # mkdocs.yml
    files: frozenset[str] = frozenset()  # every input file of the project, relative to it

    def __post_init__(self) -> None:
        self.index = ReferenceIndex(self.data, self.broken)

    def where(self, family: str, *path) -> Location:
        doc = self.docs.get(family)
        return doc.location(tuple(path)) if doc else Location(f"data/{family}.yml")

    def loaded(self, family: str) -> bool:
        return family in self.docs and family not in self.broken

    @property
    def status(self) -> str:
        return self.data.plan.status if self.data.plan else "draft"
