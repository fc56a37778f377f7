"""The pieces of a large plan's full PDF (pdf/pieces.py), each a tagged PDF/UA-1 document Typst made, joined
into one: the sheets in order, one structure tree, one map from marked content to structure, one set of ids
and named places, one list of bookmarks, and links between pieces made links inside the document. Under each
sheet goes the sheet of the same number from the footers document, marked as an artifact, so a screen
reader skips its footer and watermark as it does on a plan made whole."""

from __future__ import annotations

import io
import warnings

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from site_gen.pdf.typst_markup import ELSEWHERE


def _kids(node) -> list:
    kids = node.get("/K")
    if isinstance(kids, Array):
        return list(kids)
    return [kids] if kids is not None else []


def _document(pdf: pikepdf.Pdf):
    """The one /Document element Typst puts at the top of its structure tree."""
    (document,) = _kids(pdf.Root.StructTreeRoot)
    return document


def _number_tree(tree) -> list[tuple[int, object]]:
    return sorted(pikepdf.NumberTree(tree).items()) if tree is not None else []


def _name_tree(holder, key: str) -> dict[str, object]:
    tree = holder.get(key) if holder is not None else None
    return {str(name): value for name, value in pikepdf.NameTree(tree).items()} if tree is not None else {}


def _copy(out: pikepdf.Pdf, obj):
    """An object of a piece in out. qpdf copies only indirect objects, and each only once, so a direct
    array or dictionary is rebuilt around copies of what it holds."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(out, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _swap(value, old, new):
    """A map entry that names a piece's /Document element names the joined document's instead."""
    if isinstance(value, Dictionary) and value.objgen == old.objgen:
        return new
    if isinstance(value, Array):
        return Array([new if isinstance(v, Dictionary) and v.objgen == old.objgen else v for v in value])
    return value


_CELLS = (Name.TH, Name.TD)


def _attributes(element) -> list:
    found = element.get("/A")
    return list(found) if isinstance(found, Array) else [found] if isinstance(found, Dictionary) else []


def _rename_ids(piece: pikepdf.Pdf, suffix: str) -> None:
    """Give the piece's ids (Typst names table cells U1x0y0 and so on, afresh in every piece) a suffix, in
    the elements and in the header lists of the tables that use them, so ids stay one to an element."""
    ids = _name_tree(piece.Root.StructTreeRoot, "/IDTree")
    tables, seen = [], set()
    for name, element in ids.items():
        element.ID = String(name + suffix)
        table = element
        while table is not None and table.get("/S") != Name.Table:
            table = table.get("/P")
        if table is not None and table.objgen not in seen:
            seen.add(table.objgen)
            tables.append(table)
    stack = tables
    while stack:  # down through the rows to the cells, which alone name headers
        element = stack.pop()
        for attribute in _attributes(element):
            if "/Headers" in attribute:
                attribute.Headers = Array([String(str(h) + suffix) for h in attribute.Headers])
        if element.get("/S") not in _CELLS:
            stack.extend(kid for kid in _kids(element) if isinstance(kid, Dictionary) and "/S" in kid)


def _bookmark(item: OutlineItem, sheet_of: dict, first_sheet: int) -> OutlineItem | None:
    """A bookmark of a piece, pointing at the same place on the joined document's sheet."""
    dest = item.destination
    if not isinstance(dest, Array) or len(dest) < 4 or dest[0].objgen not in sheet_of:
        return None
    copy = OutlineItem(item.title, first_sheet + sheet_of[dest[0].objgen], "XYZ",
                       left=float(dest[2]), top=float(dest[3]), zoom=0)
    copy.is_closed = item.is_closed
    copy.children.extend(child for child in (_bookmark(c, sheet_of, first_sheet) for c in item.children) if child)
    return copy


def _bookmarks(pdf: pikepdf.Pdf, first_sheet: int) -> list[OutlineItem]:
    sheet_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:
        return [mark for mark in (_bookmark(item, sheet_of, first_sheet) for item in outline.root) if mark]


class _Joined:
    """The joined document, growing a piece at a time."""

    def __init__(self, front: pikepdf.Pdf) -> None:
        self.out = front
        tree_root = front.Root.StructTreeRoot
        self.document = _document(front)
        self.kids = _kids(self.document)  # the joined /Document's, set on it at the end
        self.parent_tree = _number_tree(tree_root.get("/ParentTree"))
        self.next_key = int(tree_root.get("/ParentTreeNextKey", 0))
        self.ids = _name_tree(tree_root, "/IDTree")
        self.places = _name_tree(front.Root.get("/Names"), "/Dests")
        self.role_map = dict(tree_root.get("/RoleMap", {}).items())
        self.bookmarks = _bookmarks(front, 0)

    def add(self, piece: pikepdf.Pdf, suffix: str) -> None:
        out, first_sheet = self.out, len(self.out.pages)
        tree_root = piece.Root.StructTreeRoot
        if self.ids.keys() & _name_tree(tree_root, "/IDTree").keys():
            _rename_ids(piece, suffix)
        self.bookmarks += _bookmarks(piece, first_sheet)
        self.role_map |= dict(tree_root.get("/RoleMap", {}).items())
        document = _document(piece)
        del document["/P"]  # so copying it does not copy the piece's tree root with it
        copied = out.copy_foreign(document)
        for kid in _kids(copied):
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = self.document
            self.kids.append(kid)
        with warnings.catch_warnings():
            # pikepdf warns that named places are not carried over with the sheets; they are, below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(piece.pages)
        offset = self.next_key
        self.parent_tree += [(key + offset, _swap(_copy(out, value), copied, self.document))
                             for key, value in _number_tree(tree_root.get("/ParentTree"))]
        for sheet in list(out.pages)[first_sheet:]:
            sheet.StructParents = int(sheet.StructParents) + offset
            for annotation in sheet.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        self.next_key += int(tree_root.get("/ParentTreeNextKey", 0))
        for element in _name_tree(tree_root, "/IDTree").values():
            self.ids[str(element.ID)] = _copy(out, element)  # by its id now, renamed or not
        for name, dest in _name_tree(piece.Root.get("/Names"), "/Dests").items():
            self.places.setdefault(name, _copy(out, dest))

    def finish(self, footers: pikepdf.Pdf) -> None:
        out = self.out
        tree_root = out.Root.StructTreeRoot
        self.document.K = Array(self.kids)
        # Each array is made whole from a list: pikepdf copies an array on every extend.
        numbers = Array([item for key, value in self.parent_tree for item in (key, value)])
        tree_root.ParentTree = out.make_indirect(Dictionary(Nums=numbers))
        tree_root.ParentTreeNextKey = self.next_key
        tree_root.RoleMap = Dictionary(self.role_map)
        if self.ids:
            tree_root.IDTree = out.make_indirect(Dictionary(Names=_sorted_names(self.ids)))
        if "/Names" not in out.Root:
            out.Root.Names = Dictionary()
        out.Root.Names.Dests = out.make_indirect(Dictionary(Names=_sorted_names(self.places)))
        _link_pieces(out, self.places)
        with out.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(self.bookmarks)
        _draw_under(out, footers)


def _sorted_names(entries: dict[str, object]) -> Array:
    ordered = sorted(entries, key=lambda text: text.encode("utf-8"))
    return Array([item for name in ordered for item in (String(name), entries[name])])


def _link_pieces(out: pikepdf.Pdf, places: dict) -> None:
    """A link to ELSEWHERE becomes a link to the named place, as Typst writes a link inside one document,
    described by the sheet it goes to."""
    sheet_of = {page.objgen: number for number, page in enumerate(out.pages, start=1)}
    for sheet in out.pages:
        for annotation in sheet.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, Dictionary) else ""
            if not uri.startswith(ELSEWHERE) or uri[len(ELSEWHERE):] not in places:
                continue
            name = uri[len(ELSEWHERE):]
            del annotation["/A"]
            annotation.Dest = String(name)
            annotation.Contents = String(f"Page {sheet_of.get(places[name][0].objgen, '')}".strip())


def _draw_under(out: pikepdf.Pdf, footers: pikepdf.Pdf) -> None:
    """Draw each footers sheet under the joined sheet of the same number, inside /Artifact marked content."""
    for number, (sheet, footer) in enumerate(zip(out.pages, footers.pages, strict=True)):
        drawing = out.copy_foreign(footer.as_form_xobject())
        name = Name(f"/SiteGenFooter{number}")
        if "/XObject" not in sheet.Resources:
            sheet.Resources.XObject = Dictionary()
        sheet.Resources.XObject[name] = drawing
        sheet.contents_add(out.make_stream(f"/Artifact BMC q {name} Do Q EMC\n".encode("ascii")), prepend=True)


def join(front: bytes, pieces: list[bytes], footers: bytes) -> bytes:
    """front (the cover and contents), then each piece, with the footers drawn under, as one PDF."""
    # Each piece is closed once it is copied (qpdf 12 keeps what it copied), so that only the joined
    # document's objects are held at once: half the memory of keeping every piece open.
    with pikepdf.open(io.BytesIO(front)) as out:
        joined = _Joined(out)
        for number, data in enumerate(pieces, start=1):
            with pikepdf.open(io.BytesIO(data)) as piece:
                joined.add(piece, f"-{number}")
        with pikepdf.open(io.BytesIO(footers)) as footer_sheets:
            joined.finish(footer_sheets)
        written = io.BytesIO()
        out.save(written, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return written.getvalue()
