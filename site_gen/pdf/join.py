"""Tagged PDFs laid out apart, joined into one tagged PDF: the sheets in order, one structure tree,
one map from marked content to its structure, one set of named places, one list of bookmarks, and links
between the parts made links inside the document. Each sheet then gets its running footer and any
watermark, drawn from a separate document of stamps and marked as artifacts, so a screen reader skips
them. See pdf/parts.py for why the plan is laid out in parts."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from site_gen.pdf.parts import ELSEWHERE
from site_gen.pdf.tags import finish_tags_in


@dataclass
class _Joined:
    """What is gathered from every part while its sheets are added."""
    parent_tree: list[tuple[int, object]] = field(default_factory=list)  # (key, structure) for sheets
    annotations: list[tuple[object, object]] = field(default_factory=list)  # (annotation, its structure)
    places: dict[str, object] = field(default_factory=dict)  # named destination -> [sheet /XYZ x y 0]
    bookmarks: list[OutlineItem] = field(default_factory=list)


def _kids(node) -> list:
    kids = node.get("/K")
    if isinstance(kids, Array):
        return list(kids)
    return [kids] if kids is not None else []


def _number_tree(tree) -> dict[int, object]:
    return dict(pikepdf.NumberTree(tree).items()) if tree is not None else {}


def _places(pdf: pikepdf.Pdf) -> dict[str, object]:
    """The document's named places (destinations), each [sheet /XYZ x y zoom]."""
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    return {str(name): dest for name, dest in pikepdf.NameTree(dests).items()} if dests is not None else {}


def sheets_and_places(data: bytes) -> tuple[int, dict[str, int]]:
    """A part's number of sheets, and the sheet (from 0) each of its named places is on."""
    with pikepdf.open(io.BytesIO(data)) as part:
        sheet_of = {page.objgen: number for number, page in enumerate(part.pages)}
        return len(part.pages), {name: sheet_of[dest[0].objgen] for name, dest in _places(part).items()}


def _bookmark(item: OutlineItem, sheet_of: dict, first_sheet: int) -> OutlineItem | None:
    """A bookmark of a part, pointing at the same place on the joined document's sheet."""
    dest = item.destination
    if not isinstance(dest, Array) or len(dest) < 4 or dest[0].objgen not in sheet_of:
        return None
    copy = OutlineItem(item.title, first_sheet + sheet_of[dest[0].objgen], "XYZ",
                       left=float(dest[2]), top=float(dest[3]), zoom=0)
    copy.is_closed = item.is_closed
    copy.children.extend(child for child in (_bookmark(c, sheet_of, first_sheet) for c in item.children) if child)
    return copy


def _gather(out: pikepdf.Pdf, part: pikepdf.Pdf, joined: _Joined, first_sheet: int) -> None:
    """Add one part's sheets and tags to out. The part's own structure and map are read before its
    objects are copied, and every copy goes through out.copy_foreign, which copies an object only once,
    so the copied structure points at the copied sheets."""
    is_base = part is out
    copy = (lambda obj: obj) if is_base else (lambda obj: _copy(out, obj))
    sheet_of = {page.objgen: number for number, page in enumerate(part.pages)}
    with part.open_outline() as outline:
        joined.bookmarks += [mark for mark in (_bookmark(item, sheet_of, first_sheet) for item in outline.root)
                             if mark]
    tree_root = part.Root.StructTreeRoot
    (document,) = _kids(tree_root)  # WeasyPrint's one /Document element
    structure = _number_tree(tree_root.get("/ParentTree"))
    places = _places(part)
    if is_base:
        sheets = list(out.pages)
    else:
        del document["/P"]  # so copying it does not copy the part's whole tree root with it
        copied = copy(document)
        target = out.Root.StructTreeRoot.K[0]
        for kid in _kids(copied):
            kid.P = target
            target.K.append(kid)
        with warnings.catch_warnings():
            # pikepdf warns that named places are not carried over with the sheets; join() does that.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(part.pages)
        sheets = list(out.pages)[first_sheet:]
        joined_document = out.Root.StructTreeRoot.K[0]
        structure = {key: _swap(copy(value), copied, joined_document) for key, value in structure.items()}
        places = {name: copy(dest) for name, dest in places.items()}
    for number, sheet in enumerate(sheets):
        joined.parent_tree.append((first_sheet + number, structure[int(sheet.StructParents)]))
        sheet.StructParents = first_sheet + number
        for annotation in sheet.get("/Annots", []):
            if "/StructParent" in annotation:
                joined.annotations.append((annotation, structure[int(annotation.StructParent)]))
    for name, dest in places.items():
        joined.places.setdefault(name, dest)


def _copy(out: pikepdf.Pdf, obj):
    """An object of a part in out. qpdf copies only indirect objects, so a direct array or dictionary
    is rebuilt around copies of what it holds."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(out, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _swap(value, old, new):
    """A structure map entry that names the part's /Document element names the joined one instead."""
    if isinstance(value, Dictionary) and value.objgen == old.objgen:
        return new
    if isinstance(value, Array):
        return Array([new if isinstance(v, Dictionary) and v.objgen == old.objgen else v for v in value])
    return value


def _owner(name: str, places: dict) -> str | None:
    """The page a place is on, for a link to a place WeasyPrint did not mark: the longest named place
    that the name starts with (every page's own place is named page-..., its parts page-...--...)."""
    candidates = [place for place in places if name.startswith(place + "--")]
    return max(candidates, key=len) if candidates else None


def _link_parts(out: pikepdf.Pdf, places: dict) -> None:
    """Links to ELSEWHERE become links to the named place, as WeasyPrint writes a link inside one
    document."""
    for sheet in out.pages:
        for annotation in sheet.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
            if not uri.startswith(ELSEWHERE):
                continue
            name = unquote(uri[len(ELSEWHERE):])
            name = name if name in places else _owner(name, places) or name
            del annotation["/A"]
            annotation.Dest = String(name)
            annotation.Contents = String(name)


def _stamp(out: pikepdf.Pdf, stamps: pikepdf.Pdf) -> None:
    """Draw each stamp sheet under the joined sheet of the same number, inside /Artifact marked content.
    Sheets of one part share one resources dictionary, so each stamp has its own name in it."""
    for number, (sheet, stamp) in enumerate(zip(out.pages, stamps.pages, strict=True)):
        form = stamp.as_form_xobject()
        # WeasyPrint's sheets share one resources dictionary, which the form would otherwise copy, a
        # thousand watermarks long, into each of a thousand stamps.
        form.Resources = stamp.obj.Resources
        drawing = out.copy_foreign(form)
        name = Name(f"/SiteGenStamp{number}")
        if "/XObject" not in sheet.Resources:
            sheet.Resources.XObject = Dictionary()
        sheet.Resources.XObject[name] = drawing
        sheet.contents_add(out.make_stream(f"/Artifact BMC q {name} Do Q EMC\n".encode("ascii")), prepend=True)


def join(base: bytes, parts: list[bytes], stamps: bytes) -> pikepdf.Pdf:
    """base (the cover and contents) then each part, as one open PDF; the caller saves it."""
    out = pikepdf.open(io.BytesIO(base))
    joined = _Joined()
    _gather(out, out, joined, 0)
    for data in parts:
        first_sheet = len(out.pages)
        with pikepdf.open(io.BytesIO(data)) as part:
            _gather(out, part, joined, first_sheet)
    sheets = len(out.pages)
    numbers = Array()
    for key, value in joined.parent_tree:
        numbers.extend([key, value])
    for key, (annotation, value) in enumerate(joined.annotations, start=sheets):
        annotation.StructParent = key
        numbers.extend([key, value])
    tree_root = out.Root.StructTreeRoot
    tree_root.ParentTree = out.make_indirect(Dictionary(Nums=numbers))
    tree_root.ParentTreeNextKey = sheets + len(joined.annotations)
    names = Array()
    for name in sorted(joined.places, key=lambda text: text.encode("utf-8")):
        names.extend([String(name), joined.places[name]])
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    out.Root.Names.Dests = out.make_indirect(Dictionary(Names=names))
    _link_parts(out, joined.places)
    with out.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(joined.bookmarks)
    with pikepdf.open(io.BytesIO(stamps)) as stamp_sheets:
        _stamp(out, stamp_sheets)
    return out


def joined_pdf(base: bytes, parts: list[bytes], stamps: bytes) -> bytes:
    """join(), with the tags finished, as the bytes of one PDF/UA-1 document."""
    with join(base, parts, stamps) as document:
        finish_tags_in(document)
        out = io.BytesIO()
        # Object streams, as WeasyPrint writes them: a thousand sheets' tags are 190,000 small objects.
        document.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
