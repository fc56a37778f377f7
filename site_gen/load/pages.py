"""Narrative pages: Markdown with a YAML front matter block on top."""

from __future__ import annotations

from dataclasses import dataclass, replace

from site_gen.findings import Finding, Location
from site_gen.load.yaml_source import SourceDoc, parse_yaml
from site_gen.rules import rule

# The most a page may hold. A whole real plan runs to about 160,000 characters, so one page of 250,000
# holds any plan's text with room to spare; the longest line in the real plans we have seen is 1,500
# characters (a paragraph typed without line breaks). Past these, checking would take a long time for
# no reader's benefit, so the page's text is not checked and its finding says so.
MOST_PAGE_CHARACTERS = 250_000
MOST_LINE_CHARACTERS = 10_000
# A block of lines with no empty line between them: a paragraph, a list or a table. Markdown reads the
# links and images of a paragraph in time that grows with the square of its length when their brackets
# never close, so a block is limited too; the longest in the real plans we have seen is 6,000 characters.
MOST_BLOCK_CHARACTERS = 50_000


@dataclass
class SourcePage:
    """A page from content/: its path, front matter and body, with the line the body starts on."""

    file: str  # relative to the project, e.g. content/finance.md
    path: str  # relative to content/, e.g. finance.md
    front: SourceDoc
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def size_finding(text: str, file: str) -> Finding | None:
    """A finding when a page is past the most a page or a line of it may hold; None when it is within."""
    if len(text) > MOST_PAGE_CHARACTERS:
        return rule("file-unreadable")(
            Location(file), f"This page has {len(text):,} characters, more than the {MOST_PAGE_CHARACTERS:,} a page "
            "may have, so its text is not checked.",
            "Split it into several pages, each on one subject: a page this long is too long to read on screen.")
    lengths = [len(line) for line in text.split("\n")]
    if max(lengths) <= MOST_LINE_CHARACTERS:
        return _block_finding(lengths, file)
    line = next(number for number, length in enumerate(lengths, 1) if length > MOST_LINE_CHARACTERS)
    return rule("file-unreadable")(
        Location(file, line, MOST_LINE_CHARACTERS + 1),
        f"Line {line} has {lengths[line - 1]:,} characters, more than the {MOST_LINE_CHARACTERS:,} a line may have, "
        "so this page's text is not checked.",
        "Break the paragraph into shorter ones, with an empty line between them.")


def _block_finding(lengths: list[int], file: str) -> Finding | None:
    """A finding at the first block of lines (no empty line between them) past the most a block may hold."""
    start, size = 1, 0
    for number, length in enumerate(lengths, 1):
        if length == 0:
            start, size = number + 1, 0
            continue
        size += length + 1
        if size > MOST_BLOCK_CHARACTERS:
            return rule("file-unreadable")(
                Location(file, start), f"The paragraph, list or table starting on line {start} has more than "
                f"{MOST_BLOCK_CHARACTERS:,} characters, more than one may have, so this page's text is not checked.",
                "Break it into shorter paragraphs, or a table into several, with an empty line between them.")
    return None


def split_front_matter(text: str, file: str, path: str) -> tuple[SourcePage, list[Finding]]:
    """The page, with the findings about its front matter and its size. A page past the most a page may
    hold keeps its front matter but loses its body, so that no check spends long reading it (the size
    finding is an error, so the page is never published without its checks)."""
    page, findings = _split(text, file, path)
    too_big = size_finding(text, file)
    if too_big is not None:
        return replace(page, body=""), [*findings, too_big]
    return page, findings


def _split(text: str, file: str, path: str) -> tuple[SourcePage, list[Finding]]:
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
