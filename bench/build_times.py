"""Check, build and PDF times of a plan (the example plan by default), printed as figures.

    .venv/bin/python bench/build_times.py [--project DIR] [--runs N]

Cold: a fresh copy of the plan with no build/ folder, in a new process (imports included).
Warm: the same copy built again in the same process, nothing changed.
Preview edit: `site-gen serve` running; one page saved with a new sentence; the time until the
server sends the page with that sentence in it (what a person at the browser waits for).
"""

from __future__ import annotations

import argparse
import http.client
import io
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_gen.build import build  # noqa: E402
from site_gen.pipeline import check_project  # noqa: E402
from site_gen.project import Project  # noqa: E402


def copy_plan(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "data", "approvals") + (() if source == REPO else ("templates",)):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cold_build(plan: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "site_gen", "build", "--project", str(plan)], check=True,
                   capture_output=True, cwd=plan)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def preview_edits(plan: Path, runs: int, timeout: float = 30.0) -> list[float]:
    """Seconds from saving an edited page to the preview serving it, once per run, as a browser showing the
    page sees it: the preview announces each new build on its event stream, and the page is then fetched
    again. timeout bounds each rebuild (and twice it the first build): a large plan's rebuild can take
    longer than the default."""
    page = sorted((plan / "content").glob("*.md"))[0]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (plan.parent / "preview.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "--project", str(plan), "--port",
                               str(port)], stdout=log, stderr=subprocess.STDOUT)
    html_name = page.stem + ".html"
    try:
        deadline = time.monotonic() + 2 * timeout
        while "<html" not in _page(f"{url}/{html_name}") and time.monotonic() < deadline:
            time.sleep(0.05)
        builds = _announced_builds(port, timeout)
        next(builds)  # the build being shown
        times = []
        for run in range(runs):
            marker = f"Edited for timing, run {run}."
            start = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            while True:
                if next(builds, None) is None or time.perf_counter() - start > timeout:
                    shown = (plan.parent / "preview.log").read_text()[-2000:]
                    raise SystemExit(f"The preview did not show the edit within {timeout:.0f} s (run {run}). "
                                     f"It said:\n{shown}")
                if marker in _page(f"{url}/{html_name}"):
                    break
            times.append(time.perf_counter() - start)
            time.sleep(0.3)
        return times
    finally:
        server.terminate()
        server.wait(timeout=10)


def _announced_builds(port: int, timeout: float) -> Iterator[int]:
    """The build numbers the preview's event stream announces, as a page open in a browser hears them."""
    from site_gen.preview import EVENTS_PATH

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", EVENTS_PATH)
    stream = connection.getresponse()
    try:
        for line in stream:
            if line.startswith(b"data: "):
                yield int(line[6:])
    except OSError:
        return
    finally:
        connection.close()


def chart_renders(plan: Path) -> list[tuple[str, str, float]]:
    """(chart id, kind, seconds) to draw each chart at both widths with no cache, after one warm-up draw."""
    from site_gen.charts.figure import ChartRenderer

    checked = check_project(Project(plan))
    renderer = ChartRenderer(checked.data, checked.context.index, None)
    ids = list(renderer.charts)
    if ids:
        renderer.figure(ids[0])  # vl-convert starts its engine on the first draw of a process
    times = []
    for chart_id in ids:
        times.append((chart_id, renderer.charts[chart_id].kind, seconds(lambda c=chart_id: renderer.figure(c))))
    return times


def pdf_seconds(plan: Path) -> tuple[float, float, int]:
    """Seconds to lay out and write the plan on a page and the full plan, each after one warm-up (fonts
    are loaded once), with no cache; and the full plan's number of pages."""
    import pikepdf

    from site_gen.apart import run_apart
    from site_gen.build import source_date_epoch
    from site_gen.charts.figure import ChartRenderer
    from site_gen.fingerprint import fingerprint, short
    from site_gen.pdf.full_pdf import TEMPLATE, typeset_full_plan
    from site_gen.pdf.fullplan import cover_facts, plan_to_print
    from site_gen.pdf.one_page_pdf import TEMPLATE as PAGE_TEMPLATE
    from site_gen.pdf.one_page_pdf import typeset_plan_on_a_page
    from site_gen.pdf.onepage import one_page
    from site_gen.pdf.pieces import Pieces, typeset_in_pieces
    from site_gen.pdf.typeset import print_template
    from site_gen.render.pages import STATUS_LABELS, headline_amounts, render_pages
    from site_gen.render.templates import template_environment
    from site_gen.site.lifecycle import lifecycle

    project = Project(plan)
    checked = check_project(project)
    data = checked.data
    env = template_environment(project)
    status = STATUS_LABELS[data.plan.status]
    page = one_page(data, headline_amounts(data, checked.context.index), checked.settings.site_url, status)
    life = lifecycle(data.plan, short(fingerprint(project)))
    when = source_date_epoch(data.plan)
    charts = ChartRenderer(data, checked.context.index, None)
    pages, _ = render_pages(checked, env, charts)
    whole = plan_to_print(pages, charts.svgs, charts.alternatives,
                      cover_facts(data.plan, status, checked.settings.site_url, None, None))

    def one() -> None:
        typeset_plan_on_a_page(page, life, when, print_template(project, PAGE_TEMPLATE), None,
                               project.build_dir / ".work" / "typeset")

    written: list[bytes] = []

    def full() -> None:
        work = project.build_dir / ".work" / "typeset"
        made = typeset_full_plan(project.content_dir, whole, life, when, print_template(project, TEMPLATE), None, work)
        if isinstance(made, Pieces):  # a plan too large to typeset in one go, as the build makes it
            made = typeset_in_pieces(made, run_apart, work, when, None)
        written.append(made)

    one()
    full()
    one_seconds, full_seconds = seconds(one), seconds(full)
    with pikepdf.open(io.BytesIO(written[-1])) as pdf:
        return one_seconds, full_seconds, len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source = args.project.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        colds, warms, checks = [], [], []
        for run in range(args.runs):
            plan = copy_plan(source, Path(scratch) / f"plan-{run}")
            colds.append(cold_build(plan))
            project = Project(plan)
            warms.append(seconds(lambda project=project: build(project)))
            checks.append(seconds(lambda project=project: check_project(project)))
        pages = len(list((plan / "build" / "site").rglob("*.html")))
        edits = preview_edits(copy_plan(source, Path(scratch) / "preview"), args.runs)
    renders = chart_renders(source)
    one_page_pdf, full_pdf, full_pages = pdf_seconds(source)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"plan: {check_project(Project(source)).data.plan.title}  pages: {pages}  runs: {args.runs}")
    for name, values in (("check (in process)", checks), ("cold build (new process)", colds),
                         ("warm build (in process)", warms), ("preview: edit to page served", edits)):
        print(f"{name:30} median {statistics.median(values):6.3f} s   min {min(values):6.3f} s   max {max(values):6.3f} s")
    print(f"plan on a page (PDF/UA-1), laid out and written: {one_page_pdf:6.3f} s")
    print(f"full plan (PDF/UA-1, {full_pages} A4 pages), laid out and written: {full_pdf:6.3f} s")
    for chart_id, kind, taken in renders:
        print(f"chart {chart_id} ({kind}), drawn at two widths, no cache: {taken:6.3f} s")
    print(f"peak memory of the warm builds' process: {peak_mib:.0f} MiB; "
          f"of the largest process it started (cold builds, PDF worker, preview): {peak_children_mib:.0f} MiB")


if __name__ == "__main__":
    main()
