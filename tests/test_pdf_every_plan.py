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
