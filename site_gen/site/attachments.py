"""Files a plan publishes as they are (a page's attachments and pictures, the logo), checked by type
before they reach the site (pure: bytes in, bytes out).

A file served from the plan's own website runs with the site's authority: an HTML page or an SVG
picture carrying a script could read or change any page for whoever opens it. So only these kinds
are published: documents and spreadsheets (PDF, CSV, Excel, Word, OpenDocument) and pictures (PNG,
JPEG, WebP, GIF), each checked to be what its name says; and SVG pictures, which are parsed and
written out again holding only drawing, never script, event handlers, links to other files or
hosts, or foreignObject. Anything else (HTML above all) is refused: a page belongs in content/ as
Markdown, where it is checked and sanitised like every other page.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

_ZIP = b"PK\x03\x04"
# What each published kind of file must start with. CSV is text, checked apart.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".xlsx": (_ZIP,), ".docx": (_ZIP,), ".odt": (_ZIP,), ".ods": (_ZIP,),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
KINDS = {".pdf": "PDF document", ".xlsx": "Excel workbook", ".docx": "Word document", ".odt": "OpenDocument text",
         ".ods": "OpenDocument spreadsheet", ".png": "PNG picture", ".jpg": "JPEG picture", ".jpeg": "JPEG picture",
         ".gif": "GIF picture", ".webp": "WebP picture", ".csv": "CSV file", ".svg": "SVG picture"}
PUBLISHED_TYPES = tuple(sorted(KINDS))

# The elements a drawing is made of. Anything else in the SVG namespace that cannot act (metadata, say)
# is left out when the picture is written again; these are refused outright.
DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
    "pattern", "marker", "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood", "feComposite",
    "feColorMatrix", "feMerge", "feMergeNode", "switch",
})
REFUSED = frozenset({"script", "foreignObject", "image", "iframe", "a", "set", "animate", "animateMotion",
                     "animateTransform", "handler", "listener", "feImage"})
# url(...) naming anything but a part of the same picture, and @import: both fetch another file.
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.I)


# Reference definitions, [id]: target, one to a line.
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_INLINE_TARGET = re.compile(r"\s*<?([^)\s>]+)")


def _closed_parts(text: str, opening: str, closing: str) -> Iterator[tuple[int, str]]:
    """(offset of the opening, text up to the closing mark) for each opening mark that is closed later.
    Where the next close is found is remembered, so a text of many openings that never close is read
    once, not once for each opening (a page of 20,000 "](" took minutes)."""
    close = -2  # where the close after the previous opening is; -1 when there is none
    at = text.find(opening)
    while at >= 0:
        start = at + len(opening)
        if close != -1 and close < start:
            close = text.find(closing, start)
        if close == -1:
            return
        yield at, text[start:close]
        at = text.find(opening, start)


def linked_files(markdown: str, folder: str) -> list[tuple[int, str]]:
    """(offset in the Markdown, path relative to content/) of every file of the plan a page links to or
    shows, in Markdown, ](target), HTML, src="target" or href="target", or a reference definition;
    folder is the page's own folder in content/."""
    targets = []
    for at, inside in _closed_parts(markdown, "](", ")"):
        match = _INLINE_TARGET.match(inside)
        if match:
            targets.append((at, match.group(1)))
    for attribute in ('src="', 'href="'):
        targets += [(at, inside) for at, inside in _closed_parts(markdown, attribute, '"') if inside]
    targets += [(match.start(), match.group(1)) for match in _REFERENCE_TARGET.finditer(markdown)]
    found = []
    for at, target in sorted(targets):
        if "://" not in target and not target.startswith(("#", "/", "mailto:", "data:", "tel:")):
            found.append((at, posixpath.normpath(posixpath.join(folder, target.split("#")[0]))))
    return found


class Refused(ValueError):
    """Why a file cannot be published, in words for the plan's authors."""


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


def _local(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _clean_svg(data: bytes) -> bytes:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ET.ParseError, ValueError) as err:
        raise Refused(f"it cannot be read as an SVG picture ({err}).") from err
    if _local(root.tag) != (SVG, "svg"):
        raise Refused("it is not an SVG picture (its outermost element is not <svg>).")
    _clean_element(root)
    # ElementTree keeps the prefixes of namespaces in one table for the whole program, which other
    # libraries write to as well: the prefixes the picture is written with are set here each time.
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _clean_element(element: ET.Element) -> None:
    for name, value in list(element.attrib.items()):
        namespace, local = _local(name)
        if local.lower().startswith("on"):
            raise Refused(f"its <{_local(element.tag)[1]}> has an {local} attribute, which runs code.")
        if local == "href" and not value.strip().startswith("#"):
            raise Refused(f"it links to {value[:60]!r}; an SVG picture on the website may only refer to its own parts.")
        if _OUTSIDE_URL.search(value):
            raise Refused(f"its {local} attribute refers to another file or website.")
        if namespace not in ("", XLINK):
            del element.attrib[name]  # an editor's own notes, such as Inkscape's
    if element.text and _local(element.tag)[1] == "style" and _OUTSIDE_URL.search(element.text):
        raise Refused("its style refers to another file or website.")
    for child in list(element):
        if not isinstance(child.tag, str):  # a comment or processing instruction: nothing a reader needs
            element.remove(child)
            continue
        namespace, local = _local(child.tag)
        if namespace == SVG and local in REFUSED:
            raise Refused(f"it holds a <{local}> element, which could run code or bring in another file.")
        if namespace != SVG or local not in DRAWING:
            element.remove(child)
            continue
        _clean_element(child)


# In a stylesheet: url() or @import naming another host, or any scheme (https:, data:, javascript:).
_REMOTE_CSS = re.compile(r"url\(\s*['\"]?\s*([a-z][a-z0-9+.-]*:|//|\\)|@import", re.I)


def publishable_asset(name: str, data: bytes) -> bytes:
    """What a plan's own templates/assets/ may publish: a stylesheet that loads nothing from elsewhere, or
    any file a page could attach. Never a script: a script of the plan's would run on every page."""
    suffix = _suffix(name)
    if suffix == ".js":
        raise Refused("a plan's templates may not add scripts to the website.")
    if suffix == ".css":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise Refused("it is not a stylesheet saved as UTF-8 text.") from err
        if _REMOTE_CSS.search(text):
            raise Refused("the stylesheet loads something from another website or with @import.")
        return data
    return publishable(name, data)


def publishable(name: str, data: bytes) -> bytes:
    """The bytes to publish for the file called name, or Refused saying why it cannot be published."""
    suffix = _suffix(name)
    if suffix == ".svg":
        return _clean_svg(data)
    if suffix == ".csv":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise Refused("it is not a CSV file saved as UTF-8 text.") from err
        return data
    if suffix not in SIGNATURES:
        kinds = ", ".join(KINDS[s] for s in (".pdf", ".csv", ".xlsx", ".docx", ".odt", ".ods", ".png", ".jpg",
                                             ".webp", ".gif", ".svg"))
        raise Refused(f"the website publishes only these kinds of file: {kinds}.")
    if not data.startswith(SIGNATURES[suffix]) or suffix == ".webp" and data[8:12] != b"WEBP":
        raise Refused(f"it is not a {KINDS[suffix]}, although its name says so.")
    return data
