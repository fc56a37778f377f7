"""The example plan and a large synthetic plan, measured against site_gen's performance targets.

    .venv/bin/python bench/scale.py [--runs N] [--skip-large] [--skip-largest] [--pages 300] [--charts 150]
                                    [--measures 2000] [--profile]

For each plan, in fresh copies: check (a new process, as a person runs it, and in process); a cold build
(no build/ folder, so no caches, in a new process); a warm build (the same again, nothing changed); plain
`mkdocs build` over the Markdown and configuration site_gen staged for MkDocs (build/.work), into a
scratch folder; one page edited under `site-gen serve` until the preview serves the edit; the PDFs and
the chart renders as timed inside the cold build; peak memory of the build process, of its largest
child (a PDF worker), and of all of them at once. Figures are medians of --runs. Then the targets, met or not, and where the time
of a cold build and of a preview's rebuild after a one-page edit goes. With the large plan, a plan of
2,000 pages is built too (without its full PDF), for its HTML per page. --profile adds one more cold
build of each plan under cProfile and prints its hot spots.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from build_times import REPO, copy_plan, preview_edits, seconds  # noqa: E402
from site_size import html_sizes  # noqa: E402
from site_size import measure as measure_size  # noqa: E402
from synthetic_plan import Size, write_plan  # noqa: E402

from site_gen.pipeline import check_project  # noqa: E402
from site_gen.project import Project  # noqa: E402

GIB_MIB = 1024
CHECK_TARGET = 1.0  # seconds, example plan
EDIT_TARGET = 1.0  # seconds, example plan
COLD_RATIO_TARGET = 1.5  # large plan: cold build over plain MkDocs plus chart renders
EXAMPLE_COLD_TARGET = 6  # example plan: cold build over plain MkDocs of the same pages
FULL_PDF_TARGET = 2.5  # large plan: the full-plan PDF over plain MkDocs of the same pages
LARGE_EDIT_TARGET = 1.0  # seconds: a one-page edit of the large plan, visible under serve
EXAMPLE_EDIT_TARGET = 0.5  # seconds: the same for the example plan
LARGE_COLD_TARGET = 5.0  # large plan: cold build over plain MkDocs of the same pages
CHARTS_TARGET = 1.3  # large plan: chart renders in the cold build over plain MkDocs
LARGE_CHECK_TARGET = 1.5  # seconds: check of the large plan in a new process
SIZE_RATIO_TARGET = 1.5  # HTML per page of the largest plan over that of the large plan
LARGEST_PAGES = 2000  # pages of the plan whose size per page is compared with the large plan's
# A large plan's rebuild under serve takes minutes on a busy machine; the example plan's, seconds.
PREVIEW_TIMEOUT = {"example": 60.0, "large": 1200.0}
# Stages of timed_build.py that do not nest inside another: the rest of the build is "other".
TOP_STAGES = ("check", "charts wait", "pages", "downloads", "staging", "mkdocs", "pdf wait", "archive", "publish")


@dataclass(frozen=True)
class BuildRun:
    """One build in a new process: its wall time (imports included) and timed_build.py's figures."""

    wall: float
    figures: dict

    def stage(self, name: str) -> float:
        return self.figures["stages"].get(name, 0.0)

    def measured(self, kind: str, name: str) -> float:
        """A figure the table prints: missing, the benchmark stops rather than print 0 as if it were one."""
        found = self.figures.get(kind, {}).get(name)
        if found is None:
            raise SystemExit(f"bench/scale.py: the build measured no '{name}' ({kind}); the table would be wrong.")
        return found


@dataclass
class PlanFigures:
    name: str
    pages: int = 0
    checks: list[float] = field(default_factory=list)
    checks_in_process: list[float] = field(default_factory=list)
    colds: list[BuildRun] = field(default_factory=list)
    warms: list[BuildRun] = field(default_factory=list)
    mkdocs: list[float] = field(default_factory=list)
    edits: list[float] = field(default_factory=list)
    rebuild: BuildRun | None = None  # a preview's rebuild after a one-page edit, stage by stage
    html_per_page_kib: float = 0.0  # what each page of the built site carries, its menu included
    largest_html_per_page_kib: float = 0.0  # the same for a plan of LARGEST_PAGES pages (the large plan only)

    def cold(self, pick: Callable[[BuildRun], float]) -> float:
        return statistics.median(pick(run) for run in self.colds)

    @property
    def ratio(self) -> float:
        """Cold build over what MkDocs and the charts alone cost: site_gen's own overhead."""
        floor = statistics.median(self.mkdocs) + self.cold(lambda r: r.stage("charts"))
        return self.cold(lambda r: r.wall) / floor

    @property
    def peak_mib(self) -> float:
        """The most memory the build process and its PDF workers held together at one moment."""
        return max(r.figures["peak_tree_mib"] for r in self.colds)


def _python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, check=False)


def timed_build(plan: Path, profile: Path | None = None, preview: bool = False) -> BuildRun:
    extra = (["--profile", str(profile)] if profile else []) + (["--preview"] if preview else [])
    start = time.perf_counter()
    done = _python(str(BENCH / "timed_build.py"), str(plan), *extra, cwd=plan)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"The build of {plan} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    if profile:
        print(done.stderr)
    return BuildRun(wall, json.loads(done.stdout))


def check_seconds(plan: Path) -> float:
    """`site-gen check` as a person runs it: a new process, imports included."""
    start = time.perf_counter()
    done = _python("-m", "site_gen", "check", "--project", str(plan), cwd=plan)
    taken = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"The check of {plan} found errors:\n{done.stdout[-3000:]}")
    return taken


def plain_mkdocs_seconds(plan: Path, scratch: Path) -> float:
    """`mkdocs build` alone, in a new process, over the docs tree and configuration site_gen staged for it
    (without site_gen's in-process plugins: no template cache, abbreviations or drawings put in place)."""
    config = plan / "build" / ".work" / "mkdocs.yml"
    site = Path(tempfile.mkdtemp(prefix="plain-mkdocs-", dir=scratch))
    mkdocs = Path(sys.executable).with_name("mkdocs")
    start = time.perf_counter()
    done = subprocess.run([str(mkdocs), "build", "--quiet", "-f", str(config), "-d", str(site)], capture_output=True,
                          text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    taken = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"Plain mkdocs build failed:\n{done.stderr[-3000:]}")
    return taken


def page_count(plan: Path) -> int:
    return len(list((plan / "build" / "site").resolve().rglob("*.html")))


def measure(name: str, source: Path, runs: int, scratch: Path, profile: bool) -> PlanFigures:
    figures = PlanFigures(name)
    for run in range(runs):
        plan = copy_plan(source, scratch / f"{name}-{run}")
        figures.colds.append(timed_build(plan))
        figures.warms.append(timed_build(plan))
        figures.mkdocs.append(plain_mkdocs_seconds(plan, scratch))
        figures.checks.append(check_seconds(plan))
        print(f"  {name} run {run + 1}: cold {figures.colds[-1].wall:.1f} s, warm {figures.warms[-1].wall:.1f} s",
              file=sys.stderr, flush=True)
    figures.pages = page_count(plan)
    count, html, _ = html_sizes((plan / "build" / "site").resolve())
    figures.html_per_page_kib = html / count / 1024 if count else 0.0
    project = Project(plan)
    check_project(project)  # the first check in a process also pays for lazy imports
    figures.checks_in_process = [seconds(lambda: check_project(project)) for _ in range(runs)]
    figures.edits = preview_edits(plan, runs, PREVIEW_TIMEOUT[name])
    figures.rebuild = timed_build(plan, preview=True)
    if profile:
        print(f"\nHot spots of a cold build of the {name} plan (cProfile, main process only):", flush=True)
        timed_build(copy_plan(source, scratch / f"{name}-profiled"), scratch / f"{name}.prof")
    return figures


def large_plan(scratch: Path, args: argparse.Namespace) -> Path:
    size = Size.scaled(args.pages, charts=args.charts, measures=args.measures)
    written = write_plan(scratch / "large-source", size)
    print(f"Large plan: {written.content_pages} content pages, expected {written.expected_pages} pages, "
          f"{size.charts} charts, {size.measures} measures, {size.priorities} priorities, {size.schemes} schemes, "
          f"about {size.finance_rows} finance rows (seed {size.seed}).", file=sys.stderr, flush=True)
    return written.root


# ---------------------------------------------------------------- printing


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def table_rows(plan: PlanFigures) -> Iterator[tuple[str, float | None, str]]:
    """(what, figure, format) for one plan's column of the table."""
    pdf = lambda name: plan.cold(lambda r: r.measured("pdf", name))  # noqa: E731
    yield "pages in the built site", plan.pages, "{:.0f}"
    yield "HTML per page (KiB)", plan.html_per_page_kib, "{:.1f}"
    yield "check, new process (s)", _median(plan.checks), "{:.2f}"
    yield "check, in process (s)", _median(plan.checks_in_process), "{:.2f}"
    yield "cold build, new process (s)", plan.cold(lambda r: r.wall), "{:.1f}"
    yield "warm build, new process (s)", _median([r.wall for r in plan.warms]), "{:.1f}"
    yield "serve: one page edited until served (s)", _median(plan.edits), "{:.2f}"
    yield "PDF plan on a page, in cold build (s)", pdf("plan on a page"), "{:.1f}"
    yield "PDF full plan, in cold build (s)", pdf("full plan"), "{:.1f}"
    yield "plain mkdocs build, staged pages (s)", _median(plan.mkdocs), "{:.1f}"
    yield "chart renders, in cold build (s)", plan.cold(lambda r: r.measured("stages", "charts")), "{:.1f}"
    yield "  of which the build waited for (s)", plan.cold(lambda r: r.stage("charts wait") + r.stage("charts in pages")), "{:.1f}"
    yield "cold / (plain mkdocs + charts)", plan.ratio, "{:.2f}"
    yield "peak memory, build process (MiB)", max(r.figures["peak_self_mib"] for r in plan.colds), "{:.0f}"
    yield "peak memory, largest child (MiB)", max(r.figures["peak_child_mib"] for r in plan.colds), "{:.0f}"
    yield "peak memory, all processes at once (MiB)", plan.peak_mib, "{:.0f}"
    mkdocs = _median(plan.mkdocs)
    yield "full-plan PDF / plain mkdocs", pdf("full plan") / mkdocs if mkdocs else None, "{:.2f}"
    yield "cold build / plain mkdocs", plan.cold(lambda r: r.wall) / mkdocs if mkdocs else None, "{:.2f}"


def print_table(plans: list[PlanFigures]) -> None:
    columns = [list(table_rows(plan)) for plan in plans]
    print(f"\n{'':42}" + "".join(f"{plan.name + ' plan':>16}" for plan in plans))
    for i, (label, _, _) in enumerate(columns[0]):
        cells = "".join(f"{(fmt.format(value) if value is not None else '-'):>16}"
                        for value, fmt in ((column[i][1], column[i][2]) for column in columns))
        print(f"{label:42}{cells}")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def print_targets(example: PlanFigures, large: PlanFigures | None) -> None:
    check, edit = _median(example.checks), _median(example.edits)
    print("\nTargets:")
    print(f"  check of the example plan < {CHECK_TARGET:.0f} s (new process): {check:.2f} s, "
          f"{_verdict(check < CHECK_TARGET)}")
    if large is not None:
        print(f"  cold build of the large plan <= {COLD_RATIO_TARGET} x (plain MkDocs + chart renders): "
              f"{large.ratio:.2f} x, {_verdict(large.ratio <= COLD_RATIO_TARGET)}")
    print(f"  one-page edit under serve visible < {EDIT_TARGET:.0f} s (example plan): {edit:.2f} s, "
          f"{_verdict(edit < EDIT_TARGET)}")
    mkdocs = _median(example.mkdocs)
    cold = example.cold(lambda r: r.wall) / mkdocs
    print(f"  cold build of the example plan <= {EXAMPLE_COLD_TARGET:.0f} x its plain MkDocs: {cold:.2f} x, "
          f"{_verdict(cold <= EXAMPLE_COLD_TARGET)}")
    if large is not None:
        full = large.cold(lambda r: r.measured("pdf", "full plan")) / _median(large.mkdocs)
        print(f"  full-plan PDF of the large plan <= {FULL_PDF_TARGET} x its plain MkDocs: {full:.2f} x, "
              f"{_verdict(full <= FULL_PDF_TARGET)}")
    if large is not None:
        print_large_targets(example, large)
    for plan in filter(None, (example, large)):
        print(f"  peak memory < 1 GiB ({plan.name} plan, build process + PDF workers at once): {plan.peak_mib:.0f} MiB, "
              f"{_verdict(plan.peak_mib < GIB_MIB)}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  (largest single process this benchmark started, serve included: {largest:.0f} MiB)")


def print_large_targets(example: PlanFigures, large: PlanFigures) -> None:
    """The targets of a preview that keeps up with a large plan and a build that grows linearly."""
    mkdocs = _median(large.mkdocs)
    edit, small_edit, check = _median(large.edits), _median(example.edits), _median(large.checks)
    cold = large.cold(lambda r: r.wall) / mkdocs
    charts = large.cold(lambda r: r.measured("stages", "charts")) / mkdocs
    print(f"  one-page edit of the large plan visible under serve < {LARGE_EDIT_TARGET:.0f} s: {edit:.2f} s, "
          f"{_verdict(edit < LARGE_EDIT_TARGET)}")
    print(f"  one-page edit of the example plan visible under serve < {EXAMPLE_EDIT_TARGET} s: {small_edit:.2f} s, "
          f"{_verdict(small_edit < EXAMPLE_EDIT_TARGET)}")
    print(f"  cold build of the large plan <= {LARGE_COLD_TARGET:.0f} x its plain MkDocs: {cold:.2f} x, "
          f"{_verdict(cold <= LARGE_COLD_TARGET)}")
    print(f"  chart renders of the large plan <= {CHARTS_TARGET} x its plain MkDocs: {charts:.2f} x, "
          f"{_verdict(charts <= CHARTS_TARGET)}")
    print(f"  check of the large plan < {LARGE_CHECK_TARGET} s (new process): {check:.2f} s, "
          f"{_verdict(check < LARGE_CHECK_TARGET)}")
    if large.largest_html_per_page_kib:
        ratio = large.largest_html_per_page_kib / large.html_per_page_kib
        print(f"  HTML per page of a {LARGEST_PAGES:,}-page plan <= {SIZE_RATIO_TARGET} x the large plan's: "
              f"{large.largest_html_per_page_kib:.1f} KiB over {large.html_per_page_kib:.1f} KiB, {ratio:.2f} x, "
              f"{_verdict(ratio <= SIZE_RATIO_TARGET)}")


def _median_run(runs: list[BuildRun]) -> BuildRun:
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def breakdown(run: BuildRun, whole_process: bool) -> list[tuple[str, float]]:
    """Where a build's time goes; with whole_process, the process's start and end too."""
    stages, build = run.figures["stages"], run.figures["build_seconds"]
    timed = sum(stages.get(name, 0.0) for name in TOP_STAGES)
    around = [("imports", run.figures["import_seconds"]),
              ("PDF workers shutdown", run.figures["worker_stop_seconds"]),
              ("interpreter start and exit",
               run.wall - run.figures["import_seconds"] - build - run.figures["worker_stop_seconds"])]
    return (around if whole_process else []) + [
            ("check", stages.get("check", 0.0)),
            ("waiting for charts drawn beside the check", stages.get("charts wait", 0.0)),
            ("page render, charts left out", stages.get("pages", 0.0) - stages.get("charts in pages", 0.0)),
            ("charts drawn or read while pages render", stages.get("charts in pages", 0.0)),
            ("downloads and staging for MkDocs", stages.get("downloads", 0.0) + stages.get("staging", 0.0)),
            ("mkdocs build (with site_gen's plugins)", stages.get("mkdocs", 0.0)),
            ("waiting for the PDFs after MkDocs", stages.get("pdf wait", 0.0)),
            ("other (PDF set-up, headers, manifest, publish)", build - timed),
            ("total", run.wall if whole_process else build)]


def print_breakdown(what: str, run: BuildRun, whole_process: bool) -> None:
    parts = breakdown(run, whole_process)
    total = parts[-1][1]
    print(f"\nWhere {what} goes:")
    for label, taken in parts:
        print(f"  {label:48}{taken:8.2f} s {100 * taken / total:5.0f}%")
    for name, taken in run.figures["pdf"].items():
        print(f"  (PDF workers, alongside the above: {name} {taken:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure; the median is shown")
    parser.add_argument("--skip-large", action="store_true", help="measure the example plan only")
    parser.add_argument("--pages", type=int, default=Size.pages, help="pages of the large plan")
    parser.add_argument("--charts", type=int, default=Size.charts, help="charts in the large plan")
    parser.add_argument("--measures", type=int, default=Size.measures, help="measures in the large plan")
    parser.add_argument("--profile", action="store_true", help="also profile one cold build of each plan")
    parser.add_argument("--skip-largest", action="store_true",
                        help=f"do not build the {LARGEST_PAGES:,}-page plan whose size per page is compared")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="site-gen-scale-") as folder:
        scratch = Path(folder)
        plans = [measure("example", REPO, args.runs, scratch, args.profile)]
        if not args.skip_large:
            plans.append(measure("large", large_plan(scratch, args), args.runs, scratch, args.profile))
            if not args.skip_largest:
                print(f"  building a {LARGEST_PAGES:,}-page plan for its size per page", file=sys.stderr, flush=True)
                _, per_page, _, _ = measure_size(LARGEST_PAGES, scratch / "largest")
                plans[-1].largest_html_per_page_kib = per_page
    print(f"\nruns: {args.runs} (median shown); machine: {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print_table(plans)
    print_targets(plans[0], plans[1] if len(plans) > 1 else None)
    for plan in plans:
        print_breakdown(f"the {plan.name} plan's cold build (median run)", _median_run(plan.colds), True)
        if plan.rebuild is not None:
            print_breakdown(f"the {plan.name} plan's rebuild under serve after a one-page edit", plan.rebuild, False)


if __name__ == "__main__":
    main()
