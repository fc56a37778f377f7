"""Slips and hostile input found in review: each gives a finding at its file and line, never a
crash, and never a page that publishes something it should not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _folder_instead(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _shortcut_to_itself(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


CASES = {
    "site_url without https": (lambda p: replace(p / "mkdocs.yml", "site_url: https://", "site_url: "),
                               ("invalid-value", "mkdocs.yml")),
    "empty mkdocs.yml": (lambda p: (p / "mkdocs.yml").write_text(""), ("missing-field", "mkdocs.yml")),
    "analytics in extra": (lambda p: append(p / "mkdocs.yml", "extra:\n  analytics:\n    provider: google\n"),
                           ("invalid-value", "mkdocs.yml")),
    "placeholder in the site name": (lambda p: replace(p / "mkdocs.yml", "site_name: ", "site_name: TBC "),
                                     ("placeholder", "mkdocs.yml")),
    "arithmetic on a page": (lambda p: append(p / "content" / "about.md", "\nShare: {{ 1/0 }}\n"),
                             ("macro-error", "content/about.md")),
    "a macro without brackets": (lambda p: append(p / "content" / "about.md", "\nBudget: {{ value }}.\n"),
                                 ("macro-error", "content/about.md")),
    "a loop on a page": (lambda p: append(p / "content" / "about.md", "\n{% for x in y %}{{ x }}{% endfor %}\n"),
                         ("macro-error", "content/about.md")),
    "a Jinja global": (lambda p: append(p / "content" / "about.md", "\n{{ lipsum() }}\n"),
                       ("macro-error", "content/about.md")),
    "curly quotes from Word": (lambda p: append(p / "content" / "about.md", "\n{{ value(“finance.allocation”) }}\n"),
                               ("macro-error", "content/about.md")),
    "a headline pointing at itself": (lambda p: append(p / "data" / "finance.yml",
                                                       "  - id: loop\n    label: Loop\n    ref: finance.loop\n"),
                                      ("unknown-reference", "data/finance.yml")),
    "a link with no address": (lambda p: append(p / "content" / "about.md", "\nRead [the strategy](add link).\n"),
                               ("placeholder", "content/about.md")),
    "a figure far too large": (lambda p: replace(p / "data" / "finance.yml", "values: [287.2,", "values: [" + "9" * 400 + ","),
                               ("invalid-value", "data/finance.yml")),
    "nesting far too deep": (lambda p: (p / "data" / "documents.yml").write_text("a: " + "[" * 2000 + "]" * 2000 + "\n"),
                             ("yaml-syntax", "data/documents.yml")),
    "a folder named like a data file": (lambda p: _folder_instead(p / "data" / "documents.yml"),
                                        ("file-unreadable", "data/documents.yml")),
    "a priority with the id index": (lambda p: replace(p / "data" / "priorities.yml", "- id: hypertension", "- id: index"),
                                     ("invalid-id", "data/priorities.yml")),
    # Found by fuzzing (tests/test_fuzz.py): each of these raised out of the check.
    "a page title given as a list": (lambda p: replace(p / "content" / "about.md", "title: About us", "title:\n  - About us"),
                                     ("wrong-type", "content/about.md")),
    "brackets nested far too deep in a macro": (lambda p: append(p / "content" / "about.md", "\n{{ " + "[" * 500 + "]" * 500 + " }}\n"),
                                                ("macro-error", "content/about.md")),
    "a number in a macro far too long to read": (lambda p: append(p / "content" / "about.md", "\n{{ value(" + "9" * 5000 + ") }}\n"),
                                                 ("macro-error", "content/about.md")),
    "a spreadsheet's name too long for any disk": (lambda p: replace(p / "data" / "finance.yml", "csv: qipp", "csv: " + "x" * 300),
                                                   ("invalid-value", "data/finance.yml")),
    "an approval record's name too long for any disk": (lambda p: replace(p / "data" / "plan.yml", "changes_since: approvals/",
                                                                          "changes_since: approvals/" + "x" * 300),
                                                        ("invalid-value", "data/plan.yml")),
    "a spreadsheet that is a shortcut to itself": (lambda p: _shortcut_to_itself(p / "data" / "qipp-by-budget-area.csv"),
                                                   ("missing-file", "data/finance.yml")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_slip_gives_a_finding_at_its_file(example_copy: Path, name: str):
    mutate, (code, file) = CASES[name]
    mutate(example_copy)
    findings = check_project(Project(example_copy), strict=True).findings
    assert (code, file) in {(f.code, f.location.file) for f in findings}, [str(f) for f in findings]
    assert "internal-error" not in {f.code for f in findings}
    assert has_errors(build(Project(example_copy), strict=True))
    assert not (example_copy / "build" / "site").exists()


def test_an_empty_confidence_scale_is_refused(example_copy: Path):
    plan = example_copy / "data" / "plan.yml"
    text = plan.read_text()
    plan.write_text(text[: text.index("delivery_confidence:")] + "delivery_confidence: []\n")
    findings = check_project(Project(example_copy)).findings
    assert [(f.code, f.message) for f in findings] == [("invalid-value", "'delivery_confidence' needs at least 1 entry.")]


def test_a_glossary_that_cannot_be_read_gives_one_finding_not_a_flood(example_copy: Path):
    glossary = example_copy / "data" / "glossary.yml"
    glossary.write_bytes(glossary.read_text().replace("definition: ", "definition: £ ", 1).encode("cp1252"))
    findings = check_project(Project(example_copy)).findings
    assert [(f.code, f.location.file) for f in findings] == [("file-unreadable", "data/glossary.yml")]


def test_the_theme_setting_allowed_and_statistics_with_their_own_units_build(example_copy: Path):
    append(example_copy / "mkdocs.yml", "extra:\n  homepage: https://www.example.nhs.uk/\n")
    replace(example_copy / "data" / "population.yml", "statistics:\n",
            "statistics:\n  - id: stroke-rate\n    label: Stroke admissions\n    value: 118\n    unit: rate-per-100k\n")
    append(example_copy / "content" / "about.md", "\nStroke admissions: {{ value(\"population.stroke-rate\") }}.\n")
    assert not has_errors(build(Project(example_copy)))
    about = (example_copy / "build" / "site" / "about.html").read_text()
    assert "118 rate-per-100k" in about
    assert 'href="https://www.example.nhs.uk/"' in about


def test_heading_ids_in_markdown_are_not_mistaken_for_macros(example_copy: Path):
    append(example_copy / "content" / "about.md", "\n## Where we work {#where}\n\nFour localities.\n")
    assert not has_errors(build(Project(example_copy)))
    assert 'id="where"' in (example_copy / "build" / "site" / "about.html").read_text()


def test_output_into_a_closed_pipe_is_not_a_traceback(tmp_path: Path):
    command = f"{sys.executable} -m site_gen check --project {tmp_path} | head -c 1 >/dev/null"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True)
    assert "Traceback" not in result.stderr


def test_a_project_folder_that_does_not_exist_is_named_and_not_created(tmp_path: Path):
    missing = tmp_path / "typo"
    result = subprocess.run([sys.executable, "-m", "site_gen", "build", "--project", str(missing)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and f"There is no folder {missing}" in result.stdout
    assert not missing.exists()


def test_a_headline_with_neither_ref_nor_value_is_found_by_check(example_copy: Path):
    append(example_copy / "data" / "finance.yml", "  - id: empty-headline\n    label: Nothing here\n")
    findings = check_project(Project(example_copy)).findings
    assert [(f.code, f.location.file) for f in findings] == [("missing-field", "data/finance.yml")]


def test_an_absurd_saving_is_refused_not_a_crash(example_copy: Path):
    replace(example_copy / "data" / "priorities.yml", "amount: £181,480", "amount: 99999999999999999999.99")
    findings = check_project(Project(example_copy)).findings
    # The saving is left out, and a note says which totals are not checked without it.
    assert [(f.code, f.location.file) for f in findings] == [("invalid-value", "data/priorities.yml"),
                                                              ("check-skipped", "data/priorities.yml")]


@pytest.mark.parametrize("markup", [
    "![A map](https://maps.example.com/map.png)",
    '<img src="https://maps.example.com/map.png" alt="A map">',
    '<script src="//cdn.example.com/x.js"></script>',
    '<iframe src="https://video.example.com/embed/1"></iframe>',
])
def test_a_page_may_not_load_anything_from_another_website(example_copy: Path, markup: str):
    append(example_copy / "content" / "about.md", f"\n{markup}\n")
    findings = check_project(Project(example_copy)).findings
    # A script or a frame is refused outright as unsafe; the message still names where it would load from.
    expected = "unsafe-content" if markup.startswith(("<script", "<iframe")) else "external-resource"
    assert [(f.code, f.location.file) for f in findings] == [(expected, "content/about.md")]
    assert "example.com" in findings[0].message


def test_raw_blocks_are_refused(example_copy: Path):
    append(example_copy / "content" / "about.md", "\n{% raw %}{{ 1 + 2 }}{% endraw %}\n")
    findings = check_project(Project(example_copy)).findings
    assert [f.code for f in findings] == ["macro-error"]


def test_a_file_named_in_a_reference_link_is_published(example_copy: Path):
    (example_copy / "content" / "paper.pdf").write_bytes(b"%PDF-1.7")
    append(example_copy / "content" / "about.md", "\nRead [the paper][p].\n\n[p]: paper.pdf\n")
    assert not has_errors(build(Project(example_copy)))
    assert (example_copy / "build" / "site" / "paper.pdf").read_bytes() == b"%PDF-1.7"


def test_a_milestone_in_a_financial_year_written_with_a_dash(example_copy: Path):
    replace(example_copy / "data" / "milestones.yml", "milestones:\n",
            "milestones:\n  - id: review\n    title: Review the plan\n    date: 2013-14\n")
    assert not has_errors(build(Project(example_copy)))
    assert "2013/14" in (example_copy / "build" / "site" / "milestones.html").read_text()


@pytest.mark.parametrize("name", ["content/about.md", "data/documents.yml", "mkdocs.yml"])
def test_a_shortcut_to_a_file_outside_the_plan_is_not_read(example_copy: Path, name: str):
    # Found by fuzzing (tests/test_fuzz.py): the page or data file behind the shortcut was read and published.
    outside = example_copy.parent / ("outside" + Path(name).suffix)
    outside.write_bytes((example_copy / name).read_bytes())
    (example_copy / name).unlink()
    (example_copy / name).symlink_to(outside)
    checked = check_project(Project(example_copy))
    assert ("file-unreadable", name) in {(f.code, f.location.file) for f in checked.findings}
    assert "internal-error" not in {f.code for f in checked.findings}
    read = [p.file for p in checked.loaded.pages] + [d.file for d in checked.loaded.docs.values()]
    assert name not in read and (name != "mkdocs.yml" or checked.loaded.settings is None)


def test_an_approved_plan_whose_record_has_a_name_too_long_for_any_disk(tmp_path: Path):
    # Found by fuzzing (tests/test_fuzz.py): asking the disk about the record raised OSError (File name too long).
    root = copy_plan(FIXTURES / "approved-changed", tmp_path / "plan")
    replace(root / "data" / "plan.yml", "record: approvals/", "record: approvals/" + "x" * 300)
    findings = check_project(Project(root)).findings
    assert ("invalid-value", "data/plan.yml") in {(f.code, f.location.file) for f in findings}


def _record_named_by_the_plan(tmp_path: Path, record: str) -> Path:
    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    append(root / "data" / "plan.yml", "changes_since: approvals/record.json\n")
    (root / "approvals").mkdir()
    (root / "approvals" / "record.json").write_text(record, encoding="utf-8")
    return root


@pytest.mark.parametrize("value", ["[" * 100000 + "]" * 100000, "9" * 5000], ids=["nested", "huge-integer"])
def test_an_approval_record_json_cannot_read_is_a_finding(tmp_path: Path, value: str):
    # Found by fuzzing (tests/test_fuzz.py): json.loads raised RecursionError or ValueError out of the check.
    root = _record_named_by_the_plan(tmp_path, '{"format": 1, "title": ' + value + "}")
    findings = check_project(Project(root)).findings
    assert [(f.code, f.location.file) for f in findings] == [("missing-file", "data/plan.yml")]


def test_an_approval_record_with_a_figure_that_is_not_a_number_is_a_finding(tmp_path: Path):
    # Found by fuzzing (tests/test_fuzz.py): comparing the figure raised decimal.InvalidOperation out of the check.
    figure = {"label": "Savings", "value": "n/a", "unit": "£m"}
    record = {"format": 1, "title": "Plan", "version": "1", "fingerprint": "x", "items": {}, "statuses": {},
              "pages": {}, "titles": {}, "figures": {"finance.qipp-by-budget-area.btuh.total": figure}}
    root = _record_named_by_the_plan(tmp_path, json.dumps(record))
    findings = check_project(Project(root)).findings
    assert [(f.code, f.location.file) for f in findings] == [("missing-file", "data/plan.yml")]
