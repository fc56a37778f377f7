"""site-gen approve: record a governing body's decision in the plan project. The approval record (what
was decided on, as a snapshot) goes in approvals/, and data/plan.yml gains the decision and, when
the plan is approved, status: approved. Comments and layout in plan.yml are kept as they are."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from site_gen.approval.guard import APPROVING, current_snapshot
from site_gen.findings import Finding, Location, has_errors
from site_gen.fingerprint import short
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import rule

RECORDS = "approvals"


@dataclass(frozen=True)
class Decision:
    body: str
    decision: str  # approved, approved-with-changes, not-approved or deferred
    date: datetime.date
    minute: str


def record_name(version: str, when: datetime.date) -> str:
    safe = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in version)
    return f"{RECORDS}/version-{safe}-{when.isoformat()}.json"


def _write_plan(path: Path, entry: dict, approve: bool) -> None:
    """Add the decision to plan.yml, keeping every comment, with the round-trip YAML library."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the plan's long lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # lists indented under their key, as the guide writes them
    document = yaml.load(path.read_text(encoding="utf-8"))
    if "approvals" not in document or document["approvals"] is None:
        document["approvals"] = []
    document["approvals"].append(entry)
    if approve and document.get("status") != "published":
        document["status"] = "approved"
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        yaml.dump(document, out)
    temporary.replace(path)


# What each value of a decision is called on the command line, for messages.
OPTIONS = {"body": "--body", "decision": "--decision", "date": "--date", "minute": "--minute"}
_EXAMPLES = {"--body": "Governing body", "--decision": "approved", "--date": "2014-03-27", "--minute": "GB/2014/031"}


def decision_problems(decision: Decision) -> list[Finding]:
    """What is wrong with the decision as given, checked as plan.yml will check it once it is written
    there, so a decision is never recorded that would leave the plan with an error."""
    from pydantic import ValidationError

    from site_gen.model.plan import Approval

    blank = [option for field, option in OPTIONS.items() if not str(getattr(decision, field)).strip()]
    if blank:
        return [rule("missing-field")(Location(), f"{option} is empty, so the decision was not recorded.",
                                      f"Give {option} a value, such as {option} \"{_EXAMPLES[option]}\".")
                for option in blank]
    try:
        Approval.model_validate({field: getattr(decision, field) for field in OPTIONS})
    except ValidationError as err:
        return [rule("invalid-value")(Location(), f"{OPTIONS.get(str(problem['loc'][0]), 'A value')} cannot be "
                                      f"recorded: {problem['msg'].rstrip('.')}. The decision was not recorded.",
                                      "Correct the value and record the decision again.")
                for problem in err.errors()]
    return []


def approve(project: Project, decision: Decision) -> tuple[list[Finding], str | None]:
    """Record the decision; returns the findings that stopped it, or none and a sentence saying what was
    done. A plan with errors, or with warnings (an approved plan is built strictly), is not recorded."""
    problems = decision_problems(decision)
    if problems:
        return problems, None
    decision = Decision(decision.body.strip(), decision.decision, decision.date, decision.minute.strip())
    checked = check_project(project, strict=True)
    problems = [f for f in checked.findings if f.code not in ("changed-since-approval", "approval-unverified")]
    if has_errors(problems) or checked.data.plan is None:
        return problems + [rule("approval-refused")(
            Location(), "The decision was not recorded, because the plan has the problems above. An approved plan "
                        "must pass every check, warnings included.")], None
    plan = checked.data.plan
    snap = current_snapshot(checked)
    name = record_name(plan.version, decision.date)
    number = 2
    while (project.root / name).exists():  # a second decision on the same version and day keeps the first
        name = record_name(plan.version, decision.date).replace(".json", f"-{number}.json")
        number += 1
    target = project.root / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(snap.as_dict(), indent=1, ensure_ascii=False, sort_keys=False) + "\n",
                      encoding="utf-8")
    entry = {"body": decision.body, "decision": decision.decision, "date": decision.date,
             "minute": decision.minute, "fingerprint": snap.fingerprint, "record": name}
    approving = decision.decision in APPROVING
    _write_plan(project.root / checked.loaded.docs["plan"].file, entry, approving)
    status = " data/plan.yml now says status: approved." if approving else " The plan's status is unchanged."
    return [], (f"Recorded: {decision.decision.replace('-', ' ')} by {decision.body} on {decision.date.isoformat()} "
                f"(minute {decision.minute}), version {plan.version}, build {short(snap.fingerprint)}.{status} "
                f"Commit data/plan.yml and {name} together.")
