"""data/finance.yml: finance tables and the headline figures taken from them."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from site_gen.model.common import ColumnId, Id, MoneyUnit, Number, SignedColumnId, Strict, Text

Cell = Number | str | None


class Column(Strict):
    id: ColumnId = Field(description="Column id; may start with a financial year, e.g. 2013/14-likely.")
    label: Text
    kind: Literal["value", "total", "percent", "rating"] = "value"
    sums: list[SignedColumnId] = Field([], description="For a total column: the columns it adds up; prefix an id with - to subtract it.")
    part: list[ColumnId] = Field([], description="For a percent or rating column: the columns that make the part.")
    whole: list[ColumnId] = Field([], description="For a percent or rating column: the columns that make the whole.")


class Row(Strict):
    id: Id
    label: Text
    kind: Literal["line", "subtotal", "total", "percent"] = "line"
    sums: list[str] = Field([], description="For a subtotal or total row: the rows it adds up; prefix an id with - to subtract it.")
    part: list[Id] = Field([], description="For a percent row: the rows that make the part.")
    whole: list[Id] = Field([], description="For a percent row: the rows that make the whole.")
    values: list[Cell] = Field(description="One value per column, in column order; null for an empty cell.")

    def cell(self, index: int) -> Cell:
        """The value in column index, or None where the row is short (row-length reports that)."""
        return self.values[index] if 0 <= index < len(self.values) else None


class Table(Strict):
    id: Id
    title: Text
    row_heading: Text = Field("Item", description="Heading of the first column, which names each row.")
    unit: MoneyUnit
    decimals: int | None = Field(None, ge=0, le=4, description="Places every figure is kept to, when the source drops trailing zeros.")
    negative: Literal["minus", "brackets"] = "minus"
    source: str | None = None
    notes: list[Text] = []
    columns: list[Column]
    csv: str | None = Field(None, description="A CSV file in data/ that holds the rows, exported from a spreadsheet.")
    rows: list[Row]


class Headline(Strict):
    id: Id
    label: Text
    ref: str | None = Field(None, description="The table cell this headline shows: finance.TABLE.ROW.COLUMN.")
    value: Number | None = Field(None, description="The figure as stated elsewhere in the plan, checked against ref or sums.")
    sums: list[str] = Field([], description="Cells whose sum the stated value must equal.")
    unit: MoneyUnit | Literal["%"] | None = None


class Finance(Strict):
    tables: list[Table] = []
    headlines: list[Headline] = []


class TableCells:
    """A table's rows and columns by id, found once, so that looking up a cell takes the same time in a
    table of 20,000 rows as in one of ten (looking through the rows for each cell took time growing with
    the square of the table's size). Where an id is used twice, the first is found, as the check says."""

    def __init__(self, table: Table) -> None:
        self.rows: dict[str, Row] = {}
        for row in table.rows:
            self.rows.setdefault(row.id, row)
        self.columns: dict[str, tuple[int, Column]] = {}
        for index, column in enumerate(table.columns):
            self.columns.setdefault(column.id, (index, column))

    def cell(self, row_id: str, column_id: str) -> Cell:
        if row_id not in self.rows or column_id not in self.columns:
            return None
        return self.rows[row_id].cell(self.columns[column_id][0])


def numeric(value: Cell) -> Decimal | int | None:
    return value if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
