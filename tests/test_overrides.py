"""A plan's own templates/ override the defaults file by file; a content page replaces a generated one."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project


def text(path: Path) -> str:
    return BeautifulSoup(path.read_text(), "html.parser").find("article").get_text(" ", strip=True)


def test_a_project_template_replaces_only_its_own_default(example_copy: Path):
    own = example_copy / "templates" / "pages" / "glossary.md.j2"
    own.parent.mkdir(parents=True)
    own.write_text("# Words we use\n\n{% for t in terms %}- {{ t.term }}\n{% endfor %}")
    assert not has_errors(build(Project(example_copy)))
    site = example_copy / "build" / "site"
    assert text(site / "glossary.html").startswith("Words we use")
    assert "The money at a glance" in text(site / "index.html")  # the home template is still the default


def test_a_content_page_replaces_the_generated_page_at_the_same_path(example_copy: Path):
    page = example_copy / "content" / "risks.md"
    page.write_text("---\ntitle: Our risks\norder: 60\n---\n\nWe keep a short list of risks.\n\n{{ risks() }}\n")
    assert not has_errors(build(Project(example_copy)))
    site = example_copy / "build" / "site"
    assert text(site / "risks.html").startswith("Our risks We keep a short list of risks.")
    manifest = json.loads((example_copy / "build" / "manifest.json").read_text())
    assert {"path": "risks.html", "title": "Our risks", "source": "content/risks.md"} in manifest["pages"]


def test_a_link_to_a_missing_heading_is_reported_against_its_page(example_copy: Path):
    page = example_copy / "content" / "about.md"
    page.write_text(page.read_text() + "\nSee [our finances](finance.md#no-such-heading).\n")
    findings = build(Project(example_copy))
    broken = [f for f in findings if f.code == "mkdocs-warning"]
    assert [f.location.file for f in broken] == ["content/about.md"]
    assert "no-such-heading" in broken[0].message


def test_check_finds_a_broken_link_before_any_build(example_copy: Path):
    from site_gen.pipeline import check_project

    page = example_copy / "content" / "about.md"
    lines = page.read_text().split("\n")
    page.write_text(page.read_text() + "\nSee [our finances](finanse.md) and [risks](risks.md#top).\n")
    findings = check_project(Project(example_copy)).findings
    assert [(f.code, f.location.line) for f in findings] == [("broken-link", len(lines) + 1)]
    assert "Did you mean 'finance.md' (Finance)?" in findings[0].message


def _png() -> bytes:
    """A real picture: two pixels square."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "#005eb8").save(out, format="PNG")
    return out.getvalue()


def test_only_files_a_page_links_to_are_published(example_copy: Path):
    content = example_copy / "content"
    (content / "localities.png").write_bytes(_png())
    (content / "board-paper-CONFIDENTIAL.docx").write_text("not for the public")
    (content / "~$money.docx").write_text("lock file")
    page = content / "about.md"
    page.write_text(page.read_text() + "\n![A map of our four localities](localities.png)\n")
    assert not has_errors(build(Project(example_copy)))
    site = example_copy / "build" / "site"
    assert (site / "localities.png").read_bytes() == _png()
    assert not (site / "board-paper-CONFIDENTIAL.docx").exists() and not (site / "~$money.docx").exists()


def test_a_damaged_picture_is_named_at_the_page_that_shows_it_and_the_last_site_is_kept(example_copy: Path):
    assert not has_errors(build(Project(example_copy)))
    kept = (example_copy / "build" / "site" / "index.html").read_bytes()
    content = example_copy / "content"
    (content / "localities.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a picture")
    page = content / "about.md"
    page.write_text(page.read_text() + "\n![A map of our four localities](localities.png)\n")
    findings = build(Project(example_copy))
    damaged = [f for f in findings if f.code == "missing-file"]
    assert len(damaged) == 1 and damaged[0].location.file == "content/about.md"
    assert damaged[0].location.line == len(page.read_text().splitlines())
    assert "localities.png" in damaged[0].message and "not a picture that can be read" in damaged[0].message
    assert "Open the picture" in damaged[0].hint
    assert findings[-1].code == "build-failed"
    assert (example_copy / "build" / "site" / "index.html").read_bytes() == kept


def test_a_plans_own_print_template_is_used_in_the_same_sandbox(example_copy: Path):
    import subprocess

    from site_gen.project import default_templates_dir

    own = example_copy / "templates" / "print" / "plan.typ"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text((default_templates_dir() / "print" / "plan.typ").read_text(encoding="utf-8")
                   + "\n#pagebreak()\nPrinted for the papers of the board.\n", encoding="utf-8")
    assert not has_errors(build(Project(example_copy)))
    pdf = example_copy / "build" / "site" / "downloads" / "plan.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Printed for the papers of the board." in text
    kept = pdf.read_bytes()

    # A package would be fetched from the internet: the import fails, the build says why, and the last
    # good site stays.
    own.write_text('#import "@preview/cetz:0.3.0": *\n' + own.read_text(encoding="utf-8"), encoding="utf-8")
    findings = build(Project(example_copy))
    failed = [f for f in findings if f.code == "build-failed"]
    assert len(failed) == 1 and "failed to download package" in failed[0].message
    assert "templates/print/plan.typ" in failed[0].hint
    assert pdf.read_bytes() == kept


def test_a_broken_plan_on_a_page_template_is_named_as_such(example_copy: Path):
    own = example_copy / "templates" / "print" / "plan-on-a-page.typ"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text('#let p = json("page.json")\n#p.no-such-fact\n', encoding="utf-8")
    findings = build(Project(example_copy), full_pdf=False)
    failed = [f for f in findings if f.code == "build-failed"]
    assert len(failed) == 1 and failed[0].message.startswith("The plan on a page could not be made:")
    assert "templates/print/plan-on-a-page.typ" in failed[0].hint


def test_text_no_font_can_show_stops_the_build_at_its_place_and_other_scripts_print(example_copy: Path):
    import subprocess

    page = example_copy / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe plan in Greek: Σχέδιο υγείας. In Russian: План. Well done 😀\n",
                    encoding="utf-8")
    # DejaVu Sans has the letters Liberation Sans lacks, for other alphabets and for emoji; not for Chinese.
    assert not has_errors(build(Project(example_copy)))
    pdf = example_copy / "build" / "site" / "downloads" / "plan.pdf"
    assert "Σχέδιο υγείας" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                              check=True).stdout
    kept = pdf.read_bytes()
    page.write_text(page.read_text(encoding="utf-8") + "\nThis plan in Chinese: 中文版.\n", encoding="utf-8")
    findings = build(Project(example_copy))
    failed = [f for f in findings if f.code == "build-failed"]
    lines = page.read_text(encoding="utf-8").splitlines()
    assert len(failed) == 1 and (failed[0].location.file, failed[0].location.line) == ("content/about.md", len(lines))
    assert "cannot show '中'" in failed[0].message
    assert pdf.read_bytes() == kept
