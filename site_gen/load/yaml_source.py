"""Strict, safe YAML reading that remembers where every value came from.

PyYAML's composer gives us a node tree with positions; we build plain Python values from it
ourselves so that the typing rules are ours, not YAML 1.1's: dates, yes/no and numbers with
leading zeros stay text, decimals become Decimal (which keeps the places typed: 0.20 stays 0.20),
and anchors, aliases, merge keys and tags are refused with a finding.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from site_gen.findings import Finding, Location
from site_gen.rules import rule

Path = tuple  # a path into the data: keys and list indexes

# libyaml's parser, where PyYAML was built with it, reads a plan's data about ten times faster than
# the pure-Python one, which keeps a preview rebuild quick; both give the same events and positions.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_LOADER):  # type: ignore[misc, valid-type]
    """The parser, with YAML 1.1's tag resolution (a handful of regular expressions tried on every value)
    left out: the kind of each value is decided by _scalar_value, from its text and quoting alone."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _TAGS[kind]


_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}
# Where an anchor (&), an alias (*) or a tag (!) could start: at the start of a value, after a space, a line's
# start or a bracket or comma. Text with none of these has none of them, and need not be read twice.
_MAY_HAVE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*!]")

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def value_at(data: Any, path: Path) -> Any:
    """The value at a path into a document's data; None where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@dataclass
class SourceDoc:
    """A YAML document as plain data, with the 1-based line and column of every value."""

    file: str
    data: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    # Parts of the data read from another file (a table's rows from a CSV): path prefix -> that file.
    origins: dict[Path, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the source text, for finding a word inside a long value
    first_line: int = 1  # the file's line number of lines[0] (front matter starts below its ---)
    # A digest of everything above, set once the plan is validated and no longer changes (checks/context.py):
    # what the checks keep their results for this document by, between checks in one process.
    digest: str | None = None
    # A digest of what a data file's document was read from, its text and any CSV files (load/loader.py).
    read_digest: str | None = None

    def content_digest(self) -> str:
        """A digest of the document as it now is."""
        content = (self.file, self.data, self.positions, self.texts, self.origins, self.lines, self.first_line)
        return hashlib.blake2b(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).hexdigest()

    def seal(self, digest: str | None = None) -> None:
        """Record the digest of the document as it now is (see digest): digest, when the caller worked it
        out already (from the document before a change that follows from it alone), else its content's."""
        self.digest = digest or self.content_digest()

    def location(self, path: Path = ()) -> Location:
        """Where a path is, or its nearest ancestor that exists (a missing field points at its parent)."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        line, col = self.positions.get(path, (1, 1))
        return Location(self._file_of(path), line, col)

    def locate(self, path: Path, word: str) -> Location:
        """Where word is inside the value at path: a long value spreads over lines below its field, and
        the line to show is the one with the word on it. Falls back to the field's own place."""
        where = self.location(path)
        if where.file != self.file or not self.lines:
            return where
        start = where.line - self.first_line
        base = self.indent(start)
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if index > start and line.strip() and len(line) - len(line.lstrip()) <= base:
                break  # back at the indentation of the field's own line or less: the value has ended
            column = line.find(word)
            if column >= 0:
                return Location(self.file, index + self.first_line, column + 1)
        return where

    def indent(self, index: int) -> int:
        """The indentation of lines[index]: a value's continuation lines are indented further than the line
        its field (or its list item's dash) starts on, however far along that line the value itself starts."""
        if not 0 <= index < len(self.lines):
            return 0
        line = self.lines[index]
        return len(line) - len(line.lstrip())

    def _file_of(self, path: Path) -> str:
        for length in range(len(path), 0, -1):
            if path[:length] in self.origins:
                return self.origins[path[:length]]
        return self.file

    def text(self, path: Path) -> str | None:
        return self.texts.get(tuple(path))


def _scalar_value(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.style:  # quoted or block scalars are always text (a plain one has no style: None, or "" from libyaml)
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python will read: no plan figure, so leave it as text
            return text
    if _DECIMAL.fullmatch(text):
        return Decimal(text)
    return text


def _pos(mark: yaml.Mark, line_offset: int) -> tuple[int, int]:
    return (mark.line + 1 + line_offset, mark.column + 1)


class _Builder:
    def __init__(self, file: str, line_offset: int) -> None:
        self.doc = SourceDoc(file)
        self.line_offset = line_offset
        self.findings: list[Finding] = []

    def loc(self, mark: yaml.Mark) -> Location:
        line, col = _pos(mark, self.line_offset)
        return Location(self.doc.file, line, col)

    def build(self, node: yaml.Node, path: Path, pos_mark: yaml.Mark) -> Any:
        self.doc.positions[path] = _pos(pos_mark, self.line_offset)
        if isinstance(node, yaml.ScalarNode):
            self.doc.texts[path] = node.value
            return _scalar_value(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), item.start_mark) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        first_seen: dict[str, yaml.Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(rule("wrong-type")(
                    self.loc(key_node.start_mark), "A key here is a list or block, not a name.",
                    "Keys are plain names followed by a colon, such as title:."))
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self.findings.append(rule("yaml-anchor")(
                    self.loc(key_node.start_mark), "This YAML uses a merge key (<<); the plan format does not allow it."))
                continue
            if key in first_seen:
                self.findings.append(rule("yaml-duplicate-key")(
                    self.loc(key_node.start_mark),
                    f"The key '{key}' appears twice in this block (first on line "
                    f"{first_seen[key].line + 1 + self.line_offset}); only one can be kept."))
                continue
            first_seen[key] = key_node.start_mark
            out[key] = self.build(value_node, path + (key,), key_node.start_mark)
        return out


def _refusals(text: str, file: str, line_offset: int) -> list[Finding]:
    """Anchors, aliases and explicit tags, found from the event stream before composing."""
    found: list[Finding] = []
    for event in yaml.parse(text, Loader=_LOADER):
        line, col = _pos(event.start_mark, line_offset)
        where = Location(file, line, col)
        if isinstance(event, yaml.AliasEvent):
            found.append(rule("yaml-anchor")(
                where, f"This YAML uses an alias (*{event.anchor}); the plan format does not allow anchors or aliases."))
        elif getattr(event, "anchor", None):
            found.append(rule("yaml-anchor")(
                where, f"This YAML defines an anchor (&{event.anchor}); the plan format does not allow anchors or aliases."))
        if getattr(event, "tag", None):
            found.append(rule("yaml-anchor")(
                where, f"This YAML uses the tag {event.tag.replace('tag:yaml.org,2002:', '!!')}; the plan format does not allow tags.",
                "Remove the tag; the format decides each value's kind."))
    return found


# PyYAML's parser terms, as what the author did and what to do: (words in its message, said, hint).
_EXPLANATIONS = [
    (("'\\t'",), "a tab character is used where only spaces may be", "Indent with spaces, not tabs."),
    # The pure-Python parser's words first, then libyaml's for the same slip.
    (("expected <block end>", "expected <block mapping start>", "did not find expected key",
      "did not find expected '-' indicator"),
     "this line is indented differently from the block it belongs to",
     "Line this up with the lines above it, check each name ends with a colon, and that quotes are closed."),
    (("could not find expected ':'",), "a line here has no colon after its name",
     "Line this up with the lines above it, check each name ends with a colon, and that quotes are closed."),
    (("mapping values are not allowed",), "a value here contains ': ', which YAML reads as a new field",
     "Put quotes around the value, or check the line is indented like the ones above it."),
    (("expected ',' or ']'", "expected ',' or '}'"),
     "a list or block in brackets is not closed",
     "Close the bracket, and check each item is separated by a comma."),
]
_TOO_DEEP = "The YAML here is nested too deeply to be a plan file."


def _explain(problem: str, opened_quote: bool) -> tuple[str, str]:
    if opened_quote:
        return "a quote opened here is never closed", "Add the closing quote at the end of the value."
    for needles, said, hint in _EXPLANATIONS:
        if any(needle in problem for needle in needles):
            return said, hint
    return problem.rstrip(".") or "unreadable YAML", rule("yaml-syntax").fix


# A name and its value with the colon left out, as in "- id primary-care": YAML reads the pair as one piece of
# text, and only the next line, which has a colon, looks wrong to it.
_NAME_WITHOUT_COLON = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+[^\s:#][^:#]*$")


def _colon_missing(text: str, mark: yaml.Mark) -> tuple[int, int, str] | None:
    """Where a colon was left out above the line YAML complains about: (0-based line, 0-based column, name)."""
    lines = text.split("\n")
    for index in range(mark.line - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            found = _NAME_WITHOUT_COLON.match(lines[index])
            if found is None:
                return None
            return index, len(found["indent"]) + len(found["name"]), found["name"]
    return None


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


# Results of reading YAML, by the text read: the preview reads every file again on each change, and most
# have not changed. Kept pickled, because callers add to a document (a table's rows from its CSV file), and
# no more than READ_KEPT_BYTES of texts and results, the least recently read dropped first.
_READ: OrderedDict[tuple[str, str, int], bytes] = OrderedDict()
READ_KEPT_BYTES = 96 * 1024 * 1024
_kept_bytes = 0


def parse_yaml(text: str, file: str, line_offset: int = 0) -> tuple[SourceDoc, list[Finding]]:
    """Read YAML text strictly. Never raises: problems come back as findings. Text read before in this
    process is not read again: a copy of what it gave is handed back."""
    global _kept_bytes
    key = (text, file, line_offset)
    kept = _READ.get(key)
    if kept is not None:
        _READ.move_to_end(key)
        return pickle.loads(kept)
    result = _read_yaml(text, file, line_offset)
    _READ[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    _kept_bytes += len(text) + len(_READ[key])
    while _kept_bytes > READ_KEPT_BYTES and len(_READ) > 1:
        (old_text, _, _), old = _READ.popitem(last=False)
        _kept_bytes -= len(old_text) + len(old)
    return result


def _read_yaml(text: str, file: str, line_offset: int) -> tuple[SourceDoc, list[Finding]]:
    try:
        refusals = _refusals(text, file, line_offset) if _MAY_HAVE_ANCHOR.search(text) else []
        node = yaml.compose(text, Loader=_Composer)
        if refusals:
            return SourceDoc(file), refusals
        builder = _Builder(file, line_offset)
        builder.doc.positions[()] = (1 + line_offset, 1)
        builder.doc.lines = text.split("\n")
        builder.doc.first_line = 1 + line_offset
        if node is not None:
            builder.doc.data = builder.build(node, (), node.start_mark)
        return builder.doc, builder.findings
    except yaml.MarkedYAMLError as err:
        # An unclosed quote is noticed far below; the place to look is where the quote opened.
        opened = "quoted scalar" in (err.context or "")
        mark = (err.context_mark if opened else None) or err.problem_mark or err.context_mark
        line, col = _pos(mark, line_offset) if mark else (1 + line_offset, 1)
        problem = err.problem or err.context or ""
        if mark and "cannot start any token" in problem and _char_at(text, mark) == "\t":
            problem = "found character '\\t'"  # libyaml does not name the character; a tab is the usual one
        said, hint = _explain(problem, opened)
        missing = (_colon_missing(text, mark) if mark and any(
            words in problem for words in ("mapping values are not allowed", "could not find expected ':'")) else None)
        if missing is not None:
            index, column, name = missing
            return SourceDoc(file), [rule("yaml-syntax")(
                Location(file, index + 1 + line_offset, column + 1),
                f"The YAML here cannot be read: is a colon missing after '{name}'?",
                f"Write a colon straight after the name, then a space: {name}: and its value.")]
        return SourceDoc(file), [rule("yaml-syntax")(Location(file, line, col), f"The YAML here cannot be read: {said}.", hint)]
    except yaml.YAMLError as err:
        return SourceDoc(file), [rule("yaml-syntax")(Location(file, 1 + line_offset, 1), f"The YAML cannot be read: {err}.")]
    except RecursionError:
        return SourceDoc(file), [rule("yaml-syntax")(
            Location(file, 1 + line_offset, 1), _TOO_DEEP,
            "Check the indentation: blocks inside blocks should go only a few levels deep.")]
