"""Issue 15: what goes around a page's body (theme settings, titles, templates, attachments, archived
versions, the security headers) cannot attack a reader or the build machine. Each test names the
defect of the security review it guards against."""

from __future__ import annotations

import datetime
import functools
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_plan

import site_gen.build as build_module
import site_gen.render.pages as pages_module
from site_gen.approval.record import Decision, approve
from site_gen.archive import archive
from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.model.site import SiteSettings, ThemeExtras
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.site.headers import inline_scripts, script_hashes

MID_ESSEX = REPO / "examples" / "mid-essex"


def _plan(tmp_path: Path) -> Path:
    return copy_plan(MID_ESSEX, tmp_path / "plan")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _found(root: Path) -> list[tuple[str, str]]:
    return [(f.code, f.location.file) for f in check_project(Project(root)).findings if f.severity.value == "error"]


def _page(root: Path, name: str, text: str) -> None:
    (root / "content" / name).write_text(text, encoding="utf-8")


def test_d1_a_site_name_holding_markup_is_refused(tmp_path):
    """D1: site_name with </title><script> is refused where it is typed."""
    root = _plan(tmp_path)
    _replace(root / "mkdocs.yml", "site_name: Mid Essex", "site_name: \"Mid Essex</title><script>alert(1)</script>\"\n#")
    assert ("invalid-value", "mkdocs.yml") in _found(root)


@pytest.mark.parametrize("page", [
    "---\ntitle: \"Attack <img src=x onerror=alert('fm')>\"\norder: 50\n---\n\n# Attack page\n\nText one is here.\n",
    "---\norder: 50\n---\n\n# Attack <img src=x onerror=alert('heading')>\n\nText one is here.\n",
    "---\norder: 50\n---\n\n# Attack <script/x>alert('slash')</script>\n\nText one is here.\n",
], ids=["front-matter", "heading", "script-slash"])
def test_d2_a_page_title_holding_markup_is_refused(tmp_path, page):
    """D2: a title from front matter or from the first heading, shown in every page's menu, may not hold markup."""
    root = _plan(tmp_path)
    _page(root, "attack.md", page)
    assert ("invalid-value", "content/attack.md") in _found(root)


@pytest.mark.parametrize("url", ['"https://plan.example.nhs.uk/\\"><script>alert(1)</script>/"',
                                 '"https://plan.example.nhs.uk/\\nDisallow: /"',
                                 "https://user:secret@plan.example.nhs.uk/"], ids=["quote", "newline", "password"])
def test_d3_a_site_address_that_could_break_out_is_refused(tmp_path, url):
    """D3: site_url is parsed and limited to characters that need no escaping in a link, the site map or robots.txt."""
    root = _plan(tmp_path)
    _replace(root / "mkdocs.yml", "site_url: https://plan.example.nhs.uk/mid-essex/", f"site_url: {url}")
    assert ("invalid-value", "mkdocs.yml") in _found(root)


@pytest.mark.parametrize("extra", ["polyfills: [https://evil.example/poly.js]", "scope: '\",alert(1),\"'",
                                   "homepage: \"javascript:alert('homepage')\"", "polyfills: 5"],
                         ids=["polyfills", "scope", "homepage", "wrong-type"])
def test_d4_d31_theme_settings_are_an_allowlist_and_a_wrong_one_is_a_plan_mistake(tmp_path, extra):
    """D4: extra: passes only homepage, a checked web address; D31: a setting of the wrong type is a finding, not a
    tool failure."""
    root = _plan(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + f"extra:\n  {extra}\n", encoding="utf-8")
    found = _found(root)
    assert found and {file for _, file in found} == {"mkdocs.yml"} and "internal-error" not in {c for c, _ in found}
    findings = build(Project(root), full_pdf=False)
    assert "internal-error" not in {f.code for f in findings}
    assert not (root / "build" / "site").exists()


@pytest.mark.parametrize("field", ["contact.web", "superseded_by.url"])
def test_d10_a_link_with_a_control_character_is_refused(tmp_path, field):
    """D10: a browser drops a leading control character, so "\\x01javascript:" would be a script link."""
    root = _plan(tmp_path)
    plan = root / "data" / "plan.yml"
    if field == "contact.web":
        _replace(plan, "  web: https://plan.example.nhs.uk/mid-essex/", "  web: \"\\x01javascript:alert(1)\"")
    else:
        plan.write_text(plan.read_text() + "superseded_by:\n  version: \"4\"\n  url: \"\\x01javascript:alert(1)\"\n")
    assert ("invalid-value", "data/plan.yml") in _found(root)


def test_d8_the_logo_is_published_under_a_name_of_its_own(tmp_path):
    """D8: nothing of the logo's file name reaches a page, so a name holding a quote cannot add attributes."""
    root = _plan(tmp_path)
    odd = "l\" onerror=\"alert(1)\" x=\".svg"
    shutil.copy(root / "content" / "logo.svg", root / "content" / odd)
    _replace(root / "data" / "plan.yml", "logo: content/logo.svg", "logo: 'content/l\" onerror=\"alert(1)\" x=\".svg'")
    assert not has_errors(build(Project(root), full_pdf=False))
    html = (root / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "onerror" not in html
    logos = {img["src"] for img in BeautifulSoup(html, "html.parser").select("img") if "brand" in img["src"]}
    assert logos == {"assets/brand/logo.svg"}


def test_d5_a_plan_template_cannot_reach_python(tmp_path):
    """D5: a page template of the plan renders in a sandbox; trying to reach os is a finding at its line."""
    root = _plan(tmp_path)
    (root / "templates" / "pages").mkdir(parents=True)
    proof = tmp_path / "ran.txt"
    source = (REPO / "templates" / "pages" / "privacy.md.j2").read_text(encoding="utf-8")
    lines = source.count("\n") + 1
    (root / "templates" / "pages" / "privacy.md.j2").write_text(
        source + "{{ cycler.__init__.__globals__.os.popen('touch " + str(proof) + "').read() }}\n", encoding="utf-8")
    findings = build(Project(root), full_pdf=False)
    assert not proof.exists()
    errors = [(f.code, f.location.file, f.location.line) for f in findings if f.code == "template-error"]
    assert errors == [("template-error", "templates/pages/privacy.md.j2", lines)]


def test_d5_a_theme_override_cannot_reach_python(tmp_path):
    """D5: the theme's templates, and the plan's overrides of them, render in a sandbox too."""
    root = _plan(tmp_path)
    (root / "templates" / "overrides").mkdir(parents=True)
    proof = tmp_path / "ran.txt"
    (root / "templates" / "overrides" / "main.html").write_text(
        (REPO / "templates" / "overrides" / "main.html").read_text(encoding="utf-8")
        + "{% block footer %}{{ cycler.__init__.__globals__.os.popen('touch " + str(proof) + "').read() }}"
        "{% endblock %}\n", encoding="utf-8")
    findings = build(Project(root), full_pdf=False)
    assert not proof.exists()
    lines = (root / "templates" / "overrides" / "main.html").read_text(encoding="utf-8").count("\n")
    assert [(f.location.file, f.location.line) for f in findings if f.code == "template-error"] == [
        ("templates/overrides/main.html", lines)]


def test_d11_d16_shortcuts_out_of_the_plan_are_refused_and_never_followed(tmp_path):
    """D11 and D16: a shortcut in templates/ to a file outside the plan is refused, and never published or rendered."""
    root = _plan(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("a private file\n")
    (outside / "finance.md.j2").write_text("Our deficit is now £99 million.\n")
    (root / "templates" / "assets").mkdir(parents=True)
    (root / "templates" / "pages").mkdir()
    (root / "templates" / "assets" / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "templates" / "pages" / "finance.md.j2").symlink_to(outside / "finance.md.j2")
    (root / "content" / "elsewhere").symlink_to(outside, target_is_directory=True)
    assert sorted(f for f in _found(root) if f[0] == "shortcut-outside") == [
        ("shortcut-outside", "content/elsewhere"), ("shortcut-outside", "templates/assets/secret.txt"),
        ("shortcut-outside", "templates/pages/finance.md.j2")]
    # Even past the check, the build's own steps never follow them.
    from site_gen.render.templates import template_environment
    env = template_environment(Project(root))
    assert "deficit is now" not in env.loader.get_source(env, "pages/finance.md.j2")[0]


def test_d7_pages_and_scripts_attached_to_a_page_are_not_published(tmp_path):
    """D7: an HTML file or an SVG with a script that a page links to is refused where it is linked; a harmless
    SVG is published with its editor's notes left out."""
    root = _plan(tmp_path)
    (root / "content" / "annex.html").write_text("<html><body><script>alert('annex')</script></body></html>")
    (root / "content" / "pic.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (root / "content" / "fake.pdf").write_text("<html><script>alert(1)</script></html>")
    _page(root, "attack.md", "---\norder: 50\n---\n\n# Annex\n\nRead the [annex to this plan](annex.html).\n\n"
          "![A small square picture](pic.svg)\n\nRead [the annex as a document](fake.pdf).\n")
    found = [(f.code, f.location.file, f.location.line) for f in check_project(Project(root)).findings
             if f.code == "attachment-refused"]
    assert found == [("attachment-refused", "content/attack.md", 7), ("attachment-refused", "content/attack.md", 9),
                     ("attachment-refused", "content/attack.md", 11)]


def test_d7_a_harmless_svg_is_published_as_drawing_only(tmp_path):
    """D7: an SVG a page shows is published as it was parsed: drawing only, its editor's metadata left out."""
    root = _plan(tmp_path)
    (root / "content" / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'inkscape:version="1.2" viewBox="0 0 8 8"><metadata>made by hand</metadata><title>A dot</title>'
        '<circle cx="4" cy="4" r="4" fill="#005eb8"/></svg>')
    _page(root, "dot.md", "---\norder: 50\n---\n\n# A dot\n\n![A blue dot](dot.svg)\n")
    assert not has_errors(build(Project(root), full_pdf=False))
    published = (root / "build" / "site" / "dot.svg").read_text(encoding="utf-8")
    assert "<circle" in published and "inkscape" not in published and "metadata" not in published


def test_d6_an_archived_version_edited_by_hand_is_not_published(tmp_path):
    """D6: a kept version is published only as site-gen archive kept it; a page changed or added by hand is refused."""
    root = _plan(tmp_path)
    assert approve(Project(root), Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031"))[0] == []
    assert not has_errors(build(Project(root), full_pdf=False))
    findings, _ = archive(Project(root))
    assert findings == []
    kept = next((root / "archive").iterdir())
    page = kept / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<body", "<body><script>alert('archive')</script>", 1))
    (kept / "extra.html").write_text("<script>alert('added')</script>")
    errors = [(f.code, f.location.file) for f in check_project(Project(root)).findings if f.code == "archive-changed"]
    assert errors == [("archive-changed", f"archive/{kept.name}/extra.html"),
                      ("archive-changed", f"archive/{kept.name}/index.html")]


# Everything below builds a plan whose names and titles bypass the check, to show that the website escapes
# them where it writes them (the second line of defence) and that the security headers would stop a script.

PAYLOAD = "<script>document.documentElement.dataset.pwned='{}'</script>"
HOSTILE_NAME = "Plan</title>" + PAYLOAD.format("name") + "\" onmouseover=\"x"
HOSTILE_TITLE = "About <img src=x onerror=\"document.documentElement.dataset.pwned='title'\">"


# D9 and D23: Material's script reads its settings from #__config (a base address on another host would make
# it fetch the search index from there) and loads a drawing library from unpkg.com for pre.mermaid.
CLOBBER_PAGE = """---
order: 60
---

# Clobber test page

<p id="__config" hidden>{"base":"http://evil.example/","features":[],"translations":{},"search":"x.js"}</p>

<pre class="mermaid">graph TD; A-->B</pre>

First, a reference picture: ![A small dot][dot1]

[dot1]: https://evil.example/reference.gif

Second: <img
src="https://evil.example/split.gif" alt="A dot">

Third: <img src="\\\\evil.example/backslash.gif" alt="A dot">
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The example built with a hostile site name, page title and homepage let past the check, a page whose
    theme-clobbering and remote pictures the check refuses let past it too, and a theme override of the
    plan's that adds an inline script of its own."""
    root = copy_plan(MID_ESSEX, tmp_path_factory.mktemp("hostile") / "plan")
    (root / "content" / "clobber.md").write_text(CLOBBER_PAGE, encoding="utf-8")
    (root / "templates" / "overrides").mkdir(parents=True)
    (root / "templates" / "overrides" / "main.html").write_text(
        (REPO / "templates" / "overrides" / "main.html").read_text(encoding="utf-8")
        .replace("{% block extrahead %}", "{% block extrahead %}" + PAYLOAD.format("override")), encoding="utf-8")
    checked_for_real = build_module.check_project
    titled_for_real = pages_module.page_title

    def let_past(project, strict=False, validated_plan=None):
        checked = checked_for_real(project, strict, validated_plan)
        checked.findings = [f for f in checked.findings if f.location.file != "content/clobber.md"]
        checked.settings = SiteSettings.model_construct(
            site_name=HOSTILE_NAME, site_url="https://plan.example.nhs.uk/mid-essex/", copyright=None,
            extra=ThemeExtras.model_construct(homepage="javascript:document.documentElement.dataset.pwned='home'"))
        return checked

    def hostile_title(page):
        return HOSTILE_TITLE if page.path == "about.md" else titled_for_real(page)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "check_project", let_past)
        patch.setattr(pages_module, "page_title", hostile_title)
        findings = build(Project(root), full_pdf=False)
    assert not has_errors(findings), findings
    return root / "build" / "site"


def test_d1_d2_names_and_titles_are_escaped_where_the_theme_writes_them(hostile_site):
    """D1, D2: a site name or page title that got past the check is text on every page, never markup."""
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.get_text().endswith(HOSTILE_NAME)
    assert [s.get_text() for s in soup.find_all("script") if "pwned" in s.get_text()] == [PAYLOAD.format("override")[8:-9]]
    assert not soup.find_all(attrs={"onerror": True}) and not soup.find_all(attrs={"onmouseover": True})
    assert HOSTILE_TITLE in [a.get_text(strip=True) for a in soup.select("nav a")]


def test_d34_the_policy_allows_only_the_themes_own_scripts(hostile_site):
    """D34: the content security policy hashes only the theme's own inline scripts, never one found in the output."""
    policy = (hostile_site / "_headers").read_text(encoding="utf-8")
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    scripts = inline_scripts(html)
    injected = {s for s in scripts if "pwned" in s}
    assert injected, "the override's script should be on the page, to show the policy does not allow it"
    assert not [h for h in script_hashes(injected) if h in policy]
    assert all(h in policy for h in script_hashes(scripts - injected))


def test_injected_scripts_do_not_run_in_a_browser_under_the_generated_headers(hostile_site):
    """D1, D2, D4, D9, D23, D34: in Chromium, served with the headers the build writes, nothing injected runs
    and nothing is asked of another host, even with the theme's settings clobbered and pictures from elsewhere
    let past the check."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, FLAGS, _QuietHandler

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(hostile_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            elsewhere = []
            page.on("request", lambda request: elsewhere.append(request.url)
                    if request.url.startswith(("http:", "https:", "ws")) and "//127.0.0.1:" not in request.url
                    else None)
            ran = []
            for name in ("index.html", "about.html", "clobber.html"):
                assert page.goto(f"http://127.0.0.1:{server.server_address[1]}/{name}").ok, name
                page.hover("header")
                page.wait_for_load_state("networkidle")
                ran.append(page.evaluate("document.documentElement.dataset.pwned || ''"))
            assert page.evaluate("typeof document.querySelector('.md-search__input')") == "object"
            browser.close()
    finally:
        server.shutdown()
    assert ran == ["", "", ""]
    assert elsewhere == []
