"""Privacy by default: no file of any built site makes a reader's browser or PDF reader fetch anything
from another host. Read from the files themselves (HTML, CSS, JavaScript, SVG, PDF), so it holds for
every page, including ones no browser test opens; tests/test_browser.py watches the network too.

A link is not a load: the reader chooses to follow it. So a[href], and <link rel="canonical">, may
name other hosts; anything fetched as the page opens may not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

# Browsers read a backslash in a web address as a slash, so \\host and /\host name another host too.
ABSOLUTE = re.compile(r"^[\s\x00-\x1f]*(?:[a-z][a-z0-9+.-]*:)?[/\\]{2}", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", re.I)
# Script that fetches: fetch("//..."), importScripts, new Worker, dynamic import, or setting src/href.
JS_LOAD = re.compile(r"(?:fetch|importScripts|Worker|SharedWorker|import|sendBeacon|open)\s*\(\s*[\"'`]"
                     r"(?:https?:)?//|\.(?:src|href|action)\s*=\s*[\"'`](?:https?:)?//", re.I)
# Links a reader chooses to follow, which the browser never fetches by itself.
NOT_LOADED = {("a", "href"), ("area", "href")}
# Attributes that name something without fetching it: XML namespaces, quotation sources, schema types.
NAMES_ONLY = re.compile(r"^(?:xmlns(?::.*)?|cite|itemtype)$")
NOT_LOADED_REL = {"canonical", "alternate", "author", "license", "me", "help"}
PDF_ACTIONS_THAT_REACH_OUT = {"/Launch", "/GoToR", "/GoToE", "/ImportData", "/SubmitForm", "/JavaScript",
                              "/RichMediaExecute", "/Sound", "/Movie", "/Rendition"}


def _sites(built_example: Path, built_examples: dict[str, Path]) -> list[Path]:
    return [built_example / "build" / "site"] + [root / "build" / "site" for root in built_examples.values()]


@pytest.fixture(scope="module")
def sites(built_example, built_examples) -> list[Path]:
    return _sites(built_example, built_examples)


def _html_loads(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        rel = set(tag.get("rel") or [])
        for name, value in tag.attrs.items():
            if NAMES_ONLY.match(name):
                continue
            values = value if isinstance(value, list) else [value]
            for item in values:
                text = str(item)
                if name == "srcset":
                    urls = [part.split()[0] for part in text.split(",") if part.strip()]
                elif name == "style":
                    urls = [a or b for a, b in CSS_URL.findall(text)]
                elif name == "content" and tag.name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
                    urls = [text.partition("url=")[2]]
                else:
                    urls = [text]
                for url in urls:
                    if not ABSOLUTE.match(url):
                        continue
                    if (tag.name, name) in NOT_LOADED or (tag.name == "link" and rel & NOT_LOADED_REL):
                        continue
                    if tag.name == "meta" and name == "content" and url is text:
                        continue  # social cards name the page's address; nothing fetches it
                    found.append(f"<{tag.name} {name}={url}>")
    for style in soup.find_all("style"):
        found += [a or b for a, b in CSS_URL.findall(style.get_text()) if ABSOLUTE.match(a or b)]
    return found


def test_no_html_page_loads_from_another_host(sites):
    checked = 0
    for site in sites:
        for page in site.rglob("*.html"):
            assert _html_loads(page.read_text(encoding="utf-8")) == [], page.relative_to(site)
            checked += 1
    assert checked > 100


def test_no_stylesheet_or_drawing_loads_from_another_host(sites):
    checked = 0
    for site in sites:
        for sheet in site.rglob("*.css"):
            text = sheet.read_text(encoding="utf-8")
            remote = [a or b for a, b in CSS_URL.findall(text) if ABSOLUTE.match(a or b)]
            assert remote == [], (sheet.relative_to(site), remote)
            checked += 1
        for drawing in site.rglob("*.svg"):
            text = drawing.read_text(encoding="utf-8")
            remote = re.findall(r"(?:href|src)\s*=\s*[\"']((?:[a-z]+:)?//[^\"']+)", text, re.I)
            remote += [a or b for a, b in CSS_URL.findall(text) if ABSOLUTE.match(a or b)]
            assert remote == [], (drawing.relative_to(site), remote)
            checked += 1
    assert checked > 3


def test_no_script_fetches_from_another_host(sites):
    """Addresses inside scripts' comments and licences are fine; code that fetches one is not."""
    checked = 0
    for site in sites:
        for script in site.rglob("*.js"):
            found = JS_LOAD.findall(script.read_text(encoding="utf-8", errors="replace"))
            assert found == [], (script.relative_to(site), found[:3])
            checked += 1
    assert checked > 5


def test_the_scan_would_see_a_load_from_another_host():
    """The scanners above find what they look for: each kind of load is caught."""
    assert _html_loads('<img src="https://tracker.example/p.gif" alt="">') != []
    assert _html_loads('<link rel="stylesheet" href="//cdn.example/x.css">') != []
    assert _html_loads('<p style="background:url(https://t.example/x.png)">x</p>') != []
    assert _html_loads('<img srcset="a.png 1x, https://t.example/b.png 2x" alt="">') != []
    assert _html_loads('<a href="https://www.nhs.uk/">NHS website</a><link rel="canonical" href="https://x/">') == []
    assert JS_LOAD.findall('fetch("https://api.example/q")') and JS_LOAD.findall("img.src = '//t.example/p'")
    assert not JS_LOAD.findall("/* see https://github.com/x/y */")


def test_no_pdf_reaches_out_to_another_host(sites):
    """Links in a PDF only open when clicked; nothing runs, launches or fetches, and every font is inside."""
    pdfs = [pdf for site in sites for pdf in sorted((site / "downloads").glob("*.pdf"))]
    assert len(pdfs) >= 6
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if not isinstance(obj, pikepdf.Dictionary):
                    continue
                kind = obj.get("/S")
                assert kind is None or str(kind) not in PDF_ACTIONS_THAT_REACH_OUT, (path.name, kind)
                assert "/JS" not in obj and "/AA" not in obj, path.name
                if obj.get("/Type") == "/FontDescriptor":
                    assert any(key in obj for key in ("/FontFile", "/FontFile2", "/FontFile3")), path.name
            assert "/JavaScript" not in pdf.Root.get("/Names", {}), path.name
