"""Acronyms from the glossary expanded wherever a page's text uses them, as <abbr title="...">.

This works on the finished HTML of each page, so acronyms in tables and other HTML that macros and
generated pages write are expanded too, not only those in Markdown paragraphs.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

# Text inside these is code, an existing expansion, or not text a reader sees.
_SKIPPED = ("abbr", "code", "pre", "script", "style", "svg", "title", "textarea")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


@lru_cache(maxsize=8)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for all the glossary's acronyms, made once per glossary rather than once per page."""
    if not terms:
        return None
    # Longest first, so "A&E" wins over "A"; a plural "s" stays outside the <abbr>.
    escaped = sorted((re.escape(html.escape(term, quote=False)) for term in terms), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(" + "|".join(escaped) + r")(?=s?\b|s?[^\w])")


def expand_abbreviations(page: str, abbreviations: dict[str, str]) -> str:
    pattern = _pattern(tuple(sorted(abbreviations)))
    if pattern is None:
        return page
    titles = {html.escape(term, quote=False): html.escape(expansion) for term, expansion in abbreviations.items()}
    out: list[str] = []
    skipping: list[str] = []
    for part in _TAG.split(page):
        if part.startswith("<"):
            match = _TAG_NAME.match(part)
            name = match.group(1).lower() if match else ""
            if name in _SKIPPED and not part.endswith("/>"):
                if part.startswith("</"):
                    if name in skipping:
                        skipping.remove(name)
                else:
                    skipping.append(name)
            out.append(part)
        elif skipping or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(lambda m: f'<abbr title="{titles[m.group(1)]}">{m.group(1)}</abbr>', part))
    return "".join(out)
