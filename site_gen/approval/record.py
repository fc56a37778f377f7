"""site-gen approve: record a governing body's decision in the plan project. The approval record (what
was decided on, as a snapshot, and the decision itself) goes in approvals/, and data/plan.yml gains the
decision and, when the plan is approved, status: approved. Comments and layout in plan.yml are kept as
they are. site-gen approve --undo takes the last decision back."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from site_gen.approval.builds import kept_build, last_build
from site_gen.approval.diff import changes
from site_gen.approval.guard import APPROVING, changed_text, current_snapshot, read_raw_record
from site_gen.approval.snapshot import SnapshotError
from site_gen.findings import Finding, Location, has_errors
from site_gen.fingerprint import short
from site_gen.load.loader import load_project
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import rule

RECORDS = "approvals"
# The record keeps the status plan.yml had before the decision, so --undo can put it back exactly
# (a status worked out from the approvals left would be wrong once an earlier version was approved).
STATUS_BEFORE = "status_before"
_BUILD_CODE = re.compile(r"[0-9a-f]{7,64}")


@dataclass(frozen=True)
class Decision:
    body: str
    decision: str  # approved, approved-with-changes, not-approved or deferred
    date: datetime.date
    minute: str
    entered_by: str | None = None  # who typed the decision in, such as the board secretary


def record_name(version: str, when: datetime.date) -> str:
    safe = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in version)
    return f"{RECORDS}/version-{safe}-{when.isoformat()}.json"


def _yaml():
    """The round-trip YAML library, set to write plan.yml as the guide writes it, keeping every comment."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the plan's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # lists indented under their key, as the guide writes them
    return yaml


def _read_plan(path: Path):
    return _yaml().load(path.read_text(encoding="utf-8"))


def _save_plan(path: Path, document) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        _yaml().dump(document, out)
    temporary.replace(path)


def _add_decision(document, entry: dict, approve: bool) -> None:
    if "approvals" not in document or document["approvals"] is None:
        document["approvals"] = []
    document["approvals"].append(entry)
    if approve and document.get("status") != "published":
        document["status"] = "approved"


# What each value of a decision is called on the command line, for messages.
OPTIONS = {"body": "--body", "decision": "--decision", "date": "--date", "minute": "--minute", "entered_by": "--by"}
_EXAMPLES = {"--body": "Governing body", "--decision": "approved", "--date": "2014-03-27", "--minute": "GB/2014/031",
             "--by": "Board secretary"}


def decision_problems(decision: Decision) -> list[Finding]:
    """What is wrong with the decision as given, checked as plan.yml will check it once it is written
    there, so a decision is never recorded that would leave the plan with an error."""
    from pydantic import ValidationError

    from site_gen.model.plan import Approval

    given = {field: getattr(decision, field) for field in OPTIONS if getattr(decision, field) is not None}
    blank = [option for field, option in OPTIONS.items() if field in given and not str(given[field]).strip()]
    if blank:
        return [rule("missing-field")(Location(), f"{option} is empty, so the decision was not recorded.",
                                      f"Give {option} a value, such as {option} \"{_EXAMPLES[option]}\".")
                for option in blank]
    try:
        Approval.model_validate(given)
    except ValidationError as err:
        return [rule("invalid-value")(Location(), f"{OPTIONS.get(str(problem['loc'][0]), 'A value')} cannot be "
                                      f"recorded: {problem['msg'].rstrip('.')}. The decision was not recorded.",
                                      "Correct the value and record the decision again.")
                for problem in err.errors()]
    return []


def build_code_problems(code: str | None) -> list[Finding]:
    """A build code as the minute quotes it: seven or more of the characters 0-9 and a-f."""
    if code is None or _BUILD_CODE.fullmatch(code):
        return []
    return [rule("approval-build-differs")(
        Location(), f"'{code}' is not a build code, so the decision was not recorded. A build code is the first seven "
                    "or more characters of the build fingerprint, digits and the letters a to f, such as e380ec9.",
        "Give --build the code the minute quotes, as the papers print it.")]


def _since_build(project: Project, code: str, now) -> str:
    """What changed since the build whose code is given, as the changed-since-approval finding says it; or,
    when no snapshot of that build is kept here, how to find out."""
    kept = kept_build(project.build_dir, code)
    if kept is None:
        return (f" No build {code} is remembered in this folder, so site_gen cannot say what changed: compare the "
                f"plan with the papers' git tag, such as site-gen diff papers-{now.version}.")
    return changed_text(changes(kept, now), f"The snapshot of build {code} kept here")


def _build_differs(project: Project, checked, code: str) -> list[Finding]:
    """The minute's build code must be the plan's own: a decision is never recorded for a plan that changed
    after the papers."""
    if checked.fingerprint.startswith(code):
        return []
    return [rule("approval-build-differs")(
        Location(), f"The minute quotes build {code}, but the plan is now build {short(checked.fingerprint)}."
                    + _since_build(project, code, current_snapshot(checked)))]


def _last_build_differs(project: Project, checked) -> list[Finding]:
    """Without the minute's build code, the plan is compared with the last build made here, which is
    usually the papers: a difference is worth a look before the decision is committed."""
    last = last_build(project.build_dir)
    if last is None or last == checked.fingerprint:
        return []
    now, then = short(checked.fingerprint), short(last)
    kept = kept_build(project.build_dir, last)
    since = changed_text(changes(kept, current_snapshot(checked)), f"The snapshot of build {then} kept here") \
        if kept is not None else ""
    return [rule("approval-build-unconfirmed")(
        Location(), f"The plan is build {now}, but the last build made here was build {then} (the papers?).{since} "
                    f"Check that the minute quotes {now}.",
        f"If the minute quotes build {then}, take this decision back with site-gen approve --undo, and compare the "
        f"plan with the papers' git tag, such as site-gen diff papers-{checked.data.plan.version}. Given the minute's "
        "code with --build, "
        "site-gen approve checks this itself.")]


def _record(snap, decision: Decision, version: str, status_before) -> dict:
    """The approval record: the snapshot of the plan, and the decision itself, which the check holds
    plan.yml's copy of the decision to (guard.DECISION_FIELDS); extra keys are ignored when a snapshot
    is read back."""
    kept = {"body": decision.body, "decision": decision.decision, "date": decision.date.isoformat(),
            "minute": decision.minute, "version": version, "entered_by": decision.entered_by}
    return {**snap.as_dict(), "decision": kept, STATUS_BEFORE: status_before}


def _plan_entry(decision: Decision, version: str, fingerprint: str, name: str) -> dict:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    entry = {"body": decision.body, "decision": decision.decision, "date": decision.date,
             "minute": decision.minute, "version": DoubleQuotedScalarString(version)}  # quoted, as the guide asks
    if decision.entered_by:
        entry["entered_by"] = decision.entered_by
    return {**entry, "fingerprint": fingerprint, "record": name}


def _free_name(project: Project, version: str, when: datetime.date) -> str:
    name = record_name(version, when)
    number = 2
    while (project.root / name).exists():  # a second decision on the same version and day keeps the first
        name = record_name(version, when).replace(".json", f"-{number}.json")
        number += 1
    return name


def approve(project: Project, decision: Decision, build: str | None = None) -> tuple[list[Finding], str | None]:
    """Record the decision; returns the findings that stopped it (or a warning that did not), and a sentence
    saying what was done. A plan with errors, or with warnings (an approved plan is built strictly), is not
    recorded; nor is one whose build is not the one the minute quotes (build, when given)."""
    problems = decision_problems(decision) + build_code_problems(build)
    if problems:
        return problems, None
    decision = Decision(decision.body.strip(), decision.decision, decision.date, decision.minute.strip(),
                        decision.entered_by.strip() if decision.entered_by else None)
    checked = check_project(project, strict=True)
    problems = [f for f in checked.findings if f.code not in ("changed-since-approval", "approval-unverified")]
    differs = _build_differs(project, checked, build) if build and checked.data.plan is not None else []
    if has_errors(problems) or checked.data.plan is None:
        return problems + differs + [rule("approval-refused")(
            Location(), "The decision was not recorded, because the plan has the problems above. An approved plan "
                        "must pass every check, warnings included.")], None
    # Approved with changes: the minute quotes the papers, and the plan now holds the changes the governing body
    # asked for. It is recorded as it is now, with the papers' code beside it and what changed since them.
    with_changes = bool(differs) and decision.decision == "approved-with-changes"
    if differs and not with_changes:
        return problems + differs, None
    warnings = _last_build_differs(project, checked) if build is None else []
    plan = checked.data.plan
    snap = current_snapshot(checked)
    plan_file = project.root / checked.loaded.docs["plan"].file
    document = _read_plan(plan_file)
    name = _free_name(project, plan.version, decision.date)
    target = project.root / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(_record(snap, decision, plan.version, document.get("status")), indent=1,
                                 ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    approving = decision.decision in APPROVING
    entry = _plan_entry(decision, plan.version, snap.fingerprint, name)
    if with_changes:
        entry["papers_build"] = build
    _add_decision(document, entry, approving)
    _save_plan(plan_file, document)
    status = " data/plan.yml now says status: approved." if approving else " The plan's status is unchanged."
    by = f", entered by {decision.entered_by}" if decision.entered_by else ""
    if with_changes:
        status += (f" The papers were build {build}; the plan has changed since, with the changes the governing body "
                   f"asked for.{_since_build(project, build, snap)} Check that these are those changes.")
    return problems + warnings, (
        f"Recorded: {decision.decision.replace('-', ' ')} by {decision.body} on {decision.date.isoformat()} "
        f"(minute {decision.minute}), version {plan.version}, build {short(snap.fingerprint)}{by}.{status} "
        f"Commit data/plan.yml and {name} together.")


def _record_to_remove(project: Project, record: object) -> Path | None:
    """The approval record an undone decision names, when site-gen approve could have written it: an
    ordinary file in the project's approvals/ folder. Anything else named there is left alone."""
    if not isinstance(record, str):
        return None
    path = project.root / record
    folder = (project.root / RECORDS).resolve()
    if path.is_symlink() or not path.is_file() or path.resolve().parent != folder:
        return None
    return path


def _status_before(path: Path | None) -> tuple[bool, str | None]:
    """(known, status): the status plan.yml had before the decision, as its record keeps it; None when
    plan.yml gave none (so it was draft)."""
    try:
        raw = read_raw_record(path) if path is not None else None
    except SnapshotError:
        return False, None
    if not isinstance(raw, dict) or STATUS_BEFORE not in raw:
        return False, None
    before = raw[STATUS_BEFORE]
    return (True, before) if before is None or isinstance(before, str) else (False, None)


def _kept_since(document, last) -> str | None:
    """Why the last decision is part of the plan's history now, not a slip to take back (or None): it was on
    an earlier version (the plan has moved on since), or the plan compares itself with its record."""
    version = last.get("version")
    if version is not None and str(version) != str(document.get("version")):
        return f"was made on version {version}, and the plan is now version {document.get('version')}"
    if last.get("record") and str(document.get("changes_since") or "") == str(last.get("record")):
        return f"is the one the plan names in changes_since ({last.get('record')})"
    return None


def undo(project: Project) -> tuple[list[Finding], str | None]:
    """Take back the last decision site-gen approve recorded: its entry in plan.yml, its approval record
    and the status it set. Returns a finding when there is nothing it can take back, or a sentence
    saying what it did."""
    from ruamel.yaml import YAMLError

    doc = load_project(project).docs.get("plan")
    plan_file = project.root / doc.file if doc is not None else None
    if plan_file is None or not plan_file.is_file() or not project.owns(plan_file):
        return [rule("nothing-to-undo")(Location("data/plan.yml"), "There is no data/plan.yml, so there is no "
                                        "decision to take back.")], None
    relative = project.relative(plan_file)
    try:
        document = _read_plan(plan_file)
    except YAMLError:
        return [rule("nothing-to-undo")(Location(relative), f"{relative} cannot be read as YAML, so no decision was "
                                        "taken back.", "Run site-gen check, put right what it finds, then try "
                                        "again.")], None
    approvals = document.get("approvals") if hasattr(document, "get") else None
    if not approvals or not hasattr(approvals[-1], "get"):
        return [rule("nothing-to-undo")(Location(relative), f"{relative} records no decision, so there is nothing "
                                        "to take back.")], None
    last = approvals[-1]
    said = (f"the decision {str(last.get('decision', '')).replace('-', ' ')} by {last.get('body')} on "
            f"{last.get('date')} (minute {last.get('minute')})")
    if not last.get("record"):
        return [rule("nothing-to-undo")(
            Location(relative, last.lc.line + 1), f"The last decision in {relative}, {said}, names no approval "
            "record, so site-gen approve did not record it, and it is not taken back.")], None
    kept = _kept_since(document, last)
    if kept:
        return [rule("nothing-to-undo")(Location(relative, last.lc.line + 1), f"The last decision in {relative}, "
                                        f"{said}, {kept}, so it is not taken back.",
                                        "Only a decision just recorded on the plan's own version can be taken back. "
                                        "Correct an older one by hand, with the governing body's secretary.")], None
    record = _record_to_remove(project, last.get("record"))
    known, before = _status_before(record)
    del approvals[-1]
    if not approvals:
        del document["approvals"]  # approve began the list, most often; an empty one says the same
    if known and before is None:
        document.pop("status", None)
    elif known:
        document["status"] = before
    _save_plan(plan_file, document)
    if record is not None:
        record.unlink()
    removed = f"deleted {last.get('record')}" if record is not None else \
        f"left {last.get('record')}, which is not a file in {RECORDS}/"
    status = f"put the status back to {before or 'draft'}" if known else \
        f"left the status as it is ({document.get('status', 'draft')}), as the record does not say what it was"
    return [], f"Took back {said}: removed it from {relative}, {removed} and {status}."
