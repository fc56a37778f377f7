"""Structure beyond the schema: cells of the right kind, page front matter, financial years as typed."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import TypeAdapter, ValidationError

from site_gen.checks.completeness import PLACEHOLDER
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.findings import Finding, Location, quoted
from site_gen.load.yaml_source import SourceDoc
from site_gen.model.common import PlainText
from site_gen.model.finance import not_applicable
from site_gen.model.site import PageMeta
from site_gen.model.validate import validate_doc
from site_gen.not_stated import is_not_stated
from site_gen.render.titles import first_heading
from site_gen.rules import rule
from site_gen.years import normalise_id, normalise_year


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def check_cells(ctx: CheckContext) -> Iterator[Finding]:
    """Finance cells hold numbers, except in rating and text columns and marks such as n/a. Read from the raw file, so a figure typed
    as text is reported in the same run as any other problem in the file; text that is a
    placeholder is left to the completeness check."""
    doc = ctx.docs.get("finance")
    if doc is None or not isinstance(doc.data, dict):
        return
    for ti, table in enumerate(_as_list(doc.data.get("tables"))):
        if not isinstance(table, dict):
            continue
        kinds = [c.get("kind", "value") if isinstance(c, dict) else "value" for c in _as_list(table.get("columns"))]
        for ri, row in enumerate(_as_list(table.get("rows"))):
            if not isinstance(row, dict):
                continue
            for ci, value in enumerate(_as_list(row.get("values"))[: len(kinds)]):
                if (not isinstance(value, str) or is_not_stated(value) or kinds[ci] in ("rating", "text")
                        or PLACEHOLDER.search(value)
                        or not_applicable(value)):
                    continue
                hint = None
                if "," in value or "£" in value or "%" in value:
                    hint = "Write the number alone, without commas, £ or %: the table's unit is given once for the table."
                yield rule("wrong-type")(doc.location(("tables", ti, "rows", ri, "values", ci)),
                                         f"{quoted(value)} in '{row.get('label', row.get('id', 'this row'))}' is not a number.", hint)


def check_front_matter(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        if page.front.data is None:
            continue
        _, findings = validate_doc(page.front, PageMeta)
        yield from findings


def check_heading_titles(ctx: CheckContext) -> Iterator[Finding]:
    """A page without a title in its front matter takes its first # heading as its title, which the menu
    of every page shows as text: it is held to the same rule as a title typed in the front matter."""
    for page in ctx.pages:
        if isinstance(page.front.data, dict) and page.front.data.get("title"):
            continue
        heading = first_heading(page)
        if heading is None:
            continue
        try:
            TypeAdapter(PlainText).validate_python(heading[1])
        except ValidationError as err:
            yield rule("invalid-value")(Location(page.file, heading[0]), f"The page's title, taken from this heading, "
                                        f"cannot be shown as it is. {err.errors()[0]['msg']}")


# Fields the model reads as financial years, and fields holding ids or references that may start
# with one; free text keeps whatever the author wrote, so it gets no note.
YEAR_FIELDS = frozenset({"year", "start", "end"})
ID_FIELDS = frozenset({"id", "ref", "sums", "part", "whole", "data"})


def check_year_forms(ctx: CheckContext) -> Iterator[Finding]:
    """A note wherever a financial year was written another way and read as the standard form."""
    for doc in ctx.docs.values():
        yield from _YEAR_FORMS.get(doc.digest, lambda doc=doc: list(_year_forms(doc)))


_YEAR_FORMS = Kept()  # each data file's notes, by its sealed document (checks/kept.py)


def _year_forms(doc: SourceDoc) -> Iterator[Finding]:
    for path, text in doc.texts.items():
        field = next((p for p in reversed(path) if isinstance(p, str)), None)
        if field in YEAR_FIELDS:
            year = normalise_year(text)
            if year and year != text:
                yield rule("year-normalised")(doc.location(path), f"'{text}' is read as the financial year {year}.")
        elif field in ID_FIELDS:
            parts = text.split(".")
            fixed = [normalise_id(p) for p in parts]
            if fixed != parts:
                yield rule("year-normalised")(doc.location(path), f"'{text}' is read as '{'.'.join(fixed)}'.")


CHECKS = [check_cells, check_front_matter, check_heading_titles, check_year_forms]
