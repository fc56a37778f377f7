"""The patterns for placeholders and drafting notes are tried only on text that holds a word or character
every match of theirs holds (checks/completeness.py, may_hold). Whatever the text, in whatever letters, a
match must mean the quick look said yes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.checks.completeness import _DRAFTING_NEEDS, _PLACEHOLDER_NEEDS, DRAFTING, PLACEHOLDER, may_hold

# Pieces of what the patterns match, in odd cases and letters that fold to the ones they name (a long s, the
# Kelvin sign, dotted and dotless i), and the spaces between words.
_PIECES = ["TBC", "tBa", "TBD", "XXXX", "xxx", "xx", "Table x", "APPENDIX X", "Fig x", "(add link)", "[ Insert date ]",
           "( incomplete )", "to be\nconfirmed", "Error! Reference source not found", "Lorem  Ipsum", "dd/mm/yyyy",
           "dd/02/2014", "£x", "£ Xk", "£\u00a0xx.xm", "Please provide a summary", "PLEASE SPECIFY", "pleaſe insert",
           "You must describe how", "you ſhould include your CCG", "needs rewording", "requires to be condensed",
           "This section still requires updating", "the table needs checking", "Author's notes:", "drafting note :",
           "note to self", "[comment: here]", "[ TO DO later]", "[check]", "TODO", "\u0131nsert", "\u0130NSERT",
           "\u212a", "ſ", " ", "\t", "\n", "\u00a0", "-", "(", "[", "]", ")"]
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_no_placeholder_or_drafting_note_is_passed_over_by_the_quick_look(text):
    if PLACEHOLDER.search(text):
        assert may_hold(text, _PLACEHOLDER_NEEDS), text
    if DRAFTING.search(text):
        assert may_hold(text, _DRAFTING_NEEDS), text


def test_the_quick_look_passes_over_text_with_none_of_the_words():
    assert not may_hold("Our budget for community services is £42.1m in 2014/15.", _DRAFTING_NEEDS)
    assert not may_hold("Waiting times fell by a third.", _PLACEHOLDER_NEEDS)
    assert may_hold("pleaſe \u0131nsert", _DRAFTING_NEEDS) and DRAFTING.search("pleaſe \u0131nsert")
