"""data/population.yml: statistics about the population served, and series such as projections."""

from __future__ import annotations

from pydantic import Field

from site_gen.model.common import Id, Number, PeriodText, Strict, Text


class Comparator(Strict):
    label: Text
    value: Number


class Statistic(Strict):
    id: Id
    label: Text
    value: Number
    unit: Text
    period: PeriodText | None = None
    comparator: Comparator | None = None
    source: str | None = None
    sums: list[Id] = Field([], description="The ids of the statistics this one is the total of, in the same unit; "
                                           "checked like a total in a finance table.")


class Point(Strict):
    period: PeriodText
    group: str | None = None
    value: Number


class Series(Strict):
    id: Id
    title: Text
    unit: Text
    source: str | None = None
    growth_rate: Number | None = None
    points: list[Point]


class Population(Strict):
    statistics: list[Statistic] = []
    series: list[Series] = []
