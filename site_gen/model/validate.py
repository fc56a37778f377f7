"""Turn source documents into the typed model, and pydantic's errors into findings at file:line."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from site_gen.findings import Finding, quoted
from site_gen.load.yaml_source import Path, SourceDoc
from site_gen.not_stated import NotStated, mark_not_stated
from site_gen.rules import rule

_WRONG_TYPE_WORDS = {
    "list_type": "a list (lines starting with -)",
    "dict_type": "a block of named fields",
    "model_type": "a block of named fields",
    "model_attributes_type": "a block of named fields",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "money": "an amount of money",
}


def _data_path(loc: tuple, data: Any) -> tuple:
    """The part of pydantic's location that exists in the data; the rest names union branches."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        path.append(part)
    return tuple(path)


def _field_name(loc: tuple) -> str:
    names = [p for p in loc if isinstance(p, str) and p not in _UNION_TAGS]
    return names[-1] if names else "this file"


# Errors whose message is already written for the plan's authors.
_OWN_MESSAGES = {"financial_year", "web_address", "tracking", "number_range", "email", "link",
                 "wcag_criterion", "file_path", "plain_text"}
_PATTERN_WORDS = {
    "version": "a version number. Write it like 0.3 or 2.1",
    "accent_colour": "a colour. Write it as # and six letters or digits, like #005eb8",
}
_LIMITS = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than",
           "less_than": "less than"}

_UNION_TAGS = {"decimal", "int", "str", "none", "float", "bool", "list", "dict"}


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at loc (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _finding(error: dict, doc: SourceDoc, model: type[BaseModel]) -> tuple[tuple, Finding]:
    kind = error["type"]
    loc = tuple(error["loc"])
    path = _data_path(loc, doc.data)
    where = doc.location(path)
    name = _field_name(loc)
    given = error.get("input")
    if isinstance(given, NotStated):
        return path, rule("invalid-value")(
            where, f"'{name}' is part of how the data is laid out, not a fact from the plan, so it cannot be recorded "
            "as not stated.", "Give it a value (an id or a list can be named as you like), or leave the field out "
            "if it is optional.")
    if kind == "missing":
        owner = _field_name(loc[:-1]) if len(loc) > 1 else None
        return path + (name, "missing"), rule("missing-field")(
            where, f"The required field '{name}' is missing" + (f" from this {owner} entry." if owner else "."))
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        return path, rule("unknown-field")(
            where, f"'{name}' is not a field here.{guess}",
            f"Use one of: {', '.join(allowed)}." if allowed else None)
    if kind in ("date_value", "date_format"):
        return path, rule("invalid-date")(where, f"{error['msg']}.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return path, rule("invalid-date")(where, f"'{given}' in '{name}' is not a real date.")
    if kind == "number_not_bool":
        return path, rule("wrong-type")(where, f"'{name}' must be a number, but here it is {_describe(given)}.")
    if kind in _OWN_MESSAGES:
        return path, rule("invalid-value")(where, error["msg"].rstrip(".") + ".")
    if kind == "string_pattern_mismatch":
        if name in _PATTERN_WORDS:
            return path, rule("invalid-value")(where, f"'{given}' is not {_PATTERN_WORDS[name]}.")
        return path, rule("invalid-id")(where, f"'{given}' cannot be an id: use lower-case letters, digits and dashes.")
    if kind == "string_too_short":
        return path, rule("invalid-value")(where, f"'{name}' is empty.", "Write the text, or leave the field out if it is optional.")
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        return path, rule("invalid-value")(where, f"'{name}' needs at least {least} entr{'y' if least == 1 else 'ies'}.")
    if kind in _LIMITS:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return path, rule("invalid-value")(where, f"'{name}' is {given}, but it must be {_LIMITS[kind]} {limit}.")
    if kind in _WRONG_TYPE_WORDS:
        return path, rule("wrong-type")(
            where, f"'{name}' must be {_WRONG_TYPE_WORDS[kind]}, but here it is {_describe(given)}.")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return path, rule("invalid-value")(where, f"'{given}' is not allowed for '{name}'. Use one of: {expected}.",
                                           "Use one of the values listed in the message.")
    return path, rule("invalid-value")(where, f"'{name}': {error['msg']}.")


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of fields"
    if value is None:
        return "empty"
    return quoted(value)


def _place(doc: SourceDoc, path: Path) -> str:
    """A value recorded as not stated, as a message names it: a table's cell by its row and column."""
    if len(path) == 6 and path[0] == "tables" and path[4] == "values":
        table = doc.data["tables"][path[1]]
        row = table["rows"][path[3]]
        columns = table.get("columns") if isinstance(table.get("columns"), list) else []
        column = columns[path[5]] if path[5] < len(columns) and isinstance(columns[path[5]], dict) else {}
        return (f"the figure for '{row.get('label', row.get('id', 'this row'))}'"
                + (f" in the column '{column['label']}'" if isinstance(column.get("label"), str) else ""))
    names = [part for part in path if isinstance(part, str)]
    field_name = names[-1].replace("_", " ") if names else "value"
    if len(path) >= 2 and isinstance(path[-2], str) and isinstance(path[-1], str):
        field_name = f"{path[-2].replace('_', ' ')} {field_name}"  # a field of a block: the target value
    for length in range(len(path) - 1, 0, -1):  # the nearest entry that has a name, as readers know it
        entry = _node(doc.data, path[:length])
        named = next((entry[key] for key in _NAMES if isinstance(entry, dict) and isinstance(entry.get(key), str)), None)
        if named:
            return f"the {field_name} of '{named}'"
    return f"its {field_name}" if len(path) == 1 else f"the {field_name}"


_NAMES = ("label", "name", "title", "term", "id")


def record_not_stated(doc: SourceDoc) -> list[Finding]:
    """Mark every value typed as not stated in a data file (in place) and give a warning at each: the plan is
    silent there, and the site says so."""
    return not_stated_marks(doc)[1]


Marks = tuple[tuple[tuple, NotStated], ...]


def not_stated_marks(doc: SourceDoc) -> tuple[Marks, list[Finding]]:
    """record_not_stated, also giving each mark made and where, so that the same marks can be put into another
    copy of the same document (put_marks) without reading it all again."""
    marks, findings = [], []
    for path, mark in mark_not_stated(doc.data):
        marks.append((path, mark))
        printed = f" (it prints {quoted(mark.printed)})" if mark.printed else ""
        findings.append(rule("not-stated")(doc.location(path), f"The plan does not state {_place(doc, path)}{printed}."))
    return tuple(marks), findings


def put_marks(doc: SourceDoc, marks: Marks) -> None:
    """Put marks not_stated_marks made into a copy of the same document as read."""
    for path, mark in marks:
        holder = doc.data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = mark


def validate_doc(doc: SourceDoc, model: type[BaseModel]) -> tuple[BaseModel | None, list[Finding]]:
    """The model built from the document, or None with one finding per problem found."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        return None, [rule("wrong-type")(doc.location(()), "This file must be a block of named fields, such as title: at the start of a line.")]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        findings: dict[tuple, Finding] = {}
        for error in err.errors():
            key, finding = _finding(error, doc, model)
            findings.setdefault(key, finding)
        return None, list(findings.values())


@dataclass(frozen=True)
class LeftOut:
    """An entry of a list (a finance row, a statistic, a measure) that could not be read, so it was left
    out of the model; the rest of its file is still checked."""

    path: Path  # where it is in the file as typed
    id: str | None  # its id, when it has one that is text
    parent_id: str | None  # the id of the entry holding its list (a finance row's table), if any

    @property
    def list_name(self) -> str:
        """The field of the list it sits in: rows, statistics, measures."""
        return str(self.path[-2])


@dataclass
class Entries:
    """A file read entry by entry: the model of what could be read, the findings, the entries left out,
    and for each list that lost entries, the index in the file of each entry that was kept (so that a
    check naming the nth row of the model is placed at the right line of the file)."""

    model: BaseModel | None
    findings: list[Finding]
    left_out: list[LeftOut] = field(default_factory=list)
    kept: dict[Path, list[int]] = field(default_factory=dict)

    def source_path(self, path: Path) -> Path:
        """A path into the model as the same path into the file."""
        out: list = []
        for part in path:
            kept = self.kept.get(tuple(out))
            if kept is not None and isinstance(part, int) and 0 <= part < len(kept):
                part = kept[part]
            out.append(part)
        return tuple(out)

    def lost_under(self, path: Path) -> list[LeftOut]:
        """The entries left out from inside the model's entry at path (every one, for the empty path)."""
        source = self.source_path(path)
        return [entry for entry in self.left_out if entry.path[:len(source)] == source]


def _node(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


# Lists read whole or not at all: every row's cells follow the order of a table's columns, and a scale
# (risk likelihood, impact, bands or ratings, delivery confidence) or the approvals record with one entry
# missing would make the checks that read it report false errors.
_WHOLE = frozenset({"columns", "approvals", "delivery_confidence", "likelihood", "impact", "bands", "rating"})


def _entry_of(path: Path, data: Any) -> Path | None:
    """The smallest entry holding path: the deepest block of fields that is an item of a list. A plain value
    in a list (a cell, an id under sums) is never one, nor an item of a list read whole (see _WHOLE): leaving
    it out would move the values after it or make other checks wrong."""
    for length in range(len(path), 1, -1):
        if (isinstance(path[length - 1], int) and path[length - 2] not in _WHOLE
                and isinstance(_node(data, path[:length]), dict)):
            return path[:length]
    return None


def _pruned(data: Any, left_out: set[Path]) -> tuple[Any, dict[Path, list[int]]]:
    """The data without the entries left out, and the file index of each entry kept in every list that lost some."""
    data = copy.deepcopy(data)
    kept: dict[Path, list[int]] = {}
    for path in sorted(left_out, key=len, reverse=True):  # inner entries first, while their outer paths still hold
        kept.setdefault(path[:-1], list(range(len(_node(data, path[:-1])))))
    for container in sorted(kept, key=len, reverse=True):
        items = _node(data, container)
        keep = [i for i in range(len(items)) if container + (i,) not in left_out]
        items[:] = [items[i] for i in keep]
        kept[container] = keep
    return data, kept


def _outermost(paths: set[Path]) -> list[Path]:
    """The entries left out that are not inside another one left out, in file order."""
    return sorted(p for p in paths if not any(p[:len(q)] == q and p != q for q in paths))


def _left_out(path: Path, data: Any) -> LeftOut:
    entry = _node(data, path)
    parent = _node(data, path[:-2]) if len(path) > 2 else None
    text_id = lambda block: block.get("id") if isinstance(block, dict) and isinstance(block.get("id"), str) else None  # noqa: E731
    return LeftOut(path, text_id(entry), text_id(parent))


def validate_entries(doc: SourceDoc, model: type[BaseModel]) -> Entries:
    """The model built from the document entry by entry: an entry of a list that cannot be read is reported
    and left out, and the rest is read again, until what remains can be read. Only when a problem lies
    outside every entry (a misspelt top-level field) is the whole file left unread."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        return Entries(*validate_doc(doc, model))
    findings: dict[tuple, Finding] = {}
    left_out: set[Path] = set()
    while True:
        pruned, kept = _pruned(data, left_out)
        try:
            built = model.model_validate(pruned)
        except ValidationError as err:
            more = _entries_at_fault(err, Entries(None, [], kept=kept), doc, model, left_out, findings)
            if more is None or more <= left_out:
                return Entries(None, list(findings.values()))
            left_out |= more
            continue
        return Entries(built, list(findings.values()), [_left_out(p, data) for p in _outermost(left_out)], kept)


def _entries_at_fault(err: ValidationError, pruning: Entries, doc: SourceDoc, model: type[BaseModel],
                      left_out: set[Path], findings: dict[tuple, Finding]) -> set[Path] | None:
    """Report each error once, at its place in the file, and return the entries that hold them; None when
    one lies outside every entry."""
    entries: set[Path] = set()
    outside = False
    for error in err.errors():
        loc = pruning.source_path(tuple(error["loc"]))
        path = _data_path(loc, doc.data)
        # A list left too short only because its entries were left out says nothing new: its entries'
        # own errors are already reported.
        if not (error["type"] == "too_short" and any(p[:-1] == path for p in left_out)):
            key, finding = _finding({**error, "loc": loc}, doc, model)
            findings.setdefault(key, finding)
        entry = _entry_of(path, doc.data)
        if entry is None:
            outside = True
        else:
            entries.add(entry)
    return None if outside else entries
