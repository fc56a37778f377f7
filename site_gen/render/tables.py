"""Finance tables as view models for the table template: captions, header labels, formatted cells."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.derive import confidence_share, level_named, rating_for
from site_gen.model.finance import Table
from site_gen.model.plan import ConfidenceLevel
from site_gen.render.formatting import cell_text, unit_heading


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool
    rating: str | None = None  # a delivery-confidence rating id, for styling beside its word


@dataclass(frozen=True)
class RowView:
    label: str
    kind: str
    cells: list[Cell]


@dataclass(frozen=True)
class TableView:
    id: str
    caption: str
    unit: str
    row_heading: str
    headings: list[str]
    numeric: list[bool]  # whether each heading's column holds figures, so its heading lines up with them
    rows: list[RowView]
    source: str | None
    notes: list[str]


def _rating_cell(table: Table, row, column, scale: list[ConfidenceLevel], typed) -> Cell:
    share = confidence_share(table, row, column)
    if typed is not None:
        level = level_named(typed, scale)
    else:
        level = rating_for(share, scale) if share is not None else None
    if level is None:
        return Cell("", False)
    return Cell(level.label, False, level.rating)


def table_view(table: Table, scale: list[ConfidenceLevel]) -> TableView:
    rows = []
    for row in table.rows:
        cells = []
        for index, column in enumerate(table.columns):
            value = row.cell(index)
            if column.kind == "rating":
                cells.append(_rating_cell(table, row, column, scale, value))
                continue
            percent = "percent" in (column.kind, row.kind)
            text = cell_text(value, None if percent else table.decimals, table.negative)
            if percent and text:
                text += "%"
            cells.append(Cell(text, not isinstance(value, str)))
        rows.append(RowView(row.label, row.kind, cells))
    return TableView(
        id=table.id,
        caption=table.title,
        unit=unit_heading(table.unit),
        row_heading=table.row_heading,
        headings=[c.label for c in table.columns],
        numeric=[c.kind != "rating" for c in table.columns],
        rows=rows,
        source=table.source,
        notes=list(table.notes),
    )
