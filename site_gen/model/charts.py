"""data/charts.yml: chart definitions, each pointing at data already in the plan."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from site_gen.model.common import Id, Strict, Text

ChartKind = Literal["bar", "grouped-bar", "stacked-bar", "line", "bridge", "dots", "heatmap"]


class Chart(Strict):
    id: Id
    kind: ChartKind
    title: Text = Field(description="The message the chart shows, as a sentence.")
    data: Text = Field(description="Reference to the data drawn, e.g. finance.qipp-summary.")
    source: str | None = None
    options: dict[str, Any] = {}


class Charts(Strict):
    charts: list[Chart] = []
