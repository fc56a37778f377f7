"""The lifecycle watermark (DRAFT, SUPERSEDED) as a drawing of its letters' outlines, not as text: a sheet's
text, copied or read out, never picks up its letters, whatever the reader does with artifacts."""

from __future__ import annotations

from functools import cache
from html import escape

from site_gen.pdf.stamp import bold_font_file

COLOUR = "#e8edee"
ANGLE = -35  # degrees: across the sheet, bottom left to top right
LONGEST = 0.78  # of the sheet's diagonal that the word may take
TALLEST = 0.3  # of the sheet's width that a letter may be high


@cache
def _outline(text: str) -> tuple[str, float, float]:
    """The SVG path of the text in Liberation Sans Bold, in font units with y upwards, its advance width
    and the height of its capitals."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(bold_font_file()))
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    x = 0.0
    parts = []
    for character in text:
        name = cmap.get(ord(character), ".notdef")
        pen = SVGPathPen(glyphs)
        glyphs[name].draw(pen)
        commands = pen.getCommands()
        if commands:
            parts.append(f'<path transform="translate({x:.0f} 0)" d="{escape(commands)}"/>')
        x += glyphs[name].width
    capitals = getattr(font["OS/2"], "sCapHeight", 0) or font["head"].unitsPerEm * 0.7
    return "".join(parts), x, float(capitals)


def watermark_svg(text: str, width_mm: float, height_mm: float) -> str:
    """A sheet-sized drawing of the word, centred and tilted."""
    paths, advance, capitals = _outline(text)
    diagonal = (width_mm ** 2 + height_mm ** 2) ** 0.5
    scale = min(LONGEST * diagonal / max(advance, 1.0), TALLEST * width_mm / max(capitals, 1.0))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
            f'viewBox="0 0 {width_mm} {height_mm}">'
            f'<g fill="{COLOUR}" transform="translate({width_mm / 2:.2f} {height_mm / 2:.2f}) rotate({ANGLE}) '
            f'scale({scale:.5f} {-scale:.5f}) translate({-advance / 2:.1f} {-capitals / 2:.1f})">{paths}</g></svg>')
