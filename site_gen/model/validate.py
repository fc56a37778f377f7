"""Turn source documents into the typed model, and pydantic's errors into findings at file:line."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from site_gen.findings import Finding, quoted
from site_gen.load.yaml_source import SourceDoc
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
