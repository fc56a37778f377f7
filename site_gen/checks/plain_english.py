"""Plain English and accessible Markdown: long sentences, pages that need a high reading age, paragraphs
crowded with figures, link text that says nothing, headings that skip a level, images without text.

The limits are the ones GOV.UK and NHS content guidance use: 25 words to a sentence, and text the
public can follow, which for a plan about money and services means a reading age of 14 or under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from site_gen.checks.completeness import NOT_PROSE_KEYS
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.checks.markdown_prose import Block, PageProse, page_prose, page_text_prose
from site_gen.checks.readability import Readability, Sentence, is_figure, readability, sentences, words
from site_gen.checks.text import Placer, data_strings
from site_gen.findings import Finding, Location, quoted
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc
from site_gen.rules import rule

LONGEST_SENTENCE = 25
READING_AGE_TARGET = 14
# A paragraph is crowded when more than one word in six is a figure, and it has at least four.
CROWDED_SHARE = 1 / 6
CROWDED_MIN_FIGURES = 4
# Data values shorter than this are labels and titles, not prose, and would make any text look easy.
DATA_PROSE_MIN_WORDS = 8
# Fields that hold names: of organisations, documents, sources. Nobody can shorten a trust's legal name
# or a report's title, so they are not prose to measure.
NAME_KEYS = frozenset({"name", "title", "label", "source", "publisher", "organisation", "role", "caption",
                       "heading", "body", "partner", "owner", "lead", "term", "expansion", "members", "chair"})

_SAYS_NOTHING = frozenset({
    "click here", "click", "here", "read more", "more", "more info", "more information", "find out more",
    "learn more", "see more", "this link", "link", "this page", "this", "go", "details", "see here", "continue",
})
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s)\]>]+", re.I)


@dataclass(frozen=True)
class PlacedSentence:
    sentence: Sentence
    location: Location


@dataclass(frozen=True)
class FileText:
    """The prose of one source file: every sentence with its place, and its readability."""

    file: str
    sentences: tuple[PlacedSentence, ...]
    measure: Readability


def _page_sentences(prose: PageProse) -> list[PlacedSentence]:
    return [PlacedSentence(s, block.location(s.start))
            for block in prose.blocks if block.kind == "paragraph" for s in sentences(block.prose)]


def _data_sentences(doc: SourceDoc) -> Iterator[PlacedSentence]:
    for path, text in data_strings(doc, NOT_PROSE_KEYS | NAME_KEYS):
        if len(words(text)) < DATA_PROSE_MIN_WORDS:
            continue
        placer = Placer(doc, path)
        for found in sentences(text):
            first_words = " ".join(found.text.split()[:2])
            where = placer.place(first_words)
            if where == placer.field and " " in first_words:
                where = placer.place(first_words.split()[0])
            yield PlacedSentence(found, where)


def file_texts(ctx: CheckContext) -> list[FileText]:
    """The prose of each page in content/ and of each data file, in file order."""
    out = [_page_text(page.file, page.body, page.body_line) for page in ctx.pages]
    for family, doc in sorted(ctx.docs.items()):
        if family in ctx.broken:
            continue
        text = _DATA_TEXTS.get(doc.digest, lambda doc=doc: _data_text(doc))
        if text.sentences:
            out.append(text)
    return sorted(out, key=lambda t: t.file)


# Each file's prose is kept by its text (a page) or its digest (a data file): see checks/kept.py.
_DATA_TEXTS = Kept()


def _data_text(doc: SourceDoc) -> FileText:
    placed = tuple(_data_sentences(doc))
    return FileText(doc.file, placed, readability([p.sentence for p in placed]))


@lru_cache(maxsize=4096)
def _page_text(file: str, body: str, body_line: int) -> FileText:
    placed = _page_sentences(page_text_prose(file, body, body_line))
    return FileText(file, tuple(placed), readability([p.sentence for p in placed]))


def check_sentences(ctx: CheckContext) -> Iterator[Finding]:
    for text in file_texts(ctx):
        for placed in text.sentences:
            count = placed.sentence.words
            if count > LONGEST_SENTENCE:
                yield rule("sentence-long")(placed.location,
                                            f"This sentence has {count} words: {quoted(placed.sentence.text, 80)}.")
        age = text.measure.reading_age
        if age is not None and age > READING_AGE_TARGET:
            what = "This page" if text.file.endswith(".md") else "The text in this file"
            yield rule("reading-age-high")(Location(text.file),
                                           f"{what} needs a reading age of about {text.measure.reading_age_text}; aim for "
                                           f"{READING_AGE_TARGET} or under.")


def _crowded(block: Block) -> tuple[int, int] | None:
    """(figures, words) when a paragraph has too many figures for its length."""
    found = words(block.prose)
    figures = sum(is_figure(w) for w in found)
    if figures >= CROWDED_MIN_FIGURES and figures > CROWDED_SHARE * len(found):
        return figures, len(found)
    return None


def _link_problem(text: str, href: str) -> str | None:
    plain = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if not text.strip():
        return "This link has no words, so a screen reader can only read out its address."
    if plain in _SAYS_NOTHING:
        return f"The link text {quoted(text)} does not say where the link goes."
    if _WEB_ADDRESS.match(text.strip()) and not href.startswith("mailto:"):
        return f"The link text is a web address ({quoted(text)}), which is hard to read and to listen to."
    return None


def _bare_addresses(block: Block) -> Iterator[tuple[int, str]]:
    """Web addresses written out in running text that are not the words of a link."""
    for match in _WEB_ADDRESS.finditer(block.prose):
        if block.source[max(match.start() - 1, 0)] != "[":
            yield match.start(), match.group(0).rstrip(".,;:!?")


def check_markup(ctx: CheckContext) -> Iterator[Finding]:
    yield from _MARKUP.by_page(ctx.pages, _markup)


_MARKUP = Kept()  # each page's findings, by its text (checks/kept.py)


def _markup(page: SourcePage) -> Iterator[Finding]:
    prose = page_prose(page)
    level = 1  # the page title is the level-1 heading, written or added
    for block in prose.blocks:
        if block.kind == "heading":
            if block.level > level + 1:
                yield rule("heading-skip")(
                    block.location(0),
                    f"This heading is level {block.level} ({'#' * block.level}) but the heading before it is "
                    f"level {level}; level {level + 1} is skipped.")
            level = block.level
        elif block.kind == "paragraph" and (crowded := _crowded(block)):
            yield rule("numbers-dense")(block.location(0),
                                        f"This paragraph has {crowded[0]} figures in {crowded[1]} words.")
        for offset, address in _bare_addresses(block):
            yield rule("link-text-unclear")(block.location(offset),
                                            f"The web address {quoted(address)} is written out in the text.",
                                            "Make it a link whose words say where it goes, such as "
                                            "[the hospital's website](https://...).")
    for link in prose.links:
        if problem := _link_problem(link.text, link.href):
            yield rule("link-text-unclear")(link.location, problem)
    for image in prose.images:
        # alt="" written in HTML is a deliberate choice, marking the image as decoration.
        if image.alt is None or (not image.alt.strip() and not (image.html and image.alt == "")):
            yield rule("image-alt-missing")(image.location,
                                            f"The image {quoted(image.src or '(no address)')} has no "
                                            "alternative text.")


CHECKS = [check_sentences, check_markup]
