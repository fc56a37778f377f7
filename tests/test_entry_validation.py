"""Validation by entry: an entry that cannot be read is reported and left out, the rest of its file is still
checked, and a note says which checks could not run without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.findings import Finding
from site_gen.load.yaml_source import parse_yaml
from site_gen.model.finance import Finance
from site_gen.model.population import Population
from site_gen.model.validate import validate_entries
from site_gen.pipeline import CheckedPlan, check_project
from site_gen.project import Project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "entry-by-entry"


@pytest.fixture(scope="module")
def checked() -> CheckedPlan:
    return check_project(Project(FIXTURE))


def _at(checked: CheckedPlan, file: str, code: str | None = None) -> list[Finding]:
    return [f for f in checked.findings if f.location.file == file and (code is None or f.code == code)]


def test_a_total_that_does_not_add_up_is_found_beside_two_unreadable_entries(checked: CheckedPlan) -> None:
    found = sorted(_at(checked, "data/population.yml"), key=Finding.sort_key)
    assert [(f.code, f.location.line) for f in found if f.severity.value == "error"] == [
        ("total-mismatch", 6), ("wrong-type", 19), ("wrong-type", 22)]
    assert "22,500 but its parts add up to 21,500" in found[0].message


def test_the_readable_entries_are_kept_in_the_plan(checked: CheckedPlan) -> None:
    assert [s.id for s in checked.data.population.statistics] == ["registered", "north", "south"]
    assert [r.id for r in checked.data.finance.tables[0].rows] == ["nursing", "rehab", "total", "nursing-and-rehab"]


def test_each_entry_left_out_has_a_note_saying_what_was_not_checked(checked: CheckedPlan) -> None:
    notes = {f.location.line: f for f in checked.findings if f.code == "check-skipped"}
    assert all(f.severity.value == "info" for f in notes.values())
    assert notes[16].location.file == "data/finance.yml"
    assert notes[16].message.startswith("The total 'Total' of the table 'community-budget' is not checked, because "
                                        "its row 'therapies' could not be read.")
    assert "'over-65' could not be read" in notes[17].message


def test_a_total_that_adds_up_a_row_left_out_is_not_reported_wrong(checked: CheckedPlan) -> None:
    # Without 'therapies', the Total row (8.7) would seem to add up to 6.4.
    totals = _at(checked, "data/finance.yml", "total-mismatch")
    assert [(f.location.line, f.message.split(",")[0]) for f in totals] == [(31, "Nursing and rehabilitation")]


def test_findings_after_an_entry_left_out_point_at_their_own_line() -> None:
    text = (FIXTURE / "data" / "finance.yml").read_text(encoding="utf-8")
    assert text.splitlines()[31 - 1].strip() == "values: [6.9, 6.7]"


def test_a_reference_to_an_entry_left_out_is_not_an_unknown_reference(checked: CheckedPlan) -> None:
    unknown = [f for f in checked.findings if f.code == "unknown-reference"]
    assert [(f.location.file, f.message) for f in unknown] == [
        ("data/priorities.yml", "There is no measure 'readmisions'. Did you mean 'readmissions'?")]
    assert any(f.code == "check-skipped" and "'delayed-discharges'" in f.message for f in checked.findings)


def _read(text: str, model):
    doc, problems = parse_yaml(text, "data/test.yml")
    assert problems == []
    return validate_entries(doc, model)


def test_a_problem_outside_every_entry_leaves_the_file_unread() -> None:
    read = _read("statistic:\n  - id: a\n    label: A\n    value: 1\n    unit: people\n", Population)
    assert read.model is None
    assert [(f.code, f.location.line) for f in read.findings] == [("unknown-field", 1)]


def test_a_table_whose_column_cannot_be_read_is_left_out_whole() -> None:
    # Leaving out a column would move every cell after it into the wrong column.
    text = ("tables:\n"
            "  - id: t\n    title: T\n    unit: £m\n"
            "    columns:\n      - id: a\n        label: A\n        kind: sideways\n      - id: b\n        label: B\n"
            "    rows:\n      - id: r\n        label: R\n        values: [1, 2]\n"
            "  - id: u\n    title: U\n    unit: £m\n"
            "    columns:\n      - id: a\n        label: A\n"
            "    rows:\n      - id: r\n        label: R\n        values: [1]\n")
    read = _read(text, Finance)
    assert [t.id for t in read.model.tables] == ["u"]
    assert [(e.path, e.id) for e in read.left_out] == [(("tables", 0), "t")]
    assert [(f.code, f.location.line) for f in read.findings] == [("invalid-value", 8)]


def test_an_entry_inside_one_left_out_is_noted_once() -> None:
    text = ("tables:\n"
            "  - id: t\n    title: [T]\n    unit: £m\n"
            "    columns:\n      - id: a\n        label: A\n"
            "    rows:\n      - id: r\n        label: R\n        values: one\n")
    read = _read(text, Finance)
    assert read.model is not None and read.model.tables == []
    assert [e.path for e in read.left_out] == [("tables", 0)]
    assert sorted(f.location.line for f in read.findings) == [3, 11]
