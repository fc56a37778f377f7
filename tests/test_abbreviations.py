"""Acronyms expanded with <abbr> in the finished HTML of every page, tables included."""

from __future__ import annotations

from site_gen.site.abbreviations import expand_abbreviations

TERMS = {"GP": "General practitioner", "A&E": "Accident and emergency", "CCG": "Clinical commissioning group",
         "NHS": "National Health Service"}


def test_text_acronyms_become_abbr_with_their_expansion():
    assert expand_abbreviations("<p>The CCG runs A&amp;E.</p>", TERMS) == (
        '<p>The <abbr title="Clinical commissioning group">CCG</abbr> runs '
        '<abbr title="Accident and emergency">A&amp;E</abbr>.</p>')


def test_a_plural_keeps_its_s_outside_and_longer_words_are_left_alone():
    assert expand_abbreviations("<td>GPs and CCGS and MYCCG</td>", TERMS) == (
        '<td><abbr title="General practitioner">GP</abbr>s and CCGS and MYCCG</td>')


def test_code_existing_abbr_and_attributes_are_untouched():
    page = '<code>CCG</code><abbr title="x">NHS</abbr><a href="/CCG" title="NHS">link</a>'
    assert expand_abbreviations(page, TERMS) == page


def test_expansions_are_escaped():
    assert expand_abbreviations("<p>GP</p>", {"GP": 'Say "hello" <b>'}) == (
        '<p><abbr title="Say &quot;hello&quot; &lt;b&gt;">GP</abbr></p>')
