"""Sentences, words and a reading-age estimate for plain text. Pure functions, no I/O.

The estimate is the Flesch-Kincaid grade plus five (a US school grade is roughly a UK reading age
less five years). It is an estimate: it sees only sentence length and word length, so it rewards
short sentences and short words, which is what plain English asks for anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "eg", "ie", "dr", "mr", "mrs", "ms", "no", "st", "vs", "approx",
                            "cllr", "prof", "inc", "ltd", "co", "nos", "para", "fig"})
# The end of a sentence: . ! or ? (and any closing quote or bracket), then a space, then something that
# can start a sentence. A decimal point is never followed by a space, so £308.5m is not cut in two.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9£$])")
# A word starts where a run of non-space starts; without the look-behind, a long run of punctuation is
# rescanned from every position, which takes time growing with the square of its length.
_WORD = re.compile(r"(?<!\S)\S*[A-Za-z0-9]\S*")
_NUMBER = re.compile(r"\d")
# A year or financial year names a time, not an amount, so it is not counted as a figure to take in.
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-]\d\d)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Sentence:
    start: int  # offset in the text it came from
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _word_before(text: str, start: int, end: int) -> str:
    """The last word of text[start:end]. Read back from the end: taking the whole stretch since the last
    sentence each time took time growing with the square of its length when abbreviations ran on."""
    word_end = end
    while word_end > start and text[word_end - 1].isspace():
        word_end -= 1
    word_start = word_end
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    return text[word_start:word_end]


def sentences(text: str) -> list[Sentence]:
    """The sentences of a piece of prose, each with where it starts."""
    found: list[Sentence] = []
    start = 0

    def add(end: int) -> None:
        piece = text[start:end]
        stripped = piece.strip()
        if _WORD.search(stripped):
            found.append(Sentence(start + len(piece) - len(piece.lstrip()), " ".join(stripped.split())))

    for match in _SENTENCE_END.finditer(text):
        if match.group(0)[0] == "." and _word_before(text, start, match.start()).lower().strip("(\"'“‘") in _ABBREVIATIONS:
            continue
        add(match.end())
        start = match.end()
    add(len(text))
    return found


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_figure(word: str) -> bool:
    """A word that is an amount: 5,600, £14.4m, 95.2%, but not a year such as 2013 or 2013/14."""
    return bool(_NUMBER.search(word)) and not _YEAR.fullmatch(word.strip(".,;:!?()[]\"'’”"))


def syllables(word: str) -> int:
    """Syllables in a word, counted as groups of vowels less a silent final e: an estimate, but a
    closer one for English than hyphenation dictionaries, which avoid breaking short words."""
    letters = "".join(ch for ch in word.lower() if ch.isalpha())
    if not letters:
        return 1  # a number or symbol is read as at least one syllable
    count = len(_VOWEL_GROUPS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def reading_age(self) -> int | None:
        """Flesch-Kincaid grade plus five, in whole years; None when there is too little text to say."""
        if self.words < MIN_WORDS_FOR_AGE or not self.sentences:
            return None
        grade = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return max(5, round(grade + 5))

    @property
    def reading_age_text(self) -> str:
        """The reading age as a person reads it; beyond 21 the formula measures nothing useful."""
        age = self.reading_age
        return "-" if age is None else "over 21" if age > 21 else str(age)

    def __add__(self, other: Readability) -> Readability:
        return Readability(self.sentences + other.sentences, self.words + other.words,
                           self.syllables + other.syllables)


# Below this many words an estimate swings too far on one sentence to be worth showing.
MIN_WORDS_FOR_AGE = 50
NOTHING = Readability(0, 0, 0)


def readability(found: list[Sentence]) -> Readability:
    all_words = [w for s in found for w in words(s.text)]
    return Readability(len(found), len(all_words), sum(syllables(w) for w in all_words))
