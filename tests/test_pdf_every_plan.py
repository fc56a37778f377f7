"""Both PDFs of every example plan and of every fixture plan that builds pass the same PDF tests as the
example plan's: one tagged page for the plan on a page; a tagged full plan with language, title, bookmarks
and links that land on the sheets they name; each of its pages saying what the site's page says; and
nothing for the PDF/UA checker to find."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import FIXTURES, copy_plan, pdfua_findings
from test_pdf import _header_rows_of, _sheet_words, _site_words, _words

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project

# Fixture plans that build: those whose expected findings hold no error.
BUILDING = sorted(path.name for path in FIXTURES.iterdir() if (path / "expected.yml").is_file()
                  and "severity: error" not in (path / "expected.yml").read_text(encoding="utf-8"))


def _check_pdfs(root: Path) -> None:
    downloads = root / "build" / "site" / "downloads"
    with pikepdf.open(downloads / "plan-on-a-page.pdf") as one_page:
        assert len(one_page.pages) == 1
        assert str(one_page.Root.Lang) == "en" and one_page.Root.MarkInfo.Marked is True
    with pikepdf.open(downloads / "plan.pdf") as full:
        assert str(full.Root.Lang) == "en" and full.Root.MarkInfo.Marked is True
        with full.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1" and meta["dc:title"]
        places = {str(name): dest for name, dest in pikepdf.NameTree(full.Root.Names.Dests).items()}
        sheet = {page.objgen: number for number, page in enumerate(full.pages, start=1)}
        starts = sorted((sheet[dest[0].objgen], name) for name, dest in places.items() if name.startswith("page-"))
        assert len(full.open_outline().root) >= len(starts) > 0  # a bookmark for each page of the site
        links = [str(a.Dest) for page in full.pages for a in page.get("/Annots", []) if "/Dest" in a]
        assert all(name in places for name in links)
        total = len(full.pages)
    for name in ("plan-on-a-page.pdf", "plan.pdf"):
        assert pdfua_findings(downloads / name) == [], name
    site = root / "build" / "site"
    for index, (first, anchor) in enumerate(starts):
        last = starts[index + 1][0] - 1 if index + 1 < len(starts) else total
        html = site / (anchor.removeprefix("page-").replace("--", "/") + ".html")
        headers = [_words(row) for row in _header_rows_of(html)]
        assert _sheet_words(downloads / "plan.pdf", first, last, headers) == _site_words(html), anchor


@pytest.mark.parametrize("name", ["bath-ne-somerset", "mid-essex"])
def test_each_example_plans_pdfs(name: str, built_examples: dict[str, Path]):
    _check_pdfs(built_examples[name])


@pytest.mark.parametrize("name", BUILDING)
def test_each_fixture_plans_pdfs(name: str, tmp_path: Path):
    root = copy_plan(FIXTURES / name, tmp_path / "plan")
    findings = build(Project(root))
    assert not has_errors(findings), [f"{f.location}: {f.message}" for f in findings if f.severity.value == "error"]
    _check_pdfs(root)


def _colours_drawn(pdf: pikepdf.Pdf) -> set[tuple[int, int, int]]:
    """The colours the first sheet fills or strokes with, as 0-255 values."""
    import re

    contents = pdf.pages[0].obj.Contents
    data = b"".join(part.read_bytes() for part in (contents if isinstance(contents, pikepdf.Array) else [contents]))
    return {tuple(round(float(n) * 255) for n in found.split()[:3])
            for found in re.findall(rb"[\d.]+ [\d.]+ [\d.]+ (?:scn|SCN|sc|SC|rg|RG)\b", data)}


@pytest.mark.parametrize("name", ["bath-ne-somerset", "mid-essex"])
def test_both_pdfs_use_the_organisations_own_colour_as_its_website_does(name: str, built_examples: dict[str, Path]):
    import yaml

    accent = yaml.safe_load((built_examples[name] / "data" / "plan.yml").read_text(encoding="utf-8"))["branding"][
        "accent_colour"]
    wanted = tuple(int(accent[i:i + 2], 16) for i in (1, 3, 5))
    site_palette = (built_examples[name] / "build" / "site" / "assets" / "palette.css").read_text(encoding="utf-8")
    assert accent.lower() in site_palette.lower()
    for file in ("plan.pdf", "plan-on-a-page.pdf"):
        with pikepdf.open(built_examples[name] / "build" / "site" / "downloads" / file) as pdf:
            assert wanted in _colours_drawn(pdf), file
