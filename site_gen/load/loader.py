"""Load a plan project from disk: every data file and page, as source documents with positions."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.checks.kept import Kept, KeptEach
from site_gen.findings import Finding, Location
from site_gen.load.csv_tables import splice_csv_tables
from site_gen.load.files import name_finding, name_is_text, read_text
from site_gen.load.pages import SourcePage, split_front_matter
from site_gen.load.yaml_source import SourceDoc, parse_yaml
from site_gen.model import FAMILIES
from site_gen.project import Project
from site_gen.rules import internal_error, rule


@dataclass
class LoadedProject:
    project: Project
    settings: SourceDoc | None = None
    docs: dict[str, SourceDoc] = field(default_factory=dict)  # family name -> document
    pages: list[SourcePage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # families whose file could not be read
    files: frozenset[str] = frozenset()  # every input file, relative to the project


def _data_files(project: Project) -> list[Path]:
    if not project.data_dir.is_dir():
        return []
    return sorted(p for p in project.data_dir.iterdir() if p.suffix in (".yml", ".yaml"))


def _outside(project: Project, path: Path, relative: str) -> list[Finding]:
    """A finding when path is a shortcut (symbolic link) to a file outside the project. Found by fuzzing:
    the loader read such a page or data file into the plan and the site published it, although a shortcut
    to a file elsewhere on the computer must never be read (Project.owns; the CSV and logo readers already
    refuse one)."""
    try:
        where = project.outside_or_built(path)
        if where == "outside":
            place = "a file outside the plan's folder"
        elif where == "build":  # the build's own output: reading it would make each build change the plan
            place = "a file in the build folder"
        else:
            return []
    except (OSError, RuntimeError):  # a shortcut to itself (Python 3.11 raises RuntimeError): read_text says so
        return []
    return [rule("file-unreadable")(
        Location(relative), f"{relative} is a shortcut to {place}, so it is not read.",
        "Copy the file itself into the plan's folder in place of the shortcut.")]


# Each page as split from its text, kept between loads in one process (checks/kept.py): the preview loads the
# plan again after every edit, and an edit changes one page. Nothing changes a page once it is read.
_PAGES = Kept()


# Each data file's document as read, kept between loads in one process when it read without a problem: the
# checks mark it and seal it (pipeline.py), and after that nothing changes it, so the next load can hand the same
# document on, once the CSV files it took rows from are seen to be as they were.
_DOCS = KeptEach()


def _data_doc(family: str, relative: str, text: str, project: Project) -> tuple[SourceDoc, list[Finding]]:
    kept = _DOCS.of(relative).peek(text)
    if isinstance(kept, SourceDoc) and _read_from(relative, text, kept, project) == kept.read_digest:
        return kept, []
    doc, problems = parse_yaml(text, relative)
    if family == "finance" and not problems:
        problems = splice_csv_tables(doc, project)
    doc.read_digest = _read_from(relative, text, doc, project)
    if not problems and doc.read_digest is not None:
        _DOCS.of(relative).keep(text, doc)
    return doc, problems


def _read_from(relative: str, text: str, doc, project: Project) -> str | None:
    """A digest of what a data file's document was made from: its name and text, and the name and bytes of
    each CSV file it took rows from. None when a CSV file cannot be read again."""
    digest = hashlib.blake2b(f"{relative}\0{text}".encode("utf-8", "surrogateescape"), digest_size=20)
    try:
        for file in sorted(set(doc.origins.values())):
            digest.update(b"\0" + file.encode("utf-8", "surrogateescape") + b"\0" + (project.root / file).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def load_project(project: Project) -> LoadedProject:
    names = [project.relative(p) for p in project.input_files()]
    loaded = LoadedProject(project, files=frozenset(name for name in names if name_is_text(name)))
    loaded.findings += [name_finding(name) for name in names if not name_is_text(name)]
    outside = _outside(project, project.settings_file, "mkdocs.yml") if project.settings_file.is_file() else []
    loaded.findings += outside
    if project.settings_file.is_file() and not outside:
        text, problems = read_text(project.settings_file, "mkdocs.yml")
        loaded.findings += problems
        if text is not None:
            loaded.settings, problems = parse_yaml(text, "mkdocs.yml")
            loaded.findings += problems
    elif not outside:
        loaded.findings.append(rule("missing-file")(
            Location("mkdocs.yml"), "There is no mkdocs.yml, so the site has no name.",
            "Create mkdocs.yml with at least site_name: and the plan's name."))

    for path in _data_files(project):
        relative = project.relative(path)
        if not name_is_text(relative):
            continue  # said above
        family = path.stem
        if family not in FAMILIES:
            close = difflib.get_close_matches(family, FAMILIES, n=1)
            guess = f" Did you mean {close[0]}.yml?" if close else ""
            loaded.findings.append(rule("unknown-data-file")(
                Location(relative), f"{relative} is not a data file the plan uses, so it is ignored.{guess}"))
            continue
        if family in loaded.docs:
            loaded.findings.append(rule("duplicate-file")(
                Location(relative), f"There are two {family} files in data/; only {loaded.docs[family].file} is read."))
            continue
        try:
            outside = _outside(project, path, relative)
            text, problems = (None, outside) if outside else read_text(path, relative)
            loaded.findings += problems
            if text is None:
                loaded.unreadable.add(family)
                continue
            doc, problems = _data_doc(family, relative, text, project)
        except Exception as err:  # a fault of the tool: report it against the file, keep going
            loaded.findings.append(internal_error(relative, err))
            loaded.unreadable.add(family)
            continue
        loaded.findings += problems
        if problems and doc.data is None:
            loaded.unreadable.add(family)
        loaded.docs[family] = doc

    if "plan" not in loaded.docs and "plan" not in loaded.unreadable:
        loaded.findings.append(rule("missing-file")(
            Location("data/plan.yml"), "There is no data/plan.yml, so the plan has no title, period or version."))
        loaded.unreadable.add("plan")

    if project.content_dir.is_dir():
        for path in sorted(project.content_dir.rglob("*.md")):
            relative = project.relative(path)
            if not name_is_text(relative):
                continue  # said above
            try:
                outside = _outside(project, path, relative)
                text, problems = (None, outside) if outside else read_text(path, relative)
                loaded.findings += problems
                if text is None:
                    continue
                page, problems = _PAGES.get((relative, path.relative_to(project.content_dir).as_posix(), text),
                                            lambda text=text, relative=relative, path=path: split_front_matter(
                                                text, relative, path.relative_to(project.content_dir).as_posix()))
            except Exception as err:
                loaded.findings.append(internal_error(relative, err))
                continue
            loaded.findings += problems
            loaded.pages.append(page)
    return loaded
