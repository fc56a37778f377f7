"""Finance tables kept as spreadsheet exports: a CSV file beside finance.yml supplies a table's rows.

The YAML keeps what a spreadsheet cannot say well (title, unit, columns and their kinds); the CSV
keeps the figures, so nobody retypes them. Rows are spliced into the finance document as if they
had been written in YAML, each value remembering its CSV row and column, so every check (totals,
cell types, references) works unchanged and its findings point into the CSV.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path, PurePosixPath

from site_gen.findings import Finding, Location
from site_gen.load.files import read_text
from site_gen.load.yaml_source import SourceDoc
from site_gen.project import Project
from site_gen.refs import suggest
from site_gen.rules import rule

# Headers with a meaning of their own; every other header names one of the table's columns.
ROW_FIELDS = ("id", "label", "kind", "sums", "part", "whole")
_LIST_FIELDS = ("sums", "part", "whole")
# At most 20 digits before the point: far beyond any plan's figure, and well inside what Python reads.
_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3}){0,6}|\d{1,20})(\.\d{1,20})?")
_SLUG = re.compile(r"[^a-z0-9]+")
CSV_HINT = "In a spreadsheet, save the sheet with Save As, choosing 'CSV UTF-8 (comma delimited)'."
# The most rows a table may have. Real plans' tables have tens of rows, and a table of 2,000 already runs to
# some 50 printed pages; past it, the rest of the file is not read, so checking stays quick.
MOST_ROWS = 2_000


def csv_number(text: str, brackets: bool) -> int | Decimal | str | None:
    """A spreadsheet cell as a figure: 1,234 and 12.50 (places kept) and, where the table uses them,
    (12.5) for a negative. Anything else stays text, so the cell-type check can say what is wrong."""
    text = text.strip()
    if not text:
        return None
    negative = brackets and text.startswith("(") and text.endswith(")")
    body = text[1:-1].strip() if negative else text
    if not _NUMBER.fullmatch(body):
        return text
    plain = body.replace(",", "")
    value: int | Decimal = Decimal(plain) if "." in plain else int(plain)
    return -value if negative else value


def cell_starts(line: str) -> list[int]:
    """The 1-based character column where each cell of one CSV line starts, so a finding's caret can
    point at the cell itself. Commas inside quotes do not split cells."""
    starts, quoted = [1], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return starts


def row_id(label: str) -> str:
    """An id for a row whose CSV has no id column: its label in lower case with dashes."""
    return _SLUG.sub("-", label.lower()).strip("-")


def _header_map(header: list[str], columns: list, file: str, starts: list[int]) -> tuple[dict[int, str | int], list[Finding]]:
    """Which CSV column holds what: a row field's name, or the index of the table column it fills.
    A header may name a table column by its id or its label."""
    by_name: dict[str, int] = {}
    for index, column in enumerate(columns):
        if isinstance(column, dict):
            for key in ("id", "label"):
                if isinstance(column.get(key), str | int):
                    by_name.setdefault(str(column[key]).strip().lower(), index)
    mapping: dict[int, str | int] = {}
    findings: list[Finding] = []
    for position, name in enumerate(header):
        key = name.strip().lower()
        target = key if key in ROW_FIELDS else by_name.get(key)
        at = Location(file, 1, starts[position] if position < len(starts) else 1)
        if target is not None and target in mapping.values():
            findings.append(rule("yaml-duplicate-key")(
                at, f"The heading '{name.strip()}' appears twice; only the first of these columns is read.",
                "Delete or rename one of the two columns."))
        elif target is not None:
            mapping[position] = target
        elif key:
            known = sorted({*ROW_FIELDS, *by_name})
            findings.append(rule("unknown-field")(
                at,
                f"The heading '{name.strip()}' is not one of the table's columns, so this column is not read."
                f"{suggest(key, known)}",
                "Make the heading match a column id or label in finance.yml, or add that column there."))
    if "label" not in mapping.values():
        findings.append(rule("missing-field")(
            Location(file, 1, 1), "This file has no 'label' column, so its rows have no names.",
            "Add a first column headed label, holding the name of each row."))
    for index, column in enumerate(columns):
        if index not in mapping.values() and isinstance(column, dict):
            findings.append(rule("missing-field")(
                Location(file, 1, 1), f"No column here is headed '{column.get('id')}', so that column of the table "
                "would be empty.", "Add the column, headed with the column's id or label from finance.yml."))
    return mapping, findings


def _splice(doc: SourceDoc, table_path: tuple, text: str, file: str, brackets: bool) -> list[Finding]:
    table = doc.data["tables"][table_path[-1]]
    columns = table.get("columns") if isinstance(table.get("columns"), list) else []
    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    try:
        header = next(reader, None)
        if header is None:
            return [rule("missing-field")(Location(file, 1, 1), "This file is empty, so the table has no rows.")]
        mapping, findings = _header_map(header, columns, file, cell_starts(lines[0]) if reader.line_num == 1 else [])
        rows: list[dict] = []
        previous = reader.line_num  # the last line read, so a row's own first line is the one after
        for line in reader:
            number, first = reader.line_num, previous + 1
            previous = number
            if not any(cell.strip() for cell in line):
                continue  # spreadsheets leave blank lines between blocks
            if len(rows) == MOST_ROWS:
                findings.append(rule("file-unreadable")(
                    Location(file, first, 1), f"This table has more than {MOST_ROWS:,} rows, the most a table may have, "
                    "so this row and those after it are not read or checked.",
                    "Split the table into smaller tables, each in its own CSV file, or leave out the rows readers "
                    "do not need."))
                break
            # A cell with a line break inside quotes spreads a row over lines; then point at the row's start.
            starts = cell_starts(lines[number - 1]) if number == first else []
            number = first
            where = ("rows", len(rows))
            row: dict = {"values": [None] * len(columns)}
            if any(cell.strip() for cell in line[len(header):]):
                findings.append(rule("row-length")(
                    Location(file, number, starts[len(header)] if len(header) < len(starts) else 1),
                    f"Row {number} has {len(line)} cells but the headings name only {len(header)}; "
                    "the cells past the last heading are not read.",
                    "Give the extra column a heading, or delete what is in it."))
            for position, cell in enumerate(line):
                target = mapping.get(position)
                if target is None:
                    continue
                path = table_path + where + (("values", target) if isinstance(target, int) else (target,))
                doc.positions[path] = (number, starts[position] if position < len(starts) else 1)
                doc.texts[path] = cell.strip()
                if isinstance(target, int):
                    row["values"][target] = csv_number(cell, brackets)
                elif target in _LIST_FIELDS:
                    row[target] = [part for part in re.split(r"[\s;]+", cell.strip()) if part]
                elif cell.strip():
                    row[target] = cell.strip()
            if "id" not in row and "label" in row:
                row["id"] = row_id(row["label"])
            for path in (table_path + where, table_path + where + ("values",)):
                doc.positions[path] = (number, 1)
            rows.append(row)
    except csv.Error as err:
        said = ("a quote mark (\") is opened in this file and never closed" if "end of data" in str(err)
                else "a quote mark (\") sits inside a cell that does not start with one")
        return [rule("file-unreadable")(
            Location(file, previous + 1, 1), f"This CSV cannot be read: {said}.",
            "Put quote marks round the whole cell, and write a quote mark inside it twice (\"\"). "
            "A spreadsheet's own CSV export does this for you.")]
    if not rows:
        findings.append(rule("missing-field")(
            Location(file, 1, 1), "This file has headings but no rows, so the table would be empty.",
            "Export the rows of the table from the spreadsheet as well as its headings."))
    table["rows"] = rows
    return findings


def _csv_path(name: object, project: Project) -> Path | None:
    """The CSV file a table names, if the name is a .csv file's name inside data/ (links followed)."""
    if not isinstance(name, str) or "\0" in name or not name.strip().lower().endswith(".csv"):
        return None
    if any(len(part.encode()) > 255 for part in name.split("/")):
        return None  # found by fuzzing: no file system holds such a name, and asking made is_dir() raise OSError
    path = project.data_dir / PurePosixPath(name.strip())
    try:
        inside = path.resolve().is_relative_to(project.data_dir.resolve())
    except (OSError, RuntimeError):
        # Found by fuzzing: a shortcut that leads to itself made resolve() raise (RuntimeError in Python 3.11), an
        # internal error. It leads to no file, so the caller reports the file as missing.
        return path
    return path if inside else None


def splice_csv_tables(doc: SourceDoc, project: Project) -> list[Finding]:
    """Fill each finance table that names a csv: file with that file's rows; findings for what is wrong."""
    tables = doc.data.get("tables") if isinstance(doc.data, dict) else None
    if not isinstance(tables, list):
        return []
    findings: list[Finding] = []
    for index, table in enumerate(tables):
        if not isinstance(table, dict) or "csv" not in table:
            continue
        name = table["csv"]
        table_path = ("tables", index)
        if "rows" in table:
            findings.append(rule("unknown-field")(
                doc.location(table_path + ("rows",)), "This table has rows: and a csv: file; only one can hold its rows.",
                "Keep the figures in one place: delete rows: here, or delete csv: and keep the rows."))
            continue
        table["rows"] = []
        where = doc.location(table_path + ("csv",))
        path = _csv_path(name, project)
        if path is None:
            shown = "nothing" if name is None else f"'{str(name)[:80]}'"
            findings.append(rule("invalid-value")(
                where, f"csv: is {shown}, which is not the name of a .csv file in data/.",
                "Write the file's name only, such as csv: running-costs.csv, and keep the file in data/."))
            continue
        file = project.relative(path) if path.is_relative_to(project.root) else f"data/{name}"
        if path.is_dir():
            findings.append(rule("file-unreadable")(where, f"{file} is a folder, not a CSV file.", CSV_HINT))
            continue
        if not path.is_file():
            findings.append(rule("missing-file")(
                where, f"The table's rows should come from {file}, which does not exist.",
                f"Save the spreadsheet as {file}, or correct the file name here."))
            continue
        text, problems = read_text(path, file)
        if text is None:
            findings += [rule(p.code)(p.location, p.message, CSV_HINT) for p in problems]
            continue
        doc.origins[table_path + ("rows",)] = file
        findings += _splice(doc, table_path, text, file, table.get("negative") == "brackets")
    return findings
