"""Narrative pages: Markdown with a YAML front matter block on top."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.findings import Finding, Location
from site_gen.load.yaml_source import SourceDoc, parse_yaml
from site_gen.rules import rule


@dataclass
class SourcePage:
    """A page from content/: its path, front matter and body, with the line the body starts on."""

    file: str  # relative to the project, e.g. content/finance.md
    path: str  # relative to content/, e.g. finance.md
    front: SourceDoc
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def split_front_matter(text: str, file: str, path: str) -> tuple[SourcePage, list[Finding]]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return SourcePage(file, path, SourceDoc(file, {}, {(): (1, 1)}), text, 1), []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front_text = "\n".join(lines[1:index])
            doc, findings = parse_yaml(front_text, file, line_offset=1)
            if doc.data is None and not findings:
                doc.data = {}
            if doc.data is not None and not isinstance(doc.data, dict):
                findings.append(rule("front-matter")(
                    Location(file, 2, 1), "The front matter must be a block of keys such as title: and order:.",
                    "Write one key on each line, such as title: About us, between the two --- lines."))
                doc.data = None
            body = "\n".join(lines[index + 1:])
            return SourcePage(file, path, doc, body, index + 2), findings
    return SourcePage(file, path, SourceDoc(file, None, {(): (1, 1)}), "", len(lines)), [rule("front-matter")(
        Location(file, 1, 1), "The front matter opened with --- on line 1 is never closed.")]
