"""Structure beyond the schema: cells of the right kind, page front matter, financial years as typed."""

from __future__ import annotations

from typing import Iterator

from site_gen.checks.completeness import PLACEHOLDER
from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.model.site import PageMeta
from site_gen.model.validate import validate_doc
from site_gen.rules import rule
from site_gen.years import normalise_id, normalise_year


def check_cells(ctx: CheckContext) -> Iterator[Finding]:
    """Finance cells hold numbers, except rating columns; text that is a placeholder is left to completeness."""
    if not ctx.loaded("finance"):
        return
    for ti, table in enumerate(ctx.data.finance.tables):
        for ri, row in enumerate(table.rows):
            for ci, value in enumerate(row.values[: len(table.columns)]):
                if not isinstance(value, str) or table.columns[ci].kind == "rating" or PLACEHOLDER.search(value):
                    continue
                hint = None
                if "," in value or "£" in value or "%" in value:
                    hint = "Write the number alone, without commas, £ or %: the table's unit is given once for the table."
                yield rule("wrong-type")(ctx.where("finance", "tables", ti, "rows", ri, "values", ci),
                                         f"'{value}' in '{row.label}' is not a number.", hint)


def check_front_matter(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        if page.front.data is None:
            continue
        _, findings = validate_doc(page.front, PageMeta)
        yield from findings


def _ref_like(text: str) -> bool:
    return "." in text and " " not in text


def check_year_forms(ctx: CheckContext) -> Iterator[Finding]:
    """A note wherever a financial year was written another way and read as the standard form."""
    for doc in ctx.docs.values():
        for path, text in doc.texts.items():
            year = normalise_year(text)
            if year and year != text:
                yield rule("year-normalised")(doc.location(path), f"'{text}' is read as the financial year {year}.")
            elif not year and (_ref_like(text) or path[-1:] == ("id",) or "-" in text and " " not in text):
                parts = text.split(".")
                fixed = [normalise_id(p) for p in parts]
                if fixed != parts:
                    yield rule("year-normalised")(
                        doc.location(path), f"'{text}' is read as '{'.'.join(fixed)}'.")


CHECKS = [check_cells, check_front_matter, check_year_forms]
