"""data/performance.yml: measures with targets, trajectories and actuals. Status is worked out, never typed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_gen.model.common import Id, Number, PeriodText, Strict, Text

# The units the site knows how to write, or any unit as the plan words it ("per 100 patients", "minutes").
Unit = Literal["%", "count", "rate-per-1000", "rate-per-100000", "£", "£000", "£m", "days", "weeks", "ratio"] | Text
Direction = Literal["higher-is-better", "lower-is-better"]


class Target(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    operator: Literal[">=", "<=", ">", "<", "="]
    value: Number
    period: PeriodText


class PeriodValue(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    period: PeriodText
    value: Number


class Benchmark(Strict):
    NOT_STATED_FIGURES = frozenset({"value"})

    label: Text
    value: Number


class Measure(Strict):
    id: Id
    name: Text
    domain: Id | None = None
    description: str | None = None
    unit: Unit
    direction: Direction
    target: Target | None = None
    no_target: str | None = Field(None, description="Why this measure has no target, said explicitly.")
    baseline: PeriodValue | None = None
    trajectory: list[PeriodValue] = []
    actuals: list[PeriodValue] = []
    benchmark: Benchmark | None = None
    source: str | None = None
    priorities: list[Id] = []


class Domain(Strict):
    id: Id
    title: Text


class Performance(Strict):
    domains: list[Domain] = []
    measures: list[Measure] = []
