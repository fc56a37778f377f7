"""data/charts.yml: chart definitions, each pointing at data already in the plan."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_gen.model.common import ColumnId, Id, Strict, Text

ChartKind = Literal["bar", "grouped-bar", "stacked-bar", "line", "bridge", "dots", "heatmap"]


class Chart(Strict):
    id: Id
    kind: ChartKind = Field(description="bar, grouped-bar, stacked-bar, line, bridge (waterfall), dots (against "
                                        "a target) or heatmap (risks by likelihood and impact).")
    title: Text = Field(description="The message the chart shows, as a sentence.")
    data: Text = Field(description="The data drawn: finance.TABLE, performance.MEASURE, population.SERIES or "
                                   "risks.register.")
    rows: list[Id] = Field([], description="For a finance table: the rows drawn, in order. Without it, every "
                                           "row that is not a subtotal or total.")
    columns: list[ColumnId] = Field([], description="For a finance table: the columns drawn. A bar chart and a "
                                                    "bridge draw one; a line chart reads its columns as periods.")
    target: ColumnId | None = Field(None, description="For a dots chart: the column that holds each row's target.")
    source: str | None = Field(None, description="Where the figures come from; without it, the data's own source.")


class Charts(Strict):
    charts: list[Chart] = []
