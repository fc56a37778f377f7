"""Everything a chart's <figure> shows, worked out once per chart: the SVG at two widths, the summary,
the table of the same figures and the CSV of them."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from site_gen.charts.data import ChartData, ChartDataError, chart_data
from site_gen.charts.summary import figure_words, summary
from site_gen.charts.svg import accessible_svg, render_key, render_svg
from site_gen.findings import Finding, Location
from site_gen.model import PlanData
from site_gen.model.charts import Chart
from site_gen.refs import ReferenceIndex, UnknownReference
from site_gen.render.downloads import CHARTS
from site_gen.rules import rule
from site_gen.sealed import looks_sealed
from site_gen.site.palette import CHART_SINGLE

# The chart is drawn twice: for a wide screen, and narrower with the same size of text for a phone,
# so that its words can be read at 320 CSS pixels without zooming.
WIDE, NARROW = 660, 320
# How many renders missing from the cache make it worth starting a process to draw half of them.
DRAW_APART_FROM = 24


@dataclass(frozen=True)
class ChartFigure:
    id: str
    title: str
    svg_wide: str
    svg_narrow: str
    summary: str
    headings: list[str]
    rows: list[list[str]]
    csv_path: str
    source: str | None
    key: str | None  # how to read the marks, where colour or shape alone would not say


def _table(data: ChartData) -> tuple[list[str], list[list[str]]]:
    headings = [data.category_title or "Item"] + data.series
    rows = [[c] + [figure_words(data.value(c, s), data.unit) for s in data.series] for c in data.categories]
    if data.targets and data.chart.kind == "dots":
        headings.append("Target")
        for row, category in zip(rows, data.categories, strict=True):
            row.append(figure_words(data.targets.get(category), data.unit))
    return headings, rows


def _key(data: ChartData) -> str | None:
    if data.chart.kind == "dots":
        return f"Each dot is {data.series[0].lower()}; the black line across it marks the target."
    if data.chart.kind == "line" and data.targets:
        return "The dashed line marks the target."
    if data.chart.kind == "bridge":
        return "The first and last bars are totals; the bars between show each step up or down."
    if data.chart.kind == "heatmap":
        bands = ", ".join(f"{name[0]} {name.lower()}" for _, _, name in data.bands)
        return ("Each square is a likelihood and impact, named by its band (on small screens by its first "
                f"letter: {bands}); the number in it is how many risks are there.")
    return None


class ChartNotDrawn(Exception):
    """A chart the drawing engine could not draw. It is a problem of that chart (its size, its figures),
    so it is reported at the chart's definition in data/charts.yml, never as the fault of the page or
    template that shows it."""

    def __init__(self, chart_id: str, position: int, reason: str) -> None:
        super().__init__(f"The chart '{chart_id}' could not be drawn: {reason}")
        self.chart_id, self.position, self.reason = chart_id, position, reason

    def finding(self, where: Callable[..., Location]) -> Finding:
        """The finding at the chart's definition; where(family, *path) places a path in the data."""
        return rule("chart-data")(
            where("charts", "charts", self.position),
            f"The chart '{self.chart_id}' could not be drawn (the drawing engine says: {self.reason}).",
            "Draw fewer figures: choose the rows to draw with rows: and the columns with columns:, or split the "
            "chart in two.")


def _first_line(err: Exception) -> str:
    """What went wrong, without the drawing engine's own trace of where."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    said = next((line for line in lines if "Error" in line and not line.startswith("at ")), lines[0] if lines else "")
    return said.rstrip(".:") or type(err).__name__


def _spec(data: ChartData, width: int) -> dict:
    """The chart's specification. Altair, which builds it, is loaded only where a chart is drawn: a large
    plan's charts are drawn in processes of their own, and the build's process need not hold it."""
    from site_gen.charts.spec import chart_spec

    return chart_spec(data, width)


def draw_into_cache(wanted: list[tuple[str, ChartData, int]], cache_dir: str) -> int:
    """Draw each (key, figures, width) into the cache; how many were drawn. One that fails is skipped."""
    drawn = 0
    for key, data, width in wanted:
        try:
            render_svg(key, lambda data=data, width=width: _spec(data, width), Path(cache_dir))
            drawn += 1
        except Exception:  # noqa: BLE001 - figure() draws it again and reports the problem at the chart
            continue
    return drawn


@dataclass
class DrawingAhead:
    """Renders being drawn in processes of their own into scratch, for the cache."""

    scratch: Path
    cache_dir: Path
    drawing: list

    def finish(self) -> None:
        """Wait for the drawing, then move what was drawn into the cache. A render that failed is left for
        figure() to draw again and report."""
        for part in self.drawing:
            try:
                part.result()
            except Exception:  # noqa: BLE001 - figure() draws what is missing, and says why it cannot
                pass
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for drawn in sorted(self.scratch.glob("*.svg")):
            shutil.move(drawn, self.cache_dir / drawn.name)
        self.stop()

    def stop(self) -> None:
        """Stop drawing (the build goes no further) and clear the scratch folder."""
        for part in self.drawing:
            part.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)


def svg_marker(name: str) -> str:
    """Where a drawing goes in a page until the page is finished (see site/mkdocs_plugins.py)."""
    return f"<!--site-gen-svg:{name}-->"


class ChartRenderer:
    """Draws the plan's charts, keeping renders in cache_dir so that an unchanged chart is never redrawn.

    A figure carries a marker where each drawing goes; the drawings themselves are kept in `svgs` and
    put in place once MkDocs has finished the page, so that neither Markdown nor the search index has to
    read through thousands of lines of drawing (a chart's words are all in its title, summary and table).
    """

    def __init__(self, data: PlanData, index: ReferenceIndex, cache_dir: Path | None) -> None:
        self.data, self.index, self.cache_dir = data, index, cache_dir
        self.charts = {c.id: c for c in data.charts.charts}
        self.positions = {c.id: position for position, c in enumerate(data.charts.charts)}
        self.svgs: dict[str, str] = {}
        self.alternatives: dict[str, str] = {}  # each drawing's words, for where it is shown as a picture
        self._figures: dict[str, ChartData] = {}  # each chart's figures, worked out once per build
        self.drawn: list[str] = []  # the charts asked for, in turn: what each page shows (render/page_cache.py)

    def chart_data(self, chart: Chart) -> ChartData:
        if chart.id not in self._figures:
            accent = self.data.plan.branding.accent_colour if self.data.plan else None
            self._figures[chart.id] = replace(chart_data(chart, self.data, self.index), colour=accent or CHART_SINGLE)
        return self._figures[chart.id]

    @staticmethod
    def key(chart: Chart, data: ChartData, width: int) -> str:
        """The name a render of this chart at this width is kept under."""
        return render_key(chart.model_dump(), data.unit, data.categories, data.series, sorted(data.values.items()),
                          sorted(data.targets.items()), data.bands, data.category_title, data.colour, width)

    def not_yet_drawn(self) -> list[tuple[str, ChartData, int]]:
        """(key, figures, width) of each render the cache does not hold, of the charts that can be drawn."""
        if self.cache_dir is None:
            return []
        wanted = []
        for chart in self.charts.values():
            try:
                data = self.chart_data(chart)
            except (ChartDataError, UnknownReference):  # the check reports it
                continue
            # A quick look: figure() reads each render and draws again any that is not this user's.
            wanted += [(key, data, width) for width in (WIDE, NARROW)
                       if not looks_sealed(self.cache_dir / f"{(key := self.key(chart, data, width))}.svg")]
        return wanted

    def start_drawing(self, least: int = DRAW_APART_FROM) -> DrawingAhead | None:
        """Start drawing every render the cache does not hold, when there are at least least of them: in two
        processes of their own at once, half each, into a scratch folder, so that the build can go on (with the
        check) meanwhile, and a plan the check stops makes no build/ folder. vl-convert draws one chart at a
        time, and a large plan has hundreds; and the build's own process never loads it, which would keep about
        120 MiB until the build ends, while the PDFs are made beside it."""
        wanted = self.not_yet_drawn()
        if len(wanted) < least or self.cache_dir is None:
            return None
        from site_gen.apart import Running

        scratch = Path(tempfile.mkdtemp(prefix="site-gen-charts-"))
        # Every other render to each process: a chart's two renders cost about the same, so each process gets
        # one of each chart, and neither is left drawing alone at the end.
        halves = (wanted[0::2], wanted[1::2])
        return DrawingAhead(scratch, self.cache_dir, [Running(draw_into_cache, half, str(scratch)) for half in halves])

    def figure(self, chart_id: str) -> ChartFigure:
        self.drawn.append(chart_id)
        chart = self.charts[chart_id]
        data = self.chart_data(chart)
        words = summary(data)
        drawn = {}
        for width, name in ((WIDE, "wide"), (NARROW, "narrow")):
            key = self.key(chart, data, width)
            try:
                svg = render_svg(key, lambda width=width: _spec(data, width), self.cache_dir)
            except OSError:
                raise  # the cache in build/ cannot be written: the build reports that as a problem of the folder
            except Exception as err:  # the engine fails in its own ways (a JavaScript error, say): name the chart
                raise ChartNotDrawn(chart.id, self.positions[chart.id], _first_line(err)) from err
            prefix = f"chart-{chart.id}-{name}"
            self.svgs[prefix] = accessible_svg(svg, prefix, chart.title, words)
            self.alternatives[prefix] = f"{chart.title}. {words}"
            drawn[width] = svg_marker(prefix)
        headings, rows = _table(data)
        return ChartFigure(chart.id, chart.title, drawn[WIDE], drawn[NARROW], words, headings, rows,
                           f"{CHARTS}/{chart.id}.csv", data.source, _key(data))

    def all_data(self) -> list[ChartData]:
        """The figures of every chart that can be drawn (the check reports any that cannot)."""
        out = []
        for chart in self.charts.values():
            try:
                out.append(self.chart_data(chart))
            except (ChartDataError, UnknownReference):  # the check reports a chart that cannot be drawn
                continue
        return out
