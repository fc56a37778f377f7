"""A build killed at any moment (SIGKILL: a power cut, an out-of-memory kill, a closed laptop) leaves
build/site as one complete site: the previous one or the new one, never a mixture or nothing.

Each round edits the plan so the new build differs from the last, starts `site-gen build`, and kills
its whole process group (the PDF worker too) after a delay. The delays are spread evenly across a
build's length and a little beyond, with a fixed seed, so every stage is hit: checking, rendering, MkDocs writing files,
the PDFs, the manifest and the swap.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from site_gen.approval.verify import compare, expected_files, read_manifest
from site_gen.manifest import output_hashes

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "fixtures" / "good-minimal"
ROUNDS = 16
# Kills land from the start of a build to a little past the length of the first one, so some rounds
# finish and swap before the kill: the new site must then be whole too.
SPAN = 1.4


def _start_build(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "site_gen", "build", "--project", str(project)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _set_edition(project: Path, edition: int) -> None:
    page = project / "content" / "index.md"
    text = page.read_text(encoding="utf-8").split("\nEdition ")[0].rstrip("\n")
    page.write_text(f"{text}\n\nEdition {edition} of this page.\n", encoding="utf-8")


def _live_edition(project: Path) -> int:
    """The edition build/site shows, after proving the site is whole: every file its manifest lists is
    there with the right contents, and nothing else is."""
    site = project / "build" / "site"
    manifest = read_manifest(project / "build" / "manifest.json")
    verdict = compare(expected_files(manifest), output_hashes(site))
    assert verdict.same, verdict
    html = (site / "index.html").read_text(encoding="utf-8")
    return int(html.split("Edition ")[1].split(" ")[0])


def test_a_killed_build_leaves_the_previous_site_or_the_new_one(tmp_path: Path) -> None:
    project = tmp_path / "plan"
    shutil.copytree(MINIMAL, project)
    _set_edition(project, 0)
    started = time.monotonic()
    assert _start_build(project).wait(timeout=300) == 0
    length = time.monotonic() - started
    assert _live_edition(project) == 0

    rng = random.Random(20131)
    live, outcomes = 0, []
    for edition in range(1, ROUNDS + 1):
        _set_edition(project, edition)
        build = _start_build(project)
        time.sleep(SPAN * length * (edition - 1 + rng.random()) / ROUNDS)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=60)
        now = _live_edition(project)
        assert now in (live, edition), f"round {edition}: the site shows edition {now}, not {live} or {edition}"
        outcomes.append("new" if now == edition else "old")
        live = now

    # The kills left no lock or half-written folder that stops the next build, and it tidies up.
    _set_edition(project, ROUNDS + 1)
    assert _start_build(project).wait(timeout=300) == 0
    assert _live_edition(project) == ROUNDS + 1
    assert len(list((project / "build" / ".sites").iterdir())) == 1
    # Both outcomes happened, so the kills really did land before and after the swap.
    assert "old" in outcomes and "new" in outcomes, outcomes
