"""Version numbers of a plan (pure): '2.6' comes before '3', and '3.10' after '3.9'."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

Entry = TypeVar("Entry")


def version_key(version: str) -> tuple[int, ...] | None:
    """'2.3.4' -> (2, 3, 4); None for a version that is not numbers and dots, which is not compared."""
    parts = version.strip().split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Version history entries by version number, highest first, then by date; two entries of one day are
    in the order of their numbers, not the order they were typed (3 above 2.6)."""
    return sorted(entries, key=lambda e: (version_key(e.version) or (), e.date), reverse=True)
