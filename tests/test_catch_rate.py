"""The catch rate on the corpus cannot fall: bench/catch_rate.py must report at least the recall and
precision recorded in bench/catch_rate.json, and no more false errors. Raise the recorded figures as the
checker improves."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

RECORDED = json.loads((REPO / "bench" / "catch_rate.json").read_text(encoding="utf-8"))


def _last_three_lines() -> dict[str, int]:
    run = subprocess.run([sys.executable, str(REPO / "bench" / "catch_rate.py"), "--quiet"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    lines = run.stdout.strip().splitlines()[-3:]
    names = [line.split(":")[0] for line in lines]
    assert names == ["recall", "precision", "false errors"], lines
    return {name.replace(" ", "_"): int(line.split(":")[1].strip().rstrip("%")) for name, line in zip(names, lines, strict=True)}


def test_the_catch_rate_on_the_corpus_does_not_fall() -> None:
    figures = _last_three_lines()
    assert figures["recall"] >= RECORDED["recall"], figures
    assert figures["precision"] >= RECORDED["precision"], figures
    assert figures["false_errors"] <= RECORDED["false_errors"], figures
