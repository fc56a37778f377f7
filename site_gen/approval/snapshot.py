"""A snapshot of a plan's content, as approved (pure): every figure, every named item, each measure's
status and the text of each page. Two snapshots compare field by field, so "what changed" can be
said in the plan's own terms: this figure, this scheme, this paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from site_gen.derive import measure_status
from site_gen.model import PlanData
from site_gen.not_stated import is_not_stated
from site_gen.refs import ReferenceIndex, UnknownReference

FORMAT = 1  # the snapshot format; a record of another format is refused with a clear message


@dataclass(frozen=True)
class FigureEntry:
    label: str
    value: str  # the exact decimal, as typed in the data
    unit: str
    restates: bool = False  # a headline that repeats a table cell: shown in page text, not listed as a change
    # A measure's figure: the period it is for (the latest actual's month, the target's year), so a new month's
    # figure is not read as the same figure restated. Records written before it was kept have none.
    period: str | None = None

    def as_dict(self) -> dict:
        extra = {"restates": True} if self.restates else {}
        if self.period is not None:
            extra["period"] = self.period
        return {"label": self.label, "value": self.value, "unit": self.unit, **extra}


@dataclass(frozen=True)
class Snapshot:
    title: str
    version: str
    fingerprint: str
    figures: dict[str, FigureEntry] = field(default_factory=dict)
    items: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> title
    statuses: dict[str, str] = field(default_factory=dict)  # measure id -> status
    pages: dict[str, str] = field(default_factory=dict)  # content file -> its text
    titles: dict[str, str] = field(default_factory=dict)  # content file -> its title

    def as_dict(self) -> dict:
        return {"format": FORMAT, "title": self.title, "version": self.version, "fingerprint": self.fingerprint,
                "figures": {ref: entry.as_dict() for ref, entry in sorted(self.figures.items())},
                "items": {kind: dict(sorted(ids.items())) for kind, ids in sorted(self.items.items())},
                "statuses": dict(sorted(self.statuses.items())), "pages": dict(sorted(self.pages.items())),
                "titles": dict(sorted(self.titles.items()))}


class SnapshotError(ValueError):
    """A record that is not a snapshot this version of site_gen can read."""


def _number(value: object) -> str:
    """A figure's value from a record, which must be a number: a record edited by hand may hold anything,
    and the comparison works on exact decimals."""
    text = str(value)
    try:
        if not Decimal(text).is_finite():
            raise InvalidOperation
    except InvalidOperation as err:
        raise TypeError(f"the figure value {text[:40]!r} is not a number") from err
    return text


def from_dict(raw: object) -> Snapshot:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise SnapshotError("it is not an approval record of the kind site_gen writes (format 1)")
    try:
        figures = {ref: FigureEntry(str(f["label"]), _number(f["value"]), str(f["unit"]), bool(f.get("restates")),
                                    None if f.get("period") is None else str(f["period"]))
                   for ref, f in raw["figures"].items()}
        return Snapshot(str(raw["title"]), str(raw["version"]), str(raw["fingerprint"]), figures,
                        {str(k): {str(i): str(t) for i, t in v.items()} for k, v in raw["items"].items()},
                        {str(k): str(v) for k, v in raw["statuses"].items()},
                        {str(k): str(v) for k, v in raw["pages"].items()},
                        {str(k): str(v) for k, v in raw["titles"].items()})
    except (KeyError, AttributeError, TypeError) as err:
        raise SnapshotError(f"part of it is missing or of the wrong kind ({err})") from err


def _items(data: PlanData) -> dict[str, dict[str, str]]:
    priorities = data.priorities.priorities
    return {
        "priority": {p.id: p.title for p in priorities},
        "scheme": {s.id: s.title for p in priorities for s in p.schemes},
        "measure": {m.id: m.name for m in data.performance.measures},
        "risk": {r.id: r.title for r in data.risks.risks},
        "milestone": {m.id: m.title for m in data.milestones.milestones},
        "finance table": {t.id: t.title for t in data.finance.tables},
        "chart": {c.id: c.title for c in data.charts.charts},
    }


def _period(index: ReferenceIndex, ref: str) -> str | None:
    """The period of a measure's target, baseline or latest figure; None for any other figure."""
    parts = ref.split(".")
    measure = index.measures.get(parts[1]) if len(parts) == 3 and parts[0] == "performance" else None
    if measure is None:
        return None
    entry = {"target": measure.target, "baseline": measure.baseline,
             "latest": measure.actuals[-1] if measure.actuals else None}.get(parts[2])
    return str(entry.period) if entry is not None else None


def snapshot(data: PlanData, index: ReferenceIndex, fingerprint: str, pages: dict[str, str],
             titles: dict[str, str]) -> Snapshot:
    """pages and titles: each content file's text and title, by its path in the project."""
    figures = {ref: FigureEntry(figure.label, str(figure.value), figure.unit, period=_period(index, ref))
               for ref, figure in index.figures()}
    for headline in data.finance.headlines:
        ref = f"finance.{headline.id}"
        if ref not in figures:
            try:
                figure = index.figure(ref)
            except UnknownReference:
                continue  # the references check reports it
            if is_not_stated(figure.value):
                continue  # no figure to record, as for every figure the plan does not state
            figures[ref] = FigureEntry(figure.label, str(figure.value), figure.unit, restates=True)
    statuses = {m.id: measure_status(m) for m in data.performance.measures}
    plan = data.plan
    return Snapshot(plan.title if plan else "", plan.version if plan else "", fingerprint, figures, _items(data),
                    statuses, {path: text.replace("\r\n", "\n") for path, text in pages.items()}, dict(titles))
