"""What changed between two snapshots of a plan (pure): figures, finance tables, items added and removed,
measures whose status moved, and each page's words. Every figure is shown as the site shows it (the same
formatting code), with where a reader meets it; written out for a terminal and as a page of the site."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from markupsafe import Markup

from site_gen.approval.places import Layout, PagePlaces, Place, TableLook, by_page, site_link
from site_gen.approval.snapshot import FigureEntry, Snapshot
from site_gen.derive import MEASURE_STATUSES
from site_gen.render.formatting import MINUS, cell_text, figure_text, grouped, unit_heading

CONTEXT_WORDS = 6  # words kept either side of a change to a page, so the reader can find it
MEASURE_FIELDS = {"latest": "latest figure", "target": "target", "baseline": "baseline"}


@dataclass(frozen=True)
class FigureChange:
    ref: str
    label: str
    unit: str
    old: str | None  # None: the figure is new
    new: str | None  # None: the figure has gone
    old_period: str | None = None  # a measure's figure: the period each is for, where the record keeps it
    new_period: str | None = None

    @property
    def table(self) -> str | None:
        """The id of the finance table whose cell this is; None for any other figure."""
        parts = self.ref.split(".")
        return parts[1] if len(parts) == 4 and parts[0] == "finance" else None


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
    path: str  # the content file, such as content/money.md
    title: str
    how: str  # added, removed or changed
    hunks: list[list[tuple[str, str]]] = field(default_factory=list)  # each a run of (kind, words): same, old, new

    @property
    def address(self) -> str:
        """The page in the site, as content/ holds it: money.md."""
        return self.path.removeprefix("content/")

    @property
    def link(self) -> Markup | None:
        return site_link(self.address) if self.how != "removed" else None


@dataclass(frozen=True)
class ShownFigure:
    """A changed figure as the pages write it out, with every place a reader meets it so."""

    label: str
    ref: str
    was: str | None
    now: str | None
    change: str  # +£0.5 million, −6.7 percentage points, New, Gone
    movement: str  # up £0.5 million, down 6.7 percentage points, ...
    places: list[Place]

    @property
    def pages(self) -> list[PagePlaces]:
        return by_page(self.places)


@dataclass(frozen=True)
class ShownCell:
    row: str
    column: str
    was: str | None
    now: str | None
    change: str
    movement: str


@dataclass(frozen=True)
class ShownTable:
    """A finance table with its changed cells, each as the table prints it, and where the table is shown."""

    id: str
    title: str
    unit: str
    row_heading: str
    cells: list[ShownCell]
    places: list[Place]

    @property
    def pages(self) -> list[PagePlaces]:
        return by_page(self.places)


@dataclass(frozen=True)
class Changes:
    old_version: str
    new_version: str
    figures: list[FigureChange]
    added: list[ItemChange]
    removed: list[ItemChange]
    statuses: list[StatusChange]
    pages: list[PageChange]
    layout: Layout | None = None  # where the newer plan shows each figure; None when it is only a record
    table_titles: dict[str, str] = field(default_factory=dict)  # finance table id -> title

    @property
    def empty(self) -> bool:
        return not (self.figures or self.added or self.removed or self.statuses or self.pages)

    def summary(self) -> str:
        """One line, such as "2 figures, 1 item added, 1 page"."""
        parts = [(len(self.figures), "figure"), (len(self.added), "item added"), (len(self.removed), "item removed"),
                 (len(self.statuses), "measure status"), (len(self.pages), "page")]
        said = [f"{n} {word if n == 1 else _plural(word)}" for n, word in parts if n]
        return ", ".join(said) if said else "nothing"

    def places(self, ref: str) -> list[Place]:
        return self.layout.places.get(ref, []) if self.layout else []

    def shown_figures(self) -> list[ShownFigure]:
        """The changed figures a reader meets written out (in the text, a headline, a table of measures, the
        plan on a page): every figure that is not a finance table's cell, and each cell that is also shown
        outside its table. Cells are in shown_tables, as their table prints them."""
        out = []
        for change in self.figures:
            places = [p for p in self.places(change.ref) if change.table is None or p.kind == "text"]
            if change.table is not None and not places:
                continue
            was = shown(change.old, change.unit, change.old_period)
            now = shown(change.new, change.unit, change.new_period)
            if was is not None and was == now and change.old_period == change.new_period:
                # Rounded alike, as a page rounds them: the exact figures say what moved.
                was, now = f"{was} (exactly {exact_text(change.old, change.unit)})", \
                    f"{now} (exactly {exact_text(change.new, change.unit)})"
            out.append(ShownFigure(figure_label(change), change.ref, was, now, difference_text(change),
                                   movement_text(change), places))
        return out

    def shown_tables(self) -> list[ShownTable]:
        """Each finance table with changed cells, in the order of the plan's tables, its cells in the table's
        own order, each as the table prints it."""
        looks = self.layout.tables if self.layout else {}
        by_table: dict[str, list[FigureChange]] = {}
        for change in self.figures:
            if change.table is not None:
                by_table.setdefault(change.table, []).append(change)
        order = list(looks)
        tables = []
        for table_id in sorted(by_table, key=lambda t: (order.index(t) if t in order else len(order), t)):
            look = looks.get(table_id)
            cells = sorted(by_table[table_id], key=lambda c: _cell_order(c, look))
            places = _union(p for c in cells for p in self.places(c.ref) if p.kind in ("cell", "chart"))
            title = self.table_titles.get(table_id) or (look.title if look else table_id)
            unit = look.unit if look else unit_heading(cells[0].unit)
            tables.append(ShownTable(table_id, title, unit, look.row_heading if look else "Row",
                                     [_shown_cell(c, look) for c in cells], places))
        return tables


def _plural(word: str) -> str:
    head, _, tail = word.partition(" ")
    head = head[:-1] + "es" if head.endswith("s") else head + "s"
    return f"{head} {tail}".strip()


def _union(places) -> list[Place]:
    out: list[Place] = []
    for place in places:
        if place not in out:
            out.append(place)
    return sorted(out, key=lambda p: (p.order, p.path))


def _number(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def shown(value: str | None, unit: str, period: str | None = None) -> str | None:
    """A figure as the site writes it in text (the value macro's own formatting), with the period of a
    measure's figure, such as "88.5% (March 2014)"; None for a figure that is not there."""
    number = _number(value)
    if number is None:
        return value
    text = figure_text(number, unit)
    return f"{text} ({period})" if period else text


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


def _delta(change: FigureChange) -> Decimal | None:
    old, new = _number(change.old), _number(change.new)
    return None if old is None or new is None else new - old


def _amount(delta: Decimal, unit: str) -> str:
    """How far a figure moved, without its sign: a percentage moves by percentage points, never by per cent."""
    if unit == "%":
        points = grouped(abs(delta))
        return f"{points} percentage point" + ("" if abs(delta) == 1 else "s")
    return figure_text(abs(delta), unit)


def difference_text(change: FigureChange) -> str:
    """How far a figure moved, such as +£0.5 million or −6.7 percentage points; or that it is new or gone."""
    if change.old is None:
        return "New"
    if change.new is None:
        return "Gone"
    delta = _delta(change)
    if delta is None:
        return "Changed"
    if delta == 0:
        return "Same figure, another period" if change.old_period != change.new_period else "No change"
    return ("+" if delta > 0 else MINUS) + _amount(delta, change.unit)


def movement_text(change: FigureChange) -> str:
    """The same in words: up £0.5 million, down 6.7 percentage points."""
    if change.old is None:
        return "a new figure"
    if change.new is None:
        return "taken out"
    delta = _delta(change)
    if delta is None:
        return "changed"
    if delta == 0:
        return "the same figure, for another period" if change.old_period != change.new_period else "no change"
    return ("up " if delta > 0 else "down ") + _amount(delta, change.unit)


def change_text(change: FigureChange) -> str:
    """A figure's change in words, exactly, such as "£301.0m to £301.5m (+£0.5 million)"."""
    if change.old is None:
        return f"new: {exact_text(change.new or '', change.unit)}"
    if change.new is None:
        return f"was {exact_text(change.old, change.unit)}, now gone"
    return f"{exact_text(change.old, change.unit)} to {exact_text(change.new, change.unit)} ({difference_text(change)})"


def figure_label(change: FigureChange) -> str:
    """What a figure is, as a reader would name it: a measure's name with which of its figures it is."""
    parts = change.ref.split(".")
    if len(parts) == 3 and parts[0] == "performance" and parts[2] in MEASURE_FIELDS:
        return f"{change.label}: {MEASURE_FIELDS[parts[2]]}"
    return change.label


def _cell_order(change: FigureChange, look: TableLook | None) -> tuple:
    parts = change.ref.split(".")
    if look is None:
        return (0, 0, change.ref)
    rows, columns = list(look.rows), list(look.columns)
    return (rows.index(parts[2]) if parts[2] in rows else len(rows),
            columns.index(parts[3]) if parts[3] in columns else len(columns), change.ref)


def _cell(value: str | None, unit: str, look: TableLook | None) -> str | None:
    """A cell as its table prints it (render/tables.py): the unit in the heading, negatives as the table says."""
    number = _number(value)
    if number is None:
        return value
    if unit == "%":
        return cell_text(number, None, look.negative if look else "minus") + "%"
    return cell_text(number, look.decimals if look else None, look.negative if look else "minus")


def _shown_cell(change: FigureChange, look: TableLook | None) -> ShownCell:
    parts = change.ref.split(".")
    if look is not None and parts[2] in look.rows and parts[3] in look.columns:
        row, column = look.rows[parts[2]], look.columns[parts[3]]
    else:  # a row or column no longer in the table: its label as the record keeps it, "Row, Column"
        row, _, column = change.label.rpartition(", ")
        row = row or change.label
    return ShownCell(row, column, _cell(change.old, change.unit, look), _cell(change.new, change.unit, look),
                     difference_text(change), movement_text(change))


def _gone_with_item(ref: str, added: list[ItemChange], removed: list[ItemChange]) -> bool:
    """A figure of a finance table or measure that is itself new or gone: the item is listed, not each figure."""
    parts = ref.split(".")
    owners = {("finance table", parts[1]) if parts[0] == "finance" and len(parts) == 4 else None,
              ("measure", parts[1]) if parts[0] == "performance" and len(parts) == 3 else None}
    return any((item.kind, item.id) in owners for item in added + removed)


def _moved(before: FigureEntry, after: FigureEntry) -> bool:
    if Decimal(before.value) != Decimal(after.value) or before.unit != after.unit:
        return True
    # The same value for a new period (a new month's figure) is news; a record that kept no period is not.
    return before.period is not None and after.period is not None and before.period != after.period


def _figures(old: Snapshot, new: Snapshot, added: list[ItemChange], removed: list[ItemChange]) -> list[FigureChange]:
    out = []
    for ref in sorted(set(old.figures) | set(new.figures)):
        before, after = old.figures.get(ref), new.figures.get(ref)
        if (before or after).restates:
            continue  # its table cell is listed
        if before and after and not _moved(before, after):
            continue
        if not (before and after) and _gone_with_item(ref, added, removed):
            continue
        entry = after or before
        out.append(FigureChange(ref, entry.label, entry.unit, before.value if before else None,
                                after.value if after else None, before.period if before else None,
                                after.period if after else None))
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


_MACRO = re.compile(r"\{\{\s*(\w+)\s*\((.*?)\)\s*\}\}")
_FIRST = re.compile(r"""^\s*["']([^"']*)["']""")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
# What each macro that is not a figure puts on the page, by the title the reader sees.
_SHOWS = {"measures": "the table of measures", "risks": 'the table "Risks and how they are managed"',
          "milestones": 'the table "Milestones"', "priorities": "the list of priorities"}


def _macro_text(match: re.Match, snap: Snapshot) -> str:
    """A macro as a reader meets it: a figure as the page writes it, a table or chart by its title."""
    name, args = match.group(1), match.group(2)
    first = _FIRST.match(args)
    argument = first.group(1).strip() if first else ""
    if name == "value":
        entry = snap.figures.get(".".join(part.strip() for part in argument.split(".")))
        return shown(entry.value, entry.unit) if entry else argument
    if name == "table":
        table_id = argument.partition(".")[2]
        return f'(the table "{snap.items.get("finance table", {}).get(table_id, table_id)}")'
    if name == "chart":
        return f'(the chart "{snap.items.get("chart", {}).get(argument, argument)}")'
    return f"({_SHOWS.get(name, name)})"


def reading_text(text: str, snap: Snapshot) -> str:
    """A page's words as a reader meets them: each value macro as its figure (as the page prints it), each
    table and chart by its title, links as their words, and no Markdown marks."""
    text = _MACRO.sub(lambda m: _macro_text(m, snap), text)
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
            hunks = word_hunks(reading_text(old.pages[path], old), reading_text(new.pages[path], new))
            out.append(PageChange(path, title, "changed", hunks or word_hunks(old.pages[path], new.pages[path])))
    return out


def changes(old: Snapshot, new: Snapshot, layout: Layout | None = None) -> Changes:
    """What changed from old to new; layout (from the newer plan) says where each figure is shown."""
    added, removed = _items(old, new)
    titles = {**old.items.get("finance table", {}), **new.items.get("finance table", {})}
    return Changes(old.version, new.version, _figures(old, new, added, removed), added, removed,
                   _statuses(old, new), _pages(old, new), layout, titles)


def status_text(status: str) -> str:
    return MEASURE_STATUSES.get(status, status).lower()


# --- The changes as plain text, for the terminal and the board pack's changes.txt ---

def _places_lines(pages: list[PagePlaces], indent: str) -> list[str]:
    """Where readers see a figure, one line a page: "Finance: the headline figures; the table ..."."""
    return [f"{indent}{page.page}: {page.parts_text}" for page in pages]


def _figure_lines(found: Changes) -> list[str]:
    figures = found.shown_figures()
    if not figures:
        return []
    lines = ["", f"Figures changed ({len(figures)})"]
    for figure in figures:
        lines += ["", f"  {figure.label} ({figure.ref})"]
        if figure.was is None:
            lines.append(f"    New: {figure.now}.")
        elif figure.now is None:
            lines.append(f"    Taken out: it was {figure.was}.")
        else:
            lines.append(f"    Was {figure.was}, now {figure.now}: {figure.movement}.")
        if figure.places:
            lines += ["    Where readers see it:"] + _places_lines(figure.pages, "      ")
        elif found.layout is not None:
            lines.append("    No page shows it.")
    return lines


def _table_lines(found: Changes) -> list[str]:
    tables = found.shown_tables()
    if not tables:
        return []
    lines = ["", f"Finance tables changed ({len(tables)})"]
    for table in tables:
        lines += ["", f'  {table.title} ({table.unit}) (finance.{table.id})']
        for cell in table.cells:
            if cell.was is None:
                lines.append(f"    {cell.row}, {cell.column}: new, {cell.now}")
            elif cell.now is None:
                lines.append(f"    {cell.row}, {cell.column}: taken out, was {cell.was}")
            else:
                lines.append(f"    {cell.row}, {cell.column}: was {cell.was}, now {cell.now} ({cell.movement})")
        if table.places:
            lines += ["    Where readers see it:"] + _places_lines(table.pages, "      ")
    return lines


def _quote(words: str) -> str:
    return f'"{words}"'


def _hunk_lines(hunk: list[tuple[str, str]], indent: str) -> list[str]:
    """One change to a page's words, in plain English: what it said and what it says now, with a few words
    either side; or only what was put in or taken out, and where."""
    kinds = {kind for kind, _ in hunk}
    if "old" in kinds and "new" in kinds:
        was = " ".join(words for kind, words in hunk if kind != "new")
        now = " ".join(words for kind, words in hunk if kind != "old")
        return [f"{indent}Was: {_quote('… ' + was + ' …')}", f"{indent}Now: {_quote('… ' + now + ' …')}"]
    kind = "new" if "new" in kinds else "old"
    label = "Put in" if kind == "new" else "Taken out"
    changed = " ".join(words for k, words in hunk if k == kind)
    first = next(i for i, (k, _) in enumerate(hunk) if k == kind)
    before = " ".join(words for k, words in hunk[:first] if k == "same")
    after = " ".join(words for k, words in hunk[first + 1:] if k == "same")
    where = f"after {_quote('… ' + before)}" if before else f"before {_quote(after + ' …')}" if after else ""
    return [f"{indent}{label}: {_quote(changed)}"] + ([f"{indent}  ({where})"] if where else [])


def _page_lines(found: Changes) -> list[str]:
    if not found.pages:
        return []
    lines = ["", f"Pages whose words changed ({len(found.pages)})"]
    for page in found.pages:
        lines += ["", f"  {page.title} ({page.path})"]
        if page.how == "added":
            lines.append("    This page is new.")
        elif page.how == "removed":
            lines.append("    This page has been taken out.")
        for hunk in page.hunks:
            lines += _hunk_lines(hunk, "    ")
    return lines


def terminal_text(found: Changes, old_name: str, new_name: str) -> str:
    """The changes in plain English: figures as the site shows them and where, finance tables by title with
    their changed rows, items, measures' status, and each page's changed words."""
    lines = [f"Changes from {old_name} (version {found.old_version}) to {new_name} (version {found.new_version}): "
             f"{found.summary()}."]
    lines += _figure_lines(found) + _table_lines(found)
    for title, items in (("Added", found.added), ("Removed", found.removed)):
        if items:
            lines += ["", f"{title} ({len(items)})"]
            lines += [f"  {i.kind.capitalize()}: {i.title} ({i.id})" for i in items]
    if found.statuses:
        lines += ["", f"Measures whose status changed ({len(found.statuses)})"]
        lines += [f"  {s.name}: was {status_text(s.old)}, now {status_text(s.new)}" for s in found.statuses]
    lines += _page_lines(found)
    if found.figures and found.layout is None:
        lines += ["", "Where each figure is shown is worked out from a plan, so it is not listed when the newer "
                      "version is an approval record."]
    return "\n".join(lines) + "\n"
