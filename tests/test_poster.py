"""The plan on a page is a poster worth pinning up, for every example plan and the starter plan: one sheet
that its text fills (no column left half empty), no text under 11 points, and the organisation's logo as a
tagged figure with alternative text. Read from the PDFs themselves."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
import yaml
from conftest import copy_plan, pdfua_findings
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTFigure

from site_gen.build import build
from site_gen.cli import main
from site_gen.findings import has_errors
from site_gen.project import Project

STRIPS = 6
SMALLEST_POINTS = 11


def _letters(item, in_picture: bool = False):
    """(character, whether it is lettering inside a picture such as the logo) for every character drawn."""
    if isinstance(item, LTChar):
        yield item, in_picture
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _letters(child, in_picture or isinstance(item, LTFigure))


def poster_facts(pdf: Path) -> dict:
    """Sheets, fill and text sizes of a plan on a page. Fill: over six equal vertical strips of the sheet, how
    far down each strip's lowest text reaches, as a share of the sheet's height, averaged; lines in the bottom
    5% of the sheet (the footer) are left out, and the watermark is a drawing, not text."""
    sheets = list(extract_pages(str(pdf)))
    sheet = sheets[0]
    lowest = [0.0] * STRIPS
    sizes = []
    for letter, in_picture in _letters(sheet):
        if not letter.get_text().strip() or in_picture:  # a picture's own lettering is described by its alt text
            continue
        sizes.append(letter.size)
        down = 1 - letter.y0 / sheet.height
        if down <= 0.95:
            strip = min(int((letter.x0 + letter.x1) / 2 / sheet.width * STRIPS), STRIPS - 1)
            lowest[strip] = max(lowest[strip], down)
    return {"sheets": len(sheets), "fill": sum(lowest) / STRIPS, "lowest": lowest, "smallest": min(sizes)}


def _figures(node) -> list:
    """Every Figure element of a structure tree, depth first."""
    found = []
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if kid.S == "/Figure":
                found.append(kid)
            found += _figures(kid)
    return found


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "plan"
    assert main(["new", str(root)]) == 0
    assert main(["build", "--project", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def posters(built_example: Path, built_examples: dict[str, Path], starter: Path) -> dict[str, Path]:
    plans = {"example": built_example, "starter": starter} | built_examples
    return {name: root / "build" / "site" / "downloads" / "plan-on-a-page.pdf" for name, root in plans.items()}


@pytest.mark.parametrize("name", ["example", "starter", "bath-ne-somerset", "mid-essex"])
def test_the_poster_fills_one_sheet_with_nothing_under_11_points(name: str, posters: dict[str, Path]):
    facts = poster_facts(posters[name])
    assert facts["sheets"] == 1
    assert facts["fill"] >= 0.85, facts
    assert facts["smallest"] >= SMALLEST_POINTS - 0.01, facts


@pytest.mark.parametrize("name", ["example", "starter", "bath-ne-somerset", "mid-essex"])
def test_the_logo_is_a_tagged_figure_with_its_alternative_text(name: str, posters: dict[str, Path]):
    with pikepdf.open(posters[name]) as pdf:
        figures = _figures(pdf.Root.StructTreeRoot)
        alts = [str(figure.get("/Alt", "")) for figure in figures]
    plan_file = posters[name].parents[3] / "data" / "plan.yml"
    wanted = yaml.safe_load(plan_file.read_text(encoding="utf-8"))["branding"]["logo_alt"]
    assert wanted in alts


def test_a_plan_of_forty_priorities_gets_a_poster_of_six_and_says_where_the_rest_are(starter: Path,
                                                                                      tmp_path: Path):
    root = copy_plan(starter, tmp_path / "plan")
    priorities_file = root / "data" / "priorities.yml"
    data = yaml.safe_load(priorities_file.read_text(encoding="utf-8"))
    data["priorities"] += [{"id": f"extra-{n}", "title": f"Extra priority number {n}", "kind": "priority",
                            "aim": "Make one more part of local care better for the people who use it."}
                           for n in range(1, 39)]
    priorities_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert not has_errors(build(Project(root)))
    pdf = root / "build" / "site" / "downloads" / "plan-on-a-page.pdf"
    facts = poster_facts(pdf)
    assert facts["sheets"] == 1 and facts["fill"] >= 0.85 and facts["smallest"] >= SMALLEST_POINTS - 0.01, facts
    text = " ".join(letter.get_text() for letter, _ in _letters(extract_pages(str(pdf))))
    words = "".join(text.split())
    assert "Extraprioritynumber4" in words  # the first six are there
    assert "Extraprioritynumber5" not in words
    assert "Theplanhas34morepriorities.Thewebsiteliststhemall." in words
    assert pdfua_findings(pdf) == []


def test_a_target_the_plan_dates_with_its_own_by_reads_once_in_lower_case():
    from conftest import REPO

    from site_gen.pdf.onepage import one_page
    from site_gen.pipeline import check_project

    checked = check_project(Project(REPO))
    targets = [m.target for p in one_page(checked.data, [], None, "Draft").priorities for m in p.measures]
    assert "68 by 31 March 2014" in targets
    assert not [t for t in targets if "by by" in t.lower() or " By " in t]
