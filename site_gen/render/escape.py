"""Data text made safe to place in generated Markdown.

Generated pages are Markdown templates, so a plan's data lands in Markdown as well as in HTML. HTML
escaping alone would still let text such as [a](javascript:..), ![](https://tracker/x.gif) or
{ onclick=... } become a link, an image or an attribute. Each character that can start Markdown
syntax is written as an HTML character reference instead: Markdown leaves those alone, and browsers
show the character itself, in Markdown and HTML parts of the page alike.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

# One pass over the text, so that no reference written here is itself rewritten: HTML's own specials
# and every character that can start Markdown syntax.
_TABLE = str.maketrans({char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]()!#|~^"})


def markdown_text(value: Any) -> Any:
    """What a template prints for value: Markup as it is; any other text HTML-escaped and with its
    Markdown syntax neutralised."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(value.translate(_TABLE))
