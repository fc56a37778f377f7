"""Charts in the built site: accessible SVG, a table of the same figures, a summary that says the right
thing, a CSV of the figures, and renders kept between builds."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, copy_plan

from site_gen.build import build, template_cache_dir
from site_gen.findings import has_errors
from site_gen.project import Project
from site_gen.render.downloads import spreadsheet_safe
from site_gen.render.formatting import figure_text


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> Path:
    root = copy_plan(FIXTURES / "good-complete", tmp_path_factory.mktemp("charts") / "plan")
    assert not has_errors(build(Project(root), strict=True))
    return root


def _figures(site: Path) -> list[tuple[str, BeautifulSoup]]:
    found = []
    for page in sorted(site.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found += [(page.name, figure) for figure in html.select("figure.chart")]
    return found


def test_every_chart_is_a_complete_accessible_figure(built_example):
    site = built_example / "build" / "site"
    figures = _figures(site)
    kinds = {figure["id"] for _, figure in figures}
    assert len(kinds) >= 6
    for page, figure in figures:
        title = figure.select_one("figcaption").get_text(strip=True)
        for svg in figure.select(".chart-image svg"):
            assert svg["role"] == "img" and svg.get("focusable") == "false"
            labelled = svg["aria-labelledby"].split()
            assert svg.find("title")["id"] == labelled[0] and svg.find("title").get_text() == title
            assert svg.find("desc")["id"] == labelled[1]
            assert svg.find("desc").get_text() == figure.select_one(".chart-summary").get_text().split(" The ")[0] \
                or svg.find("desc").get_text() in figure.select_one(".chart-summary").get_text()
            drawing = [child for child in svg.find_all(recursive=False) if child.name == "g"]
            assert drawing and all(g.get("aria-hidden") == "true" for g in drawing[:1])
        assert figure.select_one("details table caption"), page
        link = figure.select_one(".chart-source a[download]")
        assert (site / link["href"].lstrip("./").replace("../", "")).is_file() or (
            (site / page).parent / link["href"]).resolve().is_file()


def test_ids_inside_the_svgs_never_clash_on_a_page(built_example):
    for page in (built_example / "build" / "site").rglob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids = [element["id"] for element in html.select("[id]")]
        assert len(ids) == len(set(ids)), page.name


def _table(figure) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in figure.select("details tbody tr")]


def test_the_table_holds_the_same_figures_as_the_data(built_example):
    from site_gen.pipeline import check_project

    data = check_project(Project(built_example)).data
    table = next(t for t in data.finance.tables if t.id == "qipp-by-budget-area")
    total = [c.id for c in table.columns].index("total")
    expected = [[row.label, figure_text(row.values[total], "£m")] for row in table.rows if row.kind == "line"]
    html = BeautifulSoup((built_example / "build" / "site" / "finance.html").read_text(encoding="utf-8"), "html.parser")
    assert _table(html.find(id="chart-savings-by-budget-area")) == expected


def test_the_summary_names_the_largest_and_the_trend(built_example, complete):
    html = BeautifulSoup((built_example / "build" / "site" / "finance.html").read_text(encoding="utf-8"), "html.parser")
    bar = html.find(id="chart-savings-by-budget-area").select_one(".chart-summary").get_text()
    assert bar.startswith("BTUH is the largest, at £3.93 million; Other community services is the smallest")
    dots = html.find(id="chart-programmes-reaching-target").select_one(".chart-summary").get_text()
    assert dots.startswith("4 of 7 reach their target. The largest gap is Prescribing: £0.9 million against a "
                           "target of £2.5 million.")
    bridge = html.find(id="chart-spend-after-savings").select_one(".chart-summary").get_text()
    assert bridge.startswith("Expected spend, £308.5 million, becomes Spend after savings, £299.9 million")
    population = BeautifulSoup((complete / "build" / "site" / "population.html").read_text(encoding="utf-8"),
                                "html.parser").select_one("figure.chart .chart-summary").get_text()
    assert population.startswith("The figures rise from 264,630 people in 2013 to 269,950 people in 2015.")
    risks = BeautifulSoup((complete / "build" / "site" / "risks.html").read_text(encoding="utf-8"),
                          "html.parser").select_one("figure.chart .chart-summary").get_text()
    assert risks.startswith("Of 2 risks placed by likelihood and impact: 1 high, 1 moderate.")


def test_the_csv_holds_plain_numbers_negatives_included(built_example):
    text = (built_example / "build" / "site" / "downloads" / "charts" / "spend-after-savings.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Item", "2013/14 likely"]
    assert rows[2] == ["Savings identified", "-8.6"] and Decimal(rows[2][1]) == Decimal("-8.6")


def test_text_a_spreadsheet_would_run_is_neutralised():
    assert spreadsheet_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_safe("Planned care") == "Planned care"


def test_a_rebuild_with_nothing_changed_draws_no_chart(complete):
    charts = template_cache_dir(complete / "build") / "charts"
    before = {p.name: p.stat().st_mtime_ns for p in charts.iterdir()}
    assert before
    assert not has_errors(build(Project(complete), strict=True))
    assert {p.name: p.stat().st_mtime_ns for p in charts.iterdir()} == before


def test_every_table_and_chart_is_open_data_described_by_a_data_package(built_example):
    downloads = built_example / "build" / "site" / "downloads"
    package = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    paths = {r["path"] for r in package["resources"]}
    assert "tables/summary-model.csv" in paths and "charts/spend-after-savings.csv" in paths
    for resource in package["resources"]:
        rows = list(csv.reader(io.StringIO((downloads / resource["path"]).read_text(encoding="utf-8"))))
        assert rows[0] == [field["name"] for field in resource["schema"]["fields"]]
        assert (downloads / resource["path"].replace(".csv", ".json")).is_file()
    summary = next(r for r in package["resources"] if r["name"] == "table-summary-model")
    assert {f["unit"] for f in summary["schema"]["fields"] if f["type"] == "number"} == {"£m"}
    records = json.loads((downloads / "tables" / "summary-model.json").read_text(encoding="utf-8"))["rows"]
    assert records[0]["label"] == "Recurrent allocation" and records[0]["2013/14 likely"] == 299.8
    page = BeautifulSoup((built_example / "build" / "site" / "downloads.html").read_text(encoding="utf-8"),
                         "html.parser")
    figures = [a for a in page.select("article a[download]") if "/tables/" in a["href"] or "/charts/" in a["href"]]
    assert len(figures) == 2 * len(package["resources"])


@pytest.mark.parametrize("kind", ["bridge", "dots", "stacked-bar", "heatmap"])
def test_a_measure_or_series_drawn_as_a_finance_kind_is_a_finding_not_a_failed_build(tmp_path, kind):
    from site_gen.pipeline import check_project

    root = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    charts = root / "data" / "charts.yml"
    charts.write_text(charts.read_text(encoding="utf-8").replace(
        "    kind: line\n    title: Waits in A&E", f"    kind: {kind}\n    title: Waits in A&E"), encoding="utf-8")
    found = [(f.code, f.location.line) for f in check_project(Project(root)).findings]
    assert found == [("chart-data", 8)]


@pytest.mark.parametrize(("unit", "from_zero"), [("£000", True), ("people", True), ("%", False)])
def test_a_line_of_money_or_counts_is_measured_from_zero_and_a_rate_may_start_near_its_figures(unit, from_zero):
    from types import SimpleNamespace

    from site_gen.charts.data import ChartData
    from site_gen.charts.spec import chart_spec

    data = ChartData(SimpleNamespace(kind="line"), unit, ["2012/13", "2013/14", "2014/15"], ["Allocation"],
                     {("2012/13", "Allocation"): 395_000, ("2013/14", "Allocation"): 405_000,
                      ("2014/15", "Allocation"): 415_000})
    scales = [layer["encoding"]["y"].get("scale", {}) for layer in chart_spec(data, 600)["layer"]
              if "y" in layer.get("encoding", {})]
    assert scales and all(scale.get("zero") is from_zero for scale in scales)


def test_a_chart_of_one_series_is_drawn_in_the_organisations_colour(built_examples):
    from types import SimpleNamespace

    import yaml

    from site_gen.charts.data import ChartData
    from site_gen.charts.spec import chart_spec

    data = ChartData(SimpleNamespace(kind="bar"), "£m", ["Acute", "Community"], ["2013/14"],
                     {("Acute", "2013/14"): Decimal("105.7"), ("Community", "2013/14"): Decimal("22.3")}, colour="#7c2855")
    assert '"#7c2855"' in json.dumps(chart_spec(data, 600))
    # And in a built example: its single-series charts are drawn in its accent colour.
    root = built_examples["mid-essex"]
    accent = yaml.safe_load((root / "data" / "plan.yml").read_text(encoding="utf-8"))["branding"]["accent_colour"]
    drawings = " ".join(page.read_text(encoding="utf-8") for page in (root / "build" / "site").rglob("*.html"))
    assert f'fill="{accent.lower()}"' in drawings.lower()


def test_charts_not_yet_drawn_are_drawn_ahead_exactly_as_figure_draws_them(tmp_path):
    from site_gen.charts.figure import ChartRenderer
    from site_gen.pipeline import check_project
    from site_gen.project import Project

    checked = check_project(Project(REPO))
    ahead = ChartRenderer(checked.data, checked.context.index, tmp_path / "ahead")
    wanted = ahead.not_yet_drawn()
    assert len(wanted) == 2 * len(checked.data.charts.charts) >= 4
    ahead.start_drawing(least=2).finish()
    assert ahead.not_yet_drawn() == []
    alone = ChartRenderer(checked.data, checked.context.index, tmp_path / "alone")
    for key, _, _ in wanted:
        assert not (tmp_path / "alone" / f"{key}.svg").exists()
    for chart in checked.data.charts.charts:
        assert alone.figure(chart.id) == ahead.figure(chart.id)
    drawn = sorted(p.name for p in (tmp_path / "ahead").iterdir())
    assert drawn == sorted(p.name for p in (tmp_path / "alone").iterdir())
    assert all((tmp_path / "ahead" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes() for name in drawn)


def test_every_kind_of_chart_is_a_valid_vega_lite_specification_at_both_widths():
    # Altair does not check each part against the schema as a chart is made (charts/spec.py), so this does.
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    from site_gen.charts.figure import NARROW, WIDE, ChartRenderer
    from site_gen.charts.spec import chart_spec
    from site_gen.pipeline import check_project

    schema, kinds = load_schema(), set()
    for plan in (REPO, FIXTURES / "good-complete"):
        checked = check_project(Project(plan))
        for data in ChartRenderer(checked.data, checked.context.index, None).all_data():
            kinds.add(data.chart.kind)
            for width in (WIDE, NARROW):
                validate_jsonschema(chart_spec(data, width), schema)
    assert kinds == {"bar", "grouped-bar", "stacked-bar", "line", "bridge", "dots", "heatmap"}


@pytest.mark.parametrize("before", ["/etc/fonts/site-gen-test.conf", None])
def test_drawing_charts_leaves_the_font_setting_of_programs_started_later_as_it_was(before):
    """The drawing engine is started with fontconfig pointed at no fonts, so that it measures with the fonts
    built into it; a browser or any other program the process starts afterwards must still find the machine's."""
    code = ("import os\nfrom site_gen.charts.svg import _converter\n"
            "svg = _converter().vegalite_to_svg({'data': {'values': [{'a': 'Planned care', 'b': 3}]}, 'mark': 'bar',"
            " 'encoding': {'y': {'field': 'a', 'type': 'nominal'}, 'x': {'field': 'b', 'type': 'quantitative'}}})\n"
            "print(os.environ.get('FONTCONFIG_FILE'), 'Planned care' in svg)")
    env = {key: value for key, value in os.environ.items() if key != "FONTCONFIG_FILE"}
    if before:
        env["FONTCONFIG_FILE"] = before
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    assert done.stdout.split() == [str(before), "True"]


def test_charts_drawn_beside_the_check_of_a_plan_with_errors_leave_nothing_behind(tmp_path, monkeypatch):
    """New charts are drawn while the plan is checked, into a scratch folder; a plan the check stops gains no
    build/ folder, and the drawing is stopped and its scratch folder cleared."""
    sys.path.insert(0, str(REPO / "bench"))
    from synthetic_plan import Size, write_plan

    from site_gen.charts import figure

    root = write_plan(tmp_path / "plan", Size(pages=14, charts=20, measures=20, priorities=4, schemes=4,
                                                finance_rows=30)).root
    (root / "content" / "broken.md").write_text("---\ntitle: Broken\n---\n\n{{ tabel('x') }}\n", encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    started = []
    real_start = figure.ChartRenderer.start_drawing
    monkeypatch.setattr(figure.ChartRenderer, "start_drawing",
                        lambda self, *a, **k: started.append(real_start(self, *a, **k)) or started[-1])
    findings = build(Project(root), full_pdf=False)
    assert has_errors(findings) and "macro-error" in {f.code for f in findings}
    assert started and started[0] is not None  # the drawing did start
    assert all(part.process.poll() is not None for part in started[0].drawing)
    assert not (root / "build").exists()
    assert list(scratch.iterdir()) == []
