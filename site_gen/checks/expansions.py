"""One acronym spelt out two ways in the text: "Single Point of Response (SPOR)" in one place and "Single
Point of Referral (SPOR)" in another. Readers cannot tell which service is meant, or whether there are two.
(The glossary is not compared: it often gives a fuller official name than the text uses.) And the other way
round: one thing given two acronyms, "NHS Commissioning Board (NHSCB)" and "NHS Commissioning Board (NCB)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_gen.checks.completeness import Prose, place_of, prose_by_file
from site_gen.checks.context import CheckContext
from site_gen.checks.kept import Kept
from site_gen.findings import Finding, Location
from site_gen.rules import rule

# "Words Spelt Out (ACRONYM)": the acronym in brackets straight after the words it stands for. The brackets are
# found first and the words read back from them, so the text is not tried for a run of words at every position.
_BRACKETED = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&]*[A-Z])s?\)")
_WORDS_BEFORE = re.compile(r"(?:[\w&'’-]+[,]?\s+){1,12}$")
_LOOK_BACK = 400  # characters: more than twelve words of any length a name uses
# Small words that an acronym may or may not take a letter from: "Office for National Statistics" (ONS).
_SMALL = frozenset({"and", "&", "of", "for", "the", "in", "on", "to", "a", "an", "at", "by", "with"})
LONGEST = 12


def _words(text: str) -> list[str]:
    return re.findall(r"[\w&'’-]+", text)


def _initials_matched(words: list[str], acronym: str) -> int:
    """How many of the acronym's capitals the words' first letters give, in order."""
    letters = [ch for ch in acronym if ch.isupper()]
    matched = 0
    for word in words:
        if matched < len(letters) and word[:1].upper() == letters[matched]:
            matched += 1
    return matched


def expansion(before: str, acronym: str) -> str | None:
    """The words an acronym spells out, read back from its brackets: the shortest run, starting with its first
    letter, whose first letters give all its capitals but one at most ("Mid Essex Clinical Commissioning Group
    (CCG)" gives Clinical Commissioning Group). None when the words before the brackets do not spell it, as in
    "meetings in GP practices (MDT)", where the brackets name something rather than explain it."""
    words = _words(before)[-LONGEST:]
    letters = sum(1 for ch in acronym if ch.isupper())
    best: tuple[int, int] | None = None  # (capitals given, -words), the larger the better
    chosen = None
    for start in range(len(words)):
        if words[start][:1].upper() != acronym[0].upper() or words[start].lower() in _SMALL:
            continue
        score = (_initials_matched(words[start:], acronym), -(len(words) - start))
        if best is None or score > best:
            best, chosen = score, start
    if chosen is None or best is None or best[0] < max(2, letters - 1):
        return None
    return " ".join(words[chosen:])


# Words that only say what kind of body a name is: "Basildon and Thurrock University Hospitals" and the same
# followed by "NHS Foundation Trust" name one body.
_KIND_OF_BODY = frozenset({"nhs", "foundation", "trust", "ltd", "limited", "plc", "cic", "council", "partnership"})


def _key(words: str) -> str:
    """What an expansion says, whatever its case, spacing, punctuation and small words: 'Well Being' and
    'Wellbeing' read the same, and so do a plural and its singular."""
    kept = [word.lower().removesuffix("s") for word in _words(words) if word.lower() not in _SMALL | _KIND_OF_BODY]
    return re.sub(r"[^a-z0-9]", "", "".join(kept))


def _spelt_out(ctx: CheckContext) -> Iterator[tuple[str, str, Location]]:
    """(acronym, words, where) for each place the plan spells an acronym out in brackets."""
    for key, prose in prose_by_file(ctx):
        yield from _SPELT_OUT.get(key, lambda prose=prose: list(_spelt_out_in(prose())))


_SPELT_OUT = Kept()  # each file's, by what its prose follows from (checks/kept.py)


def _spelt_out_in(prose_of_file: Iterator[Prose]) -> Iterator[tuple[str, str, Location]]:
    for prose in prose_of_file:
        placer = None
        for match in _BRACKETED.finditer(prose.text):
            run = _WORDS_BEFORE.search(prose.text, max(0, match.start() - _LOOK_BACK), match.start())
            words = expansion(run.group(0), match["acronym"]) if run else None
            if words:
                placer = placer or prose.placer()
                # Placed at the bracketed acronym itself, not at the start of the sentence before it.
                yield match["acronym"], words, place_of(prose, match, placer)


def check_acronym_names(ctx: CheckContext) -> Iterator[Finding]:
    spelt_out = list(_spelt_out(ctx))  # read once for both checks: it passes over all the plan's text
    yield from _two_expansions(spelt_out)
    yield from _two_acronyms(spelt_out, list(_glossary_names(ctx)))


def _two_expansions(spelt_out: list[tuple[str, str, Location]]) -> Iterator[Finding]:
    seen: dict[str, list[tuple[str, Location]]] = {}
    for acronym, words, where in spelt_out:
        seen.setdefault(acronym, []).append((words, where))
    for acronym, places in seen.items():
        kinds: dict[str, tuple[str, Location]] = {}
        for words, where in places:
            kinds.setdefault(_key(words), (words, where))
        if len(kinds) < 2:
            continue
        spellings = list(kinds.values())
        first = spellings[0][1]
        said = " and ".join(f"'{words}' ({where})" for words, where in spellings[:3])
        yield rule("acronym-two-expansions")(
            first, f"'{acronym}' is spelt out {len(spellings)} ways: {said}.",
            also=tuple(where for _, where in spellings[1:] if where.line))


def _acronym_key(acronym: str) -> str:
    """One acronym however it is cased or made plural: PbR and PBR, CCGs and CCG."""
    upper = acronym.upper()
    return upper[:-1] if acronym.endswith("s") and len(upper) > 2 else upper


def _glossary_names(ctx: CheckContext) -> Iterator[tuple[str, str, Location]]:
    """(acronym, expansion, where) for each glossary term that is an acronym with its expansion."""
    if not ctx.loaded("glossary"):
        return
    for index, term in enumerate(ctx.data.glossary.terms):
        if term.expansion and re.fullmatch(r"[A-Z][A-Za-z0-9&]*[A-Z0-9]s?", str(term.term)):
            yield str(term.term), term.expansion, ctx.where("glossary", "terms", index, "term")


def _two_acronyms(spelt_out: list[tuple[str, str, Location]],
                  glossary: list[tuple[str, str, Location]]) -> Iterator[Finding]:
    """One thing given two acronyms, in the text or the glossary: "NHS Commissioning Board (NHSCB)" in one place
    and "NHS Commissioning Board (NCB)" in another. Readers cannot tell the two are one body."""
    names: dict[str, dict[str, tuple[str, str, Location]]] = {}
    for acronym, words, where in (*spelt_out, *glossary):
        key = _key(words)
        if key:
            names.setdefault(key, {}).setdefault(_acronym_key(acronym), (acronym, words, where))
    for acronyms in names.values():
        if len(acronyms) < 2:
            continue
        named = list(acronyms.values())
        said = " and ".join(f"'{acronym}' ({where})" for acronym, _, where in named[:3])
        yield rule("acronym-two-names")(
            named[0][2], f"'{named[0][1]}' is given {len(named)} acronyms: {said}.",
            also=tuple(where for _, _, where in named[1:] if where.line))


CHECKS = [check_acronym_names]



