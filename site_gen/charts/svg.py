"""Vega-Lite to SVG with vl-convert, cached by the specification's hash, then made accessible: the
SVG is one image with a title and a description, its drawing hidden from assistive technology, and
its ids prefixed so that two charts on one page never clash."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from html import escape
from pathlib import Path

from site_gen.sealed import read_sealed, write_sealed

_ID = re.compile(r'\bid="([^"]+)"')
# A font configuration that names one empty folder: fontconfig then offers no fonts of the machine's own.
_NO_FONTS = """<?xml version="1.0"?>
<fontconfig><dir>{folder}</dir></fontconfig>
"""
_FIRST_DRAWING = {"data": {"values": [{"a": 1}]}, "mark": "text", "encoding": {"text": {"field": "a"}}}
_starting = threading.Lock()


@cache
def _converter():
    """vl-convert, measuring text with the Liberation Sans built into it (the metrics of Arial, and of the
    fonts the PDFs use). Left to itself it also loads the machine's fonts, and picks their Liberation Sans,
    which it opens and maps from disk again for every label it measures: a thousand times a chart, more
    than half of the time a drawing took. Its built-in fonts are kept in memory, and draw the same bytes.
    The list of fonts is made once, at the first drawing, from what fontconfig names; so for that drawing
    only, fontconfig is pointed at an empty folder. The setting is put back at once: other programs this
    process starts (a browser, say) must see the machine's fonts."""
    with _starting, tempfile.TemporaryDirectory(prefix="site-gen-fonts-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_text(_NO_FONTS.format(folder=escape(folder)), encoding="utf-8")
        saved = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            import vl_convert

            vl_convert.vegalite_to_svg(_FIRST_DRAWING)
        finally:
            if saved is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = saved
    return vl_convert


@cache
def _drawing_code() -> list[str]:
    """The versions of everything that turns figures into a drawing, and the text of site_gen's own
    drawing code, so that any change to how charts are drawn draws them again."""
    from importlib.metadata import version
    from importlib.util import find_spec

    from site_gen import __version__

    # Read from their files, not imported: the drawing code loads Altair, which only a drawing needs.
    sources = [Path(find_spec(name).origin).read_bytes() for name in ("site_gen.charts.spec", "site_gen.site.palette")]
    return [__version__, *(version(name) for name in ("altair", "vl-convert-python")),
            *(hashlib.sha256(source).hexdigest() for source in sources)]


def render_key(*parts: object) -> str:
    """A name for a render, from everything that decides how it looks. The specification is worked out
    from exactly these (the chart, its figures, the width and the code that draws it), so a cached
    render is found without building the specification again."""
    versions = _drawing_code()
    text = json.dumps([versions, *parts], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def render_svg(key: str, make_spec: Callable[[], dict], cache_dir: Path | None) -> str:
    """The SVG of the specification make_spec gives; a cached render when this key was drawn before, and
    sealed by this user's site_gen (sealed.py): a drawing is put into the page as it is, so one planted in
    build/ must never be."""
    kept = read_sealed(cache_dir / f"{key}.svg") if cache_dir else None
    if kept is not None:
        return kept.decode("utf-8")
    svg = _converter().vegalite_to_svg(make_spec())
    if cache_dir:
        write_sealed(cache_dir / f"{key}.svg", svg.encode("utf-8"))
    return svg


@lru_cache(maxsize=1024)  # the preview asks again for every chart on a page it kept (render/page_cache.py)
def accessible_svg(svg: str, prefix: str, title: str, description: str) -> str:
    """The chart as one image: role="img", a <title> and a <desc>, every part of the drawing hidden from
    assistive technology, ids prefixed with the chart's own."""
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})").replace(
            f'href="#{old}"', f'href="#{new}"')
    svg = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "", svg)
    svg = svg.replace('<g ', '<g aria-hidden="true" ', 1)
    open_end = svg.index(">", svg.index("<svg")) + 1
    opening = svg[:open_end].replace(
        "<svg ", f'<svg role="img" aria-labelledby="{prefix}-title {prefix}-desc" focusable="false" ', 1)
    return (f'{opening}<title id="{prefix}-title">{escape(title)}</title>'
            f'<desc id="{prefix}-desc">{escape(description)}</desc>{svg[open_end:]}')
