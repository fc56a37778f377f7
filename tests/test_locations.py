"""A finding about a word inside a long YAML value points at the line the word is on, not the field's."""

from __future__ import annotations

from conftest import FIXTURES, copy_plan

from site_gen.load.yaml_source import parse_yaml
from site_gen.pipeline import check_project
from site_gen.project import Project


def test_a_word_in_a_folded_value_is_found_on_its_own_line():
    doc, _ = parse_yaml("vision: >-\n  Care close to home.\n  Decided TBC.\nmission: TBC too\n", "data/plan.yml")
    assert (doc.locate(("vision",), "TBC").line, doc.locate(("vision",), "TBC").col) == (3, 11)
    # The search stops where the value ends, so the next field's word is not taken for this one's.
    assert doc.locate(("vision",), "too").line == 1


def test_front_matter_values_keep_the_page_s_line_numbers():
    doc, _ = parse_yaml("title: About\nsummary: >-\n  Our aim is TBC.\n", "content/a.md", line_offset=1)
    assert doc.locate(("summary",), "TBC").line == 4


def test_placeholders_and_acronyms_in_long_values_point_at_their_line(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    plan = root / "data" / "plan.yml"
    plan.write_text(plan.read_text().replace(
        "vision: Care close to home, and hospital only when it is needed.\n",
        "vision: >-\n  Care close to home,\n  and hospital only when it is needed.\n  The JSNA says so, TBC.\n"),
        encoding="utf-8")
    found = sorted((f.code, f.location.line, f.location.col) for f in check_project(Project(root)).findings)
    assert found == [("acronym-undefined", 12, 7), ("placeholder", 12, 21)]


def test_a_macro_problem_points_at_the_macro_on_its_line(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    page = root / "content" / "index.md"
    page.write_text(page.read_text() + '\nWe receive {{ value("finance.no-such") }} and {{ tabel("x") }}.\n',
                    encoding="utf-8")
    found = sorted((f.code, f.location.line, f.location.col) for f in check_project(Project(root)).findings)
    assert found == [("macro-error", 9, 47), ("unknown-reference", 9, 12)]
