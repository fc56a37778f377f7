"""data/population.yml: statistics about the population served, and series such as projections."""

from __future__ import annotations

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
