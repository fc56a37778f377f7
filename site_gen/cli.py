"""The site-gen command line. Exit status: 0 no errors, 1 errors in the plan, 2 the tool failed."""

from __future__ import annotations

import argparse
import errno
import fnmatch
import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from site_gen import __version__
from site_gen.findings import Finding, Location, format_json, format_text, has_errors
from site_gen.project import Project
from site_gen.rules import RULES, rule

EXIT_OK, EXIT_PLAN_ERRORS, EXIT_TOOL_FAILED = 0, 1, 2


def _exit_status(findings: list[Finding]) -> int:
    if any(f.code == "internal-error" for f in findings):
        return EXIT_TOOL_FAILED
    return EXIT_PLAN_ERRORS if has_errors(findings) else EXIT_OK


# Plain-English findings (long sentences, reading age): one line per file, unless --report asks for each.
PLAIN_ENGLISH = frozenset(code for code, found in RULES.items() if found.family == "readability")


def _print_findings(findings: list[Finding], fmt: str, root: Path | None = None, detail: bool = False) -> None:
    from site_gen.load.excerpts import line_reader

    lines = line_reader(root) if root is not None and root.is_dir() else None
    brief = frozenset() if detail else PLAIN_ENGLISH
    print(format_json(findings) if fmt == "json" else format_text(findings, lines, brief))


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.project).resolve())


def _missing_folder(project: Project) -> list[Finding]:
    """A --project that is not a folder: say so, and create nothing there."""
    if project.root.is_dir():
        return []
    return [rule("missing-file")(Location(str(project.root)), f"There is no folder {project.root}.",
                                 "Check the folder name given to --project.")]


def _run_action(project: Project, action: Callable[[], tuple[list[Finding], str | None]]) -> int:
    """Run a command that changes something (approve, pack, archive): its findings if any, then the
    sentence saying what it did; nothing is done for a folder that is not there."""
    findings = _missing_folder(project)
    done = None
    if not findings:
        findings, done = action()
    if findings:
        _print_findings(findings, "text", project.root)
    if done is None:
        return _exit_status(findings) or EXIT_PLAN_ERRORS
    print(done)
    return _exit_status(findings)


# What site-gen approve needs to record a decision, and the option each is given with.
_DECISION_OPTIONS = {"body": "--body", "decision": "--decision", "date": "--date", "minute": "--minute"}


def _approve_usage(args: argparse.Namespace) -> list[Finding]:
    """--undo takes the last decision back and is given alone; a decision to record needs all four of
    --body, --decision, --date and --minute."""
    if args.undo:
        extra = [option for name, option in {**_DECISION_OPTIONS, "build": "--build", "by": "--by"}.items()
                 if getattr(args, name) is not None]
        return [rule("nothing-to-undo")(
            Location(), f"site-gen approve --undo takes back the last decision as it was recorded, so it is given "
                        f"alone, without {' or '.join(extra)}. Nothing was changed.",
            "Run site-gen approve --undo on its own, then record the decision again if you need to.")] if extra else []
    return [rule("missing-field")(Location(), f"{option} is missing, so the decision was not recorded.",
                                  "Give all four of --body, --decision, --date and --minute, such as: site-gen approve "
                                  "--body \"Governing body\" --decision approved --date 2014-03-27 --minute "
                                  "GB/2014/031 --build e380ec9")
            for name, option in _DECISION_OPTIONS.items() if getattr(args, name) is None]


def cmd_approve(args: argparse.Namespace) -> int:
    import datetime

    from site_gen.approval.record import Decision, approve, undo

    project = _project(args)
    usage = _approve_usage(args)
    if usage:
        _print_findings(usage, "text")
        return EXIT_PLAN_ERRORS
    if args.undo:
        return _run_action(project, lambda: undo(project))
    try:
        when = datetime.date.fromisoformat(args.date)
    except ValueError:
        _print_findings([rule("invalid-date")(Location(), f"'{args.date}' is not a date.",
                                              "Give the date of the meeting as YYYY-MM-DD, such as 2014-03-27.")],
                        "text")
        return EXIT_PLAN_ERRORS
    code = args.build.strip().lower() if args.build is not None else None
    return _run_action(project, lambda: approve(project, Decision(args.body, args.decision, when, args.minute,
                                                                  args.by), code))


def cmd_diff(args: argparse.Namespace) -> int:
    from site_gen.approval.diff import changes, terminal_text
    from site_gen.approval.sources import SourceError, load_version_with_layout

    project = _project(args).root
    try:
        old, old_name, _ = load_version_with_layout(args.old, project)
        new, new_name, shown = load_version_with_layout(args.new, project)
    except SourceError as err:
        _print_findings([err.finding], "text")
        return EXIT_PLAN_ERRORS
    # Where each figure is shown is read from the newer version: the pages a reader will see.
    print(terminal_text(changes(old, new, shown), old_name, new_name), end="")
    return EXIT_OK


def cmd_pack(args: argparse.Namespace) -> int:
    from site_gen.pack import pack

    project = _project(args)

    def write() -> tuple[list[Finding], str | None]:
        findings, written = pack(project, Path(args.output) if args.output else None)
        if written is None:
            return findings, None
        # Named as the other commands name files: from the plan's folder, when the pack is inside it.
        shown = written.relative_to(project.root) if written.is_relative_to(project.root) else written
        return findings, f"{_built(project)}\nWrote the board pack: {shown}"

    return _run_action(project, write)


def cmd_archive(args: argparse.Namespace) -> int:
    from site_gen.archive import archive

    project = _project(args)
    return _run_action(project, lambda: archive(project))


def _manifest_to_compare(args: argparse.Namespace, project: Project) -> tuple[Path | None, str, Finding | None]:
    """The manifest verify compares with, and how to name it: the one given with --manifest, the one
    site-gen archive kept with the version given with --version, or the last build's."""
    from site_gen.archive import ARCHIVE, RECORD, archived_versions
    from site_gen.versions import version_key

    if args.manifest is not None:
        return Path(args.manifest), args.manifest, None
    if args.kept_version is None:
        return project.build_dir / "manifest.json", "build/manifest.json", None
    named = f"{ARCHIVE}/{args.kept_version}/{RECORD}"
    if version_key(args.kept_version) is not None and (project.root / named).is_file() \
            and project.owns(project.root / named):
        return project.root / named, named, None
    kept = ", ".join(k.version for k in archived_versions(project)) or "none"
    return None, named, rule("nothing-to-verify")(
        Location(named), f"Version {args.kept_version} is not kept in {ARCHIVE}/, so there is no {named} to compare "
                         f"with. Versions kept: {kept}.",
        "Give a version kept with site-gen archive, or the manifest saved from that version's build: site-gen "
        "verify FOLDER --manifest FILE.")


def cmd_verify(args: argparse.Namespace) -> int:
    from site_gen.approval.verify import ManifestError, compare, expected_files, read_manifest, verdict_text
    from site_gen.manifest import served_files

    project = _project(args)
    manifest_file, source, problem = _manifest_to_compare(args, project)
    folder = Path(args.dir)
    if problem is None and not manifest_file.is_file():
        problem = rule("nothing-to-verify")(
            Location(source), f"There is no {source} to compare with.",
            "Check the file name given to --manifest: the manifest.json saved from the published build." if args.manifest else
            "Build the plan first with site-gen build, or give --project, --manifest FILE or --version X.")
    elif problem is None and not folder.is_dir():
        problem = rule("nothing-to-verify")(Location(args.dir), f"There is no folder {args.dir} to check.",
                                            "Give the folder that holds the deployed copy of the site.")
    if problem is None:
        try:
            manifest = read_manifest(manifest_file)
        except ManifestError as err:
            problem = rule("nothing-to-verify")(Location(source), f"{source} cannot be compared with: {err}.",
                                                "Give the manifest.json that site-gen build wrote beside the site.")
    if problem is not None:
        _print_findings([problem], "text")
        return EXIT_PLAN_ERRORS

    def kept(path: str) -> bool:
        return not any(fnmatch.fnmatch(path, pattern) for pattern in args.ignore)

    served = served_files(folder)
    found = {path: digest for path, digest in served.files.items() if kept(path)}
    verdict = compare(expected_files(manifest), found, [path for path in served.leading_out if kept(path)],
                      [path for path in served.shortcuts if kept(path)], [path for path in served.special if kept(path)])
    print(verdict_text(verdict, manifest, args.dir, source), end="")
    hint = _kept_version_hint(project, found, args.dir) if not verdict.same and not (
        args.manifest or args.kept_version) else None
    if hint:
        print(hint)
    return EXIT_OK if verdict.same else EXIT_PLAN_ERRORS


def _kept_version_hint(project: Project, found: dict[str, str], folder: str) -> str | None:
    """After a copy that is not the last build: whether it is a version kept with site-gen archive (a live copy
    of the version before, once the next draft is built), and the command that checks it against that."""
    from site_gen.approval.verify import ManifestError, expected_files, read_manifest
    from site_gen.archive import RECORD, archived_versions

    kept = archived_versions(project)
    for version in reversed(kept):
        try:
            if expected_files(read_manifest(version.folder / RECORD)) == found:
                return (f"It is exactly version {version.version} as kept in archive/{version.version}: check it "
                        f"against that with site-gen verify {shlex.quote(folder)} --version {version.version}")
        except ManifestError:
            continue
    if kept:
        return (f"To check a copy of a version kept with site-gen archive, name it: site-gen verify "
                f"{shlex.quote(folder)} --version X (kept: {', '.join(v.version for v in kept)}).")
    return None


def cmd_check(args: argparse.Namespace) -> int:
    from site_gen.pipeline import ToolFailure, safe_check

    missing = _missing_folder(_project(args))
    if missing:
        _print_findings(missing, args.format)
        return EXIT_PLAN_ERRORS
    checked = None
    try:
        checked = safe_check(_project(args), args.strict)
        findings = checked.findings
    except ToolFailure as failure:
        findings = failure.findings
    if not args.report or checked is None:
        _print_findings(findings, args.format, _project(args).root)
        return _exit_status(findings)
    from site_gen.checks.report import report_dicts, report_rows, report_text

    rows = report_rows(checked.context, findings)
    if args.format == "json":
        print(format_json(findings, {"report": report_dicts(rows)}))
    else:
        _print_findings(findings, "text", _project(args).root, detail=True)
        print()
        print(report_text(rows))
    return _exit_status(findings)


def cmd_build(args: argparse.Namespace) -> int:
    from site_gen.build import build

    findings = _missing_folder(_project(args)) or build(_project(args), strict=args.strict,
                                                         progress=sys.stderr.isatty())
    _print_findings(findings, "text", _project(args).root)
    if not has_errors(findings):
        print(_built(_project(args)))
    return _exit_status(findings)


def _built(project: Project) -> str:
    """The one line that says what the build just made, read from its manifest and its PDFs."""
    import pikepdf

    from site_gen.manifest import built_line

    site = project.build_dir / "site"
    data = json.loads((project.build_dir / "manifest.json").read_text(encoding="utf-8"))
    pdfs = {}
    for pdf in sorted((site / "downloads").glob("*.pdf")):
        with pikepdf.open(pdf) as opened:
            pdfs[pdf.name] = len(opened.pages)
    return built_line(data, pdfs)


def cmd_serve(args: argparse.Namespace) -> int:
    from site_gen.preview import serve

    project = _project(args)
    missing = _missing_folder(project)
    if missing:
        _print_findings(missing, "text")
        return EXIT_PLAN_ERRORS
    try:
        serve(project, args.port, lambda text: print(text, flush=True))
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        print(f"Port {args.port} is already in use, perhaps by another preview. "
              f"Stop that one, or choose another port: site-gen serve --port {args.port + 1}", file=sys.stderr)
        return EXIT_TOOL_FAILED
    except KeyboardInterrupt:
        print("Preview stopped.", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from site_gen.scaffold import create_project

    target = Path(args.dir).resolve()
    findings = create_project(target)
    if findings:
        _print_findings(findings, "text")
        return _exit_status(findings)
    print(f"Made a new plan in {target}.\nNext: cd {shlex.quote(args.dir)} && site-gen serve")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from site_gen.schema import UnknownFamily, json_schema

    try:
        print(json.dumps(json_schema(args.file), indent=2, ensure_ascii=False))
    except UnknownFamily as err:
        print(err, file=sys.stderr)
        return EXIT_TOOL_FAILED  # a usage mistake, as argparse reports one
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="site-gen", description="Check and publish an integrated plan.")
    p.add_argument("--version", action="version", version=f"site-gen {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check the plan and list every problem found")
    check.add_argument("--project", default=".", help="the plan project folder (default: here)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--report", action="store_true",
                       help="also print a plain-English report: reading age, longest sentence and more, file by file")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="check the plan, then build the website into build/site")
    build.add_argument("--project", default=".", help="the plan project folder (default: here)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="preview the site on this computer, rebuilding on every change")
    serve.add_argument("--project", default=".", help="the plan project folder (default: here)")
    serve.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000)")
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="make a small, working plan project to start from")
    new.add_argument("dir", help="the folder to make; it must not exist or must be empty")
    new.set_defaults(func=cmd_new)

    approve = sub.add_parser("approve", help="record the governing body's decision on the plan as it is now, "
                                             "or take the last one back with --undo")
    approve.add_argument("--project", default=".", help="the plan project folder (default: here)")
    approve.add_argument("--body", help="who decided, such as 'Governing body'")
    approve.add_argument("--decision", choices=("approved", "approved-with-changes", "not-approved", "deferred"))
    approve.add_argument("--date", help="the date of the meeting, as YYYY-MM-DD")
    approve.add_argument("--minute", help="the minute reference of the decision")
    approve.add_argument("--build", metavar="CODE", help="the build code the minute quotes, such as e380ec9: the "
                                                         "decision is recorded only if the plan is that build")
    approve.add_argument("--by", metavar="NAME", help="who is recording the decision, such as 'Board secretary'")
    approve.add_argument("--undo", action="store_true", help="take back the last decision recorded, before it is "
                                                             "committed")
    approve.set_defaults(func=cmd_approve)

    diff = sub.add_parser("diff", help="say what changed between two versions of a plan")
    diff.add_argument("old", help="a plan folder, an approval record (.json) or a git revision")
    diff.add_argument("new", nargs="?", default=".", help="the same kinds of thing (default: the plan here)")
    diff.add_argument("--project", default=".", help="the plan whose git revisions are meant (default: here)")
    diff.set_defaults(func=cmd_diff)

    pack_cmd = sub.add_parser("pack", help="build, then write one zip file for the governing body's meeting")
    pack_cmd.add_argument("--project", default=".", help="the plan project folder (default: here)")
    pack_cmd.add_argument("--output", help="where to write the zip (default: a file in build/ named by version "
                                           "and build)")
    pack_cmd.set_defaults(func=cmd_pack)

    keep = sub.add_parser("archive", help="keep the built, published site so later versions still publish it")
    keep.add_argument("--project", default=".", help="the plan project folder (default: here)")
    keep.set_defaults(func=cmd_archive)

    verify = sub.add_parser("verify", help="compare a deployed copy of the site with what was built")
    verify.add_argument("dir", help="the folder holding the deployed site")
    verify.add_argument("--project", default=".", help="the plan project whose build/manifest.json to use")
    compared = verify.add_mutually_exclusive_group()
    compared.add_argument("--manifest", metavar="FILE", help="compare with this manifest, saved from a published "
                                                             "build, instead of build/manifest.json")
    compared.add_argument("--version", dest="kept_version", metavar="X", help="compare with the manifest site-gen "
                                                                              "archive kept with version X, "
                                                                              "archive/X/manifest.json")
    verify.add_argument("--ignore", action="append", default=[], metavar="PATTERN",
                        help="a file the server adds, such as .htaccess, to leave out (a glob; may be repeated)")
    verify.set_defaults(func=cmd_verify)

    schema = sub.add_parser("schema", help="print the JSON Schema of the data files")
    schema.add_argument("file", nargs="?", help="one data file's schema only, e.g. finance")
    schema.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_TOOL_FAILED
    except BrokenPipeError:
        # The reader (head, less) stopped reading: not a failure of the plan or the tool.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # the promise: never a bare traceback
        from site_gen.rules import internal_error

        _print_findings([internal_error(getattr(args, "project", ""), err)], getattr(args, "format", "text"))
        return EXIT_TOOL_FAILED
