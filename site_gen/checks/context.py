"""What every check reads: the typed plan, the source documents for positions, and the pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.findings import Location
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc
from site_gen.model import PlanData
from site_gen.model.validate import Entries, LeftOut
from site_gen.refs import ReferenceIndex


@dataclass
class CheckContext:
    data: PlanData
    docs: dict[str, SourceDoc]
    pages: list[SourcePage] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # families that did not load; their checks are skipped
    settings: SourceDoc | None = None  # mkdocs.yml
    files: frozenset[str] = frozenset()  # every input file of the project, relative to it
    # Families read entry by entry that left entries out: checks skip what those entries would change.
    entries: dict[str, Entries] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fronts = [page.front for page in self.pages]
        for doc in [*self.docs.values(), *([self.settings] if self.settings is not None else []), *fronts]:
            if doc.digest is None:
                doc.seal()  # validated: nothing changes the documents from here on (checks/kept.py)
        self.index = ReferenceIndex(self.data, self.broken)
        self.index.unreadable = {_ref_start(family, entry) for family, entries in self.entries.items()
                                 for entry in entries.left_out if entry.id}

    @property
    def data_key(self) -> tuple | None:
        """What the typed plan follows from: every data file's sealed document and which could not be read
        (checks/kept.py); None while any is unsealed."""
        digests = tuple(sorted((family, doc.digest) for family, doc in self.docs.items()))
        if any(digest is None for _, digest in digests):
            return None
        return digests, tuple(sorted(self.broken))

    def where(self, family: str, *path) -> Location:
        """Where a path into the model is in its file (an entry left out moves the index of those after it)."""
        doc = self.docs.get(family)
        if family in self.entries:
            path = self.entries[family].source_path(tuple(path))
        return doc.location(tuple(path)) if doc else Location(f"data/{family}.yml")

    def text(self, family: str, *path) -> str | None:
        """The source text of the value at a path into the model."""
        if family in self.entries:
            path = self.entries[family].source_path(tuple(path))
        return self.docs[family].text(tuple(path))

    def lost_under(self, family: str, *path) -> list[LeftOut]:
        """The entries left out from inside the model's entry at path, such as the rows of a table."""
        return self.entries[family].lost_under(tuple(path)) if family in self.entries else []

    def unreadable(self, family: str, list_name: str, parent_id: str | None = None) -> set[str]:
        """The ids of the entries of a kind (rows of a table, measures) that exist but could not be read."""
        lost = self.entries[family].left_out if family in self.entries else []
        return {e.id for e in lost if e.id and e.list_name == list_name and (parent_id is None or e.parent_id == parent_id)}

    def loaded(self, family: str) -> bool:
        return family in self.docs and family not in self.broken

    @property
    def status(self) -> str:
        return self.data.plan.status if self.data.plan else "draft"


def _ref_start(family: str, entry: LeftOut) -> tuple[str, ...]:
    """How a reference to an entry begins: a finance row under its table, anything else by its id."""
    if entry.list_name == "rows" and entry.parent_id:
        return (family, entry.parent_id, str(entry.id))
    return (family, str(entry.id))
