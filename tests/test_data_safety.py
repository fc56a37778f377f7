"""Text from the plan's data can never become a link, image, attribute or file from outside the plan."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project

HOSTILE = "See [this](javascript:alert(1)) and ![x](https://evil.example/t.gif) {: onclick=alert(2) }"


def _complete(tmp_path: Path) -> Path:
    return copy_plan(FIXTURES / "good-complete", tmp_path / "plan")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_markdown_in_data_text_shows_as_text_on_generated_pages(tmp_path):
    root = _complete(tmp_path)
    _replace(root / "data" / "documents.yml", "summary: The county's shared plan for health and care.",
             f'summary: "{HOSTILE}"')
    _replace(root / "data" / "population.yml", "title: Our registered population",
             "title: Growth { onmouseover=alert(3) } of our registered population")
    assert not has_errors(build(Project(root)))
    site = root / "build" / "site"
    for page in ("documents.html", "population.html"):
        html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        assert not article.select("[onclick], [onmouseover]"), page
        assert not [a for a in article.select("a[href]") if a["href"].startswith("javascript")], page
        assert not article.select("img"), page
    text = BeautifulSoup((site / "documents.html").read_text(encoding="utf-8"), "html.parser").get_text()
    assert HOSTILE in text  # shown exactly as typed


def test_links_and_emails_must_be_real_addresses(tmp_path):
    root = _complete(tmp_path)
    _replace(root / "data" / "documents.yml", "link: https://www.example.org/health-and-wellbeing-strategy",
             "link: javascript:alert(1)")
    _replace(root / "data" / "plan.yml", "  email: communications@example.nhs.uk",
             "  email: 'a@b.uk\" onmouseover=\"alert(1)'")
    found = sorted((f.code, f.location.file) for f in check_project(Project(root)).findings)
    # The document with the bad link is left out, and a note says what is not checked without it.
    assert found == [("check-skipped", "data/documents.yml"), ("invalid-value", "data/documents.yml"),
                     ("invalid-value", "data/plan.yml")]


def test_names_in_the_theme_are_escaped(tmp_path):
    root = _complete(tmp_path)
    (root / "content" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    _replace(root / "data" / "plan.yml", "  name: Basildon and Brentwood Clinical Commissioning Group",
             "  name: Basildon & Brentwood \"CCG\" &amp; partners")
    _replace(root / "data" / "plan.yml", "branding:\n", 'branding:\n  logo: content/logo.svg\n'
             '  logo_alt: \'The "Example" &lt;b&gt; logo\'\n')
    assert not has_errors(build(Project(root)))
    html = BeautifulSoup((root / "build" / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert html.select_one(".footer-organisation").get_text() == 'Basildon & Brentwood "CCG" &amp; partners'
    assert html.select_one(".md-header .md-logo img")["alt"] == 'The "Example" &lt;b&gt; logo'
    assert not html.select(".md-footer i, .md-header b")


def test_names_holding_markup_are_refused_where_they_are_typed(tmp_path):
    """Issue 15: a name shown on every page may not hold markup at all (see also test_security_theme.py)."""
    root = _complete(tmp_path)
    _replace(root / "data" / "plan.yml", "  name: Basildon and Brentwood Clinical Commissioning Group",
             "  name: Basildon <i>and</i> Brentwood")
    found = [(f.code, f.location.file) for f in check_project(Project(root)).findings if f.severity.value == "error"]
    assert found == [("invalid-value", "data/plan.yml")]


def test_a_logo_outside_the_plan_is_never_published(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg>private</svg>", encoding="utf-8")
    (root / "content" / "logo.svg").symlink_to(secret)
    plan = root / "data" / "plan.yml"
    for written in ("content/logo.svg", "../secret.svg", "./../plan/../secret.svg"):
        plan.write_text(plan.read_text(encoding="utf-8").split("branding:")[0]
                        + f"branding:\n  logo: {written}\n  logo_alt: Logo\n", encoding="utf-8")
        findings = check_project(Project(root)).findings
        assert sorted((f.code, f.location.file) for f in findings) == [
            ("missing-file", "data/plan.yml"), ("shortcut-outside", "content/logo.svg")], written
    assert has_errors(build(Project(root)))
    assert not list((root / "build").rglob("secret.svg")) and not list((root / "build").rglob("logo.svg"))


def test_apostrophes_and_ampersands_in_data_show_as_typed():
    from site_gen.render.escape import markdown_text

    text = "Children's services & A&E [draft] #1"
    shown = BeautifulSoup(f"<p>{markdown_text(text)}</p>", "html.parser").get_text()
    assert shown == text
