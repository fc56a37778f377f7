"""The command line, run as a new user runs it: a real process, its output and exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def site_gen(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_gen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_passes_the_example_plan_strictly():
    result = site_gen("check", "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("No problems found.")


def test_findings_are_grouped_by_file_with_a_count_line(example_copy: Path):
    finance = example_copy / "data" / "finance.yml"
    text = finance.read_text()
    assert "values: [287.2, 299.8," in text and "id: btuh" in text
    finance.write_text(text.replace("values: [287.2, 299.8,", "values: [287.2, 299.8x,", 1).replace("id: btuh", "id: BTUH", 1))
    (example_copy / "content" / "about.md").write_text("---\ntitle: About\n---\n\nWe spend £3m. {{ vaule('x') }}\n")
    result = site_gen("check", "--project", str(example_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 errors, 1 warning, 1 note."  # the note: checks of the row left out are skipped
    assert "content/about.md" in lines and "data/finance.yml" in lines
    assert lines.index("content/about.md") < lines.index("data/finance.yml")
    assert any(line.strip().startswith("Fix: ") for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_json_output_is_machine_readable(example_copy: Path):
    (example_copy / "content" / "about.md").write_text("---\ntitle: About\n---\n\nLead: TBC\n")
    result = site_gen("check", "--project", str(example_copy), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["counts"] == {"error": 0, "warning": 1, "info": 0}
    finding = report["findings"][0]
    assert finding == {"code": "placeholder", "severity": "warning", "file": "content/about.md", "line": 5,
                       "col": 7, "message": finding["message"], "hint": finding["hint"],
                       "why": "A placeholder in a published plan tells readers the plan is unfinished."}


def test_each_finding_shows_its_line_where_it_is_why_it_matters_and_the_fix(example_copy: Path):
    (example_copy / "content" / "about.md").write_text("---\ntitle: About\n---\n\n    Our lead is TBC for now.\n")
    result = site_gen("check", "--project", str(example_copy))
    lines = result.stdout.splitlines()
    start = lines.index("Warnings (1), by kind:")
    assert lines[start:start + 8] == [
        "Warnings (1), by kind:",
        "",
        "[placeholder] 1 warning",
        "  Why it matters: A placeholder in a published plan tells readers the plan is unfinished.",
        "  Fix: Replace it with the real text before the plan is approved; take a prompt or a note out.",
        "  content/about.md:5:17: 'TBC' is a placeholder, left in a draft.",
        "      5 | Our lead is TBC for now.",
        "                      ^",
    ]


def test_errors_come_first_then_warnings_by_kind_and_plain_english_one_line_per_file(example_copy: Path):
    long = " ".join(["word"] * 40) + "."
    (example_copy / "content" / "about.md").write_text(
        f"---\ntitle: About\n---\n\nOur lead is TBC. The PLT board meets.\n\n{long}\n\n{long}\n\n{{{{ tabel('x') }}}}\n")
    (example_copy / "content" / "more.md").write_text("---\ntitle: More\n---\n\nThe PLT board meets again.\n")
    lines = site_gen("check", "--project", str(example_copy)).stdout.splitlines()
    errors, warnings = lines.index("Errors (1):"), next(i for i, line in enumerate(lines) if line.startswith("Warnings ("))
    assert errors < warnings and "[macro-error]" in "\n".join(lines[errors:warnings])
    kinds = [line.split("]")[0] + "]" for line in lines[warnings:] if line.startswith("[")]
    assert kinds[0] == "[sentence-long]" and {"[placeholder]", "[acronym-undefined]"} <= set(kinds)
    assert "  content/about.md: 2, at lines 7, 9" in lines  # two long sentences: one line for the file
    qipp = next(line for line in lines if "'PLT' is not in the glossary" in line)
    assert qipp.startswith("  content/about.md:5:") and "2 files" in qipp
    assert "      Also at: content/more.md:5:5" in lines


def test_strict_turns_warnings_into_errors(example_copy: Path):
    (example_copy / "content" / "about.md").write_text("---\ntitle: About\n---\n\nLead: TBC\n")
    assert site_gen("check", "--project", str(example_copy)).returncode == 0
    assert site_gen("check", "--project", str(example_copy), "--strict").returncode == 1


def test_an_empty_folder_is_told_what_is_missing(tmp_path: Path):
    result = site_gen("check", "--project", str(tmp_path))
    assert result.returncode == 1
    assert "There is no data/plan.yml" in result.stdout and "There is no mkdocs.yml" in result.stdout


def test_schema_prints_json_schema_for_every_data_file():
    result = site_gen("schema")
    schema = json.loads(result.stdout)
    assert set(schema["files"]) == {f"data/{n}.yml" for n in (
        "plan", "priorities", "finance", "performance", "risks", "population", "milestones", "governance",
        "glossary", "documents", "charts", "requirements")}
    finance = json.loads(site_gen("schema", "finance").stdout)
    assert "tables" in finance["properties"]


def test_build_reports_and_exits_nonzero_when_the_plan_is_broken(example_copy: Path):
    (example_copy / "data" / "plan.yml").write_text("title: [unclosed\n")
    result = site_gen("build", "--project", str(example_copy))
    assert result.returncode == 1
    assert "[yaml-syntax]" in result.stdout and "[build-failed]" in result.stdout
    assert not (example_copy / "build" / "site").exists()


def test_build_ends_with_one_line_saying_what_it_made(tmp_path):
    """Issue 16: the build says what it built: version, status, build code, pages and PDFs, and where."""
    from conftest import FIXTURES, copy_plan

    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    result = site_gen("build", "--project", str(root))
    assert result.returncode == 0, result.stdout
    manifest = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(f"Built version {manifest['version']}, {manifest['status']}, build "
                           f"{manifest['fingerprint'][:7]}: {len(manifest['pages'])} pages, plan.pdf ")
    assert last.endswith(" pages, plan-on-a-page.pdf, into build/site.")


def test_the_build_line_names_the_full_plan_first():
    from site_gen.manifest import built_line

    made = {"version": "3.1", "status": "draft", "fingerprint": "702ce02aa", "pages": [{}] * 41}
    assert built_line(made, {"plan-on-a-page.pdf": 1, "plan.pdf": 72}) == (
        "Built version 3.1, draft, build 702ce02: 41 pages, plan.pdf 72 pages, plan-on-a-page.pdf, into build/site.")
