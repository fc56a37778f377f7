"""Content cannot hijack the theme or load anything from another host (issue 15, point 4).

Each attack is typed into one page of a copy of the Mid Essex plan. The check must find each at its line;
and when the page is built with those findings ignored, the sanitiser alone must leave nothing that
loads from elsewhere and no id or class that the theme's script reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_plan
from test_privacy import _html_loads

import site_gen.build
from site_gen.build import build
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.site.sanitise import sanitise

PAGE = "content/attack.md"
# (name, what is typed, which line of it the finding is on, the finding's code)
THEME = [
    ("config-id", '<p id="__config" hidden>{"base":"https://evil.example/"}</p>', 0, "unsafe-content"),
    ("mermaid-class", '<pre class="mermaid">a --> b</pre>', 0, "unsafe-content"),
    ("theme-class", '<div class="md-typeset">Some words.</div>', 0, "unsafe-content"),
    ("theme-attribute", 'Some <span data-md-component="skip">words</span>.', 0, "unsafe-content"),
    ("attribute-list-id", "## Our aims {: #__drawer }", 0, "unsafe-content"),
    ("attribute-list-class", "Some words.\n{: .mermaid }", 1, "unsafe-content"),
    ("heading-id", "## \\_\\_search", 0, "unsafe-content"),
]
REMOTE = [
    ("reference-image", "![A dot][dot1]\n\n[dot1]: https://evil.example/reference.gif", 0, "external-resource"),
    ("shortcut-image", "![dot2]\n\n[dot2]: //evil.example/shortcut.gif", 0, "external-resource"),
    ("image-over-two-lines", "![A small\ndot](https://evil.example/two-lines.gif)", 0, "external-resource"),
    ("split-tag", 'Here: <img\nsrc="https://evil.example/split.gif" alt="A dot">', 0, "external-resource"),
    ("entity-colon", "![A dot](https&#58;//evil.example/entity-colon.gif)", 0, "external-resource"),
    ("entity-slashes", '<img src="&#x2F;&#x2F;evil.example/entity-slashes.gif" alt="A dot">', 0, "external-resource"),
    ("backslashes", '<img src="\\\\evil.example/backslashes.gif" alt="A dot">', 0, "external-resource"),
    ("slash-backslash", '<img src="/\\evil.example/slash-backslash.gif" alt="A dot">', 0, "external-resource"),
    ("markdown-slash-backslash", "![A dot](/\\evil.example/markdown-slash-backslash.gif)", 0, "external-resource"),
    ("space-before", '<img src=" //evil.example/space.gif" alt="A dot">', 0, "external-resource"),
    ("srcset", '<img src="logo.svg" srcset="logo.svg 1x, https://evil.example/srcset.gif 2x" alt="A dot">', 0,
     "external-resource"),
    ("css-url", '<span style="background-image: url(https://evil.example/css.gif)">A dot</span>', 0,
     "external-resource"),
    ("css-escaped-url", '<span style="background: u\\72 l(//evil.example/css-escaped.gif)">A dot</span>', 0,
     "external-resource"),
    ("attribute-list-src", '![A dot](logo.svg){: src="https://evil.example/attribute-list.gif" }', 0,
     "external-resource"),
]
ATTACKS = THEME + REMOTE
# Ids and classes of Material's own parts, as sanitise() and the check know them.
THEME_CLASS = re.compile(r"^(?:md-|__)|^(?:mermaid|annotate)$", re.I)


def _page_with_attacks() -> tuple[str, dict[str, int]]:
    """The page's text, and the line of the file on which each attack's finding belongs."""
    lines = ["---", "order: 60", "---", "", "# Things typed into a page", ""]
    where = {}
    for name, markup, line, _ in ATTACKS:
        where[name] = len(lines) + 1 + line
        lines += [*markup.split("\n"), ""]
    # A fenced diagram is code on the website (<pre><code class="language-mermaid">), which the theme leaves alone.
    lines += ["```mermaid", "a --> b", "```", ""]
    return "\n".join(lines), where


@pytest.fixture(scope="module")
def attacked(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path_factory.mktemp("attacked") / "plan")
    text, where = _page_with_attacks()
    (root / PAGE).write_text(text, encoding="utf-8")
    return root, where


@pytest.fixture(scope="module")
def errors_found(attacked) -> set[tuple[str, str, int]]:
    root, _ = attacked
    return {(f.code, f.location.file, f.location.line) for f in check_project(Project(root)).findings
            if f.severity.value == "error"}


@pytest.fixture(scope="module")
def built_unchecked(attacked) -> BeautifulSoup:
    """The attacked page as the website shows it when the check's findings about it are ignored, so the
    sanitiser is all that stands between the page and its readers."""
    root, _ = attacked

    def lenient(project: Project, strict: bool = False, validated_plan=None):
        checked = check_project(project, strict, validated_plan)
        checked.findings = [f for f in checked.findings if f.location.file != PAGE]
        return checked

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_gen.build, "check_project", lenient)
        build(Project(root), full_pdf=False)
    page = root / "build" / "site" / "attack.html"
    assert page.is_file()
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(("name", "code"), [(name, code) for name, _, _, code in THEME])
def test_check_refuses_ids_and_classes_the_theme_reads(attacked, errors_found, name: str, code: str) -> None:
    """D9: an id such as __config, a class such as mermaid or md-typeset, or a data-md- attribute, typed as
    HTML, in an attribute list or made by a heading, is an error at the line where it is typed. Only what
    the theme would act on is refused: a fenced block of code named mermaid is code, and is not."""
    root, where = attacked
    assert (code, PAGE, where[name]) in errors_found
    fence = (root / PAGE).read_text(encoding="utf-8").split("\n").index("```mermaid") + 1
    assert [found for found in errors_found if found[1] == PAGE and found[2] >= fence] == []


@pytest.mark.parametrize(("name", "code"), [(name, code) for name, _, _, code in REMOTE])
def test_check_sees_every_way_of_naming_another_host(attacked, errors_found, name: str, code: str) -> None:
    """D23: reference-style and split images, tags over two lines, character references, backslashes,
    srcset, CSS url() and attribute lists that load from another host are each an error at their line."""
    _, where = attacked
    assert (code, PAGE, where[name]) in errors_found


def _loads_from_elsewhere(url: str) -> bool:
    """As a browser reads an address: spaces around it ignored, backslashes read as slashes."""
    plain = url.strip().replace("\\", "/")
    return plain.startswith("//") or re.match(r"[a-z][a-z0-9+.-]*:", plain, re.I) is not None


def test_built_page_loads_nothing_from_another_host(built_unchecked: BeautifulSoup) -> None:
    """D23: even with the check's findings ignored, the page as built loads nothing from elsewhere."""
    article = built_unchecked.find("article")
    assert [img.get("src") for img in article.find_all("img") if _loads_from_elsewhere(img.get("src", ""))] == []
    assert _html_loads(str(built_unchecked)) == []
    assert "evil.example" not in " ".join(str(value) for tag in article.find_all(True) for value in tag.attrs.values())
    assert built_unchecked.select("pre.mermaid") == []
    assert len(built_unchecked.select("pre > code.language-mermaid")) == 1  # the fenced diagram, shown as code


def test_built_page_keeps_no_id_or_class_the_theme_reads(built_unchecked: BeautifulSoup) -> None:
    """D9: with the check's findings ignored, the page's content has no theme id or class: #__config is the
    theme's own settings, and nothing in the page can stand in for them."""
    article = built_unchecked.find("article")
    assert [tag.get("id") for tag in article.find_all(id=True) if tag["id"].startswith("__")] == []
    assert [name for tag in article.find_all(class_=True) for name in tag["class"] if THEME_CLASS.search(name)] == []
    assert [tag.name for tag in built_unchecked.select("#__config")] == ["script"]
    assert article.find(attrs={"data-md-component": True}) is None


@pytest.mark.parametrize(("typed", "kept"), [
    ('<p id="__config" hidden>{"base":"https://evil.example/"}</p>', '<p hidden="">{"base":"https://evil.example/"}</p>'),
    ('<p id="&#95;_config">x</p>', "<p>x</p>"),
    ('<pre class="mermaid">a</pre>', "<pre>a</pre>"),
    ('<p class="lead md-typeset MERMAID annotate __x">x</p>', '<p class="lead">x</p>'),
    ('<h2 id="__search">x</h2><h2 id="aims">y</h2>', '<h2>x</h2><h2 id="aims">y</h2>'),
])
def test_sanitiser_strips_ids_and_classes_the_theme_reads(typed: str, kept: str) -> None:
    """D9: the second line: whatever the check misses, the sanitiser takes the theme's names out."""
    assert sanitise(typed) == kept


@pytest.mark.parametrize("src", [
    "https://evil.example/a.gif", "http://evil.example/a.gif", "//evil.example/a.gif", "\\\\evil.example/a.gif",
    "/\\evil.example/a.gif", "\\/evil.example/a.gif", " //evil.example/a.gif", "\t/\n/evil.example/a.gif",
    "&#x2F;&#x2F;evil.example/a.gif", "https&#58;//evil.example/a.gif", "HTTPS://evil.example/a.gif",
    "http:evil.example/a.gif",
])
def test_sanitiser_keeps_only_pictures_of_this_site(src: str) -> None:
    """D23: a picture's address that names another host, however it is written, is removed; pictures of
    this site stay, and so do links to other websites (the reader chooses to follow them)."""
    ours = '<img src="map.png" alt="A map"><img src="../b.png" alt="B"><a href="https://www.nhs.uk/">NHS</a>'
    cleaned = sanitise(f'<img src="{src}" alt="A dot">{ours}')
    assert cleaned == f'<img alt="A dot">{ours}'
