"""How long `site-gen check` takes on inputs built to be slow, printed as a table.

    .venv/bin/python bench/adversarial.py [--only NAME ...] [--timeout SECONDS]

Each input is written into a fresh copy of examples/mid-essex in a temporary folder, and the check
runs there in a new process, as a person runs it. The inputs are the ones a security review found
slow: one line of 20,000 comment openings, macro openings or link openings; a page that is one
paragraph of 1 MB of ordinary sentences; and a finance table whose rows come from a CSV file of
20,000 rows. The table also gives the check's exit status and the codes of the findings it made,
so a reader can see whether a limit was met or the input was checked in full.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "examples" / "mid-essex"
SENTENCE = "The team will see more people at home so that fewer of them need a bed in hospital. "


def _page(plan: Path, body: str) -> None:
    (plan / "content" / "big.md").write_text(f"---\norder: 70\n---\n\n# Big page\n\n{body}\n", encoding="utf-8")


def _csv_rows(plan: Path, rows: int) -> None:
    """The funding-per-head table takes its rows from a CSV: its own three rows, then `rows` more."""
    finance = plan / "data" / "finance.yml"
    text = finance.read_text(encoding="utf-8")
    start = text.index("  - id: funding-per-head")
    rows_at = text.index("    rows:\n", start)
    end = text.index("\n\n", rows_at)
    finance.write_text(text[:rows_at] + "    csv: funding-per-head.csv" + text[end:], encoding="utf-8")
    lines = ["id,label,per-head", "allocation-2014-15,Our allocation 2014/15,1014",
             "target-old-formula,Old formula target,1084", "target-new-formula,New formula target,1079"]
    lines += [f"r{i},Area {i},1000" for i in range(rows)]
    (plan / "data" / "funding-per-head.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _within(mark: str) -> str:
    line = mark * (9_990 // len(mark))
    return ("\n".join([line] * 4) + "\n\n") * 6


INPUTS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "unchanged": ("the example plan as it is", lambda plan: None),
    "comments": ("'<!--' x20,000 on one line (80 KB)", lambda plan: _page(plan, "<!--" * 20_000)),
    "macros": ("'{{ ' x20,000 on one line (60 KB)", lambda plan: _page(plan, "{{ " * 20_000)),
    "links": ("'](' x20,000 on one line (40 KB)", lambda plan: _page(plan, "](" * 20_000)),
    "paragraph": ("one paragraph of 1 MB of sentences",
                  lambda plan: _page(plan, SENTENCE * (1024 * 1024 // len(SENTENCE)))),
    "csv": ("finance CSV of 20,000 rows", lambda plan: _csv_rows(plan, 20_000)),
    # The worst found within the limits: six paragraphs of four lines, each line just under the most a line
    # may hold, of marks that never close.
    "images-within": ("'![x' in 6 paragraphs just within the limits", lambda plan: _page(plan, _within("![x"))),
    "brackets-within": ("'[' in 6 paragraphs just within the limits", lambda plan: _page(plan, _within("["))),
    "comments-within": ("'<!--' in 6 paragraphs just within the limits", lambda plan: _page(plan, _within("<!--"))),
    "tags-within": ("'<a ' in 6 paragraphs just within the limits", lambda plan: _page(plan, _within("<a "))),
}


def time_check(plan: Path, timeout: float) -> tuple[float, str, str]:
    """Seconds the check took, its exit status, and the codes of its findings with their counts."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "site_gen", "check", "--format", "json", "--project", str(plan)],
                              capture_output=True, text=True, cwd=plan, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, "-", f"stopped after {timeout:.0f} s"
    took = time.perf_counter() - start
    try:
        codes = Counter(finding["code"] for finding in json.loads(done.stdout)["findings"])
    except (ValueError, KeyError, TypeError):
        return took, str(done.returncode), "(no JSON report)"
    return took, str(done.returncode), ", ".join(f"{code} x{count}" for code, count in sorted(codes.items())) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), help="run only these inputs")
    parser.add_argument("--timeout", type=float, default=300.0, help="stop a check after this many seconds")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.only or INPUTS:
            description, make = INPUTS[name]
            plan = Path(scratch) / name
            shutil.copytree(PLAN, plan, ignore=shutil.ignore_patterns("build"))
            make(plan)
            print(f"checking: {description} ...", file=sys.stderr, flush=True)
            took, status, codes = time_check(plan, args.timeout)
            rows.append((description, f"{took:.2f}", status, codes))
    headings = ("input", "check (s)", "exit", "findings")
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]
    for row in [headings, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
