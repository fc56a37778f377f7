"""Plain-English checks: sentences, reading age, figures, link text, headings, images, and the report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from site_gen.checks.markdown_prose import page_prose
from site_gen.checks.readability import is_figure, readability, sentences, syllables
from site_gen.checks.report import report_rows, report_text
from site_gen.load.pages import split_front_matter
from site_gen.pipeline import check_project
from site_gen.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "broken-plain-english"
EXAMPLES = [REPO] + sorted(p for p in (REPO / "examples").iterdir() if (p / "data").is_dir())


def _page(text: str):
    page, findings = split_front_matter(text, "content/test.md", "test.md")
    assert not findings
    return page


def test_sentences_split_at_full_stops_but_not_in_figures_or_abbreviations() -> None:
    text = "We expect to spend £308.5m in 2013/14. Some care, e.g. for diabetes, moves out of hospital! Why? Because it is better."
    found = [s.text for s in sentences(text)]
    assert found == ["We expect to spend £308.5m in 2013/14.", "Some care, e.g. for diabetes, moves out of hospital!",
                     "Why?", "Because it is better."]
    assert [s.start for s in sentences("One. Two.")] == [0, 5]


def test_syllables_are_counted_from_vowel_groups() -> None:
    assert [syllables(w) for w in ("care", "people", "commissioning", "the", "£14.4m")] == [1, 2, 4, 1, 1]


def test_short_everyday_words_read_younger_than_long_abstract_ones() -> None:
    plain = " ".join(["We want you to get the care you need, close to home."] * 6)
    dense = " ".join(["Commissioners will prioritise integrated, evidence-based interventions, optimising "
                      "organisational effectiveness and sustainability across the system."] * 4)
    plain_age = readability(sentences(plain)).reading_age
    dense_age = readability(sentences(dense)).reading_age
    assert plain_age is not None and dense_age is not None
    assert plain_age <= 9 < 18 <= dense_age


def test_too_little_text_has_no_reading_age() -> None:
    assert readability(sentences("We will save money. We will keep care safe.")).reading_age is None


def test_years_are_not_counted_as_figures() -> None:
    assert [is_figure(w) for w in ("2013/14", "2013,", "1,200", "£14.4m", "95.2%", "care")] == [
        False, False, True, True, True, False]


def test_links_images_and_headings_are_placed_at_their_line_and_column() -> None:
    page = _page("---\ntitle: T\n---\n\n## Money\n\n- see [the budget](money.md) now\n\n"
                 "| Area | Link |\n|---|---|\n| A | [here](a.md) |\n\n![Map of clinics](map.png)\n\n"
                 "<div>\n<img src=\"x.png\">\n</div>\n")
    prose = page_prose(page)
    assert [(b.kind, b.level, b.location(0).line) for b in prose.blocks if b.kind == "heading"] == [("heading", 2, 5)]
    assert [(link.text, link.href, link.location.line, link.location.col) for link in prose.links] == [
        ("the budget", "money.md", 7, 7), ("here", "a.md", 11, 7)]
    assert [(i.alt, i.src, i.location.line, i.location.col, i.html) for i in prose.images] == [
        ("Map of clinics", "map.png", 13, 1, False), (None, "x.png", 16, 1, True)]


def test_prose_keeps_the_words_and_reads_a_figure_macro_as_one_figure() -> None:
    page = _page('Our budget is {{ value("finance.allocation") }}, see [the table](money.md).\n')
    block = page_prose(page).blocks[0]
    assert len(block.prose) == len(block.source)
    assert block.prose.split() == ["Our", "budget", "is", "0", ",", "see", "the", "table", "."]


def test_broken_fixture_messages_quote_the_long_sentence_and_count_the_figures() -> None:
    findings = check_project(Project(FIXTURE)).findings
    messages = {f.code: f.message for f in findings if f.location.file == "content/index.md"}
    assert messages["sentence-long"].startswith("This sentence has 28 words: 'We will work with our partners")
    assert messages["numbers-dense"] == "This paragraph has 5 figures in 26 words."
    assert messages["heading-skip"] == ("This heading is level 4 (####) but the heading before it is level 1; "
                                        "level 2 is skipped.")


def test_report_has_a_row_for_each_file_of_prose() -> None:
    checked = check_project(Project(FIXTURE))
    rows = {row.file: row for row in report_rows(checked.context, checked.findings)}
    assert set(rows) == {"content/approach.md", "content/index.md", "content/strategy.md",
                         "data/plan.yml"}
    index = rows["content/index.md"]
    assert index.title == "About this plan"
    assert index.longest_sentence == 28
    assert index.reading_age is not None and 6 <= index.reading_age <= 16
    assert index.findings == sum(f.location.file == "content/index.md" for f in checked.findings)
    assert rows["data/plan.yml"].reading_age is None  # one sentence is too little to estimate
    text = report_text(list(rows.values()))
    assert "content/index.md" in text and "28 words" in text and "Reading age" in text


def test_report_names_acronyms_missing_from_the_glossary(tmp_path: Path) -> None:
    project = tmp_path / "plan"
    subprocess.run(["cp", "-r", str(FIXTURE), str(project)], check=True)
    page = project / "content" / "strategy.md"
    page.write_text(page.read_text(encoding="utf-8") + "The JSNA and the BCF shape it.\n", encoding="utf-8")
    checked = check_project(Project(project))
    rows = {row.file: row for row in report_rows(checked.context, checked.findings)}
    assert rows["content/strategy.md"].undefined_acronyms == ("BCF", "JSNA")


def test_check_report_on_the_command_line_in_text_and_json() -> None:
    text = subprocess.run([sys.executable, "-m", "site_gen", "check", "--report", "--project", str(REPO)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert text.returncode == 0, text.stdout + text.stderr
    assert "Plain English, file by file" in text.stdout
    assert "content/money.md" in text.stdout
    raw = subprocess.run([sys.executable, "-m", "site_gen", "check", "--report", "--format", "json", "--project",
                          str(FIXTURE)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert raw.returncode == 1  # the fixture's images without alternative text are errors
    report = json.loads(raw.stdout)["report"]
    assert [row["file"] for row in report] == ["content/approach.md", "content/index.md", "content/strategy.md",
                                           "data/plan.yml"]
    assert report[0]["reading_age_text"] == "over 21"
    assert report[1]["longest_sentence"] == 28


def test_every_example_page_reads_at_fourteen_or_under() -> None:
    """The example plans are what authors copy, so their own pages must meet the aim they are checked against."""
    for project in EXAMPLES:
        checked = check_project(Project(project))
        ages = {row.file: row.reading_age for row in report_rows(checked.context, checked.findings)
                if row.file.startswith("content/")}
        assert ages and all(age is None or age <= 14 for age in ages.values()), (project.name, ages)
