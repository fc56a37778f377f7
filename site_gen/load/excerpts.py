"""The text of the line a finding points at, read from the plan's files for showing in the terminal."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from site_gen.findings import Location, SourceLine
from site_gen.load.files import read_text


def line_reader(root: Path) -> SourceLine:
    """A lookup of a finding's line in the project at root; None for anything it cannot show."""
    base = root.resolve()

    @lru_cache(maxsize=64)
    def lines_of(file: str) -> tuple[str, ...]:
        path = (base / file).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return ()
        text, problems = read_text(path, file)
        return tuple(text.split("\n")) if text is not None and not problems else ()

    def source_line(location: Location) -> str | None:
        lines = lines_of(location.file) if location.file else ()
        return lines[location.line - 1] if 0 < location.line <= len(lines) else None

    return source_line
