"""The one type every problem is reported as, and the one way findings are printed."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding points: a file relative to the plan project, with 1-based line and column."""

    file: str = ""
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        text = self.file or "(project)"
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    hint: str
    location: Location = field(default_factory=Location)
    why: str = ""  # why the problem matters, from its rule
    # The other places of the same problem (an acronym used unexplained in seven files): one finding for one
    # problem, so a plan's real problems are not buried under repeats of one.
    also: tuple[Location, ...] = ()

    @property
    def places(self) -> tuple[Location, ...]:
        return (self.location, *self.also)

    def sort_key(self) -> tuple:
        # Findings about the whole build (no file) come last, after the problems that caused them.
        return (not self.location.file, self.location.file, self.location.line, self.location.col, self.code,
                self.message)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "message": self.message,
            "hint": self.hint,
            "why": self.why,
        } | ({"also": [{"file": p.file, "line": p.line, "col": p.col} for p in self.also]} if self.also else {})


def quoted(value: object, limit: int = 60) -> str:
    """A value as a message shows it: in quotes, and cut short when it is long (a pasted paragraph or
    a 5,000-digit number would drown the message)."""
    text = str(value)
    return f"'{text[:limit]}...'" if len(text) > limit else f"'{text}'"


def strictened(findings: Iterable[Finding]) -> list[Finding]:
    """Under --strict a warning counts as an error; info stays info."""
    out = []
    for f in findings:
        if f.severity is Severity.WARNING:
            f = replace(f, severity=Severity.ERROR)
        out.append(f)
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.value for f in findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(findings: list[Finding]) -> str:
    c = count_by_severity(findings)
    if not findings:
        return "No problems found."
    return (
        f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, "
        f"{_plural(c['info'], 'note')}."
    )


SourceLine = Callable[[Location], str | None]
EXCERPT_WIDTH = 100


def excerpt(line: str, col: int) -> list[str]:
    """The offending line, trimmed to fit a terminal, with a caret under the column when it is known."""
    text = line.rstrip().expandtabs(1)
    indent = len(text) - len(text.lstrip())
    text = text.lstrip()
    at = max(col - 1 - indent, 0)
    if len(text) > EXCERPT_WIDTH:
        start = max(0, min(at - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
        text = ("..." if start else "") + text[start:start + EXCERPT_WIDTH] + "..."
        at = at - start + (3 if start else 0)
    return [text] + ([" " * at + "^"] if col else [])


ALSO_SHOWN = 6


def _places_text(places: tuple[Location, ...]) -> str:
    shown = ", ".join(str(place) for place in places[:ALSO_SHOWN])
    return shown + (f" and {len(places) - ALSO_SHOWN} more" if len(places) > ALSO_SHOWN else "")


def _finding_lines(f: Finding, source_line: SourceLine | None, with_severity: bool = True,
                   why: bool = True, hint: bool = True) -> list[str]:
    """One finding: where and what, the line it points at (when source_line can read it), its other places,
    and why it matters and the fix unless its group says them once."""
    said = f"{f.severity.value} [{f.code}] " if with_severity else ""
    lines = [f"  {f.location}: {said}{f.message}"]
    shown = source_line(f.location) if source_line and f.location.line else None
    if shown and shown.strip():
        number = f"{f.location.line} | "
        first, *caret = excerpt(shown, f.location.col)
        lines.append(f"      {number}{first}")
        lines += [f"      {' ' * len(number)}{c}" for c in caret]
    if f.also:
        lines.append(f"      Also at: {_places_text(f.also)}")
    if why and f.why:
        lines.append(f"      Why it matters: {f.why}")
    if hint and f.hint:
        lines.append(f"      Fix: {f.hint}")
    return lines


def _by_file(findings: list[Finding], source_line: SourceLine | None) -> list[str]:
    """Errors in full, file by file: there are few of them and each stops the plan."""
    lines: list[str] = []
    current = None
    for f in findings:
        if f.location.file != current:
            current = f.location.file
            if lines:
                lines.append("")
            lines.append(current or "(project)")
        lines += _finding_lines(f, source_line)
    return lines


def _briefly(findings: list[Finding]) -> list[str]:
    """A kind of finding about plain English, one line per file: where a page's sentences are long, the file
    needs rewriting, and a line for every sentence would bury the other findings."""
    files: dict[str, list[int]] = {}
    for f in findings:
        files.setdefault(f.location.file or "(project)", []).append(f.location.line)
    lines = []
    for file, found in files.items():
        at = sorted(set(found))
        where = f"line{'s' if len(at) > 1 else ''} {', '.join(str(n) for n in at[:8])}" + (" and more" if len(at) > 8 else "")
        lines.append(f"  {file}: {len(found)}, at {where}")
    return lines + ["  Each one in full: site-gen check --report"]


def _by_rule(findings: list[Finding], source_line: SourceLine | None, brief: frozenset[str]) -> list[str]:
    """Warnings or notes kind by kind, the most frequent first: why it matters and the fix said once for a kind
    when they are the same for each."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.code, []).append(f)
    lines: list[str] = []
    for code, group in sorted(groups.items(), key=lambda item: -len(item[1])):
        if lines:
            lines.append("")
        lines.append(f"[{code}] {_plural(len(group), group[0].severity.value.replace('info', 'note'))}")
        one_why = len({f.why for f in group}) == 1 and group[0].why
        one_hint = len({f.hint for f in group}) == 1 and group[0].hint
        if one_why:
            lines.append(f"  Why it matters: {group[0].why}")
        if one_hint:
            lines.append(f"  Fix: {group[0].hint}")
        if code in brief:
            lines += _briefly(group)
            continue
        for f in group:
            lines += _finding_lines(f, source_line, with_severity=False, why=not one_why, hint=not one_hint)
    return lines


def format_text(findings: list[Finding], source_line: SourceLine | None = None,
                brief: frozenset[str] = frozenset()) -> str:
    """Errors first, in full and file by file; then warnings and then notes, grouped by kind with a count,
    so that a plan's real problems are not buried under many of one kind. With source_line, each finding
    shows the line it points at. The codes in brief (plain-English findings) are one line per file.
    The last line counts the findings."""
    ordered = sorted(findings, key=Finding.sort_key)
    sections = [
        ("Errors", [f for f in ordered if f.severity is Severity.ERROR], None),
        ("Warnings", [f for f in ordered if f.severity is Severity.WARNING], "by kind"),
        ("Notes", [f for f in ordered if f.severity is Severity.INFO], "by kind"),
    ]
    lines: list[str] = []
    for title, group, grouping in sections:
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{title} ({len(group)}){', ' + grouping if grouping else ''}:")
        lines.append("")
        lines += _by_rule(group, source_line, brief) if grouping else _by_file(group, source_line)
    if lines:
        lines.append("")
    lines.append(summary_line(ordered))
    return terminal_safe("\n".join(lines))


# Control characters a plan's text may carry (a name pasted from elsewhere, a hostile file name): a terminal
# would act on them (an escape sequence can rewrite what is on the screen), so they are shown as codes.
_UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def format_json(findings: list[Finding], extra: dict | None = None) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    return json.dumps(
        {"findings": [f.as_dict() for f in ordered], "counts": count_by_severity(ordered)} | (extra or {}),
        indent=2,
        ensure_ascii=False,
    )

