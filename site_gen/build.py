"""site-gen build: check, render, build the website aside, then swap it in atomically."""

from __future__ import annotations

import calendar
import hashlib
import os
import sys
import time
import traceback
from dataclasses import replace
from functools import cache
from pathlib import Path

from jinja2 import TemplateError

from site_gen import __version__
from site_gen.approval.builds import remember_build
from site_gen.approval.guard import current_snapshot
from site_gen.archive import PUBLISHED_AS, earlier_versions, publish_archive
from site_gen.charts.figure import ChartRenderer, DrawingAhead
from site_gen.checks.context import CheckContext
from site_gen.checks.images import IMAGE_HINT
from site_gen.findings import Finding, Location, has_errors
from site_gen.fingerprint import short
from site_gen.manifest import manifest, manifest_json
from site_gen.pdf.full_pdf import DAMAGED, UnloadableFiles, render_full_aside
from site_gen.pdf.fullplan import cover_facts, logo_data_url, plan_to_print
from site_gen.pdf.one_page_pdf import render_aside
from site_gen.pdf.onepage import one_page
from site_gen.pdf.stamp import StampFontMissing
from site_gen.pdf.typeset import UNDRAWABLE, TypesetFailed
from site_gen.pdf.worker import warm_up
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.render.downloads import download_files
from site_gen.render.pages import STATUS_LABELS, headline_amounts, render_pages
from site_gen.render.templates import template_environment
from site_gen.rules import internal_error, rule
from site_gen.sealed import sealing_key
from site_gen.site.brand import site_facts
from site_gen.site.file_facts import write_file_facts
from site_gen.site.headers import THEME_TEMPLATES, base_urls, headers, headers_file, theme_scripts
from site_gen.site.incremental import SiteChanges
from site_gen.site.lifecycle import STRICT_STATUSES, lifecycle
from site_gen.site.menu import menu_bounds
from site_gen.site.mkdocs_plugins import BoundedMenu, Content, Drawings, ThemeEnvironment
from site_gen.site.mkdocs_run import run_mkdocs
from site_gen.site.publish import (
    BuildFolderProblem,
    BuildLocked,
    build_folder_problem,
    build_lock,
    discard,
    fresh_build_dir,
    holds_shortcuts,
    in_build_folder,
    remove,
    swap_in,
    unwritable,
)
from site_gen.site.staging import THEME_FEATURES, stage


class Progress:
    """Stage-by-stage progress on a terminal; silent when output is not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()

    def __call__(self, message: str) -> None:
        if self.enabled:
            print(f"[{time.monotonic() - self.started:5.1f}s] {message}", file=sys.stderr, flush=True)


def source_date_epoch(plan) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the latest version-history date, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    dates = [entry.date for entry in plan.version_history]
    return calendar.timegm(max(dates).timetuple()) if dates else 0


def _kept(project: Project) -> str:
    live = project.build_dir / "site"
    return ("build/site still holds the last good site." if live.exists()
            else "No site has been built yet.")


def _template_finding(err: TemplateError) -> Finding:
    """A theme template that fails, named as the plan's own templates/overrides file. An error while it runs
    (the sandbox refusing something, say) has no line of its own: Jinja puts the template's into the
    traceback."""
    name = getattr(err, "name", None) or Path(getattr(err, "filename", None) or "overrides/main.html").name
    line = getattr(err, "lineno", 0) or 0
    if not line:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f"{os.sep}overrides{os.sep}" in f.filename]
        if frames:
            name, line = Path(frames[-1].filename).name, frames[-1].lineno or 0
    return rule("template-error")(Location(f"templates/overrides/{name}", line),
                                  f"The theme template {name} cannot be used: {err.message or err}.")


def _folder_finding(problem: BuildFolderProblem, project: Project) -> Finding:
    """What is wrong with build/ and how to put it right: a problem of the folder, not of the plan or
    the tool. A shortcut is not followed even to say whether a site is there."""
    kept = "" if problem.shortcut else f" {_kept(project)}"
    return rule("build-failed")(Location(problem.where), problem.message + kept, problem.hint)


DAMAGED_HINT = ("Open the picture on your computer to see that it shows, then save it again as PNG, JPEG or SVG, "
                "with the ending that matches (.png, .jpg or .svg).")


def _unloadable_finding(address: str, why: str, pages: list, project: Project) -> Finding:
    """A file the full plan (PDF) could not show, at the first line of a page that names it. The check
    finds such files first (checks/images.py); this is for any it cannot see."""
    from urllib.parse import unquote, urlparse

    name = address
    if address.startswith("file:"):
        path = Path(unquote(urlparse(address).path))
        name = project.relative(path) if path.is_relative_to(project.root) else path.name
    needle = name.rsplit("/", 1)[-1]
    where = Location()
    for page in pages:
        if needle in page.markdown:
            lines = _source_lines(project.root / page.source)
            line = next((number for number, text in enumerate(lines, 1) if needle in text), 0)
            where = Location(page.source, line)
            break
    hint = DAMAGED_HINT if why == DAMAGED else IMAGE_HINT
    return rule("missing-file")(where, f"The full plan (PDF) cannot show {name}: {why}.", hint)


def _undrawable_finding(text: str, project: Project) -> Finding:
    """Text no font of the PDFs has letters for (Chinese, an emoji), at its first place in the plan's files."""
    where = Location()
    for path in project.input_files():
        for number, line in enumerate(_source_lines(path), start=1):
            if text in line:
                where = Location(project.relative(path), number, line.index(text) + 1)
                break
        if where.file:
            break
    return rule("build-failed")(
        where, f"The PDFs cannot show '{text}': the fonts they are printed in have no letters for it, and an "
               f"accessible PDF may not hold text it cannot show. {_kept(project)}",
        "The PDFs can show the letters of most alphabets (Latin, Greek, Cyrillic, Arabic, Hebrew) and most "
        "symbols, but not Chinese, Japanese, Korean or the scripts of South Asia. Say it in English, such as "
        "'This plan is available in Chinese on request', and publish the translation as a document of its own.")


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


PDF_PATH = "downloads/plan-on-a-page.pdf"
FULL_PDF_PATH = "downloads/plan.pdf"
HEADERS_PATH = "_headers"  # the security headers for the web server (see site/headers.py)


def hand_back_memory() -> None:
    """Give the memory MkDocs no longer uses back to the computer while the PDFs are still being made: Python
    frees it, but the C library keeps it for the process unless asked (glibc's malloc_trim; elsewhere nothing)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def template_cache_dir(build_dir: Path) -> Path:
    """Where compiled templates are kept. Jinja keys its cache by a template's name and source only, so
    the folder is named after the versions that compile them: an upgrade can never reuse stale code."""
    digest = _cache_digest()
    caches = build_dir / ".cache"
    if caches.is_dir():
        for old in caches.iterdir():
            if old.name != digest or holds_shortcuts(old):
                remove(old)
    return caches / digest


@cache  # the same for the life of the process: the versions of what is installed
def _cache_digest() -> str:
    from importlib.metadata import version

    versions = "|".join(f"{name}={version(name)}" for name in ("jinja2", "mkdocs", "mkdocs-material"))
    return hashlib.sha256(f"{__version__}|{versions}".encode()).hexdigest()[:12]


class ChartsAhead:
    """The charts of the plan being checked, drawn beside the check (ChartRenderer.start_drawing)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.charts: ChartRenderer | None = None
        self.drawing: DrawingAhead | None = None

    def start(self, context: CheckContext) -> None:
        try:
            self.charts = ChartRenderer(context.data, context.index, self.cache_dir)
            self.drawing = self.charts.start_drawing()
        except Exception:  # noqa: BLE001 - drawn later, with the pages, where any fault is reported
            self.charts = self.drawing = None

    def finish(self) -> ChartRenderer | None:
        """The renderer, once what it drew ahead is in the cache; None when nothing was started."""
        if self.drawing is not None:
            self.drawing.finish()
        return self.charts

    def stop(self) -> None:
        if self.drawing is not None:
            self.drawing.stop()


def build(project: Project, strict: bool = False, progress: bool = False, full_pdf: bool = True,
          incremental: bool = False) -> list[Finding]:
    """Check and build the plan into build/site. full_pdf=False leaves the full plan PDF out: laying out
    a hundred A4 pages takes seconds, too long for a preview that follows each keystroke. incremental=True
    (the preview's) has MkDocs render only the pages whose Markdown changed, when nothing every page shows
    did (site/incremental.py)."""
    say = Progress(progress)
    findings: list[Finding] = []
    file_in_hand = "the plan"
    pages: list = []
    sealing_key()  # settled before any process is started, so that every process of the build seals alike
    ahead = ChartsAhead(project.build_dir / ".cache" / _cache_digest() / "charts")
    try:
        # The plan is checked before build/ is looked at or locked, so a folder that holds no plan, or a
        # plan with errors, gains no build/ of its own. New charts are drawn meanwhile, into a scratch folder.
        say("Checking the plan")
        checked = check_project(project, strict, ahead.start)
        findings = checked.findings
        if has_errors(findings) or checked.data.plan is None or checked.settings is None:
            return findings + [rule("build-failed")(
                Location(), f"The website was not built because the plan has errors. {_kept(project)}")]
        problem = build_folder_problem(project.build_dir)
        if problem is not None:
            return findings + [_folder_finding(problem, project)]
        with build_lock(project.build_dir):
            warm_up()  # the PDF worker gets ready while the pages and charts are made
            plan = checked.data.plan
            full_fingerprint = checked.fingerprint
            say("Rendering pages")
            file_in_hand = "templates"
            cache = template_cache_dir(project.build_dir)
            (cache / "sandboxed-page-templates").mkdir(parents=True, exist_ok=True)
            charts = ahead.finish() or ChartRenderer(checked.data, checked.context.index, ahead.cache_dir)
            env = template_environment(project, cache / "sandboxed-page-templates")
            env.globals["full_plan_pdf"] = full_pdf  # the home and downloads pages link to it only when it is made
            env.globals["archived_versions"] = [kept.version for kept in earlier_versions(project, plan.version)]
            pages, problems = render_pages(checked, env, charts)
            findings += problems
            if has_errors(problems):
                return findings + [rule("build-failed")(Location(), f"Pages could not be rendered. {_kept(project)}")]
            say("Making the plan on a page (PDF)")
            file_in_hand = "the plan on a page"
            life = lifecycle(plan, None if incremental else short(full_fingerprint))
            downloads = download_files(checked.data, charts.all_data(), checked.settings.site_url)
            # The home page offers each PDF made, with its size and pages (written in once it is ready).
            facts = replace(site_facts(checked.data), downloads=(("Plan on a page", PDF_PATH),) + (
                (("Full plan", FULL_PDF_PATH),) if full_pdf else ()))
            logo = project.root / facts.logo_source if facts.logo_source else None
            logo_url = logo_data_url(logo if logo and project.owns(logo) else None)
            page = one_page(checked.data, headline_amounts(checked.data, checked.context.index),
                            checked.settings.site_url, STATUS_LABELS[plan.status], logo_url, facts.logo_alt or "")
            pdf_future = render_aside(project, page, life, source_date_epoch(plan), cache / "pdf")
            full_future = None
            if full_pdf:
                cover = cover_facts(plan, STATUS_LABELS[plan.status], checked.settings.site_url,
                                    logo_url, facts.logo_alt)
                to_print = plan_to_print(pages, charts.svgs, charts.alternatives, cover)
                full_future = render_full_aside(project, to_print, life, source_date_epoch(plan), cache / "pdf")
                downloads[FULL_PDF_PATH] = b""
            # MkDocs checks every link, so each PDF's place is held by an empty file until the PDF is ready.
            downloads[PDF_PATH] = b""
            say(f"Building the website ({len(pages)} pages)")
            file_in_hand = "the website"
            new_build = fresh_build_dir(project.build_dir)
            site_dir = new_build / "site"
            try:
                work = project.build_dir / ".work"
                stage(project, checked.settings, pages, life, facts, project.build_dir / ".work-next", site_dir,
                      downloads, previous=work if incremental else None)
                changes = SiteChanges.after_staging(project.build_dir / ".work-next", work, site_dir,
                                                    facts.abbreviations, charts.svgs)
                dirty = incremental and changes.can_render_only_changes(
                    project.build_dir / "site", (PDF_PATH, FULL_PDF_PATH, HEADERS_PATH, f"{PUBLISHED_AS}/"))
                problems = run_mkdocs(work / "mkdocs.yml", source_date_epoch(plan), {p.path: p.source for p in pages}, {
                    "site-gen-theme": ThemeEnvironment(cache / "escaped-theme-templates"),
                    "site-gen-content": Content(facts.abbreviations),
                    "site-gen-drawings": Drawings(charts.svgs),
                    "site-gen-menu": BoundedMenu(menu_bounds(pages))}, dirty=dirty)
                if dirty:
                    changes.restore_search_index()
                if full_pdf:
                    hand_back_memory()  # MkDocs is done; the full plan's processes may still be running
                if strict or plan.status in STRICT_STATUSES:
                    problems = [rule("mkdocs-warning").with_severity(
                        rule("build-failed").severity, p.location, p.message) for p in problems]
                findings += problems
                if has_errors(problems):
                    discard(new_build)
                    return findings + [rule("build-failed")(Location(), f"MkDocs reported problems. {_kept(project)}")]
                file_in_hand = "the plan on a page"
                pdf, problems = pdf_future.result()
                findings += problems
                if pdf is None:
                    discard(new_build)
                    return findings + [rule("build-failed")(
                        Location(), f"The plan on a page does not fit. {_kept(project)}")]
                (site_dir / PDF_PATH).write_bytes(pdf)
                file_in_hand = "the full plan (PDF)"
                if full_future is not None:
                    (site_dir / FULL_PDF_PATH).write_bytes(full_future.result())
                write_file_facts(site_dir, [path for _, path in facts.downloads])
                file_in_hand = "the earlier versions in archive/"
                publish_archive(project, site_dir, plan, checked.settings.site_url, cache / "superseded-pdfs")
                page_paths = [page.relative_to(site_dir).as_posix() for page in site_dir.rglob("*.html")]
                allowed = theme_scripts(THEME_TEMPLATES, base_urls(page_paths, checked.settings.site_url),
                                        THEME_FEATURES)
                (site_dir / HEADERS_PATH).write_text(headers_file(headers(allowed)), encoding="utf-8")
                (new_build / "manifest.json").write_text(
                    manifest_json(manifest(plan, full_fingerprint, pages, site_dir, findings)), encoding="utf-8")
            except TemplateError as err:
                discard(new_build)
                return findings + [_template_finding(err), rule("build-failed")(
                    Location(), f"The website could not be built. {_kept(project)}")]
            except BaseException:
                discard(new_build)
                raise
            finally:
                if full_future is not None:
                    full_future.cancel()  # a build that failed stops the full plan; a done one is kept
            say("Publishing to build/site")
            swap_in(project.build_dir, new_build)
            changes.remember()
            # What each full build made (the papers are one), for site-gen approve to compare with; not the
            # preview's builds, made on every save, which would soon push the papers out.
            if full_pdf:
                remember_build(project.build_dir, current_snapshot(checked))
            say(f"Done: {len(pages)} pages in build/site ({plan.status}, build {short(full_fingerprint)})")
            return findings
    except BuildLocked as err:
        return findings + [rule("build-failed")(Location(), str(err), "Wait for the other build, then try again.")]
    except StampFontMissing as err:
        return findings + [rule("build-failed")(Location(), f"{err} {_kept(project)}", "Run make build, then build again.")]
    except TypesetFailed as err:
        undrawable = UNDRAWABLE.search(err.message)
        if undrawable:
            return findings + [_undrawable_finding(undrawable.group(1), project)]
        poster = file_in_hand == "the plan on a page"
        return findings + [rule("build-failed")(
            Location(), f"{'The plan on a page' if poster else 'The full plan (PDF)'} could not be made: the "
                        f"typesetting engine says '{err.message}'. {_kept(project)}",
            f"If the plan has its own templates/print/{'plan-on-a-page' if poster else 'plan'}.typ, mend it or take "
            "it out; otherwise this is a fault in site_gen.")]
    except UnloadableFiles as err:
        return findings + [_unloadable_finding(address, why, pages, project) for address, why in err.refused] + [
            rule("build-failed")(Location(), f"The full plan (PDF) could not be made. {_kept(project)}")]
    except OSError as err:
        if not in_build_folder(err, project.build_dir):
            return findings + [internal_error(file_in_hand, err)]
        return findings + [_folder_finding(unwritable(project.build_dir, err.strerror or str(err)), project)]
    except Exception as err:
        return findings + [internal_error(file_in_hand, err)]
    finally:
        ahead.stop()  # a build that stopped early stops its drawing too
