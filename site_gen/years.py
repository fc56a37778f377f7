"""Financial years: read however the author wrote them, always written out as 2013/14."""

from __future__ import annotations

import re

_YEAR = re.compile(
    r"(?:FY\s*)?(?P<first>\d{4}|\d{2})\s*[/-]\s*(?P<second>\d{4}|\d{2})", re.IGNORECASE)


def _full(year: str) -> int:
    # Two-digit years in NHS plans are always this century.
    return int(year) if len(year) == 4 else 2000 + int(year)


def normalise_year(text: str) -> str | None:
    """'2013-14', '13/14', 'FY13/14' and '2013/2014' all become '2013/14'; anything else is None."""
    match = _YEAR.fullmatch(text.strip())
    if not match:
        return None
    first = _full(match["first"])
    if len(match["second"]) == 2:
        # 13/14, 2013-14 and 1999/00: the second year is given by its last two digits only.
        if (first + 1) % 100 != int(match["second"]):
            return None
    elif int(match["second"]) != first + 1:
        return None
    second = first + 1
    return f"{first}/{second % 100:02d}"


def normalise_id(text: str) -> str:
    """A column id or reference segment with its leading financial year made standard."""
    match = re.match(r"(?:FY\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})(?=$|-[a-z])", text, re.IGNORECASE)
    if not match:
        return text
    year = normalise_year(match.group(0))
    return year + text[match.end():] if year else text

