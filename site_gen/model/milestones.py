"""data/milestones.yml: dated events, each with the precision it is known to."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from site_gen.model.common import Id, Strict, Text
from site_gen.years import normalise_year

_QUARTER = re.compile(r"\d{4} Q[1-4]")


def _milestone_date(value: Any) -> str:
    """A day, a month, a quarter or a financial year, each of which must exist."""
    text = str(value).strip()
    year = normalise_year(text)
    if year:  # 2013-14 is a financial year, never a month
        return year
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            datetime.date.fromisoformat(text)
            return text
        if re.fullmatch(r"\d{4}-\d{2}", text):
            datetime.date.fromisoformat(text + "-01")
            return text
    except ValueError:
        raise PydanticCustomError("date_value", "{value} is not a real date", {"value": text}) from None
    if _QUARTER.fullmatch(text):
        return text
    raise PydanticCustomError(
        "date_format", "'{value}' is not a date. Write 2013-10-01, 2013-10, 2013 Q3 or 2013/14", {"value": text})


MilestoneDate = Annotated[str, AfterValidator(_milestone_date)]


class Milestone(Strict):
    id: Id
    title: Text
    date: MilestoneDate = Field(description="2013-10-01 (a day), 2013-10 (a month), 2013 Q3 (a quarter) or 2013/14 (a financial year).")
    status: Literal["planned", "in-progress", "done", "late", "cancelled"] = "planned"
    priority: Id | None = None
    description: str | None = None


class Milestones(Strict):
    milestones: list[Milestone] = []
