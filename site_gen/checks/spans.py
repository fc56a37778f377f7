"""Parts of a text that open with one mark and close with another (macros, comments, link targets), found
in one pass over the text.

A regular expression such as `<!--.*?-->` tries every opening mark in turn and reads on to the end of
the text looking for the close, so a text of many marks that never close (`<!--` typed 20,000 times)
takes time growing with the square of its length. Here each close is looked for once: where it is, or
that there is none, is remembered, so the marks after it are settled at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


class _Finder:
    """The first place a closing mark occurs at or after a position. The answer holds for every position
    from where the search began up to where the mark was found, so a run of openings waiting on the
    same close never reads the same stretch of text twice."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str | re.Pattern, tuple[int, int, int]] = {}  # mark -> (searched from, start, end)

    def find(self, mark: str | re.Pattern, start: int) -> tuple[int, int]:
        """(start, end) of the first occurrence of mark at or after start; (-1, -1) when there is none."""
        known = self._known.get(mark)
        if known is not None and known[0] <= start and (known[1] < 0 or start <= known[1]):
            return known[1], known[2]
        if isinstance(mark, str):
            at = self.text.find(mark, start)
            found = (at, at + len(mark)) if at >= 0 else (-1, -1)
        else:
            match = mark.search(self.text, start)
            found = match.span() if match else (-1, -1)
        self._known[mark] = (start, *found)
        return found


# How a part closes: given the text's finder and the end of its opening mark, the end of the part, or
# None when it does not close (so the opening mark is not the start of a part after all).
Close = Callable[[_Finder, int], int | None]


def until(mark: str | re.Pattern, same_line: bool = False) -> Close:
    """Closes at the first occurrence of mark (as `.*?mark`, or `[^x]*x` for a one-character mark);
    with same_line, only when no line break comes first (as `.` does not match one)."""
    def close(finder: _Finder, start: int) -> int | None:
        at, end = finder.find(mark, start)
        if at < 0 or (same_line and finder.find("\n", start)[0] in range(start, at)):
            return None
        return end
    return close


def first_then(char: str, mark: str, then: Close) -> Close:
    """Closes where `[^char]*mark` then `then` would: the first char after the opening must begin mark,
    and the part then closes as `then` says. For `![alt](target)`: the first ] must be followed by (."""
    def close(finder: _Finder, start: int) -> int | None:
        at, _ = finder.find(char, start)
        if at < 0 or not finder.text.startswith(mark, at):
            return None
        return then(finder, at + len(mark))
    return close


@dataclass(frozen=True)
class Spans:
    """Alternatives tried in order at each place in a text, as in a regular expression `A|B|C`: each an
    opening mark (a regular expression without groups of its own) and how its part closes (None: the
    opening is the whole part). No two openings may match at the same place: the first that matches there
    is the only one tried."""

    alternatives: tuple[tuple[str, Close | None], ...]

    def __post_init__(self) -> None:
        openings = "|".join(f"({opening})" for opening, _ in self.alternatives)
        object.__setattr__(self, "_openings", re.compile(openings))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each part, left to right, none overlapping."""
        finder = _Finder(text)
        position = 0
        while (opening := self._openings.search(text, position)) is not None:
            close = self.alternatives[opening.lastindex - 1][1]
            end = opening.end() if close is None else close(finder, opening.end())
            if end is None:
                position = opening.start() + 1
                continue
            yield opening.start(), end
            position = end

    def sub(self, replace: Callable[[str], str], text: str) -> str:
        """The text with each part replaced by what replace gives for it, as re.sub does."""
        pieces, done = [], 0
        for start, end in self.spans(text):
            pieces += [text[done:start], replace(text[start:end])]
            done = end
        return "".join(pieces) + text[done:]
