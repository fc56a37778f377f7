"""Plan text as Typst, safely (pure). Typst reads a document as code and markup, so text from a plan is never
written into either: it goes in as a string literal, shown as it is, and a string literal can hold nothing but
text. These are the only ways the converter puts words into a Typst file."""

from __future__ import annotations

import re

# Control characters (C0 and C1) and private-use or unpaired code points: no font draws them, and PDF/UA-1
# refuses text it cannot draw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")


def string(text: str) -> str:
    """A Typst string literal holding text exactly: a backslash and a double quote are the only characters
    a literal gives meaning to, so they are escaped; control characters, which no plan means to print, go."""
    plain = _CONTROL.sub("", text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + plain.replace("\n", "\\n").replace("\t", " ") + '"'


def shown(text: str) -> str:
    """Text in markup: an embedded string, closed with a semicolon so that nothing written after it (a full
    stop, a bracket) can be read as part of the expression."""
    return f"#{string(text)};" if text else ""


# A link to a place in another piece of a plan made in pieces (pdf/pieces.py) is written as a link to this
# address, which Typst keeps as it is; the join makes it a link inside the document. A .invalid name can
# never be a real website.
ELSEWHERE = "https://piece.site-gen.invalid/#"
LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def label(name: str) -> str:
    """A label the converter made (never a plan's own id, which is mapped to one of these first)."""
    if not LABEL.fullmatch(name):
        raise ValueError(f"not a label the converter makes: {name!r}")
    return f"<{name}>"
