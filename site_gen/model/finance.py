"""data/finance.yml: finance tables and the headline figures taken from them.

A table's unit may be money (£, £000, £m) or any other unit a plan counts in (FTE, sessions, people,
per 1,000). Figure tables live here rather than in a file of their own because everything a table needs
(totals, subtotals, percentages, references, charts, downloads, the approval record) already works on
these tables: a second file would repeat all of it for no gain to the author."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from site_gen.model.common import ColumnId, Id, MoneyUnit, Number, SignedColumnId, Strict, Text

Cell = Number | str | None

# Marks a plan prints in a figure's place to say it does not apply: allowed in any cell, never summed.
NOT_APPLICABLE = re.compile(r"n/?a|not applicable|-|\u2013|\u2014", re.IGNORECASE)


def _not_money_like(value: str) -> str:
    # A pound sign means money, and money has only the three units the sums can convert between.
    if value.startswith("£"):
        raise ValueError("A unit of money must be £, £000 or £m.")
    return value


FigureUnit = Annotated[Text, AfterValidator(_not_money_like)]


def unit_key(unit: str) -> str:
    """A unit as conversions match it: 'Sessions', 'sessions' and 'session' are one unit."""
    word = unit.strip().lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


class Conversion(Strict):
    """1 FROM = FACTOR TO, such as 1 session = 0.5 day."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_unit: Text = Field(alias="from", description="The unit converted from, such as session.")
    to: Text = Field(description="The unit converted to, such as day.")
    factor: Number = Field(description="How many of 'to' make one of 'from': 0.5 for a session that is half a day.")


class Column(Strict):
    id: ColumnId = Field(description="Column id; may start with a financial year, e.g. 2013/14-likely.")
    label: Text
    kind: Literal["value", "total", "percent", "rating", "text"] = Field(
        "value", description="text: a column of words such as Y or N, never summed.")
    sums: list[SignedColumnId] = Field([], description="For a total column: the columns it adds up; prefix an id with - to subtract it.")
    part: list[ColumnId] = Field([], description="For a percent or rating column: the columns that make the part.")
    whole: list[ColumnId] = Field([], description="For a percent or rating column: the columns that make the whole.")


class Row(Strict):
    id: Id
    label: Text
    kind: Literal["line", "subtotal", "total", "percent", "heading"] = Field(
        "line", description="heading: a row that names the group of rows below it, such as 'Sources of funds', "
                            "with no figures.")
    sums: list[str] = Field([], description="For a subtotal or total row: the rows it adds up; prefix an id with - to subtract it.")
    part: list[Id] = Field([], description="For a percent row: the rows that make the part.")
    whole: list[Id] = Field([], description="For a percent row: the rows that make the whole.")
    values: list[Cell] = Field([], description="One value per column, in column order; null for an empty cell. "
                                             "A heading row has none.")
    same_as: dict[ColumnId, str] = Field(
        {}, description="Column id -> a reference to the same fact stated elsewhere, perhaps in another unit "
                        "(converted by the table's or the file's conversions).")

    def cell(self, index: int) -> Cell:
        """The value in column index, or None where the row is short (row-length reports that)."""
        return self.values[index] if 0 <= index < len(self.values) else None


class Table(Strict):
    id: Id
    title: Text
    row_heading: Text = Field("Item", description="Heading of the first column, which names each row.")
    unit: MoneyUnit | FigureUnit = Field(description="£, £000, £m, or any unit that is not money: FTE, sessions, people, per 1,000.")
    decimals: int | None = Field(None, ge=0, le=4, description="Places every figure is kept to, when the source drops trailing zeros.")
    negative: Literal["minus", "brackets"] = "minus"
    source: str | None = None
    notes: list[Text] = []
    columns: list[Column]
    csv: str | None = Field(None, description="A CSV file in data/ that holds the rows, exported from a spreadsheet.")
    rows: list[Row]
    conversions: list[Conversion] = Field([], description="Conversions between units used by this table's same_as.")

    @property
    def money(self) -> bool:
        return self.unit in ("£", "£000", "£m")


class Headline(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    id: Id
    label: Text
    ref: str | None = Field(None, description="The table cell this headline shows: finance.TABLE.ROW.COLUMN.")
    value: Number | None = Field(None, description="The figure as stated elsewhere in the plan, checked against ref or sums.")
    sums: list[str] = Field([], description="Cells whose sum the stated value must equal.")
    unit: MoneyUnit | Literal["%"] | FigureUnit | None = None


class Relation(Strict):
    """One figure worked out from others: a share of a figure, a figure uplifted by a rate, or an amount per head.

    Exactly one of share, uplift and per_head is given. An applied rate is one the plan sets (a 1% reserve), so
    the figure it gives is checked to the rounding of the figures; a reported rate describes figures (QIPP is
    2.9% of the allocation), so it is checked to the places it is typed to."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    share: str | None = Field(None, description="A reference to the figure that is rate% of 'of'.")
    of: str | None = Field(None, description="For a share: a reference to the whole it is a share of.")
    uplift: str | None = Field(None, description="A reference to the figure that is 'from' increased by rate%.")
    from_ref: str | None = Field(None, alias="from", description="For an uplift: a reference to the figure before it.")
    rate: Number | None = Field(None, description="For a share or an uplift: the percentage, such as 1.0 or 2.5.")
    per_head: str | None = Field(None, description="A reference to the amount for each person.")
    total: str | None = Field(None, description="For per_head: a reference to the whole amount.")
    population: str | None = Field(None, description="For per_head: a reference to the population statistic.")
    kind: Literal["applied", "reported"] = Field(
        description="applied: a rate the plan sets, so the figure must follow exactly; reported: a rate that "
                    "describes the figures, checked to the places it is typed to.")

    @model_validator(mode="after")
    def _one_relation(self) -> Relation:
        forms = {"share": (self.share, self.of, self.rate), "uplift": (self.uplift, self.from_ref, self.rate),
                 "per_head": (self.per_head, self.total, self.population)}
        given = [name for name, (first, _, _) in forms.items() if first is not None]
        if len(given) != 1:
            raise ValueError("Give exactly one of share, uplift or per_head.")
        if any(part is None for part in forms[given[0]]):
            needs = {"share": "share, of and rate", "uplift": "uplift, from and rate",
                     "per_head": "per_head, total and population"}[given[0]]
            raise ValueError(f"A {given[0].replace('_', ' ')} relation needs {needs}.")
        if given[0] == "per_head" and self.kind != "reported":
            raise ValueError("An amount per head is checked as reported: write kind: reported.")
        return self


class Finance(Strict):
    tables: list[Table] = []
    conversions: list[Conversion] = Field([], description="Conversions between units, for every table's same_as.")
    headlines: list[Headline] = []
    relations: list[Relation] = Field([], description="Figures worked out from others: a share, an uplift or an "
                                                      "amount per head, checked against the figures they use.")


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


def conversion_factor(from_unit: str, to_unit: str, conversions: list[Conversion]) -> Decimal | None:
    """How many to_unit make one from_unit, by a declared conversion or its inverse; None if none is declared."""
    start, end = unit_key(from_unit), unit_key(to_unit)
    if start == end:
        return Decimal(1)
    for conversion in conversions:
        there, back = unit_key(conversion.from_unit), unit_key(conversion.to)
        if (there, back) == (start, end):
            return Decimal(conversion.factor)
        if (back, there) == (start, end) and conversion.factor != 0:
            return 1 / Decimal(conversion.factor)
    return None


def not_applicable(value: Any) -> bool:
    return isinstance(value, str) and NOT_APPLICABLE.fullmatch(value.strip()) is not None


def numeric(value: Cell) -> Decimal | int | None:
    return value if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
