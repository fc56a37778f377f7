"""Build a plan once, as `site-gen build` does, timing each stage; print the figures as JSON.

    .venv/bin/python bench/timed_build.py PLAN [--preview] [--profile FILE] [--top N]

The stages are timed by wrapping the functions site_gen's build calls, in this process only, so nothing
in site_gen changes. Stages nest: charts drawn in the build's own process are drawn while pages are
rendered, so "pages" includes them; new charts are drawn in processes of their own from the end of the
check's validation, beside its checks: "charts" counts that whole time too, and "charts wait" the part the
build waited for after the check. The PDFs are laid out in site_gen's worker process while MkDocs runs; what the build waits
for them after MkDocs is "pdf wait", and each PDF's own time is from its submission (or the end of the
one before it: the worker takes one at a time) to its result. With --preview, the plan is built once as
`site-gen serve` first builds it, then the first page in content/ gets a new sentence and the rebuild
that follows is timed, as the preview makes it: same process, worker running, no full plan PDF. With
--profile, the timed build runs under cProfile (main process only), the statistics go to FILE and the
top N functions are printed to stderr. "timeline" gives each stage's start and end, in seconds from the build's start.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before site_gen is imported, so import time can be told apart

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import site_gen.build as site_build  # noqa: E402
import site_gen.charts.figure as chart_figure  # noqa: E402
from site_gen.findings import Severity, has_errors  # noqa: E402
from site_gen.pdf.worker import stop_worker  # noqa: E402
from site_gen.project import Project  # noqa: E402

IMPORTED = time.perf_counter()

# The functions site_gen.build calls for each stage, by the name the build module knows them by.
BUILD_STAGES = {"check_project": "check", "render_pages": "pages", "download_files": "downloads",
                "stage": "staging", "run_mkdocs": "mkdocs", "publish_archive": "archive", "swap_in": "publish"}


class StageClock:
    """Seconds spent in each wrapped function, summed over its calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.pdf_done: dict[str, float] = {}
        self.pdf_submitted: dict[str, float] = {}
        self.drawing_started = 0.0  # when new charts began to be drawn apart
        self.began = time.perf_counter()
        self.spans: list[tuple[str, float, float]] = []  # each stage's start and end, from the clock's start

    def span(self, name: str, start: float) -> None:
        self.spans.append((name, round(start - self.began, 2), round(time.perf_counter() - self.began, 2)))

    def wrap(self, name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                if name != "charts in pages" and name != "charts":
                    self.span(name, start)
        return timed

    def wrap_pdf(self, name: str, submit: Callable) -> Callable:
        """Record when each PDF is handed to the worker and when its result arrives, and how long the
        build then waits for it."""
        def submitted(*args, **kwargs):
            self.pdf_submitted[name] = time.perf_counter()
            future = submit(*args, **kwargs)
            future.add_done_callback(lambda _: (self.pdf_done.setdefault(name, time.perf_counter()),
                                                self.span(name, self.pdf_submitted[name])))
            future.result = self.wrap("pdf wait", future.result)
            return future
        return submitted

    def pdf_seconds(self) -> dict[str, float]:
        """Each PDF's time from being handed to the workers to its result. The workers lay out the plan
        on a page and the parts of the full plan side by side, so the two overlap."""
        return {name: self.pdf_done[name] - self.pdf_submitted[name] for name in ("plan on a page", "full plan")
                if name in self.pdf_done}


class TreeMemory:
    """The largest total resident memory of this process and every process under it (the PDF workers),
    sampled from /proc while the build runs: the workers run at once, so the peaks of each, which the
    operating system reports, do not show how much memory the build held at one moment."""

    def __init__(self, every: float = 0.05) -> None:
        self.peak_kib = 0
        self.every = every
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    @staticmethod
    def _children(pid: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                found += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
        return found

    @staticmethod
    def _resident_kib(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _watch(self) -> None:
        while not self.stopped.is_set():
            pids, queue = [], [os.getpid()]
            while queue:
                pid = queue.pop()
                pids.append(pid)
                queue += self._children(pid)
            self.peak_kib = max(self.peak_kib, sum(self._resident_kib(pid) for pid in pids))
            self.stopped.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.stopped.set()
        self.thread.join()


def install(clock: StageClock) -> None:
    for function_name, stage in BUILD_STAGES.items():
        setattr(site_build, function_name, clock.wrap(stage, getattr(site_build, function_name)))
    # A chart drawn in the build's own process goes through render_svg, whether drawn anew or read from the
    # cache; new charts are drawn in processes of their own beside the check, from start_drawing until
    # DrawingAhead.finish hands them over: "charts" counts that whole time too, and "charts wait" the part
    # of it the build waited for, once the check was done; "charts in pages" is render_svg's part alone.
    chart_figure.render_svg = clock.wrap("charts", clock.wrap("charts in pages", chart_figure.render_svg))
    started = chart_figure.ChartRenderer.start_drawing
    finish = chart_figure.DrawingAhead.finish

    def start_drawing(renderer, *args, **kwargs):
        clock.drawing_started = time.perf_counter()
        return started(renderer, *args, **kwargs)

    def finish_drawing(drawing):
        waited = time.perf_counter()
        finish(drawing)
        clock.seconds["charts wait"] += time.perf_counter() - waited
        clock.seconds["charts"] += time.perf_counter() - clock.drawing_started
        clock.span("charts", clock.drawing_started)
    chart_figure.ChartRenderer.start_drawing = start_drawing
    chart_figure.DrawingAhead.finish = finish_drawing
    site_build.render_aside = clock.wrap_pdf("plan on a page", site_build.render_aside)
    site_build.render_full_aside = clock.wrap_pdf("full plan", site_build.render_full_aside)


def edit_first_page(plan: Path) -> None:
    """The edit a person makes under the preview: one more sentence on a page."""
    page = sorted((plan / "content").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited for timing.\n", encoding="utf-8")


def timed_build(plan: Path, profile: Path | None, top: int, preview: bool = False) -> dict:
    if preview:
        site_build.build(Project(plan), full_pdf=False, incremental=True)
        edit_first_page(plan)
    clock = StageClock()
    install(clock)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    with TreeMemory() as memory:
        if profiler:
            profiler.enable()
        findings = site_build.build(Project(plan), full_pdf=not preview, incremental=preview)
        if profiler:
            profiler.disable()
        build_seconds = time.perf_counter() - start
        stop_worker()  # so that the workers' peak memory is counted among this process's children
        stop_seconds = time.perf_counter() - start - build_seconds
    if profiler:
        profiler.dump_stats(profile)
        for order in ("tottime", "cumulative"):
            pstats.Stats(profiler, stream=sys.stderr).sort_stats(order).print_stats(top)
    return {
        "ok": not has_errors(findings),
        "errors": [f"{f.location}: {f.message}" for f in findings if f.severity is Severity.ERROR][:10],
        "import_seconds": IMPORTED - STARTED,
        "build_seconds": build_seconds,
        "worker_stop_seconds": stop_seconds,
        "stages": dict(clock.seconds),
        "calls": dict(clock.calls),
        "pdf": clock.pdf_seconds(),
        "timeline": [f"{start:6.2f} {end:6.2f} {name}" for name, start, end in sorted(clock.spans, key=lambda s: s[1])],
        "peak_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_child_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "peak_tree_mib": memory.peak_kib / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plan", type=Path)
    parser.add_argument("--preview", action="store_true", help="time a preview's rebuild after a one-page edit")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here and print the top functions")
    parser.add_argument("--top", type=int, default=30, help="how many functions to print with --profile")
    args = parser.parse_args()
    figures = timed_build(args.plan.resolve(), args.profile, args.top, args.preview)
    print(json.dumps(figures, indent=2))
    sys.exit(0 if figures["ok"] else 1)


if __name__ == "__main__":
    main()
