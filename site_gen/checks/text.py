"""The readable text of a page and of the data, for checks that read prose (placeholders, acronyms, money)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc

# Parts of a Markdown line that are not prose: macros, inline code, link targets, HTML comments.
_NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\]\([^)]*\)|<!--.*?-->|<https?://[^>]*>|https?://\S+")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def narrative_lines(page: SourcePage) -> Iterator[tuple[int, str]]:
    """(file line number, prose) for each body line, with non-prose blanked so columns stay true."""
    fenced = False
    for offset, line in enumerate(page.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        yield page.body_line + offset, _NOT_PROSE.sub(_blank, line)


def data_strings(doc: SourceDoc, skip_keys: frozenset[str] = frozenset()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for each string value in a data document, leaving out strings whose field (the
    nearest key above them) is one of skip_keys, such as ids and references."""
    def walk(node, path: tuple, field: str | None):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, path + (key,), key)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,), field)
        elif isinstance(node, str) and field not in skip_keys:
            yield path, node
    yield from walk(doc.data, (), None)
