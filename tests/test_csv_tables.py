"""Finance tables whose rows come from a spreadsheet export: read, checked, and pointed at by row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_plan

from site_gen.findings import Location
from site_gen.load.csv_tables import cell_starts, csv_number, row_id
from site_gen.pipeline import check_project
from site_gen.project import Project

FINANCE_YAML = """\
tables:
  - id: running-costs
    title: Running costs
    unit: £000
    negative: brackets
    csv: running-costs.csv
    columns:
      - id: 2013/14
        label: 2013/14
      - id: 2014/15
        label: 2014/15
"""


def _plan_with_csv(tmp_path: Path, csv_text: str, finance: str = FINANCE_YAML) -> Project:
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    (root / "data" / "finance.yml").write_text(finance, encoding="utf-8")
    (root / "data" / "running-costs.csv").write_text(csv_text, encoding="utf-8")
    return Project(root)


def _codes_at(findings) -> list[tuple[str, str, int, int]]:
    return sorted((f.code, f.location.file, f.location.line, f.location.col) for f in findings)


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234", 1234), ("12.50", Decimal("12.50")), ("(3.5)", Decimal("-3.5")), ("-7", -7), ("", None),
    ("TBC", "TBC"), ("1,23", "1,23"),
])
def test_spreadsheet_cells_become_figures_keeping_their_places(text, expected):
    value = csv_number(text, brackets=True)
    assert value == expected and type(value) is type(expected)
    if isinstance(expected, Decimal):
        assert str(value) == str(expected)


def test_cells_are_found_by_the_character_they_start_at_ignoring_quoted_commas():
    assert cell_starts('pay,"Pay, staff",1,"3,100"') == [1, 5, 18, 20]


def test_a_row_without_an_id_is_named_from_its_label():
    assert row_id("Pay & non-pay (total)") == "pay-non-pay-total"


def test_a_clean_csv_table_passes_and_is_referenceable(tmp_path):
    project = _plan_with_csv(tmp_path, (
        "id,label,kind,sums,2013/14,2014/15\n"
        "pay,Pay,line,,\"3,100\",3200\n"
        "non-pay,Non-pay,line,,1200.5,1150.5\n"
        "total,Total running costs,total,pay non-pay,4300.5,4350.5\n"))
    checked = check_project(project)
    assert [f for f in checked.findings if f.severity.value != "info"] == []
    table = checked.data.finance.tables[0]
    assert [r.id for r in table.rows] == ["pay", "non-pay", "total"]
    assert table.rows[0].values == [3100, 3200]
    assert checked.context.index.figure("finance.running-costs.total.2013/14").value == Decimal("4300.5")


def test_a_wrong_total_in_the_csv_points_at_its_row_and_column(tmp_path):
    project = _plan_with_csv(tmp_path, (
        "label,kind,sums,2013/14,2014/15\n"
        "Pay,line,,3100,3200\n"
        "\n"
        "Non-pay,line,,1200,1150\n"
        "Total,total,pay non-pay,4300,4999\n"))
    findings = check_project(project).findings
    # Row 5 of the file; the column is the character where the wrong cell, 4999, starts.
    assert _codes_at(findings) == [("total-mismatch", "data/running-costs.csv", 5, 30)]


def test_text_in_a_figure_cell_and_an_unknown_heading_point_into_the_csv(tmp_path):
    project = _plan_with_csv(tmp_path, (
        "label,2013/14,2014/16\n"
        "Pay,TBC,3200\n"))
    findings = check_project(project).findings
    found = _codes_at(findings)
    assert ("unknown-field", "data/running-costs.csv", 1, 15) in found
    assert ("missing-field", "data/running-costs.csv", 1, 1) in found  # 2014/15 has no column
    cell = [f for f in findings if f.location == Location("data/running-costs.csv", 2, 5)]
    assert cell and "TBC" in " ".join(f.message for f in cell)
    unknown = next(f for f in findings if f.code == "unknown-field")
    assert "Did you mean '2014/15'" in unknown.message


def test_a_missing_csv_file_is_an_error_at_the_csv_key(tmp_path):
    project = _plan_with_csv(tmp_path, "label,2013/14,2014/15\n")
    (project.data_dir / "running-costs.csv").unlink()
    findings = check_project(project).findings
    assert _codes_at(findings) == [("missing-file", "data/finance.yml", 6, 5)]
    assert "data/running-costs.csv" in findings[0].message


def test_a_csv_that_is_not_utf8_says_how_to_save_it(tmp_path):
    project = _plan_with_csv(tmp_path, "")
    (project.data_dir / "running-costs.csv").write_bytes("label,2013/14,2014/15\nCaf\xe9,1,2\n".encode("cp1252"))
    findings = check_project(project).findings
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [
        ("file-unreadable", "data/running-costs.csv", 2)]
    assert "CSV UTF-8" in findings[0].hint


def test_rows_in_yaml_and_a_csv_file_together_are_refused(tmp_path):
    finance = FINANCE_YAML + "    rows:\n      - id: pay\n        label: Pay\n        values: [1, 2]\n"
    project = _plan_with_csv(tmp_path, "label,2013/14,2014/15\nPay,1,2\n", finance)
    findings = check_project(project).findings
    assert [(f.code, f.location.line) for f in findings] == [("unknown-field", 12)]


def test_a_csv_path_outside_data_is_refused(tmp_path):
    project = _plan_with_csv(tmp_path, "", FINANCE_YAML.replace("csv: running-costs.csv", "csv: ../mkdocs.yml"))
    findings = check_project(project).findings
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [("invalid-value", "data/finance.yml", 6)]


def test_a_percent_row_names_its_part_and_whole_in_the_csv(tmp_path):
    project = _plan_with_csv(tmp_path, (
        "id,label,kind,part,whole,2013/14,2014/15\n"
        "pay,Pay,,,,3000,3000\n"
        "all,All costs,,,,4000,4000\n"
        "share,Pay as a share of all costs,percent,pay,all,75.0,70.0\n"))
    findings = check_project(project).findings
    assert _codes_at(findings) == [("percentage-mismatch", "data/running-costs.csv", 4, 56)]


@pytest.mark.parametrize(("text", "expected"), [
    ('label,2013/14,2014/15\n"Pay,1,2\nTotal,3,4\n', [("file-unreadable", 2)]),  # quote never closed
    ("label,2013/14,2014/15\n", [("missing-field", 1)]),  # headings only
    ("label,2013/14,2014/15,2013/14\nPay,1,2,3\n", [("yaml-duplicate-key", 1)]),
    ("label,2013/14,2014/15\nPay,1,2,99\n", [("row-length", 2)]),
    ("label,2013/14,2014/15\nPay," + "9" * 5000 + ",2\n", [("wrong-type", 2)]),  # far too long to be a figure
])
def test_malformed_csv_gives_a_finding_not_a_crash(tmp_path, text, expected):
    findings = check_project(_plan_with_csv(tmp_path, text)).findings
    assert [(f.code, f.location.line) for f in findings] == expected
    assert all(f.location.file == "data/running-costs.csv" for f in findings)
    assert all(len(f.message) < 400 for f in findings)


@pytest.mark.parametrize("name", ["nul\0.csv", "", "running-costs.txt"])
def test_a_csv_name_that_cannot_be_a_file_in_data_is_refused(tmp_path, name):
    finance = FINANCE_YAML.replace("csv: running-costs.csv", f"csv: {name!r}".replace("'", '"').replace("\0", "\\0"))
    findings = check_project(_plan_with_csv(tmp_path, "label,2013/14,2014/15\n", finance)).findings
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [("invalid-value", "data/finance.yml", 6)]


def test_a_folder_named_like_the_csv_is_said_to_be_a_folder(tmp_path):
    project = _plan_with_csv(tmp_path, "")
    (project.data_dir / "running-costs.csv").unlink()
    (project.data_dir / "running-costs.csv").mkdir()
    findings = check_project(project).findings
    assert [(f.code, f.location.line) for f in findings] == [("file-unreadable", 6)]
    assert "is a folder" in findings[0].message
