"""Dates as plans write them: "1 October 2013", "Oct 12", "Q2 2014/15", "Autumn 2012", "by March 2014".

A plan dates its milestones as precisely as it knows them, and in its own words. This module reads
such text into a PlanDate (what kind of date it is, the span of days it covers, whether it is a
deadline) and writes it back the NHS way. It is pure: no files, no findings. Text it cannot read is
kept, as written, so that the check can say so and the site can still show it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from site_gen.not_stated import NotStated
from site_gen.years import normalise_year

Kind = Literal["day", "month", "quarter-calendar", "quarter-financial", "season", "financial-year", "year",
               "range", "unreadable", "not-stated"]
Bound = Literal["", "by", "end-of", "from"]

# The forms, for hints and the guide: one example each.
FORMS = ("2013-10-01 or 1 October 2013 (a day)", "2013-10 or October 2013 (a month)",
         "2013 Q3 (a calendar quarter)", "Q2 2014/15 (a quarter of a financial year)", "Autumn 2012 (a season)",
         "2013/14 (a financial year)", "2013 (a year)", "by March 2014 or end of March 2014 (a deadline)",
         "from April 2014 (a start)", "May to July 2012 or 2012-15 (a span)")

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Meteorological seasons, as the Met Office counts them: each starts on the first of its month.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_NAMES = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}

_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_FINANCIAL = r"(?P<fy>(?:fy\s*)?(?:\d{4}|\d{2})\s*[/-]\s*(?:\d{4}|\d{2}))"
_ORDINAL = r"(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?"
_QUARTER = r"(?:q|quarter\s*)(?P<quarter>[1-4])"

_DAY_FORMS = (
    re.compile(rf"{_ORDINAL}[\s-]+{_MONTH}(?:[\s,-]+{_YEAR})?"),      # 1 October 2013, 17th Sept 2012, 10-Feb-14
    # January 31st 2013: the year is required, as "Oct 12" is a month (October 2012), never 12 October.
    re.compile(rf"{_MONTH}\s+{_ORDINAL},?\s+(?P<year>\d{{4}})"),
)
_NUMERIC_DAY = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})")  # 12/3/14, day first
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
_MONTH_FORM = re.compile(rf"{_MONTH}(?:[\s,-]+{_YEAR})?")            # October 2013, Oct 12, Dec-13, May
_CALENDAR_YEAR = re.compile(r"(?P<year>\d{4})")
_QUARTER_FORMS = (
    re.compile(rf"{_QUARTER}(?:\s+of)?\s+(?:{_FINANCIAL}|{_YEAR})"),  # Q2 2014/15, Quarter 2 of 2014/15, Q3 2013
    re.compile(rf"(?:{_FINANCIAL}|{_YEAR})\s+{_QUARTER}"),            # 2013 Q3, 2014/15 Q2
)
_SEASON_FORM = re.compile(r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+(?:" + _FINANCIAL + "|"
                          + _YEAR + "))?")
_BY = re.compile(r"(?:by|before|no later than)\s+(?:the\s+)?(?:end(?:\s+of\s+|-|\s+))?(?:the\s+)?")
_FROM = re.compile(r"(?:from|starting(?:\s+in)?|beginning|with effect from)\s+(?:the\s+)?")
# Two dates joined as a span: "May to July 2012", "April 2013 until March 2016".
_SPAN = re.compile(r"(?P<first>.+?)\s+(?:to|until|till|through|-|\u2013)\s+(?P<last>.+)")
_YEAR_SPAN = re.compile(r"(?P<first>\d{4})\s*[-\u2013]\s*(?P<last>\d{2}|\d{4})")  # 2012-15, 2013 -15
_END_OF = re.compile(r"(?:the\s+)?end(?:\s+of\s+|-|\s+)(?:the\s+)?")  # end of March, end March, end-March
# "in October 2013", "during the autumn": the words a sentence puts before a date add nothing to it.
_LEAD_IN = re.compile(r"(?:(?:in|during)\s+)?(?:the\s+)?")
_FINANCIAL_WORDS = re.compile(r"(?:financial|fiscal)\s+year\s+")


class Unreadable(ValueError):
    """Text that names no date; the message says why when there is more to say than that."""


@dataclass(frozen=True)
class PlanDate:
    """A date at the precision the plan gives. start and end are the first and last days it covers;
    both are None when the plan leaves out the year (the month or season is then in `month`)."""

    text: str
    kind: Kind
    start: datetime.date | None = None
    end: datetime.date | None = None
    bound: Bound = ""
    month: int | None = None  # the first month of a month or season, kept when the year is missing
    parts: tuple[PlanDate, PlanDate] | None = None  # the first and last dates of a span
    problem: str = ""  # why an unreadable date could not be read, when more can be said than that

    @property
    def by(self) -> bool:
        """A deadline: the event happens at the latest by the end of the span."""
        return self.bound == "by"

    @property
    def year_missing(self) -> bool:
        return self.kind not in ("unreadable", "not-stated") and self.start is None

    @property
    def sort_key(self) -> tuple[int, datetime.date, datetime.date]:
        """Earliest first. A deadline or an "end of" sits at the end of its span, anything else at its
        start, so "March 2014" comes before "by March 2014". Dates without a year come after every dated
        one (nothing in a milestone says which year the plan meant), then unreadable ones; among
        themselves they keep the order the plan gives them, as sorting is stable."""
        if self.start is None or self.end is None:
            return (1 if self.year_missing else 2, datetime.date.max, datetime.date.max)
        anchor = self.end if self.bound in ("by", "end-of") else self.start
        return (0, anchor, self.end)


def _full_year(text: str) -> int:
    # Two-digit years in NHS plans are always this century, as for financial years (site_gen.years).
    return int(text) if len(text) == 4 else 2000 + int(text)


def _month_number(text: str) -> int:
    number = _MONTHS.get(text.lower().rstrip("."))
    if number is None:
        raise Unreadable("")
    return number


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _span(year: int, month: int, months: int) -> tuple[datetime.date, datetime.date]:
    """The first day of a month and the last day of the month `months - 1` after it."""
    last = month + months - 1
    return datetime.date(year, month, 1), _month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)


def _day(text: str, year: str | None, month: int, day: str) -> PlanDate:
    if year is None:
        datetime.date(2000, month, int(day))  # a leap year, so 29 February passes; no year, no further check
        return PlanDate(text, "day", month=month)
    value = datetime.date(_full_year(year), month, int(day))
    return PlanDate(text, "day", value, value)


def _month(text: str, year: str | None, month: int) -> PlanDate:
    if year is None:
        return PlanDate(text, "month", month=month)
    start, end = _span(_full_year(year), month, 1)
    return PlanDate(text, "month", start, end)


def _quarter(text: str, quarter: int, financial: str | None, year: str | None) -> PlanDate:
    if financial is not None:
        named = normalise_year(financial)
        if named is None:
            raise Unreadable(f"'{financial}' is not a financial year")
        # Quarter 1 of a financial year is April to June.
        start, end = _span(int(named[:4]) + (quarter == 4), (quarter * 3 + 1) % 12 or 12, 3)
        return PlanDate(text, "quarter-financial", start, end)
    assert year is not None
    start, end = _span(_full_year(year), quarter * 3 - 2, 3)
    return PlanDate(text, "quarter-calendar", start, end)


def _season(text: str, season: str, financial: str | None, year: str | None) -> PlanDate:
    month = _SEASONS[season]
    if financial is not None:
        named = normalise_year(financial)
        if named is None or month != 12:
            raise Unreadable(f"only a winter spans two years, as in 'Winter {named or '2013/14'}'")
        year = named[:4]
    if year is None:
        return PlanDate(text, "season", month=month)
    # Winter 2013 is the winter that starts in December 2013, the one a plan for 2013/14 prepares for.
    start, end = _span(_full_year(year), month, 3)
    return PlanDate(text, "season", start, end)


def _financial_year(text: str, named: str) -> PlanDate:
    first = int(named[:4])
    return PlanDate(text, "financial-year", datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31))


def _read(text: str, key: str) -> PlanDate:
    """What `key` (lower case, spaces single, no prefix) names; raises Unreadable when it is no date."""
    named = normalise_year(_FINANCIAL_WORDS.sub("", key, count=1))
    if named:
        return _financial_year(text, named)
    if match := _ISO_DAY.fullmatch(key):
        return _day(text, match["year"], int(match["month"]), match["day"])
    if match := _ISO_MONTH.fullmatch(key):
        return _month(text, match["year"], int(match["month"]))
    if match := _CALENDAR_YEAR.fullmatch(key):
        start = datetime.date(int(match["year"]), 1, 1)
        return PlanDate(text, "year", start, datetime.date(start.year, 12, 31))
    if match := _NUMERIC_DAY.fullmatch(key):
        return _day(text, match["year"], int(match["month"]), match["day"])
    for form in _QUARTER_FORMS:
        if match := form.fullmatch(key):
            return _quarter(text, int(match["quarter"]), match["fy"], match["year"])
    if re.fullmatch(_QUARTER, key):
        raise Unreadable("a quarter needs its year, as in '2013 Q3' for July to September 2013 or 'Q3 2013/14' "
                         "for the third quarter of the financial year 2013/14")
    if match := _SEASON_FORM.fullmatch(key):
        return _season(text, match["season"], match["fy"], match["year"])
    for form in _DAY_FORMS:
        if match := form.fullmatch(key):
            return _day(text, match["year"], _month_number(match["month"]), match["day"])
    if match := _MONTH_FORM.fullmatch(key):
        return _month(text, match["year"], _month_number(match["month"]))
    raise Unreadable("")


def _two_dates(text: str, key: str) -> PlanDate | None:
    """Two dates joined as a span, the first taking the last's year when it has none ("May to July 2012");
    None when key is not two readable dates."""
    if match := _YEAR_SPAN.fullmatch(key):
        first, last = int(match["first"]), int(match["last"])
        last = last if last >= 1000 else first // 100 * 100 + last
        if last <= first + 1:
            return None  # 2013-14 is a financial year, read as one
        key = f"{first} to {last}"
    match = _SPAN.fullmatch(key)
    if not match:
        return None
    try:
        last = _read(match["last"], match["last"])
        first_key = match["first"]
        year = re.search(r"(\d{4})(/\d{2})?$", match["last"])
        if year and not re.search(r"\d{4}", first_key):  # "May to July 2012": May takes July's year
            first = _read(match["first"], f"{first_key} {year.group(0)}")
            if first.start is not None and last.start is not None and first.start > last.start and not year.group(2):
                first = _read(match["first"], f"{first_key} {int(year.group(1)) - 1}")
        else:
            first = _read(match["first"], first_key)
    except (Unreadable, ValueError, OverflowError):
        return None
    if first.start is None or last.end is None or first.start > last.end:
        return None
    return PlanDate(text, "range", first.start, last.end, parts=(first, last))


@lru_cache(maxsize=4096, typed=True)
def parse_plan_date(text: str) -> PlanDate:
    """Read a date as a plan writes it. Never raises: text that is no date comes back as kind
    "unreadable", with the reason in `problem`; a date recorded as not stated comes back as kind "not-stated"."""
    if isinstance(text, NotStated):
        return PlanDate(str(text), "not-stated")
    written = " ".join(str(text).split())
    key = written.lower().rstrip(".")
    key = _LEAD_IN.sub("", key, count=1)  # matches at the start, if only the empty string
    bound: Bound = ""
    if match := _BY.match(key):
        bound, key = "by", key[match.end():]
    elif match := _END_OF.match(key):
        bound, key = "end-of", key[match.end():]
    elif match := _FROM.match(key):
        bound, key = "from", key[match.end():]
    try:
        found = _two_dates(written, key) if not bound else None
        found = found or _read(written, key)
    except Unreadable as err:
        return PlanDate(written, "unreadable", problem=str(err))
    except (ValueError, OverflowError):  # the calendar's own refusal: 30 February, month 13, year 10000
        return PlanDate(written, "unreadable", problem="the calendar has no such day")
    return dataclasses.replace(found, bound=bound)


def _financial_label(first_year: int) -> str:
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def _plain_words(value: PlanDate) -> str:
    """The date itself, without "by" or "end of"; capitalised as it starts a sentence or a cell."""
    start, end = value.start, value.end
    assert start is not None and end is not None
    if value.kind == "day":
        return f"{start.day} {start:%B %Y}"
    if value.kind == "month":
        return f"{start:%B %Y}"
    if value.kind == "quarter-calendar":
        return f"{start:%B} to {end:%B %Y}"
    if value.kind == "quarter-financial":
        first = start.year if start.month >= 4 else start.year - 1
        return f"Quarter {(start.month - 4) % 12 // 3 + 1} of {_financial_label(first)}"
    if value.kind == "season":
        name = _SEASON_NAMES[start.month]
        return f"{name} {_financial_label(start.year)}" if start.month == 12 else f"{name} {start.year}"
    if value.kind == "financial-year":
        return _financial_label(start.year)
    if value.kind == "range" and value.parts:
        first, last = value.parts
        if first.kind == last.kind == "month" and start.year == end.year:
            return f"{start:%B} to {end:%B %Y}"  # May to July 2012
        return f"{_plain_words(first)} to {_after_bound(last)}"
    return str(start.year)


def _after_bound(value: PlanDate) -> str:
    """The date as it reads after "By" or "End of": a quarter of months by its last month, a year as its
    end, and a season in lower case, as GOV.UK writes seasons inside a sentence."""
    assert value.end is not None
    if value.kind == "quarter-calendar":
        return f"{'the end of ' if value.by else ''}{value.end:%B %Y}"
    if value.kind in ("financial-year", "year") and value.by:
        return f"the end of {_plain_words(value)}"
    words = _plain_words(value)
    return words[0].lower() + words[1:] if value.kind == "season" else words


def plan_date_text(value: PlanDate) -> str:
    """The date the NHS way: '1 October 2013', 'July to September 2013', 'Quarter 2 of 2014/15',
    'Autumn 2012', '2013/14', 'By March 2014'. A date without a year or one that cannot be read is
    shown as the plan wrote it."""
    if value.start is None:
        return value.text[:1].upper() + value.text[1:]
    if value.bound == "by":
        return f"By {_after_bound(value)}"
    if value.bound == "end-of":
        return f"End of {_after_bound(value)}"
    if value.bound == "from":
        return f"From {_after_bound(value)}"
    return _plain_words(value)
