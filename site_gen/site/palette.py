"""The site's colours: NHS identity colours, and every text and background pair they are used in,
so that contrast can be proved rather than hoped for."""

from __future__ import annotations

# NHS identity colours (service-manual.nhs.uk colour guidance).
NHS_BLUE = "#005eb8"
NHS_DARK_BLUE = "#003087"
NHS_BLACK = "#212b32"
NHS_DARK_GREY = "#425563"
NHS_PALE_GREY = "#e8edee"
NHS_WHITE = "#ffffff"
NHS_WARM_YELLOW = "#ffb81c"
NHS_DARK_GREEN = "#006747"
NHS_DARK_RED = "#8a1538"
NHS_ORANGE_DARK = "#8a4b00"
# Pale tints behind the words of a tag (a status or rating), each with its dark colour as the text.
TINT_GREEN = "#d5ebe2"
TINT_RED = "#f6d7d8"
TINT_AMBER = "#fff1cc"
BORDER_GREY = "#d8dde0"  # the edge of a card or summary list: decoration, not text

# Material for MkDocs reads its colours from these custom properties.
VARIABLES = {
    "--md-primary-fg-color": NHS_BLUE,
    "--md-primary-fg-color--light": NHS_BLUE,
    "--md-primary-fg-color--dark": NHS_DARK_BLUE,
    "--md-primary-bg-color": NHS_WHITE,
    "--md-primary-bg-color--light": NHS_WHITE,
    "--md-accent-fg-color": NHS_DARK_BLUE,
    "--md-accent-fg-color--transparent": "#00308719",
    "--md-typeset-a-color": NHS_BLUE,
    "--md-default-fg-color": NHS_BLACK,
    "--md-default-fg-color--light": NHS_DARK_GREY,
    "--md-default-fg-color--lighter": NHS_DARK_GREY,
    "--md-default-bg-color": NHS_WHITE,
    "--md-footer-bg-color": NHS_DARK_BLUE,
    "--md-footer-bg-color--dark": NHS_BLACK,
    "--md-footer-fg-color": NHS_WHITE,
    "--md-footer-fg-color--light": NHS_WHITE,
    "--md-footer-fg-color--lighter": NHS_PALE_GREY,
    "--plan-banner-bg": NHS_WARM_YELLOW,
    "--plan-banner-fg": NHS_BLACK,
    "--plan-green": NHS_DARK_GREEN,
    "--plan-red": NHS_DARK_RED,
    "--plan-amber": NHS_ORANGE_DARK,
    "--plan-green-tint": TINT_GREEN,
    "--plan-red-tint": TINT_RED,
    "--plan-amber-tint": TINT_AMBER,
    "--plan-grey-tint": NHS_PALE_GREY,
    "--plan-border": BORDER_GREY,
}

# (what, text colour, background colour): every pairing the stylesheet uses for text.
TEXT_PAIRS = [
    ("body text", NHS_BLACK, NHS_WHITE),
    ("secondary text", NHS_DARK_GREY, NHS_WHITE),
    ("links", NHS_BLUE, NHS_WHITE),
    ("header text", NHS_WHITE, NHS_BLUE),
    ("footer text", NHS_WHITE, NHS_DARK_BLUE),
    ("footer small print", NHS_PALE_GREY, NHS_DARK_BLUE),
    ("footer bottom bar", NHS_WHITE, NHS_BLACK),
    ("lifecycle banner", NHS_BLACK, NHS_WARM_YELLOW),
    ("table total rows", NHS_BLACK, NHS_PALE_GREY),
    ("green tag", NHS_DARK_GREEN, TINT_GREEN),
    ("red tag", NHS_DARK_RED, TINT_RED),
    ("amber tag", NHS_ORANGE_DARK, TINT_AMBER),
    ("grey tag", NHS_BLACK, NHS_PALE_GREY),
]

AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")[:6]
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The variables an organisation's accent colour takes over: the header, links and highlights.
ACCENT_VARIABLES = ("--md-primary-fg-color", "--md-primary-fg-color--light", "--md-typeset-a-color")


def palette_css(accent: str | None = None) -> str:
    variables = {**VARIABLES, **{name: accent for name in ACCENT_VARIABLES if accent}}
    lines = [f"  {name}: {value};" for name, value in variables.items()]
    return ":root, [data-md-color-scheme=default] {\n" + "\n".join(lines) + "\n}\n"


# Chart colours: the Analysis Function's categorical palette, in its own order, which alternates dark and
# mid tones so that every colour has at least 3:1 contrast with white and with the colour beside it.
CHART_SERIES = ["#12436d", "#28a197", "#801650", "#f46a25", "#3d3d3d", "#a285d1"]
CHART_SINGLE = NHS_BLUE
CHART_TEXT = NHS_BLACK
CHART_AXIS = NHS_DARK_GREY
CHART_GRID = "#d8dde0"  # light rules behind the marks: decoration, hidden from assistive technology
# A risk band's fill and the text on it (every pair at least 4.5:1); the band's name is written in the cell.
BAND_COLOURS = [("#e8edee", NHS_BLACK), (NHS_WARM_YELLOW, NHS_BLACK), ("#ed8b00", NHS_BLACK), (NHS_DARK_RED, NHS_WHITE)]
# Liberation Sans has the metrics of Arial: charts are measured in it, and a reader without it sees Arial,
# which takes the same room.
CHART_FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
