"""A SUPERSEDED stamp on a PDF of an earlier version, added when a later build publishes it.

The PDF is never made again: it stays as it was approved, and only the stamp is laid over each sheet, a
large pale word across the middle and one line at the top saying which version replaced it and when.
The stamp is marked as an artifact (a watermark), so screen readers and the document's tags ignore it,
and its font is embedded, as PDF/UA requires of every font. The same PDF and words give the same bytes."""

from __future__ import annotations

import hashlib
import io
import math
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

from site_gen.sealed import read_sealed, write_sealed

WORD = "SUPERSEDED"
# Liberation Sans has the metrics of Arial, and is the font the PDFs are made in (Debian: fonts-liberation2).
FONT_NAME = "LiberationSans-Bold"
FONT_PLACES = (Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
               Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"))
PRINTABLE = "".join(chr(code) for code in range(32, 127))
WORD_COLOUR = "0.75 0.10 0.10"  # a dark red, laid over at low opacity so the page stays readable
LINE_COLOUR = "0.13 0.17 0.20"
WORD_OPACITY = "0.18"


class StampFontMissing(RuntimeError):
    """The font the stamp is written in is not installed."""


def bold_font_file() -> Path:
    for place in FONT_PLACES:
        if place.is_file():
            return place
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", "Liberation Sans:bold"], capture_output=True,
                               text=True, check=False).stdout.strip()
        if found and Path(found).is_file() and "Liberation" in found:
            return Path(found)
    raise StampFontMissing("The font Liberation Sans Bold is not installed (Debian package fonts-liberation2); "
                           "run make build, which installs it.")


@cache
def _font() -> tuple[bytes, list[int], dict]:
    """The font cut down to the printable ASCII characters: its file, each character's width (in thousandths
    of the type size) and the measurements a PDF font descriptor gives."""
    font = TTFont(bold_font_file(), recalcTimestamp=False)  # saved with the time of saving otherwise
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same font, the same bytes
    options.drop_tables += ["FFTM"]  # a font-maker's timestamp, which the PDF has no use for
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[ord(ch) for ch in PRINTABLE])
    cutter.subset(font)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = [round(font["hmtx"][cmap[ord(ch)]][0] * scale) for ch in PRINTABLE]
    head, os2 = font["head"], font["OS/2"]
    measures = {"bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
                "ascent": round(font["hhea"].ascent * scale), "descent": round(font["hhea"].descent * scale),
                "cap_height": round(getattr(os2, "sCapHeight", 0) * scale) or 716}
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), widths, measures


def _font_object(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    data, widths, measures = _font()
    # A subset's name starts with six capital letters of its own; from the font's bytes, so it never varies.
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name(f"/{tag}+{FONT_NAME}"), Flags=32,
        FontBBox=measures["bbox"], ItalicAngle=0, Ascent=measures["ascent"], Descent=measures["descent"],
        CapHeight=measures["cap_height"], StemV=120, FontFile2=pikepdf.Stream(pdf, data))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name(f"/{tag}+{FONT_NAME}"),
        FirstChar=32, LastChar=126, Widths=widths, Encoding=pikepdf.Name.WinAnsiEncoding, FontDescriptor=descriptor))


def _ascii(text: str) -> str:
    """The stamp's words in the characters its font holds (dates and versions are plain ASCII already)."""
    return "".join(ch if ch in PRINTABLE else "-" if ch in "\u2013\u2014\u2212" else "?" for ch in text)


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _width(text: str, size: float) -> float:
    widths = _font()[1]
    return sum(widths[PRINTABLE.index(ch)] for ch in text) * size / 1000


def _number(value: float) -> str:
    return format(Decimal(str(round(value, 3))).normalize(), "f")


def stamp_content(width: float, height: float, line: str, font: str, state: str,
                  origin: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """The drawing of the stamp on a sheet width by height points (pure): the word across the middle on the
    diagonal, as large as the sheet allows, and the line along the top. font and state: resource names."""
    line = _ascii(line)
    angle = math.atan2(height, width)
    diagonal = math.hypot(width, height)
    size = min(0.7 * diagonal / (_width(WORD, 1) or 1), height / 4)
    cos, sin = math.cos(angle), math.sin(angle)
    # Start the word so that its middle sits at the middle of the sheet.
    half = _width(WORD, size) / 2
    x = width / 2 - half * cos + size * 0.35 * sin
    y = height / 2 - half * sin - size * 0.35 * cos
    line_size = 9.0
    top = height - 16
    left = max(18.0, (width - _width(line, line_size)) / 2)
    parts = [
        "q", f"1 0 0 1 {_number(origin[0])} {_number(origin[1])} cm",
        "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC",
        "q", f"/{state} gs", f"{WORD_COLOUR} rg", "BT", f"/{font} {_number(size)} Tf",
        f"{_number(cos)} {_number(sin)} {_number(-sin)} {_number(cos)} {_number(x)} {_number(y)} Tm",
        f"{_pdf_string(WORD)} Tj", "ET", "Q",
        f"{LINE_COLOUR} rg", "BT", f"/{font} {_number(line_size)} Tf", f"{_number(left)} {_number(top)} Td",
        f"{_pdf_string(line)} Tj", "ET",
        "EMC", "Q",
    ]
    return ("\n".join(parts) + "\n").encode("ascii")


def stamp_superseded(source: bytes, line: str) -> bytes:
    """The PDF with the SUPERSEDED stamp on every sheet; line: what replaced it, such as "Superseded: version
    3.1 was replaced by version 3.2 on 24 April 2014."."""
    with pikepdf.open(io.BytesIO(source)) as pdf:
        font = _font_object(pdf)
        state = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=Decimal(WORD_OPACITY)))
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            font_name = page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/SiteGenStampFont"))
            state_name = page.add_resource(state, pikepdf.Name.ExtGState, pikepdf.Name("/SiteGenStampState"))
            # The sheet's own drawing is closed in q ... Q, so whatever state it leaves does not reach the stamp.
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
            drawing = stamp_content(box[2] - box[0], box[3] - box[1], line, str(font_name)[1:], str(state_name)[1:],
                                     (box[0], box[1]))
            page.contents_add(pikepdf.Stream(pdf, b"Q\n" + drawing))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def stamped(source: Path, line: str, cache: Path) -> bytes:
    """stamp_superseded, kept in cache by what went in: an earlier version's PDFs do not change from one
    build to the next, and a preview builds on every save."""
    original = source.read_bytes()
    key = hashlib.sha256(original + b"\0" + line.encode("utf-8")).hexdigest()
    kept = read_sealed(cache / f"{key}.pdf")  # sealed (sealed.py): one planted in build/ is never published
    if kept is not None:
        return kept
    result = stamp_superseded(original, line)
    write_sealed(cache / f"{key}.pdf", result)
    return result
