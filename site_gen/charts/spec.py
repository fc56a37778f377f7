"""Vega-Lite specifications of each kind of chart, built with Altair from a ChartData: pure."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
from altair.utils.schemapi import debug_mode

from site_gen.charts.data import ChartData
from site_gen.render.formatting import figure_text, grouped
from site_gen.site.palette import (
    BAND_COLOURS,
    CHART_AXIS,
    CHART_FONT,
    CHART_GRID,
    CHART_SERIES,
    CHART_TEXT,
)

FONT_SIZE = 13
BAR_STEP = 30  # pixels per bar: room for a label that can be read when the chart is shrunk to a phone


def _number(value) -> float | None:
    return None if value is None else float(Decimal(value))


def _label(value, unit: str) -> str:
    """A figure written beside its mark: the number alone, as in a table, since the axis title gives the
    unit (£m, £000); short labels keep their room at a phone's width."""
    if value is None:
        return ""
    return figure_text(value, "%") if unit == "%" else grouped(value)


def _house_style(width: int, legend_top: bool) -> dict:
    """The configuration every chart shares. Written as a plain dict and merged in once: Altair's
    configure_* calls each copy the whole chart, data included, which was most of a chart's cost."""
    return {
        # The drawing is one image with its own title and description (svg.accessible_svg), every part of it
        # hidden from assistive technology: Vega's own description of each mark would be work thrown away.
        "aria": False,
        "font": CHART_FONT, "background": "#ffffff", "padding": 8,
        "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelColor": CHART_TEXT,
                 "titleColor": CHART_TEXT, "domainColor": CHART_AXIS, "tickColor": CHART_AXIS, "gridColor": CHART_GRID,
                 "labelLimit": width // 2, "tickCount": 5},
        "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelColor": CHART_TEXT,
                   "titleColor": CHART_TEXT, "orient": "top" if legend_top else "bottom",
                   "direction": "horizontal" if legend_top else "vertical", "labelLimit": width, "symbolSize": 160,
                   "symbolStrokeWidth": 3, "symbolType": "square" if legend_top else "circle"},
    }


def _rows(name: str) -> alt.Data:
    """A chart's rows by name, put in once its specification is finished (_config): Altair copies a chart's
    data at each step of building it, which was most of the time a specification took."""
    return alt.Data(name=name)


def _config(chart: alt.TopLevelMixin, width: int, rows: dict[str, list[dict]], fit: bool = True,
            legend_top: bool = False) -> dict:
    """The house style every chart shares, as a finished Vega-Lite specification holding rows, each list
    of rows by the name _rows gave it. With fit, the whole drawing (labels and key included) is the width
    asked for, so its text keeps its size when the page shows it at that width; a faceted chart or a square
    heat map sets its own size instead."""
    spec = chart.to_dict(validate=False)
    if fit:
        spec |= {"width": width, "autosize": {"type": "fit", "contains": "padding"}}
    spec["datasets"] = rows
    config = spec.setdefault("config", {})
    config.update(_house_style(width, legend_top))
    config.setdefault("view", {})["stroke"] = None
    spec.pop("$schema", None)  # the render needs no link to a schema on another website
    return spec


def _room_for_labels(width: int, *values) -> alt.Scale:
    """A value axis from zero (or the lowest figure) to past the highest by about 110 pixels, so that the
    label written after the longest bar stays inside the drawing at any width."""
    numbers = [float(v) for v in values if v is not None]
    high, low = max(numbers + [0.0]), min(numbers + [0.0])
    # The bars get about half a wide drawing; on a phone the names take most of it.
    stretch = 1 + 70 / (width * (0.5 if width >= 400 else 0.35))
    return alt.Scale(domain=[low * stretch if low < 0 else 0, high * stretch if high > 0 else 1], nice=False)


def _axis_title(data: ChartData) -> str:
    return data.unit if data.unit in ("£", "£000", "£m", "%") else data.unit.replace("-", " ")


def _records(data: ChartData) -> list[dict]:
    return [{"category": c, "series": s, "value": _number(data.value(c, s)), "label": _label(data.value(c, s), data.unit)}
            for c in data.categories for s in data.series]


def _colour(data: ChartData) -> alt.Color:
    return alt.Color("series:N", title=None, sort=data.series,
                     scale=alt.Scale(domain=data.series, range=CHART_SERIES[:len(data.series)]))


def _bar(data: ChartData, width: int) -> dict:
    records = _records(data)
    y = alt.Y("category:N", sort=data.categories, title=None)
    x = alt.X("value:Q", title=_axis_title(data), scale=_room_for_labels(width, *(r["value"] for r in records)))
    base = alt.Chart(_rows("records")).encode(y=y)
    bars = base.mark_bar(color=data.colour).encode(x=x)
    labels = base.mark_text(align="left", dx=4, color=CHART_TEXT, fontSize=FONT_SIZE).encode(x=x, text=alt.Text("label:N"))
    return _config(alt.layer(bars, labels, height=alt.Step(BAR_STEP)), width, {"records": records})


def _grouped(data: ChartData, width: int) -> dict:
    records = _records(data)
    base = alt.Chart(_rows("records")).encode(
        y=alt.Y("series:N", sort=data.series, title=None, axis=None),
        x=alt.X("value:Q", title=_axis_title(data), scale=_room_for_labels(width, *(r["value"] for r in records))))
    bars = base.mark_bar().encode(color=_colour(data))
    labels = base.mark_text(align="left", dx=4, color=CHART_TEXT, fontSize=FONT_SIZE - 1).encode(text=alt.Text("label:N"))
    layered = alt.layer(bars, labels, height=alt.Step(20), width=width - width // 3 - 60)
    faceted = layered.facet(row=alt.Row("category:N", sort=data.categories, title=None,
                                        header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=FONT_SIZE,
                                                          labelColor=CHART_TEXT, labelLimit=width // 3)),
                            spacing=6)
    return _config(faceted, width, {"records": records}, fit=False, legend_top=True)


def _stacked(data: ChartData, width: int) -> dict:
    records = [r for r in _records(data) if r["value"] is not None]
    totals = [{"category": c, "total": _number(sum((v for (cc, _), v in data.values.items() if cc == c and v), 0)),
               "label": _label(sum((v for (cc, _), v in data.values.items() if cc == c and v), 0), data.unit)}
              for c in data.categories]
    base = alt.Chart(_rows("records")).encode(y=alt.Y("category:N", sort=data.categories, title=None))
    bars = base.mark_bar(stroke="#ffffff", strokeWidth=1).encode(
        x=alt.X("value:Q", title=_axis_title(data), stack="zero",
                scale=_room_for_labels(width, *(t["total"] for t in totals))), color=_colour(data),
        order=alt.Order("order:Q"))
    labels = alt.Chart(_rows("totals")).mark_text(align="left", dx=4, color=CHART_TEXT, fontSize=FONT_SIZE).encode(
        y=alt.Y("category:N", sort=data.categories), x=alt.X("total:Q"), text=alt.Text("label:N"))
    for record in records:
        record["order"] = data.series.index(record["series"])
    return _config(alt.layer(bars, labels, height=alt.Step(BAR_STEP)), width, {"records": records, "totals": totals})


_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]


def _line(data: ChartData, width: int) -> dict:
    records = [r for r in _records(data) if r["value"] is not None]
    x = alt.X("category:N", sort=data.categories, title=None, axis=alt.Axis(labelAngle=0))
    # Money and counts are measured from zero: an axis that starts near the lowest figure makes a rise of 5%
    # look like a doubling. A rate (a percentage) may start nearer its figures, as its axis says.
    y = alt.Y("value:Q", title=_axis_title(data), scale=alt.Scale(zero=data.unit != "%"))
    shape = alt.Shape("series:N", sort=data.series, scale=alt.Scale(domain=data.series, range=_SHAPES[:len(data.series)]),
                      title=None)
    colour = _colour(data)
    if len(data.series) == 1:  # one line needs no key: the title says what it is
        colour = alt.Color("series:N", scale=alt.Scale(range=[data.colour]), legend=None)
        shape = alt.Shape("series:N", legend=None)
    lines = alt.Chart(_rows("records")).mark_line(strokeWidth=3).encode(x=x, y=y, color=colour)
    points = alt.Chart(_rows("records")).mark_point(size=90, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape)
    layers = [lines, points]
    target: list[dict] = []
    if data.targets:
        target = [{"category": c, "target": _number(t)} for c, t in data.targets.items() if t is not None]
        layers.append(alt.Chart(_rows("target")).mark_line(strokeDash=[6, 4], color=CHART_TEXT).encode(
            x=x, y=alt.Y("target:Q")))
    return _config(alt.layer(*layers, height=260), width, {"records": records, "target": target})


def _bridge(data: ChartData, width: int) -> dict:
    series = data.series[0]
    steps, running = [], Decimal(0)
    last = len(data.categories) - 1
    for position, category in enumerate(data.categories):
        value = Decimal(data.value(category, series) or 0)
        if position in (0, last):  # where the bridge starts and ends: whole bars from zero
            start, end, kind = Decimal(0), value, "Total"
            running = value
        else:
            start, end, kind = running, running + value, "Increase" if value >= 0 else "Decrease"
            running = end
        sign = "+" if kind == "Increase" and value else ""
        typed = data.value(category, series)
        steps.append({"category": category, "start": float(start), "end": float(end), "kind": kind,
                      "label": sign + _label(typed, data.unit) if typed is not None else "none",
                      "at": float(max(start, end))})
    kinds = ["Total", "Increase", "Decrease"]
    colours = [CHART_SERIES[0], CHART_SERIES[1], CHART_SERIES[3]]
    base = alt.Chart(_rows("steps")).encode(y=alt.Y("category:N", sort=data.categories, title=None))
    bars = base.mark_bar().encode(
        x=alt.X("start:Q", title=_axis_title(data),
                scale=_room_for_labels(width, *(s["start"] for s in steps), *(s["end"] for s in steps))), x2=alt.X2("end:Q"),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=colours)))
    labels = base.mark_text(align="left", dx=4, color=CHART_TEXT, fontSize=FONT_SIZE).encode(
        x=alt.X("at:Q"), text=alt.Text("label:N"))
    return _config(alt.layer(bars, labels, height=alt.Step(BAR_STEP)), width, {"steps": steps})


def _dots(data: ChartData, width: int) -> dict:
    series = data.series[0]
    records = [{"category": c, "value": _number(data.value(c, series)), "target": _number(data.targets.get(c)),
                "label": _label(data.value(c, series), data.unit)} for c in data.categories]
    y = alt.Y("category:N", sort=data.categories, title=None)
    base = alt.Chart(_rows("records")).encode(y=y)
    scale = _room_for_labels(width, *(r["value"] for r in records), *(r["target"] for r in records))
    rules = base.mark_rule(color=CHART_GRID, strokeWidth=2).encode(
        x=alt.X("value:Q", title=_axis_title(data), scale=scale), x2=alt.X2("target:Q"))
    targets = base.mark_tick(color=CHART_TEXT, thickness=3, size=22).encode(x=alt.X("target:Q"))
    dots = base.mark_point(filled=True, size=150, opacity=1, color=CHART_SERIES[0]).encode(x=alt.X("value:Q"))
    labels = base.mark_text(align="left", dx=10, color=CHART_TEXT, fontSize=FONT_SIZE).encode(
        x=alt.X("value:Q"), text=alt.Text("label:N"))
    return _config(alt.layer(rules, targets, dots, labels, height=alt.Step(BAR_STEP + 6)), width,
                   {"records": records})


def _heatmap(data: ChartData, width: int) -> dict:
    narrow = width < 400
    names = [name for _, _, name in data.bands]
    records = []
    for impact in data.categories:
        for likelihood in data.series:
            band = data.band(data.score(impact, likelihood))
            fill, ink = BAND_COLOURS[min(names.index(band), len(BAND_COLOURS) - 1)]
            count = int(data.value(impact, likelihood) or 0)
            records.append({"impact": impact, "likelihood": likelihood, "fill": fill, "ink": ink,
                            "count": str(count) if count else "",
                            "name": band[0] if narrow else band})  # on a phone, the band's first letter
    base = alt.Chart(_rows("records")).encode(
        x=alt.X("likelihood:N", sort=data.series, title="Likelihood",
                axis=alt.Axis(labelAngle=-45 if narrow else 0, labelLimit=110)),
        y=alt.Y("impact:N", sort=data.categories, title="Impact", axis=alt.Axis(labelLimit=110)))
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2).encode(color=alt.Color("fill:N", scale=None))
    names_layer = base.mark_text(baseline="top", dy=-18 if not narrow else -17, fontSize=FONT_SIZE - (1 if narrow else 3)).encode(
        text=alt.Text("name:N"), color=alt.Color("ink:N", scale=None))
    counts = base.mark_text(fontSize=FONT_SIZE + 5, fontWeight="bold", dy=6).encode(
        text=alt.Text("count:N"), color=alt.Color("ink:N", scale=None))
    side = width - 110 if narrow else min(width - 160, 440)
    return _config(alt.layer(cells, names_layer, counts, width=side, height=side), width, {"records": records},
                   fit=False)


def chart_spec(data: ChartData, width: int) -> dict:
    """The Vega-Lite specification of the chart at the given width in pixels."""
    builders = {"bar": _bar, "grouped-bar": _grouped, "stacked-bar": _stacked, "line": _line, "bridge": _bridge,
                "dots": _dots, "heatmap": _heatmap}
    # Altair checks each part against the Vega-Lite schema as it is made, a third of a chart's cost; the parts
    # are this module's own, and the tests check the finished specifications against the schema.
    with debug_mode(False):
        return builders[data.chart.kind](data, width)
