"""A population statistic may say it is the total of others (sums:), checked like a finance table's total."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, copy_plan

from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.schema import json_schema


def _findings(tmp_path, total: str, parts: list[tuple[str, str, str]], sums: str) -> list[tuple[str, str, str]]:
    """(code, the YAML text from the finding's line and column on, message) for each finding."""
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / f"plan-{len(list(tmp_path.iterdir()))}")
    lines = ["statistics:", f"  - {{id: total, label: All districts, value: {total}, unit: children, sums: {sums}}}"]
    lines += [f"  - {{id: {i}, label: District {i}, value: {v}, unit: {u}}}" for i, v, u in parts]
    (root / "data" / "population.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [(f.code, lines[f.location.line - 1][f.location.col - 1:], f.message)
            for f in check_project(Project(root)).findings]


DISTRICTS = [("north", "4500", "children"), ("east", "3900", "children"), ("west", "1500", "children")]


@pytest.mark.parametrize(("total", "passes"), [
    ("9900", True),
    ("9902", True),    # three whole-number parts and a whole-number total: 2 either way is rounding
    ("9897", False),
    ("10100", False),
])
def test_a_total_statistic_equals_the_sum_of_its_parts_within_rounding(tmp_path, total, passes):
    found = _findings(tmp_path, total, DISTRICTS, "[north, east, west]")
    assert found == ([] if passes else [
        ("total-mismatch", f"value: {total}, unit: children, sums: [north, east, west]}}",
         f"All districts is {int(total):,} but its parts add up to 9,900 (allowed rounding difference 2).")])


def test_the_tolerance_follows_the_places_typed(tmp_path):
    parts = [("north", "1.2", "children"), ("east", "3.45", "children")]
    assert _findings(tmp_path, "4.7", parts, "[north, east]") == []      # 4.65, allowed 0.06
    assert [f[0] for f in _findings(tmp_path, "4.8", parts, "[north, east]")] == ["total-mismatch"]


def test_a_part_that_does_not_exist_is_an_unknown_reference(tmp_path):
    assert _findings(tmp_path, "9900", DISTRICTS, "[north, east, wset]") == [
        ("unknown-reference", "wset]}", "There is no statistic 'wset'. Did you mean 'west'?")]


def test_parts_in_another_unit_do_not_add_up(tmp_path):
    parts = DISTRICTS[:2] + [("west", "15", "'%'")]
    assert _findings(tmp_path, "9900", parts, "[north, east, west]") == [
        ("invalid-value", "west]}",
         "'west' is in % but 'total' is in children; only figures in the same unit add up.")]


def test_the_json_schema_describes_sums():
    schema = json.loads(json.dumps(json_schema("population")))
    assert schema["$defs"]["Statistic"]["properties"]["sums"]["type"] == "array"
