"""Things real plans print that the format reads as written: a version history's day in words, and a
measure counted in a unit the plan names."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from site_gen.model.performance import Measure
from site_gen.model.plan import VersionEntry
from site_gen.render.formatting import figure_text


@pytest.mark.parametrize("typed", ["14 February, 2014", "14 February 2014", "14/02/2014", "2014-02-14"])
def test_a_version_history_day_is_read_as_the_plan_prints_it(typed: str) -> None:
    entry = VersionEntry.model_validate({"version": "3", "date": typed, "author": "Head of planning",
                                         "summary": "Board comments added"})
    assert entry.date == datetime.date(2014, 2, 14)


@pytest.mark.parametrize("typed", ["February 2014", "by 14 February 2014", "soon"])
def test_a_version_history_date_that_is_not_one_day_is_refused_with_the_reason(typed: str) -> None:
    with pytest.raises(ValidationError, match="is not one day"):
        VersionEntry.model_validate({"version": "3", "date": typed, "author": "Head of planning", "summary": "x"})


def test_a_measure_may_count_in_the_unit_the_plan_names() -> None:
    measure = Measure.model_validate({"id": "gp-experience", "name": "Poor experience of GP services",
                                      "unit": "per 100 patients", "direction": "lower-is-better",
                                      "no_target": "The plan sets none."})
    assert figure_text(Decimal("6.7"), measure.unit) == "6.7 per 100 patients"
