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
# Kills land from the start of a build to twice the length of one, so some rounds finish and swap before the
# kill (the new site must then be whole too) even when the machine is busy with other tests.
SPAN = 2.0


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
    lengths = []
    for _ in range(2):  # the first build, from nothing, and one like those below, with the caches it left
        started = time.monotonic()
        assert _start_build(project).wait(timeout=300) == 0
        lengths.append(time.monotonic() - started)
    length = max(lengths)
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


def _session(leader: int) -> set[int]:
    """Every live process of the session a build started (start_new_session makes the build its leader):
    the build's PDF workers and multiprocessing's resource tracker stay in it after the build is gone."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or one that has just ended
        state, session = fields[0], int(fields[3])
        if session == leader and state != "Z":  # a zombie has ended; it only waits to be reaped
            found.add(int(entry.name))
    return found


def _workers(leader: int) -> set[int]:
    """The processes of the session multiprocessing started to run work (the PDF workers)."""
    found = set()
    for pid in _session(leader):
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            continue
    return found


def test_a_build_killed_outright_leaves_no_worker_running(tmp_path: Path) -> None:
    """D22: kill -9 of the build alone (not its process group: no chance to stop anything) while its PDF
    workers run; every process it started ends by itself soon after, instead of waiting for work for ever."""
    project = tmp_path / "plan"
    shutil.copytree(MINIMAL, project)
    build = _start_build(project)
    try:
        deadline = time.monotonic() + 120
        while not _workers(build.pid) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _workers(build.pid), "the build ended before it started a PDF worker"
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=60)
        deadline = time.monotonic() + 30
        while _session(build.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _session(build.pid), f"still running 30 s after the build was killed: {_session(build.pid)}"
    finally:
        for left in _session(build.pid):
            os.kill(left, signal.SIGKILL)
