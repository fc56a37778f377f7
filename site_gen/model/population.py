"""data/population.yml: statistics about the population served, and series such as projections."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from site_gen.model.common import Id, Number, PeriodText, Strict, Text


class Comparator(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    label: Text
    value: Number


class Statistic(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    id: Id
    label: Text
    value: Number
    unit: Text
    period: PeriodText | None = None
    comparator: Comparator | None = None
    source: str | None = None
    sums: list[Id] = Field([], description="The ids of the statistics this one is the total of, in the same unit; "
                                           "checked like a total in a finance table.")
    same_as: str | None = Field(None, description="A reference to the same fact stated elsewhere in the plan, perhaps "
                                                  "at another precision or in another unit (converted by the "
                                                  "conversions in finance.yml): population.ID or a table cell.")


class Point(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    period: PeriodText
    group: str | None = None
    value: Number


class StatedGrowth(Strict):
    """A growth rate the plan states over part of a series: 1.2% a year from 2013 to 2016."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    rate: Number = Field(description="The stated rate, in per cent a year; negative for a fall.")
    start: PeriodText = Field(alias="from", description="The period the rate runs from, as the series names it.")
    end: PeriodText = Field(alias="to", description="The period the rate runs to, as the series names it.")


class Series(Strict):
    id: Id
    title: Text
    unit: Text
    source: str | None = None
    growth_rate: Number | None = None
    stated_growth: list[StatedGrowth] = Field(
        [], description="Growth rates the plan states over part of the series, each checked over its own span.")
    points: list[Point]


class Population(Strict):
    statistics: list[Statistic] = []
    series: list[Series] = []
