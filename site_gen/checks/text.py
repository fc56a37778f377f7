"""The readable text of a page and of the data, for checks that read prose (placeholders, acronyms, money)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from site_gen.checks.kept import Kept, joined
from site_gen.checks.spans import Spans, until
from site_gen.findings import Location
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc
from site_gen.not_stated import NotStated

# Parts of a Markdown line that are not prose: macros, inline code, link targets, HTML comments, addresses.
_NOT_PROSE = Spans((
    (r"\{\{", until("}}")),
    (r"\{%", until("%}")),
    (r"`", until("`")),
    (r"\]\(", until(")")),
    (r"<!--", until("-->")),
    (r"<https?://", until(">")),
    (r"https?://\S+", None),
))


def _blank(part: str) -> str:
    return " " * len(part)


def narrative_lines(page: SourcePage) -> tuple[tuple[int, str], ...]:
    """(file line number, prose) for each body line, with non-prose blanked so columns stay true."""
    return narrative_lines_of(page.body, page.body_line)


@lru_cache(maxsize=4096)
def narrative_lines_of(body: str, body_line: int) -> tuple[tuple[int, str], ...]:
    # Several checks read each page's lines: they are worked out once per page, not once per check.
    fenced = False
    lines = []
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((body_line + offset, _NOT_PROSE.sub(_blank, line)))
    return tuple(lines)


def data_strings(doc: SourceDoc, skip_keys: frozenset[str] = frozenset()) -> tuple[tuple[tuple, str], ...]:
    """(path, text) for each string value in a data document, leaving out strings whose field (the
    nearest key above them) is one of skip_keys, such as ids and references. Several checks read them,
    and the preview checks again after each edit: a sealed document's are worked out once."""
    key = joined(doc.digest, skip_keys)
    return _STRINGS.get(key, lambda: tuple(_data_strings(doc, skip_keys)))


_STRINGS = Kept()


def _data_strings(doc: SourceDoc, skip_keys: frozenset[str]) -> Iterator[tuple[tuple, str]]:
    def walk(node, path: tuple, field: str | None):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, path + (key,), key)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,), field)
        elif isinstance(node, NotStated):
            if node.printed and field not in skip_keys:
                yield path, node.printed  # what the plan prints in the value's place: a TBC there is still a TBC
        elif isinstance(node, str) and field not in skip_keys:
            yield path, node
    yield from walk(doc.data, (), None)


class Placer:
    """Finds the lines of words inside one data value, taken in the order they come in it: each is looked
    for from where the one before it was found. SourceDoc.locate reads from the field every time, which
    for every sentence of a long value took time growing with the square of its length.

    A word that is not in the source as written (an escape such as \\u00e9, a phrase broken over two
    lines) is placed at its field. Each such miss reads to the end of the value, so after a few the rest
    are placed at the field without looking."""

    MOST_MISSES = 20

    def __init__(self, doc: SourceDoc, path: tuple) -> None:
        self.doc = doc
        self.field = doc.location(path)
        self.first = self.field.line - doc.first_line  # the field's index in doc.lines
        self.line, self.col = self.first, 0  # where the last word was found
        self.base = doc.indent(self.first)
        self.misses = 0 if self.field.file == doc.file and doc.lines else self.MOST_MISSES

    def place(self, word: str) -> Location:
        if self.misses >= self.MOST_MISSES:
            return self.field
        for index in range(max(self.line, 0), len(self.doc.lines)):
            line = self.doc.lines[index]
            if index > self.first and line.strip() and len(line) - len(line.lstrip()) <= self.base:
                break  # back at the field's own indentation or less: the value has ended (as in SourceDoc.locate)
            column = line.find(word, self.col if index == self.line else 0)
            if column >= 0:
                self.line, self.col = index, column + len(word)  # the next word comes after this one
                return Location(self.doc.file, index + self.doc.first_line, column + 1)
        self.misses += 1
        return self.field
