"""The one-sentence summary under each chart, written from its figures in plain English: pure."""

from __future__ import annotations

from decimal import Decimal

from site_gen.charts.data import ChartData
from site_gen.render.formatting import figure_text


def figure_words(value, unit: str) -> str:
    """A chart's figure in words, by its unit (a heat map counts risks)."""
    return "" if value is None else figure_text(value, "count" if unit == "risks" else unit)


def _extremes(data: ChartData, series: str) -> tuple[str, str] | None:
    known = [(data.value(c, series), c) for c in data.categories if data.value(c, series) is not None]
    if len(known) < 2:
        return None
    (high, high_at), (low, low_at) = max(known), min(known)
    return (f"{high_at} is the largest, at {figure_words(high, data.unit)}",
            f"{low_at} is the smallest, at {figure_words(low, data.unit)}")


def _bar(data: ChartData) -> str:
    found = _extremes(data, data.series[0])
    return f"{found[0]}; {found[1]}." if found else "There is only one figure."


def _grouped(data: ChartData) -> str:
    totals = [(sum((data.value(c, s) or 0) for c in data.categories), s) for s in data.series]
    said = ", ".join(f"{s} {figure_words(t, data.unit)}" for t, s in totals)
    found = _extremes(data, data.series[-1])
    return f"In total: {said}." + (f" For {data.series[-1]}: {found[0]}." if found else "")


def _stacked(data: ChartData) -> str:
    totals = [(sum((data.value(c, s) or 0) for s in data.series), c) for c in data.categories]
    (high, high_at), (low, low_at) = max(totals), min(totals)
    return (f"{high_at} has the largest total, {figure_words(high, data.unit)}; {low_at} the smallest, "
            f"{figure_words(low, data.unit)}.")


def _line(data: ChartData) -> str:
    parts = []
    for series in data.series:
        points = [(c, data.value(c, series)) for c in data.categories if data.value(c, series) is not None]
        if len(points) < 2:
            continue
        (first_at, first), (last_at, last) = points[0], points[-1]
        trend = "rise" if last > first else "fall" if last < first else "stay level"
        subject = f"{series} figures" if len(data.series) > 1 else "The figures"
        parts.append(f"{subject} {trend} from {figure_words(first, data.unit)} in {first_at} to {figure_words(last, data.unit)} "
                     f"in {last_at}")
    sentence = "; ".join(parts) + "." if parts else "There are not enough figures to show a trend."
    targets = [t for t in data.targets.values() if t is not None]
    if targets:
        sentence += f" The target is {figure_words(targets[-1], data.unit)}."
    return sentence


def _bridge(data: ChartData) -> str:
    series = data.series[0]
    first, last = data.categories[0], data.categories[-1]
    steps = [(abs(Decimal(data.value(c, series) or 0)), c, data.value(c, series) or 0) for c in data.categories[1:-1]]
    _, biggest_at, biggest = max(steps)
    return (f"{first}, {figure_words(data.value(first, series), data.unit)}, becomes {last}, "
            f"{figure_words(data.value(last, series), data.unit)}; the biggest step is {biggest_at}, "
            f"{figure_words(biggest, data.unit)}.")


def _dots(data: ChartData) -> str:
    series = data.series[0]
    pairs = [(c, data.value(c, series), data.targets.get(c)) for c in data.categories]
    pairs = [(c, v, t) for c, v, t in pairs if v is not None and t is not None]
    met = [c for c, v, t in pairs if v >= t]
    short = [(t - v, c, v, t) for c, v, t in pairs if v < t]
    sentence = f"{len(met)} of {len(pairs)} reach their target."
    if short:
        gap, at, value, target = max(short)
        sentence += (f" The largest gap is {at}: {figure_words(value, data.unit)} against a target of "
                     f"{figure_words(target, data.unit)}.")
    return sentence


def _heatmap(data: ChartData) -> str:
    by_band: dict[str, int] = {}
    for (impact, likelihood), count in data.values.items():
        if count:
            band = data.band(data.score(impact, likelihood))
            by_band[band] = by_band.get(band, 0) + int(count)
    total = sum(by_band.values())
    order = [name for _, _, name in reversed(data.bands) if name in by_band]
    parts = ", ".join(f"{by_band[name]} {name.lower()}" for name in order)
    return f"Of {total} {'risk' if total == 1 else 'risks'} placed by likelihood and impact: {parts}."


def summary(data: ChartData) -> str:
    builders = {"bar": _bar, "grouped-bar": _grouped, "stacked-bar": _stacked, "line": _line, "bridge": _bridge,
                "dots": _dots, "heatmap": _heatmap}
    return builders[data.chart.kind](data)
