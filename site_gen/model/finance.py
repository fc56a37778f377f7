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


def table_cell(table: Table, row_id: str, column_id: str) -> Cell:
    columns = [c.id for c in table.columns]
    for row in table.rows:
        if row.id == row_id and column_id in columns:
            return row.cell(columns.index(column_id))
    return None


def numeric(value: Cell) -> Decimal | int | None:
    return value if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
