from decimal import Decimal

import pytest

from site_gen.load.yaml_source import parse_yaml


def codes(findings):
    return [(f.code, f.location.line) for f in findings]


def test_values_keep_their_positions_and_typed_places():
    doc, findings = parse_yaml("title: Plan\nrows:\n  - value: 0.20\n    other: 6698\n", "data/x.yml")
    assert findings == []
    assert doc.data["rows"][0]["value"] == Decimal("0.20")
    assert str(doc.data["rows"][0]["value"]) == "0.20"  # two places, as typed
    assert doc.data["rows"][0]["other"] == 6698
    assert doc.location(("rows", 0, "other")).line == 4
    assert doc.location(("rows", 0, "other")).col == 5


def test_dates_yes_no_and_leading_zeros_stay_text():
    doc, _ = parse_yaml("a: 2013-04-01\nb: yes\nc: no\nd: 007\ne: 2013/14\nf: true\n", "x.yml")
    assert doc.data == {"a": "2013-04-01", "b": "yes", "c": "no", "d": "007", "e": "2013/14", "f": True}


def test_missing_path_points_at_nearest_parent():
    doc, _ = parse_yaml("rows:\n  - label: A\n", "x.yml")
    assert doc.location(("rows", 0, "values")).line == 2


def test_anchors_aliases_merge_keys_and_tags_are_refused():
    _, findings = parse_yaml("base: &b\n  x: 1\nother: *b\n", "x.yml")
    assert codes(findings) == [("yaml-anchor", 1), ("yaml-anchor", 3)]
    _, findings = parse_yaml("a:\n  <<: {x: 1}\n  y: 2\n", "x.yml")
    assert codes(findings) == [("yaml-anchor", 2)]
    _, findings = parse_yaml("a: !!float 1\n", "x.yml")
    assert codes(findings) == [("yaml-anchor", 1)]
    # Wherever a value may start: the document's first character, a flow list or block, after a comma.
    for text, line in [("&top\na: 1\n", 1), ("!!map\na: 1\n", 1), ("a: [1, *x]\n", 1), ("a: {b: 1,!!str c: 2}\n", 1),
                       ("a:\n- &i 1\n", 2)]:
        _, findings = parse_yaml(text, "x.yml")
        assert findings and findings[0].location.line == line, (text, findings)


def test_ampersands_and_asterisks_inside_words_are_text():
    doc, findings = parse_yaml("service: A&E\nnote: 'a *b* c'\nsum: 2*3\nloud: Yes!\n", "x.yml")
    assert findings == []
    assert doc.data == {"service": "A&E", "note": "a *b* c", "sum": "2*3", "loud": "Yes!"}


def test_duplicate_keys_are_reported_at_the_second():
    _, findings = parse_yaml("title: A\nversion: 1\ntitle: B\n", "x.yml")
    assert codes(findings) == [("yaml-duplicate-key", 3)]
    assert "first on line 1" in findings[0].message


def test_syntax_errors_are_findings_with_a_line_not_exceptions():
    doc, findings = parse_yaml("a:\n  b: 1\n\tc: 2\n", "x.yml")
    assert doc.data is None
    assert codes(findings) == [("yaml-syntax", 3)]
    assert "tab" in findings[0].message


def test_front_matter_lines_are_offset():
    doc, findings = parse_yaml("title: About\norder: x: y\n", "content/a.md", line_offset=1)
    assert codes(findings) == [("yaml-syntax", 3)]


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
@pytest.mark.parametrize(("text", "said"), [
    ("a:\n  b: 1\n c: 2\n", "this line is indented differently from the block it belongs to"),
    ("- a\nb: 1\n", "this line is indented differently from the block it belongs to"),
    ("a: 'it's'\n", "this line is indented differently from the block it belongs to"),
    ("a: [1, 2\nb: 3\n", "a list or block in brackets is not closed"),
    ('a: "open\nb: 2\n', "a quote opened here is never closed"),
    ("a:\n\tb: 1\n", "a tab character is used where only spaces may be"),
    ("a: b: c\n", "a value here contains ': ', which YAML reads as a new field"),
])
def test_syntax_slips_are_explained_the_same_whichever_parser_reads_them(monkeypatch, loader, text, said):
    import yaml

    from site_gen.load import yaml_source

    monkeypatch.setattr(yaml_source, "_LOADER", getattr(yaml, loader))
    _, findings = yaml_source.parse_yaml(text, "data/x.yml")
    assert [f.code for f in findings] == ["yaml-syntax"]
    assert findings[0].message == f"The YAML here cannot be read: {said}."


def test_a_word_on_a_continuation_line_of_a_list_item_is_placed_on_its_own_line():
    # A bullet's text runs on at an indent less than where its first word starts (after "- "), but more than
    # the dash: the value has not ended there, so a word on that line is found there.
    doc, _ = parse_yaml("objectives:\n  - Bring in other urgent care services, with\n    Paulton MIU and the ED front door.\n"
                        "  - Another bullet with MIU.\n", "data/priorities.yml")
    assert doc.locate(("objectives", 0), "MIU").line == 3
    assert doc.locate(("objectives", 0), "front door").col == 28


@pytest.mark.parametrize(("text", "line", "name"), [
    ("rows:\n  - id primary-care\n    label: Primary care\n", 2, "id"),  # found from the trial: YAML blamed line 3
    ("title: My plan\nversion 3\nvision: Care close to home.\n", 2, "version"),
    ("terms:\n  - term NHS\n    definition: The health service.\n", 2, "term"),
])
def test_a_colon_left_out_is_reported_at_its_own_line_with_a_plain_hint(text, line, name):
    _, findings = parse_yaml(text, "data/finance.yml")
    assert [(f.code, f.location.line) for f in findings] == [("yaml-syntax", line)]
    assert f"is a colon missing after '{name}'?" in findings[0].message and f"{name}: " in findings[0].hint


def test_a_value_holding_a_colon_is_still_told_to_be_quoted():
    _, findings = parse_yaml("summary: The plan says: more\n", "data/plan.yml")
    assert "Put quotes around the value" in findings[0].hint


def test_text_read_again_gives_a_fresh_copy_of_what_it_gave_before():
    from site_gen.load.yaml_source import parse_yaml

    text = "rows:\n  - id: a\n    values: [1, 2]\n"
    first, _ = parse_yaml(text, "data/finance.yml")
    first.data["rows"].append({"id": "added by a caller"})
    first.positions[("rows", 5)] = (99, 1)
    second, findings = parse_yaml(text, "data/finance.yml")
    assert second.data == {"rows": [{"id": "a", "values": [1, 2]}]} and findings == []
    assert ("rows", 5) not in second.positions and second is not first
    assert second.location(("rows", 0, "values")).line == 3
