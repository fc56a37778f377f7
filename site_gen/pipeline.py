"""The check stage of the pipeline: load, validate into the model, run every check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from site_gen.approval.diff import Changes
from site_gen.approval.guard import approval_findings, changes_since
from site_gen.archive import archive_findings
from site_gen.checks import run_checks
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import KeptEach
from site_gen.findings import Finding, strictened
from site_gen.fingerprint import fingerprint
from site_gen.load.attachments import attachment_findings
from site_gen.load.loader import LoadedProject, load_project
from site_gen.load.shortcuts import shortcuts_outside
from site_gen.model import FAMILIES, PlanData
from site_gen.model.site import SiteSettings
from site_gen.model.validate import Entries, not_stated_marks, put_marks, validate_doc, validate_entries
from site_gen.project import Project
from site_gen.rules import internal_error
from site_gen.site.lifecycle import STRICT_STATUSES


@dataclass
class CheckedPlan:
    loaded: LoadedProject
    data: PlanData
    settings: SiteSettings | None
    context: CheckContext
    findings: list[Finding] = field(default_factory=list)
    since: Changes | None = None  # what changed since the approval record plan.yml names, for its page

    @cached_property
    def fingerprint(self) -> str:
        """The fingerprint of the inputs, worked out once: the approval check, the snapshot and the build
        all need it."""
        return fingerprint(self.project)

    @property
    def project(self) -> Project:
        return self.loaded.project


@dataclass
class Validated:
    data: PlanData
    settings: SiteSettings | None
    broken: set[str]  # families whose file could not be read at all
    findings: list[Finding]
    entries: dict[str, Entries]  # families that were read with some of their entries left out


def _validate(loaded: LoadedProject) -> Validated:
    """Each data file read entry by entry: a bad entry is reported and left out, and the rest is kept."""
    done = Validated(PlanData(), None, set(loaded.unreadable), [], {})
    for family, doc in loaded.docs.items():
        if family in done.broken:
            continue
        try:
            read = doc.read_digest or doc.content_digest()
            marks, silent = _MARKED.of(family).get(read, lambda doc=doc: not_stated_marks(doc))
            put_marks(doc, marks)  # a kept result was worked out on another copy of the document
            # What the marking made of the document follows from the document as read, so the digest
            # of what was read names it; and so does its validation, kept between checks in one process.
            doc.seal(f"{read} marked")
            entries = _VALIDATED.of(family).get(read, lambda doc=doc, family=family: validate_entries(doc, FAMILIES[family]))
        except Exception as err:  # a fault of the tool, reported against the file it was reading
            silent, entries = [], Entries(None, [internal_error(doc.file, err)])
        # A value that cannot be recorded as not stated has its error at the same place: that says it all.
        refused = {finding.location for finding in entries.findings}
        done.findings += [finding for finding in silent if finding.location not in refused] + entries.findings
        if entries.model is None:
            done.broken.add(family)
            continue
        setattr(done.data, family, entries.model)
        if entries.left_out:
            done.entries[family] = entries
    if loaded.settings is not None and "mkdocs.yml" not in {f.location.file for f in loaded.findings}:
        # An empty file reads as nothing at all: it still needs its site_name.
        done.settings, problems = validate_doc(loaded.settings, SiteSettings)
        done.findings += problems
    return done


# Each data file's validation, by its family and the digest of its document as read (checks/kept.py). The
# models are frozen, so a kept one is safe to hand to the next check.
_VALIDATED = KeptEach()
_MARKED = KeptEach()  # what each data file's document as read marks as not stated, and the warnings


def check_project(project: Project, strict: bool = False,
                  validated_plan: Callable[[CheckContext], None] | None = None) -> CheckedPlan:
    """Load, validate and check the plan. validated_plan, if given, is handed the validated plan before the
    checks run, for work that can go on beside them (the build starts drawing charts)."""
    loaded = load_project(project)
    validated = _validate(loaded)
    data, settings, findings = validated.data, validated.settings, validated.findings
    context = CheckContext(data, loaded.docs, loaded.pages, validated.broken, loaded.settings, loaded.files,
                           validated.entries)
    if validated_plan is not None:
        validated_plan(context)
    logo = data.plan.branding.logo if data.plan is not None else None
    published = attachment_findings(project, loaded.pages, logo, context.where("plan", "branding", "logo"))
    checked = CheckedPlan(loaded, data, settings, context,
                          loaded.findings + shortcuts_outside(project) + findings + run_checks(context) + published
                          + archive_findings(project))
    checked.since, found = changes_since(checked)
    checked.findings += found + approval_findings(checked)
    if strict or (data.plan is not None and data.plan.status in STRICT_STATUSES):
        checked.findings = strictened(checked.findings)
    return checked


def safe_check(project: Project, strict: bool = False) -> CheckedPlan | None:
    """check_project, with any fault of the tool turned into an internal-error finding."""
    try:
        return check_project(project, strict)
    except Exception as err:
        raise ToolFailure([internal_error(str(project.root.name), err)]) from err


class ToolFailure(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings[0].message if findings else "tool failure")
        self.findings = findings
