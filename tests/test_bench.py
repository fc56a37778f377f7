"""The benchmark scripts run: their figures are how the build's speed and memory are measured (bench/README.md),
so a change to site_gen that breaks one is found here, not the next time someone measures."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, copy_plan


def test_timed_build_times_each_stage_of_a_cold_build_and_when_it_ran(tmp_path):
    plan = copy_plan(REPO, tmp_path / "plan")
    run = subprocess.run([sys.executable, str(REPO / "bench" / "timed_build.py"), str(plan)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout)
    assert figures["ok"] and figures["errors"] == []
    stages = {"check", "pages", "staging", "mkdocs", "publish"}
    assert stages <= figures["stages"].keys()
    assert 0 < figures["stages"]["mkdocs"] < figures["build_seconds"]
    # The timeline: each stage's start and end, in order of starting, each ending after it starts.
    spans = [line.split() for line in figures["timeline"]]
    assert stages <= {name for *_, name in spans}
    starts = [float(start) for start, _, *_ in spans]
    assert starts == sorted(starts) and all(float(end) >= float(start) for start, end, *_ in spans)
    assert {"plan on a page", "full plan"} <= figures["pdf"].keys()
    assert figures["peak_tree_mib"] > figures["peak_self_mib"] > 0


def test_build_times_lays_out_both_pdfs_of_the_example(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from build_times import pdf_seconds
    finally:
        sys.path.remove(str(REPO / "bench"))
    one_page, full, sheets = pdf_seconds(copy_plan(REPO, tmp_path / "plan"))
    assert one_page > 0 and full > 0
    assert sheets > 20  # the example's full plan: the cover, the contents and every page of the site
