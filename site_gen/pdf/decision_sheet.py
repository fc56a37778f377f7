"""The decision sheet: one A4 page that goes first in the board pack. It says what the governing body
is asked to decide, on which version and build, what has changed since the version it saw last, the
words the minute might use, and how the decision is recorded afterwards. The facts are worked out here
(pure); the page is typeset by Typst (templates/print/decision-sheet.typ), with fewer changes listed until it
fits one sheet."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from site_gen.approval.diff import Changes
from site_gen.derive import MEASURE_STATUSES
from site_gen.model.governance import Governance
from site_gen.model.plan import APPROVING, Approval, Plan
from site_gen.project import default_templates_dir
from site_gen.render.formatting import date_text, with_the
from site_gen.render.generated import DECISIONS
from site_gen.render.pages import STATUS_LABELS

TEMPLATE = "print/decision-sheet.typ"
FILE_NAME = "decision-sheet.pdf"

# How many changes the sheet names, tried in turn until the sheet fits one page; the rest are counted
# and the reader is sent to the "Changes since" page of the full plan.
LISTED = (6, 3, 1, 0)
# Longest name or title shown, in characters: the sheet must fit one page whatever the plan holds.
LONGEST = 160
LONGEST_CHANGE = 90  # each change is one line of the list, near enough

ASKED = ("draft", "consultation")  # statuses whose plan is put to the body for a decision
DATE_PLACEHOLDER = "YYYY-MM-DD"
MINUTE_PLACEHOLDER = "REFERENCE"


@dataclass(frozen=True)
class DecisionSheet:
    organisation: str
    title: str  # the plan's title
    version: str
    version_date: str | None  # of this version, from the version history
    build: str  # the short build code
    status: str
    heading: str  # over what is asked (or decided)
    ask: str
    changes_heading: str
    changes_summary: str  # one sentence
    changes_listed: list[str]
    changes_more: str | None  # where to read the rest
    minute_heading: str
    minute: str
    after_meeting: str | None  # the command that records the decision, for a plan still to be decided
    after_meeting_notes: list[str]


def clipped(text: str, limit: int = LONGEST) -> str:
    """Text cut to limit characters at a word, with an ellipsis (pure): a name of any length then
    still leaves the sheet room for its other parts."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(",;: ") + "…"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def approving_body(plan: Plan, governance: Governance) -> str:
    """Who decides on the plan: the body that decided on it before, as approval records name it; else a
    body in data/governance.yml called the governing body; else "governing body"."""
    if plan.approvals:
        return max(plan.approvals, key=lambda decision: decision.date).body
    for body in governance.bodies:
        if body.id == "governing-body" or "governing body" in body.name.lower():
            return body.name
    return "governing body"


def shell_word(text: str) -> str:
    """One word of a command as typed in a terminal: quoted, as the guides quote it, when it holds a space."""
    if re.fullmatch(r"[\w./:@+-]+", text):
        return text
    return f'"{text}"' if not re.search(r'["$`\\!]', text) else shlex.quote(text)


def _was_now(label: str, was: str | None, now: str | None) -> str:
    """One change as the site shows it: the name cut to fit, then what it was and is now, never cut."""
    if was is None:
        return f"{clipped(label, LONGEST_CHANGE)}: new, {now}"
    if now is None:
        return f"{clipped(label, LONGEST_CHANGE)}: was {was}, now gone"
    return f"{clipped(label, LONGEST_CHANGE)}: {was} to {now}"


def changed_items(found: Changes) -> list[str]:
    """Every change, each as a short line that names it as the plan does, with each figure as the site shows
    it, was and now: a figure by its label, a table's cell by its table, row and column, an item by its
    title, a page by its title."""
    figures = found.shown_figures()
    lines = [_was_now(figure.label, figure.was, figure.now) for figure in figures]
    named = {figure.label for figure in figures}
    for table in found.shown_tables():
        title = f"{table.title} ({table.unit})" if table.unit else table.title  # the unit of its figures
        lines += [_was_now(f"{title}: {cell.row}, {cell.column}", cell.was, cell.now) for cell in table.cells
                  if f"{cell.row}, {cell.column}" not in named]
    lines += [clipped(f"Added {item.kind}: {item.title}", LONGEST_CHANGE) for item in found.added]
    lines += [clipped(f"Removed {item.kind}: {item.title}", LONGEST_CHANGE) for item in found.removed]
    lines += [f"{clipped(status.name, LONGEST_CHANGE)}: {MEASURE_STATUSES.get(status.old, status.old).lower()} to "
              f"{MEASURE_STATUSES.get(status.new, status.new).lower()}" for status in found.statuses]
    lines += [clipped(f"Page {page.how}: {page.title}", LONGEST_CHANGE) for page in found.pages]
    return lines


def _version_date(plan: Plan) -> str | None:
    dates = [entry.date for entry in plan.version_history if entry.version == plan.version]
    return date_text(max(dates)) if dates else None


def _decision_words(decision: Approval) -> str:
    return DECISIONS.get(decision.decision, decision.decision).lower()


def _earlier_decision(plan: Plan) -> str:
    """", approved by the Governing body on 27 March 2014 (minute GB/14/031)", or what else was decided, for
    the decision whose record changes_since names; empty when plan.yml does not list it."""
    for decision in plan.approvals:
        if plan.changes_since and decision.record == plan.changes_since:
            body, when, minute = with_the(clipped(decision.body)), date_text(decision.date), clipped(decision.minute)
            if decision.decision in APPROVING:
                return f", approved by {body} on {when} (minute {minute})"
            return f", put to {body} on {when} (minute {minute}: {_decision_words(decision)})"
    return ""


def _changes(plan: Plan, body: str, since: Changes | None, changes_page: int | None,
             listed: int) -> tuple[str, str, list[str], str | None]:
    """The heading, the summary sentence, the changes named and where to read the rest."""
    if since is None:
        if not plan.approvals:
            return ("Changes", f"No decision on this plan is recorded, so there are no changes to list: this is "
                               f"the first version put to {with_the(body)}.", [], None)
        return ("Changes", "The plan names no earlier version to compare with (changes_since in data/plan.yml), "
                           "so no changes are listed here. The version history in the full plan says what each "
                           "version changed.", [], None)
    heading = f"Changes since version {since.old_version}"
    if since.empty:
        return heading, f"Nothing has changed since version {since.old_version}{_earlier_decision(plan)}.", [], None
    summary = f"Since version {since.old_version}{_earlier_decision(plan)}: {since.summary()}."
    items = changed_items(since)
    shown = items[:listed]
    where = f'"{heading}" in the full plan' + (f", page {changes_page}" if changes_page else "")
    rest = len(items) - len(shown)
    more = f"and {rest} more: see {where}." if rest else f"Each change is set out in {where}."
    return heading, summary, shown, more


def sheet_facts(plan: Plan, governance: Governance, build: str, since: Changes | None,
                changes_page: int | None, listed: int = LISTED[0]) -> DecisionSheet:
    """What the sheet says (pure). build is the short build code; changes_page the full plan's page of
    "Changes since", if known; listed how many changes to name."""
    body = clipped(approving_body(plan, governance))
    the_body, the_plan = with_the(body), with_the(clipped(plan.title))
    version = clipped(plan.version, 40)
    heading, summary, shown, more = _changes(plan, body, since, changes_page, listed)
    facts = {"organisation": clipped(plan.organisation.name), "title": clipped(plan.title), "version": version,
             "version_date": _version_date(plan), "build": build, "status": STATUS_LABELS[plan.status],
             "changes_heading": heading, "changes_summary": summary, "changes_listed": shown, "changes_more": more}
    if plan.status in ASKED:
        command = (f"site-gen approve --build {build} --body {shell_word(_capital(body))} --decision approved "
                   f"--date {DATE_PLACEHOLDER} --minute {MINUTE_PLACEHOLDER}")
        return DecisionSheet(
            **facts, heading="What the meeting is asked to do",
            ask=f"{_capital(the_body)} is asked to approve version {version} of {the_plan}, build {build}.",
            minute_heading="Suggested minute",
            minute=f"{_capital(the_body)} approved {the_plan}, version {version}, build {build}.",
            after_meeting=command,
            after_meeting_notes=[
                f"Put the date of the meeting for {DATE_PLACEHOLDER} and the minute's reference for "
                f"{MINUTE_PLACEHOLDER}. For another decision, give approved-with-changes, not-approved or "
                "deferred after --decision.",
                f"With --build, nothing is recorded unless the plan is still build {build}, the build in "
                "these papers and in the minute."])
    return DecisionSheet(**facts, **_decided(plan, the_plan, version), after_meeting=None, after_meeting_notes=[])


def _decided(plan: Plan, the_plan: str, version: str) -> dict[str, str]:
    """What the sheet says of a plan no longer waiting for a decision: the decision already recorded."""
    decisions = [decision for decision in plan.approvals if decision.decision in APPROVING]
    if plan.status == "superseded":
        newer = plan.superseded_by.version if plan.superseded_by else "a newer version"
        ask = f"Version {version} of {the_plan} has been replaced by version {clipped(newer, 40)}. No decision is asked."
    else:
        ask = f"Version {version} of {the_plan} has been approved. No decision is asked."
    if not decisions:
        return {"heading": "Decision", "ask": ask, "minute_heading": "Minute", "minute": "No decision is recorded."}
    latest = max(decisions, key=lambda decision: decision.date)
    return {"heading": "Decision", "ask": ask, "minute_heading": "Minute",
            "minute": f"{_capital(with_the(clipped(latest.body)))} decided on {date_text(latest.date)}: "
                      f"{_decision_words(latest)} (minute {clipped(latest.minute)})."}


def sheet_files(sheet: DecisionSheet, template: str) -> dict[str, bytes]:
    """The files of the sheet's document, by name: its words as data beside its Typst template (pure)."""
    return {"decision-sheet.typ": template.encode("utf-8"),
            "sheet.json": json.dumps(asdict(sheet), ensure_ascii=False, sort_keys=True).encode("utf-8")}


def decision_sheet_pdf(plan: Plan, governance: Governance, build: str, since: Changes | None,
                       changes_page: int | None, lay_out: Callable[[dict[str, bytes]], tuple[bytes, int]]) -> bytes:
    """The sheet as a tagged PDF of exactly one page. lay_out typesets its files into PDF bytes and a number
    of sheets; fewer changes are named until the sheet fits."""
    template = (default_templates_dir() / TEMPLATE).read_text(encoding="utf-8")
    for listed in LISTED:
        pdf, sheets = lay_out(sheet_files(sheet_facts(plan, governance, build, since, changes_page, listed), template))
        if sheets == 1:
            return pdf
    # Every name is clipped, so even the longest plan fits once no change is named: this is a fault.
    raise RuntimeError(f"the decision sheet takes {sheets} pages with no change named")


def typeset_with(work_dir: Path, source_date_epoch: int) -> Callable[[dict[str, bytes]], tuple[bytes, int]]:
    """What lays the sheet out: Typst, in a staging folder inside work_dir, dated from SOURCE_DATE_EPOCH."""
    from site_gen.pdf.places import sheets_and_places
    from site_gen.pdf.typeset import compile_pdf

    def lay_out(files: dict[str, bytes]) -> tuple[bytes, int]:
        pdf = compile_pdf(files, "decision-sheet.typ", work_dir, source_date_epoch)
        return pdf, sheets_and_places(pdf)[0]

    return lay_out
