"""Content safety: the sanitiser's allowlist, and what a build does with HTML typed into a page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_gen.build import build
from site_gen.checks.markdown_prose import page_prose
from site_gen.load.pages import split_front_matter
from site_gen.project import Project
from site_gen.site.sanitise import sanitise

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "fixtures" / "good-minimal"


@pytest.mark.parametrize("attack", [
    '<script>alert(1)</script>',
    '<img src="x.png" alt="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVa&#115;cript:alert(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload="alert(1)"></svg>',
    '<object data="https://evil.example/x.swf"></object>',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<p style="background:url(https://evil.example/t.gif)">x</p>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<scr<script>ipt>alert(1)</script>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
])
def test_sanitiser_leaves_nothing_that_runs_or_loads(attack: str) -> None:
    cleaned = BeautifulSoup(sanitise(f"<p>Before</p>{attack}<p>After</p>"), "html.parser")
    for tag in cleaned.find_all(True):
        assert tag.name not in {"script", "iframe", "svg", "object", "form", "input", "link", "style", "math"}
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and name != "style"
            if name in ("href", "src"):
                assert not str(value).strip().lower().startswith(("javascript", "data", "vbscript"))
                assert "evil.example" not in str(value)
    assert "Before" in cleaned.get_text()  # what follows an unclosed tag may rightly be swallowed by it


def test_sanitiser_keeps_the_markup_the_templates_make() -> None:
    ours = ('<div class="table-scroll" role="region" aria-labelledby="t1" tabindex="0"><table><caption id="t1">'
            'Savings</caption><thead><tr><th scope="col">Scheme</th></tr></thead><tbody><tr><th scope="row">A</th>'
            '<td class="num">£1.2m</td></tr></tbody></table></div><!--site-gen-svg:chart-a-wide-->'
            '<details class="chart-data"><summary>Show</summary></details>'
            '<a href="downloads/a.csv" download>CSV</a><a href="mailto:a@example.nhs.uk">Email</a>'
            '<img src="logo.svg" alt="Logo"><abbr title="Clinical Commissioning Group">CCG</abbr>')
    before = BeautifulSoup(ours, "html.parser")
    after = BeautifulSoup(sanitise(ours), "html.parser")
    assert [(t.name, sorted(t.attrs)) for t in after.find_all(True)] == [
        (t.name, sorted(t.attrs)) for t in before.find_all(True)]
    assert "<!--site-gen-svg:chart-a-wide-->" in sanitise(ours)


def test_html_typed_into_a_page_is_found_with_its_line_and_column() -> None:
    page, _ = split_front_matter("---\ntitle: T\n---\n\nText with <b onclick=\"x()\">bold</b> words.\n\n<div>\n"
                                 "  <p>Inside</p>\n</div>\n", "content/t.md", "t.md")
    fragments = [(f.html[:5], f.line, f.col) for f in page_prose(page).html]
    assert fragments == [('<b on', 5, 11), ('</b>', 5, 32), ('<div>', 7, 1)]


def test_a_build_drops_html_the_website_does_not_keep(tmp_path: Path) -> None:
    """html-removed is a warning, so a draft builds; the page must not carry what the warning named."""
    project = tmp_path / "plan"
    shutil.copytree(MINIMAL, project)
    page = project / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p style="color:red" class="lead">We keep <font '
                    'color="red">our promise</font>.</p>\n', encoding="utf-8")
    findings = build(Project(project), full_pdf=False)
    assert sorted(f.code for f in findings if f.severity.value != "info") == ["html-removed", "html-removed"]
    html = (project / "build" / "site" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article")
    lead = article.find("p", class_="lead")
    assert lead is not None and "style" not in lead.attrs
    assert article.find("font") is None
    assert "our promise" in lead.get_text()


def test_a_page_with_a_script_is_not_built_and_the_last_site_stays(tmp_path: Path) -> None:
    project = tmp_path / "plan"
    shutil.copytree(MINIMAL, project)
    assert not [f for f in build(Project(project), full_pdf=False) if f.severity.value == "error"]
    before = (project / "build" / "site" / "index.html").read_bytes()
    page = project / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    codes = [f.code for f in build(Project(project), full_pdf=False)]
    assert "unsafe-content" in codes and "build-failed" in codes
    assert (project / "build" / "site" / "index.html").read_bytes() == before
