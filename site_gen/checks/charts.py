"""Charts: each one's definition fits its data, it can label what it draws, and its title says something."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.charts.data import ChartDataError, chart_data
from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.refs import UnknownReference
from site_gen.rules import rule
from site_gen.site.palette import CHART_SERIES

# Beyond these a chart cannot label every bar or line clearly on a phone, nor colour its series apart.
MOST_CATEGORIES = 15
MOST_SERIES = len(CHART_SERIES)
FEWEST_TITLE_WORDS = 5
# Beyond this a chart cannot be drawn at all: the drawing takes many seconds, and at about 1,500 bars the
# drawing engine itself fails. A measure's monthly figures over ten years, with its trajectory, is 240.
MOST_POINTS = 500


def check_charts(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("charts"):
        return
    families = {ref.split(".")[0] for ref in (c.data for c in ctx.data.charts.charts)}
    if any(not ctx.index.can_check(family) for family in families):
        return  # the data file a chart draws did not load; that file's own finding says why
    for ci, chart in enumerate(ctx.data.charts.charts):
        if len(chart.title.split()) < FEWEST_TITLE_WORDS:
            yield rule("chart-title")(
                ctx.where("charts", "charts", ci, "title"),
                f"The title '{chart.title}' names what the chart shows but not what it tells the reader.")
        try:
            data = chart_data(chart, ctx.data, ctx.index)
        except ChartDataError as err:
            yield rule("chart-data")(ctx.where("charts", "charts", ci), f"The chart '{chart.id}' cannot be drawn: {err}")
            continue
        except UnknownReference:
            continue  # data that names nothing: the reference check reports it
        points = len(data.categories) * len(data.series)
        if points > MOST_POINTS:
            yield rule("chart-data")(
                ctx.where("charts", "charts", ci),
                f"The chart '{chart.id}' cannot be drawn: it has {points:,} figures to draw, and a chart can show at "
                f"most {MOST_POINTS}.",
                "Choose the rows to draw with rows: and the columns with columns:, or split the chart in two.")
            continue
        if len(data.categories) > MOST_CATEGORIES and chart.kind != "heatmap":
            yield rule("chart-too-many")(
                ctx.where("charts", "charts", ci),
                f"The chart '{chart.id}' draws {len(data.categories)} {data.category_title.lower() or 'items'}; "
                f"more than {MOST_CATEGORIES} cannot each be labelled clearly.",
                "Choose the rows to draw with rows:, or split the chart in two.")
        if len(data.series) > MOST_SERIES and chart.kind != "heatmap":
            yield rule("chart-too-many")(
                ctx.where("charts", "charts", ci),
                f"The chart '{chart.id}' draws {len(data.series)} series; more than {MOST_SERIES} cannot be told "
                "apart clearly.", "Choose fewer columns with columns:, or split the chart in two.")


CHECKS = [check_charts]
