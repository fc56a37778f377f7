"""Values a plan does not state (pure).

A real plan leaves things out: a version it never gives, a figure printed cut off ("171,"), a budget
"of million" with no number. The author records such a value as `not stated`, or as
`"not stated: <what the plan prints>"`, rather than inventing one or leaving the field out. The value
reaches the model as a NotStated: a piece of text that reads "Not stated in the plan" wherever it is
shown, so a page never shows a made-up figure or a blank where the plan is silent, and that every check
can tell apart from a real value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

NOT_STATED_TEXT = "Not stated in the plan"
# Inside a sentence ("Draft version not stated, not approved"), for a value that is always shown after its name.
IN_SENTENCE = "not stated"

# The keyword on its own, or followed by a colon and the text as printed. Case and spacing as typed.
_MARK = re.compile(r"\s*not\s+stated\s*(?::\s*(?P<printed>.*?))?\s*", re.IGNORECASE | re.DOTALL)


class NotStated(str):
    """A value the plan does not state. It is text reading 'Not stated in the plan', so every page and PDF shows
    it as that without a special case, and `printed` keeps what the plan printed in its place, if anything."""

    printed: str | None

    def __new__(cls, printed: str | None = None, text: str = NOT_STATED_TEXT) -> NotStated:
        value = super().__new__(cls, text)
        value.printed = printed or None
        return value

    def __reduce__(self) -> tuple:
        # Copies (the entry-by-entry reader copies the data) keep what was printed.
        return (NotStated, (self.printed, str(self)))

    def __repr__(self) -> str:
        return f"NotStated({self.printed!r})"


def not_stated_mark(value: Any) -> NotStated | None:
    """The NotStated a value typed as `not stated` or `not stated: ...` stands for; None for any other value."""
    if isinstance(value, NotStated):
        return value
    if not isinstance(value, str):
        return None
    match = _MARK.fullmatch(value)
    return NotStated(match["printed"]) if match else None


def is_not_stated(value: Any) -> bool:
    return isinstance(value, NotStated)


def mark_not_stated(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, NotStated]]:
    """Turn every value typed as not stated in a file's data into a NotStated, in place, and yield the path
    and value of each, in file order."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in list(items):
        mark = not_stated_mark(value)
        if mark is not None:
            data[key] = mark
            yield path + (key,), mark
        else:
            yield from mark_not_stated(value, path + (key,))
