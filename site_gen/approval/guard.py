"""An approved or published plan must still be the plan that was approved: its fingerprint is checked
against the latest approval, and when they differ the finding says what has changed since."""

from __future__ import annotations

import json
from pathlib import Path

from site_gen.approval.diff import Changes, change_text, changes
from site_gen.approval.places import content_pages, layout
from site_gen.approval.snapshot import Snapshot, SnapshotError, from_dict, snapshot
from site_gen.findings import Finding
from site_gen.fingerprint import short
from site_gen.model.plan import APPROVING
from site_gen.render.formatting import date_text
from site_gen.render.titles import page_title
from site_gen.rules import rule

MOST_LISTED = 5  # changes named in the finding itself; `site-gen diff` lists them all


def current_snapshot(checked) -> Snapshot:
    """The plan as it is now, in the form an approval record keeps."""
    pages = {page.file: page.body for page in checked.loaded.pages}
    titles = {page.file: page_title(page) for page in checked.loaded.pages}
    return snapshot(checked.data, checked.context.index, checked.fingerprint, pages, titles)


def read_raw_record(path: Path) -> object:
    """An approval record from disk as JSON, not yet checked; raises SnapshotError with a plain reason."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SnapshotError(f"it cannot be read ({err.__class__.__name__})") from err
    except (RecursionError, ValueError) as err:
        # A record edited by hand: lists nested too deep to read, or a number too long to convert.
        raise SnapshotError("it holds something too deeply nested or too long to read") from err


def read_record(path: Path) -> Snapshot:
    """An approval record from disk; raises SnapshotError with a plain reason."""
    return from_dict(read_raw_record(path))


def changed_text(found: Changes, compared: str = "The approval record") -> str:
    """What changed, in a sentence or two: the words the changed-since-approval finding and site-gen approve
    --build use, so the secretary meets one wording wherever a build differs from the one approved.
    compared: what the plan was compared with, to begin the sentence when no change shows there."""
    if found.empty:
        return (f" {compared} shows no change to any figure, item or page, so the change is elsewhere: "
                "in mkdocs.yml, in templates/, or in a field of data/plan.yml such as version or changes_since.")
    named = [f"{c.label} ({c.ref}), {change_text(c)}" for c in found.figures]
    named += [f"{i.kind} '{i.id}' added" for i in found.added] + [f"{i.kind} '{i.id}' removed" for i in found.removed]
    named += [f"{page.path} ({page.how})" for page in found.pages]
    more = f"; and {len(named) - MOST_LISTED} more" if len(named) > MOST_LISTED else ""
    return f" Changed since: {found.summary()}: " + "; ".join(named[:MOST_LISTED]) + more + "."


def _what_changed(checked, record_path: Path | None) -> str:
    if record_path is None or not record_path.is_file():
        return ""
    try:
        return changed_text(changes(read_record(record_path), current_snapshot(checked)))
    except SnapshotError:
        return ""


def changes_since(checked) -> tuple[Changes | None, list[Finding]]:
    """What changed since the approval record plan.yml names in changes_since, for the "Changes since"
    page; or a finding when the record cannot be read."""
    plan = checked.data.plan
    if plan is None or not plan.changes_since:
        return None, []
    path = checked.project.root / plan.changes_since
    where = checked.context.where("plan", "changes_since")
    if not path.is_file() or not checked.project.owns(path):
        return None, [rule("missing-file")(where, f"There is no approval record {plan.changes_since} in the project.",
                                           "Name a file in approvals/, written by site-gen approve.")]
    try:
        # Where each figure is shown comes from the plan as it is now: the pages the change report links to.
        return changes(read_record(path), current_snapshot(checked),
                       layout(checked.data, content_pages(checked.loaded.pages))), []
    except SnapshotError as err:
        return None, [rule("missing-file")(where, f"{plan.changes_since} cannot be compared: {err}.",
                                           "Name a file in approvals/, written by site-gen approve.")]


def _record_disagrees(checked, latest, record_path: Path, where) -> list[Finding]:
    """The fingerprint data/plan.yml gives an approval must be the one its approval record holds: the line in
    plan.yml is easily edited, so on its own it would let a changed plan pass as the approved one."""
    try:
        kept = read_record(record_path) if record_path.is_file() and checked.project.owns(record_path) else None
    except (SnapshotError, OSError):
        kept = None
    if kept is None:
        return [rule("approval-unverified")(
            where, f"The approval record {latest.record} cannot be read, so nothing shows that the fingerprint "
                   "data/plan.yml gives this approval is the one the governing body approved.",
            "Put back the approval record written by site-gen approve (from version control).")]
    if kept.fingerprint == latest.fingerprint:
        return []
    return [rule("changed-since-approval")(
        where, f"data/plan.yml says build {short(latest.fingerprint)} was approved on {date_text(latest.date)}, but "
               f"its approval record {latest.record} says build {short(kept.fingerprint)}: the fingerprint in "
               "data/plan.yml has been changed by hand.",
        "Put back the fingerprint written by site-gen approve, or take the plan back for approval.")]


# The parts of a decision the version history page publishes, which its approval record keeps as well.
DECISION_FIELDS = ("body", "decision", "date", "minute", "version")
_LABELS = {"body": "body", "decision": "decision", "date": "date", "minute": "minute reference",
           "version": "version"}


def decision_entry(approval) -> dict[str, str | None]:
    """A decision as data/plan.yml gives it, in the form its approval record keeps it (pure)."""
    return {"body": approval.body, "decision": approval.decision, "date": approval.date.isoformat(),
            "minute": approval.minute, "version": approval.version}


def _kept_decision(checked, approval) -> dict | None:
    """The decision an approval record keeps beside its snapshot; None for a record written before records
    kept it, or one that cannot be read (the latest approval's record is checked for that on its own)."""
    path = checked.project.root / approval.record if approval.record else None
    if path is None or not path.is_file() or not checked.project.owns(path):
        return None
    try:
        raw = read_raw_record(path)
    except SnapshotError:
        return None
    kept = raw.get("decision") if isinstance(raw, dict) else None
    return kept if isinstance(kept, dict) else None


def _decision_edited(checked, index: int, approval) -> list[Finding]:
    """The body, decision, date, minute and version of an approval are published on the version history
    page but left out of the fingerprint, as approving must not change it; so each is checked against
    the decision its approval record keeps, or they could be rewritten under the approved build code."""
    kept = _kept_decision(checked, approval)
    if kept is None:
        return []
    given = decision_entry(approval)
    found = []
    for name in DECISION_FIELDS:
        said = kept.get(name)
        if said is None or given[name] == str(said):
            continue
        typed = f"gives the {_LABELS[name]} of this decision as {given[name]}" if given[name] is not None else \
            f"gives no {_LABELS[name]} for this decision"
        found.append(rule("changed-since-approval")(
            checked.context.where("plan", "approvals", index, name),
            f"data/plan.yml {typed}, but its approval record {approval.record} says {said}: the version history "
            "page must publish each decision as it was recorded.",
            f"Put back {name}: {said} (from version control). A decision recorded wrongly is taken back with "
            "site-gen approve --undo and recorded again."))
    return found


def approval_findings(checked) -> list[Finding]:
    plan = checked.data.plan
    found: list[Finding] = []
    if plan is None or plan.status not in ("approved", "published"):
        return found
    approvals = [(i, a) for i, a in enumerate(plan.approvals) if a.decision in APPROVING]
    if not approvals:
        return found  # the lifecycle check already says the approval is missing
    for number, approval in approvals:
        found += _decision_edited(checked, number, approval)
    index, latest = max(approvals, key=lambda pair: pair[1].date)
    where = checked.context.where("plan", "approvals", index)
    if latest.fingerprint is None:
        return found + [rule("approval-unverified")(
            where, f"The approval of {date_text(latest.date)} does not record which build of the plan was approved, "
                   "so nobody can show that this is the plan the governing body saw.",
            "Record approvals with site-gen approve, which writes the fingerprint and an approval record.")]
    record_path = checked.project.root / latest.record if latest.record else None
    if record_path is not None:
        found += _record_disagrees(checked, latest, record_path, where)
    now = checked.fingerprint
    if now == latest.fingerprint:
        return found
    return found + [rule("changed-since-approval")(
        where, f"The plan has changed since {latest.body} approved build {short(latest.fingerprint)} on "
               f"{date_text(latest.date)} (minute {latest.minute}); it is now build {short(now)}."
               + _what_changed(checked, record_path),
        "Undo the changes, or take the plan back for approval as a new version: give it a higher version number, "
        "set status: draft, and run site-gen approve after the decision." + (f" site-gen diff {latest.record} . lists every change." if latest.record else ""))]
