"""Property-based fuzzing of load, check and render: whatever state a plan's files are in, site-gen reports
findings, never fails as a tool.

Each example copies a real plan (the repository's own example plan, tests/fixtures/good-complete,
examples/bath-ne-somerset or tests/fixtures/approved-changed) into a temporary folder and applies one to four
mutations of the kinds an author, a failed save or a hostile file produces (MUTATORS below): a file truncated at
a random byte; a value replaced by one of another type (list, block, 10**400, .nan, .inf, true, null, a
10,000-character string, a date that does not exist); a field, a list entry or a whole block deleted; an entry
duplicated with its id; tabs; anchors, aliases, merge keys, tags and a billion-laughs alias bomb; Windows-1252,
UTF-16, NUL and invalid UTF-8 bytes; data files deleted, renamed, doubled, emptied, made folders, shortcuts
(broken, to themselves, to a file outside the plan) or too large; macros with bad arguments and sandbox escapes;
front matter that is a list, bad YAML or never closed; ragged and broken CSV rows; hostile Markdown; YAML nested
thousands deep; figures set to zero, negative, tiny or huge; ids cross-wired; pages renamed awkwardly; an
approval record edited by hand. Then:

- check_project never raises, finds no internal-error, and every finding has a message and a hint, and every
  error or warning names its file; nothing outside the plan's folder is read into it;
- when the check finds no errors, the pages render (render_pages, without a site build) into pages and
  findings, never an exception;
- for fewer examples, `python -m site_gen check --project DIR` exits 0 or 1 (never 2) and prints no traceback.

The examples are derandomized (a fixed seed), so CI sees the same examples on every run; the defaults keep this
file to about a minute on a two-core machine. For a bigger campaign set SITE_GEN_FUZZ_EXAMPLES: it is the number
of in-process examples, and one in twenty of it (at least the default) go through the command line:

    SITE_GEN_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/test_fuzz.py

SITE_GEN_FUZZ_SEED=N draws other examples, from seed N, instead of the fixed ones (add
--hypothesis-show-statistics to see how often each mutation was drawn).
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_plan
from hypothesis import HealthCheck, currently_in_test_context, event, given, seed, settings
from hypothesis import strategies as st

from site_gen.findings import Finding, Severity, has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.pages import render_pages
from site_gen.render.templates import template_environment

DEFAULT_EXAMPLES = 300
DEFAULT_CLI_EXAMPLES = 25
EXAMPLES = int(os.environ.get("SITE_GEN_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES)
CLI_EXAMPLES = max(DEFAULT_CLI_EXAMPLES, EXAMPLES // 20)
SEED = os.environ.get("SITE_GEN_FUZZ_SEED")

settings.register_profile(
    "site-gen-fuzz",
    deadline=None,
    derandomize=SEED is None,  # a fixed seed in CI, unless a campaign asks for another
    database=None,  # nothing written into the repository; the seed makes every run the same anyway
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("site-gen-fuzz")


def note(text: str) -> None:
    """Count something for --hypothesis-show-statistics; a no-op when a failing example is replayed by hand."""
    if currently_in_test_context():
        event(text)


def _seeded(test: Callable) -> Callable:
    return seed(int(SEED))(test) if SEED is not None else test


# A check of one plan takes well under a second; a hang (an alias bomb expanded, a regex gone quadratic)
# must fail the example, not the CI job.
TIME_LIMIT = 60
MEMORY_LIMIT = 4 * 1024**3  # for the command line: an alias bomb expanded would hit this, not the machine

# The repository's own plan (with a CSV table and an approval record it compares against), the small plan with
# every kind of data, a plan whose finance comes from a spreadsheet, and an approved plan changed since.
BASES = {"example": REPO, "good-complete": FIXTURES / "good-complete",
         "bath-ne-somerset": REPO / "examples" / "bath-ne-somerset", "approved-changed": FIXTURES / "approved-changed"}


# ---------------------------------------------------------------------------------------------------------
# Mutations: plain data, so a failing example prints as something a person can replay by hand.


@dataclass(frozen=True)
class Mutation:
    kind: str
    pick: int  # which file of those the kind applies to (modulo how many there are)
    at: int  # where in it: a line or a byte (modulo its length)
    payload: object = None

    def __repr__(self) -> str:
        payload = repr(self.payload)
        if len(payload) > 100:
            payload = payload[:60] + f"...<{len(payload)} chars>"
        return f"Mutation({self.kind!r}, pick={self.pick}, at={self.at}, payload={payload})"


YAML_FILES = ("mkdocs.yml", "data/*.yml", "data/*.yaml")
PAGE_FILES = ("content/**/*.md",)
CSV_FILES = ("data/*.csv",)
RECORD_FILES = ("approvals/*.json",)
TEXT_FILES = YAML_FILES + PAGE_FILES + CSV_FILES + RECORD_FILES


def _candidates(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    found = {p for pattern in patterns for p in root.glob(pattern) if p.is_file() and not p.is_symlink()}
    return sorted(found)


def _pick(root: Path, patterns: tuple[str, ...], m: Mutation) -> Path | None:
    files = _candidates(root, patterns)
    return files[m.pick % len(files)] if files else None


def _read(path: Path) -> str:
    # surrogateescape: an earlier mutation may have left bytes that are not UTF-8; keep them as they are.
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


def _edit_lines(path: Path, edit: Callable[[list[str]], list[str] | None]) -> None:
    lines = _read(path).split("\n")
    changed = edit(lines)
    if changed is not None:
        _write(path, "\n".join(changed))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """The index after the block that starts at lines[start]: the lines below it indented deeper, blank
    lines, and (below a key) list items at the key's own indentation, which YAML allows."""
    own = _indent(lines[start])
    item = lines[start].lstrip(" ").startswith("- ")
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and (_indent(line) < own or (
                _indent(line) == own and (item or not line.lstrip(" ").startswith("- ")))):
            break
        end += 1
    return end


_VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w./-]+:[ ]+)(\S.*)$")
_ITEM_LINE = re.compile(r"^(\s*- )(?![\w-]+:)(\S.*)$")
_KEY_LINE = re.compile(r"^(\s*)([\w-]+):")
_BLOCK_KEY = re.compile(r"^(\s*(?:- )?[\w-]+:)\s*$")
_LIST_ITEM = re.compile(r"^(\s*)- ")
_ID_ITEM = re.compile(r"^(\s*)- id:")
_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")


def _lines_matching(lines: list[str], *patterns: re.Pattern) -> list[int]:
    return [i for i, line in enumerate(lines) if any(p.match(line) for p in patterns)]


def truncate(root: Path, m: Mutation) -> None:
    """A failed save: the file ends at a random byte."""
    path = _pick(root, TEXT_FILES, m)
    if path:
        data = path.read_bytes()
        path.write_bytes(data[: m.at % (len(data) + 1)])


def replace_scalar(root: Path, m: Mutation) -> None:
    """A value of the wrong kind where a field's value was (in data, settings or front matter)."""
    path = _pick(root, YAML_FILES + PAGE_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, _VALUE_LINE, _ITEM_LINE)
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        match = _VALUE_LINE.match(lines[i]) or _ITEM_LINE.match(lines[i])
        lines[i] = match.group(1) + str(m.payload)
        return lines

    _edit_lines(path, edit)


def replace_block(root: Path, m: Mutation) -> None:
    """A list or block of fields replaced by one value (or a value of another kind)."""
    path = _pick(root, YAML_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, _BLOCK_KEY)
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        end = _block_end(lines, i)
        return lines[:i] + [lines[i].rstrip() + " " + str(m.payload)] + lines[end:]

    _edit_lines(path, edit)


def _delete_block(root: Path, m: Mutation, pattern: re.Pattern) -> None:
    """One line matching pattern, with everything indented under it, deleted from a YAML file."""
    path = _pick(root, YAML_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, pattern)
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        return lines[:i] + lines[_block_end(lines, i):]

    _edit_lines(path, edit)


def delete_key(root: Path, m: Mutation) -> None:
    """A field (and anything under it) deleted."""
    _delete_block(root, m, _KEY_LINE)


def delete_item(root: Path, m: Mutation) -> None:
    """A list entry deleted: a row a total sums, a priority a risk names, a column of a table."""
    _delete_block(root, m, _LIST_ITEM)


def duplicate_item(root: Path, m: Mutation) -> None:
    """A list entry pasted twice, id and all (payload True: only entries with an id)."""
    path = _pick(root, YAML_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, _ID_ITEM) if m.payload else []
        spots = spots or _lines_matching(lines, _LIST_ITEM)
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        end = _block_end(lines, i)
        block = lines[i:end]
        while block and not block[-1].strip():
            block.pop()
        return lines[:i] + block + lines[i:]

    _edit_lines(path, edit)


def tab(root: Path, m: Mutation) -> None:
    """A tab where YAML wants spaces: at the start of a line, or as its indentation."""
    path = _pick(root, YAML_FILES + PAGE_FILES + CSV_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        i = m.at % len(lines)
        line = lines[i]
        lines[i] = "\t" + line if m.payload == "prefix" else "\t" * (_indent(line) // 2 or 1) + line.lstrip(" ")
        return lines

    _edit_lines(path, edit)


def _bomb(levels: int = 10, width: int = 10) -> str:
    lines = [f"lol0: &lol0 [{', '.join(['lol'] * width)}]"]
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines)


def anchors(root: Path, m: Mutation) -> None:
    """YAML anchors, aliases, merge keys and tags, up to a billion-laughs alias bomb."""
    path = _pick(root, YAML_FILES + PAGE_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, _VALUE_LINE)
        page = path.suffix == ".md"
        if m.payload in ("bomb", "recursive"):
            text = _bomb() if m.payload == "bomb" else "loop: &loop [*loop, {again: *loop}]"
            if page:  # in the front matter, just below its opening ---
                return lines[:1] + text.split("\n") + lines[1:] if lines and lines[0].strip() == "---" else None
            return lines + text.split("\n")
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        first = _VALUE_LINE.match(lines[i])
        if m.payload == "alias":
            j = spots[(m.at * 7 + 1) % len(spots)]
            lines[i] = first.group(1) + "&shared " + first.group(2)
            second = _VALUE_LINE.match(lines[j])
            lines[j] = second.group(1) + "*shared" if j != i else lines[j] + " *shared"
        elif m.payload == "merge":
            indent = " " * _indent(lines[i]) + ("  " if lines[i].lstrip().startswith("- ") else "")
            lines.insert(i + 1, indent + "<<: {extra: 1}")
        elif m.payload == "merge-alias":
            indent = " " * _indent(lines[i]) + ("  " if lines[i].lstrip().startswith("- ") else "")
            lines[i] = first.group(1) + "&base " + first.group(2)
            lines.insert(i + 1, indent + "<<: *base")
        else:  # a tag
            lines[i] = first.group(1) + str(m.payload) + " " + first.group(2)
        return lines

    _edit_lines(path, edit)


def encoding(root: Path, m: Mutation) -> None:
    """Bytes that are not UTF-8, or UTF-8 with surprises: a £ saved as Windows-1252, UTF-16, a NUL..."""
    path = _pick(root, TEXT_FILES, m)
    if not path:
        return
    data = path.read_bytes()
    at = m.at % (len(data) + 1)
    inserts = {"latin1": b"\xa3", "nul": b"\x00", "invalid": b"\xff\xfe", "half-char": b"\xe2\x82",
               "surrogate": b"\xed\xa0\x80", "overlong": b"\xc0\xaf", "nel": "\u0085".encode(),
               "line-separator": "\u2028".encode(), "rtl": "\u202e".encode(), "zero-width": "\ufeff".encode(),
               "escape": b"\x1b[31m", "form-feed": b"\x0c", "cr": b"\r"}
    if m.payload in inserts:
        data = data[:at] + inserts[m.payload] + data[at:]
    elif m.payload == "utf-16":
        data = data.decode("utf-8", "replace").encode("utf-16")
    elif m.payload == "utf-16-le":
        data = data.decode("utf-8", "replace").encode("utf-16-le")
    elif m.payload == "cp1252":
        data = data.decode("utf-8", "replace").encode("cp1252", "replace")
    elif m.payload == "bom":
        data = b"\xef\xbb\xbf" * 2 + data
    elif m.payload == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif m.payload == "cr-only":
        data = data.replace(b"\n", b"\r")
    path.write_bytes(data)


def file_op(root: Path, m: Mutation) -> None:
    """A file deleted, renamed, doubled, emptied, turned into a folder or a broken shortcut; a folder gone."""
    folders = [p for p in (root / "content", root / "data") if p.is_dir()]
    targets = _candidates(root, TEXT_FILES) + folders
    if not targets:
        return
    path = sorted(targets)[m.pick % len(targets)]
    op = m.payload
    if path.is_dir():
        if op in ("delete", "folder", "empty"):
            shutil.rmtree(path)
        elif op == "broken-link":
            shutil.rmtree(path)
            path.symlink_to(root / "nowhere")
        return
    if op == "delete":
        path.unlink()
    elif op == "to-yaml":
        path.rename(path.with_suffix(".yaml"))
    elif op == "copy-yaml" and path.suffix != ".yaml":
        shutil.copy(path, path.with_suffix(".yaml"))
    elif op == "misname":
        path.rename(path.with_name(path.stem[:-1] + path.suffix))
    elif op == "folder":
        path.unlink()
        path.mkdir()
        (path / "inside.yml").write_text("a: 1\n")
    elif op == "empty":
        path.write_bytes(b"")
    elif op == "blank":
        path.write_text("\n\n   \n")
    elif op == "broken-link":
        path.unlink()
        path.symlink_to(root / "nowhere.yml")
    elif op == "link-loop":
        path.unlink()
        path.symlink_to(path.name)
    elif op == "link-outside":
        # A shortcut to a file outside the project: it must never be read into the plan.
        outside = root.parent / ("outside" + path.suffix)
        outside.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(outside)
    elif op == "huge":
        path.write_bytes(path.read_bytes() + b" " * (5 * 1024 * 1024))
    elif op == "no-read":
        path.chmod(0)


BAD_MACROS = [
    '{{ value() }}', '{{ value(1, 2) }}', '{{ value("nope.nope") }}', '{{ table(None) }}', '{{ chart("x" * 5000) }}',
    '{{ value("finance" }}', '{% for %}', "{{ ''.__class__ }}", '{{ cycler.__init__.__globals__ }}',
    '{{ value("finance") }}', '{{ value("finance.") }}', '{{ value("...") }}', '{{ value("") }}', '{{ value(" ") }}',
    '{{ table("finance") }}', '{{ table("finance.nope") }}', '{{ table("population.x.y") }}', '{{ chart("") }}',
    '{{ chart("' + "x" * 5000 + '") }}', '{{ measures(domain=1) }}', '{{ risks(band=None) }}',
    '{{ milestones(1, 2, 3) }}', '{{ priorities(kind="x") }}', '{{ priorities(nope="x") }}',
    '{{ value(*["a"]) }}', '{{ value(**{"ref": "a"}) }}', '{{ value(ref="finance.allocation") }}',
    '{{ value("finance.allocation", ref="finance.allocation") }}', '{{ value("finance.allocation", "x") }}',
    '{{ value(' + "(" * 300 + '"a"' + ")" * 300 + ') }}', '{{ ' + "[" * 500 + "]" * 500 + ' }}',
    '{{ value("x") }', '{{ {{ }} }}', '{%- raw %}{{ x }}{% endraw %}', '{% include "/etc/passwd" %}',
    '{% extends "x" %}', '{% macro value() %}{% endmacro %}', '{% set value = 1 %}', '{{ value("a")|safe }}',
    '{{ 9**9**9 }}', '{{ value(9**9**9) }}', '{#! a comment !#}', '{#! never closed', '{{ self }}',
    '{{ value.__globals__ }}', '{{ range(10) }}', '{{ value("finance.allocation") }}',
    '{{ value("finance.total-savings") }}', '{{ table("finance.qipp-by-budget-area") }}',
    '{{ value("finance.qipp-by-budget-area") }}', '{{ value("finance.qipp-by-budget-area.btuh") }}',
    '{{ value("finance.qipp-by-budget-area.btuh.total.extra") }}', '{{ value("population.registered-patients") }}',
    '{{ value("priorities.hypertension") }}', '{{ value("risks") }}', '{{ chart("savings-by-budget-area") }}',
    '{{ chart("savings-by-area", "x") }}', '{{ measures(domain="") }}', '{{ measures(priority="mental-health") }}',
    '{{ risks(band="high", priority="nope") }}', '{{ milestones(priority=["a"]) }}',
    '{{ value(["finance.allocation"]) }}',
    '{{ value(("finance.allocation",)) }}', '{{ value({"a": 1}) }}', '{{ value(True) }}', '{{ value(1e400) }}',
    '{{ value(' + "9" * 5000 + ') }}', '{{ value("\\u0000") }}', '{{ value("finance.allocation\\n") }}',
    '{{ value("finance.allocation") }}{{', '}}', '{{', '{%', '%}', '{{ value("finance.allocation") -}}',
    '{{- value("finance.allocation") }}', '{{ priorities(kind="programme") }}', '{{ Value("x") }}',
    '{{ valeu("finance.allocation") }}', '{{ value(“finance.allocation”) }}', "{{ value('finance.allocation') }}",
]

FRONT_MATTERS = [
    "- a\n- b", "title: [unclosed", "title: 'open", ": :", "", "title:\n  - x", "title: 42\norder: many",
    "order: " + "1" * 400, "title: {{ value('x') }}", "title: &a x\nsummary: *a", "\ttitle: x", "title: x\ntitle: y",
    "just some text", "null", "[]", "42", "title: x\norder: -1", "title: x\norder: 1.5", "title: ''", "title: null",
    "title: x\nsummary: " + "long " * 2000, "title: x\nupdated: 2013-02-30", "title: x\nupdated: yesterday",
    "title: x\nnope: 1", "title: x\norder: .nan", "title: x\norder: true", "title: x\nsummary: [a, b]",
    "title:\n  nested: dict", "---", "title: x\n...", "? [a]\n: b",
]


def front_matter(root: Path, m: Mutation) -> None:
    """A page's front matter replaced, left open, or put where none was."""
    path = _pick(root, PAGE_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None) \
            if lines and lines[0].strip() == "---" else None
        if m.payload == "unclosed":
            return lines[:close] + lines[close + 1:] if close else ["---"] + lines
        new = ["---"] + str(m.payload).split("\n") + ["---"]
        return new + (lines[close + 1:] if close else lines)

    _edit_lines(path, edit)


BAD_DATES = ["2013-02-30", "2013-13-01", "0000-00-00", "2013-00-10", "9999-12-31", "2013-2-3", "1899-01-01",
             "2013-02-29", "2012-02-29", "2013-04-31", "20130401", "2013/14", "2013-14", "13/14", "FY13/14",
             "2013 Q5", "Q1 2013", "2013-W01", "2013-04-01T10:00:00", "2014/13", "2013/15", "1999/00",
             "2013-04", "2013-99", "-2013-01-01", "2013-01-01 12:00"]


def bad_date(root: Path, m: Mutation) -> None:
    """A date that does not exist, or is written another way, where a date was."""
    path = _pick(root, YAML_FILES + PAGE_FILES, m)
    if not path:
        return
    text = _read(path)
    dates = list(_DATE.finditer(text))
    if not dates:
        return
    found = dates[m.at % len(dates)]
    _write(path, text[: found.start()] + str(m.payload) + text[found.end():])


CSV_CELLS = ["(12.5", "1,2.3.4", "£1,000", "12%", "1e400", "NaN", "-", "(1,234.50)", "9" * 400,
             "1,234,567,890,123,456,789,012", "=SUM(A1:A3)", "#REF!", "#DIV/0!", "TBC", "0.1.2"]
CSV_EDITS = ["extra-cell", "extra-cells", "drop-cell", "drop-cells", "blank-line", "commas-only", "header-only",
             "no-header", "dup-header", "quote", "quoted-newline", "semicolons", "swap-header", "no-label", "dup-row"]


def csv_edit(root: Path, m: Mutation) -> None:
    """A spreadsheet export gone wrong: ragged rows, a header missing or twice, stray quotes."""
    path = _pick(root, CSV_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        i = m.at % len(lines)
        line = lines[i]
        op = m.payload
        if op == "extra-cell":
            lines[i] = line + ",42"
        elif op == "extra-cells":
            lines[i] = line + ",,,,x" * 50
        elif op == "drop-cell":
            lines[i] = line.rsplit(",", 1)[0]
        elif op == "drop-cells":
            lines[i] = line.split(",", 1)[0]
        elif op == "blank-line":
            lines.insert(i, "")
        elif op == "commas-only":
            lines.insert(i, "," * line.count(","))
        elif op == "header-only":
            lines[:] = lines[:1]
        elif op == "no-header":
            lines[:] = lines[1:]
        elif op == "dup-header":
            lines[0] = lines[0] + "," + lines[0].split(",")[0]
        elif op == "quote":
            lines[i] = line.replace(",", ',"', 1)
        elif op == "quoted-newline":
            lines[i] = line.replace(",", ',"a\nb",', 1)
        elif op in CSV_CELLS:
            cells = line.split(",")
            cells[(m.at // 7) % len(cells)] = op if "," not in op else f'"{op}"'
            lines[i] = ",".join(cells)
        elif op == "semicolons":
            lines[i] = line.replace(",", ";")
        elif op == "swap-header":
            head = lines[0].split(",")
            head[0], head[-1] = head[-1], head[0]
            lines[0] = ",".join(head)
        elif op == "no-label":
            lines[0] = lines[0].replace("label", "name")
        elif op == "dup-row":
            lines.insert(i, line)
        return lines

    _edit_lines(path, edit)


def insert_text(root: Path, m: Mutation) -> None:
    """A few random characters typed anywhere, from those that mean something to YAML, Markdown and Jinja."""
    path = _pick(root, TEXT_FILES, m)
    if path:
        text = _read(path)
        at = m.at % (len(text) + 1)
        _write(path, text[:at] + str(m.payload) + text[at:])


def line_edit(root: Path, m: Mutation) -> None:
    """A line deleted, pasted twice, or moved."""
    path = _pick(root, TEXT_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        i = m.at % len(lines)
        if m.payload == "delete":
            del lines[i]
        elif m.payload == "duplicate":
            lines.insert(i, lines[i])
        elif m.payload == "swap":
            j = (i + 1) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif m.payload == "dedent":
            lines[i] = lines[i].lstrip()
        elif m.payload == "indent":
            lines[i] = "  " + lines[i]
        elif m.payload == "long":
            lines[i] = lines[i] + " word" * 20000
        return lines

    _edit_lines(path, edit)


def macro(root: Path, m: Mutation) -> None:
    """A macro with bad (or good) arguments written into a page."""
    path = _pick(root, PAGE_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        lines.insert(m.at % (len(lines) + 1), str(m.payload))
        return lines

    _edit_lines(path, edit)


_NUMBER = re.compile(r"(?<![\w./-])-?\d+(\.\d+)?(?![\w./-])")
NUMBERS = ["0", "0.0", "-0", "-1", "1", "0.5", "-0.001", "0.0000000000000000000001", "1000000000000", "-99999.99",
           "3", "100", "101", "12.3456789", "-100", "1e3", "1.0e-3", "0.00", "000", "99999999999999999999.99"]


def number(root: Path, m: Mutation) -> None:
    """A figure changed to another plausible one: zero, negative, tiny, huge, more places. Totals stop adding up,
    shares divide by zero, growth rates start from nothing."""
    path = _pick(root, ("data/*.yml", "data/*.csv"), m)
    if not path:
        return
    text = _read(path)
    found = list(_NUMBER.finditer(text))
    if found:
        hit = found[m.at % len(found)]
        _write(path, text[: hit.start()] + str(m.payload) + text[hit.end():])


def copy_value(root: Path, m: Mutation) -> None:
    """A field's value replaced by what the same field holds somewhere else in the plan's data: an id that now
    appears twice, a reference to another item, another unit, kind, status or year. Plausible, and wrong."""
    values: dict[str, list[str]] = {}
    files = _candidates(root, ("data/*.yml",))
    for path in files:
        for line in _read(path).split("\n"):
            match = _VALUE_LINE.match(line)
            if match:
                values.setdefault(match.group(1).strip(" -"), []).append(match.group(2))
    path = files[m.pick % len(files)] if files else None
    if not path:
        return

    def edit(lines: list[str]) -> list[str] | None:
        spots = _lines_matching(lines, _VALUE_LINE)
        if not spots:
            return None
        i = spots[m.at % len(spots)]
        match = _VALUE_LINE.match(lines[i])
        others = values.get(match.group(1).strip(" -"), [])
        lines[i] = match.group(1) + others[(m.at // 7 + int(m.payload)) % len(others)]
        return lines

    _edit_lines(path, edit)


_ID_LINE = re.compile(r"^\s*(?:- )?id:\s*([\w./-]+)\s*$", re.MULTILINE)
_WORD = re.compile(r"[\w/-]+")


def reference(root: Path, m: Mutation) -> None:
    """One id, wherever it is written in a data file (an id: of its own, a sums: or part: list, a ref:, a
    reports_to:), swapped for another id of the plan: items cross-wired, a total that sums itself, a body that
    reports to itself, an id twice."""
    files = _candidates(root, ("data/*.yml",))
    ids = sorted({found for path in files for found in _ID_LINE.findall(_read(path))})
    path = files[m.pick % len(files)] if files else None
    if not path or not ids:
        return
    text = _read(path)
    spots = [hit for hit in _WORD.finditer(text) if hit.group() in ids]
    if spots:
        hit = spots[m.at % len(spots)]
        _write(path, text[: hit.start()] + ids[int(m.payload) % len(ids)] + text[hit.end():])


PAGE_NAMES = ["new page.md", "café.md", "index.md", "finance.md", "priorities/index.md", "priorities/new.md",
              "workstreams/x.md", "sub/deeper/page.md", ".hidden.md", "a#b.md", "100%.md", "x?.md", "CON.md", "a..md",
              "ümlaut/ß.md", "-.md", "accessibility.md", "glossary.md", "downloads/x.md", "assets/x.md",
              "search.md", "404.md", "versions/x.md", "changes.md", "UPPER.md", "a b/c d.md", "x" * 200 + ".md"]


def page_name(root: Path, m: Mutation) -> None:
    """A page renamed or copied to an awkward path: spaces, accents, the name of a generated page, a folder
    the site itself uses."""
    path = _pick(root, PAGE_FILES, m)
    if not path:
        return
    target = root / "content" / str(m.payload)
    if target == path:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if m.at % 2:
        shutil.copyfile(path, target)
    else:
        path.replace(target)


HOSTILE_PROSE = [
    "> " * 1000 + "quoted", "- " * 500 + "listed", "  " * 500 + "- indented", "[" * 5000, "]" * 5000 + "(" * 5000,
    "*" * 10000, "_a" * 5000, "`" * 5000, "<" * 5000, "![" * 2000, "#" * 1000 + " heading", "# " + "word " * 5000,
    "|" + "a|" * 2000 + "\n|" + "-|" * 2000, "| a |\n| - |\n" + "| b |\n" * 2000, "1. " * 500 + "x",
    "word. " * 20000, ("a" * 200 + " ") * 100, "TBC " * 1000, "£" + "9" * 5000, "£1,000,000" * 1000,
    "<!--", "<!-- never closed", "<script>", "<div>" * 2000, "&#" + "9" * 50 + ";", "&nbsp;" * 5000,
    "[x](" + "a" * 10000 + ")", "[x](javascript:alert(1))", "[x](data:text/html,hi)", "<https://example.com/>",
    "[x]: " + "y" * 5000, "```\nnever closed", "~~~", "$$", "\\" * 5000, "\u0000", "\ufffd" * 100,
    "A" * 10000, "(" * 5000 + ")" * 5000, "." * 10000, "!" * 10000, "?" * 10000, "e.g. i.e. etc. " * 1000,
    "NHS CCG GP A&E QIPP " * 500, "£1.2m £3,400k 12% 13/14 2013-14 " * 500,
]


def prose(root: Path, m: Mutation) -> None:
    """Markdown that is hostile to parsers and to the plain-English checks: deep quotes and lists, runs of
    emphasis marks and brackets, a 20,000-word paragraph."""
    path = _pick(root, PAGE_FILES, m)
    if not path:
        return

    def edit(lines: list[str]) -> list[str]:
        lines.insert(m.at % (len(lines) + 1), str(m.payload))
        return lines

    _edit_lines(path, edit)


def nesting(root: Path, m: Mutation) -> None:
    """YAML nested far deeper than a plan needs, in flow or block style, in data or in front matter."""
    path = _pick(root, YAML_FILES + PAGE_FILES, m)
    if not path:
        return
    depth = int(m.payload)
    if m.at % 3 == 0:
        value = "[" * depth + "]" * depth
    elif m.at % 3 == 1:
        value = "{a: " * depth + "1" + "}" * depth
    else:
        value = "\n".join("  " * (level + 1) + f"k{level}:" for level in range(depth)) + " 1"
    text = _read(path)
    if path.suffix == ".md":
        _write(path, "---\ndeep: " + value + "\n---\n" + text)
    else:
        _write(path, text.rstrip("\n") + "\ndeep: " + value + "\n")


JSON_VALUES = [[], {}, None, 0, -1, 1.5, True, "", "x" * 10000, [1, [2]], {"a": {"b": None}}, "format", 2,
               "__NESTED__", "__HUGE_INT__", "__NAN__"]
_SPECIAL_JSON = {"__NESTED__": "[" * 100000 + "]" * 100000, "__HUGE_INT__": "9" * 5000, "__NAN__": "NaN"}


def record(root: Path, m: Mutation) -> None:
    """An approval record (approvals/*.json) edited by hand: a value of another kind, nested far too deep, a
    number too long for Python to read, NaN."""
    path = _pick(root, RECORD_FILES, m)
    if not path:
        return
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, RecursionError):  # an earlier mutation left it unreadable
        return
    # Walk down the record, choosing a branch from m.at at each level, then replace what is there.
    parent, key, steps = None, None, m.at
    node = data
    while isinstance(node, dict | list) and node and steps % 5:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, keys[steps % len(keys)]
        node, steps = node[key], steps // 5
    value = m.payload
    raw = _SPECIAL_JSON.get(value) if isinstance(value, str) else None
    marker = "\u0001REPLACED\u0001"
    if parent is None:
        data = marker if raw else value
    else:
        parent[key] = marker if raw else value
    _write(path, json.dumps(data, indent=1).replace(json.dumps(marker), raw or "null"))


HOSTILE_SCALARS = [
    "[1, 2, 3]", "{a: 1, b: [2]}", "[]", "{}", "[[[]]]", "{a: {b: {c: {}}}}", "42", "-1", "0", "-0",
    "1" + "0" * 400, "-" + "9" * 400, "0." + "0" * 400 + "1", "1e400", "1e-400", "1.5e3", ".nan", ".NaN", ".inf",
    "-.inf", "nan", "inf", "Infinity", "true", "false", "yes", "no", "on", "off", "null", "~", "''", '""', "' '",
    "x" * 10000, '"' + "y" * 10000 + '"', "2013-02-30", "2013-13-01", "0000-00-00", "£1,234", "£299.8m", "12%",
    "(12.5)", "TBC", "1_000", "0x1F", "0o17", "1:30", "+.5", "00012", "1.", "1.2.3", "'🙂 \u202e reversed'",
    '"\\u0000"', '"\\x00"', '"\\ud800"', "|\n  block text", ">-\n  folded", "? complex", "- nested", "%TAG",
    "'unclosed", '"unclosed', "[unclosed", "{unclosed", "a: b", "a #comment", "#comment", "@reserved", "`tick",
    "*undefined", "&anchor", "!tag x", "!!int x", "!!float 1", "!!str 5", "!!binary aGVsbG8=", "!!timestamp 2013-01-01",
    "-", "?", ":", ",", "|", ">", "'''", "\\", "%", "...", "---", "<<", "{{ value('x') }}", "<script>alert(1)</script>",
    "javascript:alert(1)", "../../../etc/passwd", "/etc/passwd", "nope.nope", "finance.nope.nope", "a" * 300,
    "UPPER-CASE-ID", "id with spaces", "é", "Ω", "中文", "\u200b", "1" * 25, "-" + "1" * 25 + ".5",
    "0.1234567890123456789012345", "99999999999999999999.99", "2013/14", "13/14", "FY13/14", "2013-14",
]
HOSTILE_TEXT = st.text(
    alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t\n \\{}%()<>=+.~0123456789aZ£é\u0085\u2028\u00a0\ufeff")),
    min_size=1, max_size=12)
PICK = st.integers(0, 10**6)
AT = st.integers(0, 10**6)


MUTATORS: dict[str, Callable[[Path, Mutation], None]] = {
    "truncate": truncate, "replace_scalar": replace_scalar, "replace_block": replace_block,
    "delete_key": delete_key, "delete_item": delete_item, "duplicate_item": duplicate_item, "tab": tab,
    "anchors": anchors, "encoding": encoding, "file_op": file_op, "macro": macro, "front_matter": front_matter,
    "bad_date": bad_date, "csv_edit": csv_edit, "insert_text": insert_text, "line_edit": line_edit,
    "number": number, "copy_value": copy_value, "prose": prose, "nesting": nesting, "record": record,
    "reference": reference, "page_name": page_name,
}

PAYLOADS: dict[str, st.SearchStrategy] = {
    "truncate": st.none(),
    "replace_scalar": st.sampled_from(HOSTILE_SCALARS) | HOSTILE_TEXT,
    "replace_block": st.sampled_from(HOSTILE_SCALARS),
    "delete_key": st.none(),
    "delete_item": st.none(),
    "duplicate_item": st.booleans(),
    "tab": st.sampled_from(["prefix", "indent"]),
    "anchors": st.sampled_from(["alias", "merge", "merge-alias", "bomb", "recursive", "!!str", "!custom",
                                "!!python/object/apply:os.system", "!!set", "!!omap"]),
    "encoding": st.sampled_from(["latin1", "nul", "invalid", "half-char", "surrogate", "overlong", "nel",
                                 "line-separator", "rtl", "zero-width", "escape", "form-feed", "cr", "utf-16",
                                 "utf-16-le", "cp1252", "bom", "crlf", "cr-only"]),
    "file_op": st.sampled_from(["delete", "to-yaml", "copy-yaml", "misname", "folder", "empty", "blank",
                                "broken-link", "link-loop", "link-outside", "huge", "no-read"]),
    "macro": st.sampled_from(BAD_MACROS),
    "front_matter": st.sampled_from(FRONT_MATTERS + ["unclosed"]),
    "bad_date": st.sampled_from(BAD_DATES),
    "csv_edit": st.sampled_from(CSV_EDITS + CSV_CELLS),
    "insert_text": HOSTILE_TEXT,
    "line_edit": st.sampled_from(["delete", "duplicate", "swap", "dedent", "indent", "long"]),
    "number": st.sampled_from(NUMBERS),
    "copy_value": st.integers(0, 50),
    "prose": st.sampled_from(HOSTILE_PROSE),
    "nesting": st.sampled_from([50, 200, 900, 3000]),
    "reference": st.integers(0, 500),
    "page_name": st.sampled_from(PAGE_NAMES),
    "record": st.sampled_from(JSON_VALUES),
}
assert set(PAYLOADS) == set(MUTATORS)
# Each kind equally likely (st.one_of would favour the first few as examples shrink).
MUTATIONS = st.sampled_from(sorted(PAYLOADS)).flatmap(
    lambda kind: st.builds(Mutation, st.just(kind), PICK, AT, PAYLOADS[kind]))

PLANS = st.tuples(st.sampled_from(sorted(BASES)), st.lists(MUTATIONS, min_size=1, max_size=4))


# ---------------------------------------------------------------------------------------------------------
# Running one example.


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> dict[str, Path]:
    """Each base plan copied once; every example copies from here."""
    return {name: copy_plan(source, tmp_path_factory.mktemp(name) / "plan") for name, source in BASES.items()}


@contextmanager
def mutated(pristine: dict[str, Path], plan: tuple[str, list[Mutation]]) -> Iterator[Path]:
    base, mutations = plan
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        root = Path(folder) / "plan"
        shutil.copytree(pristine[base], root, symlinks=True)
        for mutation in mutations:
            note(f"mutation: {mutation.kind}")
            MUTATORS[mutation.kind](root, mutation)
        try:
            yield root
        finally:
            for path in root.rglob("*"):  # let the clean-up remove what a mutation made unreadable
                if not path.is_symlink():
                    path.chmod(0o700)


class TookTooLong(BaseException):
    """Not an Exception: the tool's own `except Exception` must not turn a hang into a finding."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(signum, frame):
        raise TookTooLong(f"took more than {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_sound(findings: list[Finding]) -> None:
    for f in findings:
        assert isinstance(f, Finding), f
        assert f.code != "internal-error", f"{f.location}: {f.message}"
        assert isinstance(f.message, str) and f.message.strip(), f
        assert isinstance(f.hint, str) and f.hint.strip(), f
        if f.severity in (Severity.ERROR, Severity.WARNING):
            assert f.location.file, f


_ENVIRONMENTS: dict[Path, object] = {}


def _environment(project: Project):
    """The page templates' environment. Mutations never touch templates/, so one per base plan will do,
    and keeps the compiled templates between examples."""
    if project.templates_dir.exists():
        return template_environment(project)
    return _ENVIRONMENTS.setdefault(Path(), template_environment(project))


def check_and_render(root: Path) -> None:
    """The in-process property for one plan project."""
    project = Project(root)
    checked = check_project(project)
    assert_sound(checked.findings)
    # Nothing from outside the project is read into the plan (a shortcut to a file elsewhere must not be).
    read = [p.file for p in checked.loaded.pages] + [d.file for d in checked.loaded.docs.values()]
    assert all(project.owns(root / file) for file in read), read
    if has_errors(checked.findings) or checked.data.plan is None or checked.settings is None:
        note("render: skipped, the plan has errors")
        return
    note("render: ran")
    pages, problems = render_pages(checked, _environment(project), None)
    assert isinstance(pages, list)
    assert_sound(problems)
    if problems:
        note(f"render: found {sorted({f.code for f in problems})}")


@settings(FUZZ, max_examples=EXAMPLES)
@_seeded
@given(plan=PLANS)
def test_check_and_render_never_fail_as_a_tool(pristine: dict[str, Path], plan) -> None:
    with mutated(pristine, plan) as root, time_limit(TIME_LIMIT):
        check_and_render(root)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@settings(FUZZ, max_examples=CLI_EXAMPLES)
@_seeded
@given(plan=PLANS, as_json=st.booleans())
def test_the_command_line_never_fails_as_a_tool(pristine: dict[str, Path], plan, as_json: bool) -> None:
    with mutated(pristine, plan) as root:
        command = [sys.executable, "-m", "site_gen", "check", "--project", str(root)]
        result = subprocess.run(command + (["--format", "json"] if as_json else []), capture_output=True,
                                text=True, errors="replace", timeout=2 * TIME_LIMIT, cwd=REPO,
                                preexec_fn=_limit_memory)
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "Traceback" not in output
    assert "internal-error" not in output
    if as_json:
        report = json.loads(result.stdout)
        for found in report["findings"]:
            assert found["message"].strip() and found["hint"].strip(), found
            if found["severity"] in ("error", "warning"):
                assert found["file"], found
