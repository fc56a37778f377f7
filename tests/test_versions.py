"""Version numbers in order (issue 16: the version history listed 3 below 2.6 when both had one date)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from site_gen.versions import newest_first, version_key


@dataclass
class Entry:
    version: str
    date: datetime.date


def test_versions_compare_as_numbers():
    assert version_key("3.10") > version_key("3.9") > version_key("3") > version_key("2.6")
    assert version_key("draft") is None


def test_the_history_lists_the_highest_version_first_even_on_one_day():
    day = datetime.date(2014, 3, 27)
    typed = [Entry("2.6", day), Entry("3", day), Entry("0.2", datetime.date(2014, 1, 5)), Entry("3.1", day)]
    assert [e.version for e in newest_first(typed)] == ["3.1", "3", "2.6", "0.2"]
