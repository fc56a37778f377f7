"""What changed between two snapshots of a plan (pure): figures, items added and removed, measures whose
status moved, and each page's words. Written out for a terminal and as a page of the site."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from site_gen.approval.snapshot import Snapshot
from site_gen.derive import MEASURE_STATUSES
from site_gen.render.formatting import MINUS, grouped

CONTEXT_WORDS = 6  # words kept either side of a change to a page, so the reader can find it


@dataclass(frozen=True)
class FigureChange:
    ref: str
    label: str
    unit: str
    old: str | None  # None: the figure is new
    new: str | None  # None: the figure has gone


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    title: str


@dataclass(frozen=True)
class StatusChange:
    id: str
    name: str
    old: str
    new: str


@dataclass(frozen=True)
class PageChange:
    path: str
    title: str
    how: str  # added, removed or changed
    hunks: list[list[tuple[str, str]]] = field(default_factory=list)  # each a run of (kind, words): same, old, new


@dataclass(frozen=True)
class Changes:
    old_version: str
    new_version: str
    figures: list[FigureChange]
    added: list[ItemChange]
    removed: list[ItemChange]
    statuses: list[StatusChange]
    pages: list[PageChange]

    @property
    def empty(self) -> bool:
        return not (self.figures or self.added or self.removed or self.statuses or self.pages)

    def summary(self) -> str:
        """One line, such as "2 figures, 1 item added, 1 page"."""
        parts = [(len(self.figures), "figure"), (len(self.added), "item added"), (len(self.removed), "item removed"),
                 (len(self.statuses), "measure status"), (len(self.pages), "page")]
        said = [f"{n} {word if n == 1 else _plural(word)}" for n, word in parts if n]
        return ", ".join(said) if said else "nothing"


def _plural(word: str) -> str:
    head, _, tail = word.partition(" ")
    head = head[:-1] + "es" if head.endswith("s") else head + "s"
    return f"{head} {tail}".strip()


def exact_text(value: str, unit: str) -> str:
    """A figure exactly as typed, in NHS style, so that a small change is never rounded away."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number < 0 and unit in ("£000", "£m", "£"):
        return MINUS + exact_text(str(-number), unit)  # −£52,006.24, as the NHS writes money below zero
    if unit == "£000":
        return f"£{grouped(number * 1000, 0)}"
    if unit == "£m":
        return f"£{grouped(number)}m"
    if unit == "£":
        return f"£{grouped(number)}"
    if unit == "%":
        return f"{grouped(number)}%"
    return f"{grouped(number)} {unit}".strip() if unit not in ("count", "number", "ratio") else grouped(number)


def difference_text(change: FigureChange) -> str:
    """How far a figure moved, such as +£0.5m; or that it is new or gone."""
    if change.old is None:
        return "New"
    if change.new is None:
        return "Gone"
    try:
        delta = Decimal(change.new) - Decimal(change.old)
    except InvalidOperation:
        return "Changed"
    return ("+" if delta > 0 else "") + exact_text(str(delta), change.unit)


def change_text(change: FigureChange) -> str:
    """A figure's change in words, such as "£301.0m to £301.5m (+£0.5m)"."""
    if change.old is None:
        return f"new: {exact_text(change.new or '', change.unit)}"
    if change.new is None:
        return f"was {exact_text(change.old, change.unit)}, now gone"
    return f"{exact_text(change.old, change.unit)} to {exact_text(change.new, change.unit)} ({difference_text(change)})"


def _figures(old: Snapshot, new: Snapshot) -> list[FigureChange]:
    out = []
    for ref in sorted(set(old.figures) | set(new.figures)):
        before, after = old.figures.get(ref), new.figures.get(ref)
        if (before or after).restates:
            continue  # its table cell is listed
        if before and after and (Decimal(before.value) == Decimal(after.value) and before.unit == after.unit):
            continue
        entry = after or before
        out.append(FigureChange(ref, entry.label, entry.unit, before.value if before else None,
                                after.value if after else None))
    return out


def _items(old: Snapshot, new: Snapshot) -> tuple[list[ItemChange], list[ItemChange]]:
    added, removed = [], []
    for kind in sorted(set(old.items) | set(new.items)):
        before, after = old.items.get(kind, {}), new.items.get(kind, {})
        added += [ItemChange(kind, i, after[i]) for i in sorted(set(after) - set(before))]
        removed += [ItemChange(kind, i, before[i]) for i in sorted(set(before) - set(after))]
    return added, removed


def _statuses(old: Snapshot, new: Snapshot) -> list[StatusChange]:
    names = new.items.get("measure", {})
    return [StatusChange(m, names.get(m, m), old.statuses[m], new.statuses[m])
            for m in sorted(set(old.statuses) & set(new.statuses)) if old.statuses[m] != new.statuses[m]]


def word_hunks(old: str, new: str) -> list[list[tuple[str, str]]]:
    """The changed runs of words between two texts, each with a few words of context either side."""
    before, after = re.findall(r"\S+", old), re.findall(r"\S+", new)
    hunks = []
    for group in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_grouped_opcodes(CONTEXT_WORDS):
        runs: list[tuple[str, str]] = []
        for op, a1, a2, b1, b2 in group:
            if op == "equal":
                runs.append(("same", " ".join(before[a1:a2])))
                continue
            if a2 > a1:
                runs.append(("old", " ".join(before[a1:a2])))
            if b2 > b1:
                runs.append(("new", " ".join(after[b1:b2])))
        hunks.append(runs)
    return hunks


_VALUE = re.compile(r"""\{\{\s*value\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
_MACRO = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")


def reading_text(text: str, figures: dict) -> str:
    """A page's words as a reader meets them: each value macro as its figure, other macros named in
    brackets, links as their words, and no Markdown marks."""
    def figure(match: re.Match) -> str:
        entry = figures.get(match.group(1).strip())
        return exact_text(entry.value, entry.unit) if entry else match.group(1)

    text = _VALUE.sub(figure, text)
    text = _MACRO.sub(lambda m: f"[{m.group(1)} {m.group(2)}]".replace('"', "").replace(" ]", "]"), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    return text.replace("**", "").replace("__", "")


def _pages(old: Snapshot, new: Snapshot) -> list[PageChange]:
    out = []
    for path in sorted(set(old.pages) | set(new.pages)):
        title = new.titles.get(path) or old.titles.get(path) or path
        if path not in old.pages:
            out.append(PageChange(path, title, "added"))
        elif path not in new.pages:
            out.append(PageChange(path, title, "removed"))
        elif old.pages[path].split() != new.pages[path].split():
            # Shown as read, with each figure as it was then and is now; as typed when only markup changed.
            hunks = word_hunks(reading_text(old.pages[path], old.figures), reading_text(new.pages[path], new.figures))
            out.append(PageChange(path, title, "changed", hunks or word_hunks(old.pages[path], new.pages[path])))
    return out


def changes(old: Snapshot, new: Snapshot) -> Changes:
    added, removed = _items(old, new)
    return Changes(old.version, new.version, _figures(old, new), added, removed, _statuses(old, new),
                   _pages(old, new))


def _status(status: str) -> str:
    return MEASURE_STATUSES.get(status, status).lower()


def terminal_text(found: Changes, old_name: str, new_name: str) -> str:
    """The changes as plain text; a page's words as [-removed-] and {+added+}, as in git's word diff."""
    lines = [f"Changes from {old_name} (version {found.old_version}) to {new_name} (version {found.new_version}): "
             f"{found.summary()}."]
    if found.figures:
        lines += ["", f"Figures changed ({len(found.figures)})"]
        lines += [f"  {c.ref}: {c.label}: {change_text(c)}" for c in found.figures]
    for title, items in (("Added", found.added), ("Removed", found.removed)):
        if items:
            lines += ["", f"{title} ({len(items)})"] + [f"  {i.kind} {i.id}: {i.title}" for i in items]
    if found.statuses:
        lines += ["", f"Measures whose status changed ({len(found.statuses)})"]
        lines += [f"  {s.id}: {s.name}: {_status(s.old)} to {_status(s.new)}" for s in found.statuses]
    if found.pages:
        lines += ["", f"Pages changed ({len(found.pages)})"]
        for page in found.pages:
            lines.append(f"  {page.title} ({page.path}, {page.how})")
            for hunk in page.hunks:
                words = " ".join(text if kind == "same" else f"[-{text}-]" if kind == "old" else f"{{+{text}+}}"
                                 for kind, text in hunk)
                lines.append(f"    ... {words} ...")
    return "\n".join(lines) + "\n"
