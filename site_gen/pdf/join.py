"""The pieces of a large plan's full PDF (pdf/pieces.py), each a tagged PDF/UA-1 document Typst made, joined
into one: the sheets in order, one structure tree, one map from marked content to structure, one set of ids
and named places, one list of bookmarks, and links between pieces made links inside the document. Under each
sheet goes the sheet of the same number from the footers document, marked as an artifact, so a screen
reader skips its footer and watermark as it does on a plan made whole."""

from __future__ import annotations

import io
import os
import pickle
import sys
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


def _rename_ids(ids: dict[str, object], suffix: str) -> None:
    """Give a piece's ids (its /IDTree: Typst names table cells U1x0y0 and so on, afresh in every piece) a
    suffix, in the elements and in the header lists of the tables that use them, so ids stay one to an
    element."""
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


Mark = tuple[str, int, float, float, bool, list]  # a bookmark: title, sheet, left, top, closed, its children


def _mark(item: OutlineItem, sheet_of: dict, first_sheet: int) -> Mark | None:
    """A bookmark of a piece, as data: the piece is closed long before the bookmarks are written."""
    dest = item.destination
    if not isinstance(dest, Array) or len(dest) < 4 or dest[0].objgen not in sheet_of:
        return None
    children = [mark for mark in (_mark(child, sheet_of, first_sheet) for child in item.children) if mark]
    return (item.title, first_sheet + sheet_of[dest[0].objgen], float(dest[2]), float(dest[3]), item.is_closed,
            children)


def _marks(pdf: pikepdf.Pdf, first_sheet: int) -> list[Mark]:
    sheet_of = {page.objgen: number for number, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:
        return [mark for mark in (_mark(item, sheet_of, first_sheet) for item in outline.root) if mark]


def _bookmark(mark: Mark, shift: int) -> OutlineItem:
    title, sheet, left, top, closed, children = mark
    item = OutlineItem(title, sheet + shift, "XYZ", left=left, top=top, zoom=0)
    item.is_closed = closed
    item.children.extend(_bookmark(child, shift) for child in children)
    return item


class Joined:
    """The joined document, growing a piece at a time: the first piece is its base, each piece after it is
    added at the end, and the cover and contents, made last, go in front when it is finished."""

    def __init__(self, first: pikepdf.Pdf) -> None:
        self.out = first
        tree_root = first.Root.StructTreeRoot
        self.document = _document(first)
        self.kids = _kids(self.document)  # the joined /Document's, set on it at the end
        self.parent_tree = _number_tree(tree_root.get("/ParentTree"))
        self.next_key = int(tree_root.get("/ParentTreeNextKey", 0))
        self.ids = _name_tree(tree_root, "/IDTree")
        self.places = _name_tree(first.Root.get("/Names"), "/Dests")
        self.role_map = dict(tree_root.get("/RoleMap", {}).items())
        self.marks = _marks(first, 0)
        self.pieces = 1

    def _copy_in(self, piece: pikepdf.Pdf, at: int) -> list:
        """The piece's sheets put in at sheet number at, its structure, ids and named places copied in; its
        structure elements are returned for the caller to place among the document's."""
        out = self.out
        self.pieces += 1
        tree_root = piece.Root.StructTreeRoot
        ids = _name_tree(tree_root, "/IDTree")
        if self.ids.keys() & ids.keys():
            _rename_ids(ids, f"-{self.pieces}")
        self.role_map |= dict(tree_root.get("/RoleMap", {}).items())
        document = _document(piece)
        del document["/P"]  # so copying it does not copy the piece's tree root with it
        copied = out.copy_foreign(document)
        kids = _kids(copied)
        for kid in kids:
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = self.document
        with warnings.catch_warnings():
            # pikepdf warns that named places are not carried over with the sheets; they are, below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            if at == len(out.pages):
                out.pages.extend(piece.pages)
            else:
                for number, sheet in enumerate(piece.pages):
                    out.pages.insert(at + number, sheet)
        offset = self.next_key
        self.parent_tree += [(key + offset, _swap(_copy(out, value), copied, self.document))
                             for key, value in _number_tree(tree_root.get("/ParentTree"))]
        for sheet in list(out.pages)[at:at + len(piece.pages)]:
            sheet.StructParents = int(sheet.StructParents) + offset
            for annotation in sheet.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        self.next_key += int(tree_root.get("/ParentTreeNextKey", 0))
        for element in ids.values():
            self.ids[str(element.ID)] = _copy(out, element)  # by its id now, renamed or not
        for name, dest in _name_tree(piece.Root.get("/Names"), "/Dests").items():
            self.places.setdefault(name, _copy(out, dest))
        return kids

    def add(self, piece: pikepdf.Pdf) -> None:
        at = len(self.out.pages)
        self.marks += _marks(piece, at)
        self.kids += self._copy_in(piece, at)

    def finish(self, front: pikepdf.Pdf, footers: pikepdf.Pdf) -> None:
        out = self.out
        shift = len(front.pages)
        marks = [_bookmark(mark, 0) for mark in _marks(front, 0)] + [_bookmark(mark, shift) for mark in self.marks]
        self.kids = self._copy_in(front, 0) + self.kids
        tree_root = out.Root.StructTreeRoot
        self.document.K = Array(self.kids)
        # Each array is made whole from a list: pikepdf copies an array on every extend.
        numbers = Array([item for key, value in sorted(self.parent_tree, key=lambda entry: entry[0])
                         for item in (key, value)])
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
            outline.root.extend(marks)
        with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            metadata["{http://ns.adobe.com/xap/1.0/t/pg/}NPages"] = str(len(out.pages))  # as Typst writes it
        _draw_under(out, footers)

    def written(self) -> bytes:
        out = io.BytesIO()
        self.out.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


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


class JoinProcess:
    """The join running in a process of its own (serve, below) while the pieces are typeset: each piece is
    handed over as soon as it is made, by a thread, so that handing it over never waits for the join to
    finish the piece before. Use it in a with block, which ends the process however it goes."""

    def __init__(self) -> None:
        import queue
        import subprocess
        import tempfile
        import threading

        self.said = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", "site_gen.pdf.join"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.said)
        self.messages: queue.Queue = queue.Queue()
        self.handing = threading.Thread(target=self._hand_over, name="join pieces", daemon=True)
        self.handing.start()

    def _hand_over(self) -> None:
        try:
            while (message := self.messages.get()) is not None:
                pickle.dump(message, self.process.stdin)
                self.process.stdin.flush()
            self.process.stdin.close()
        except OSError:  # the join ended early; finish says why
            pass

    def piece(self, pdf: bytes) -> None:
        self.messages.put(("piece", pdf))

    def finish(self, front: bytes, footers: bytes) -> bytes:
        from site_gen.apart import outcome

        self.messages.put(("finish", front, footers))
        self.messages.put(None)
        output = self.process.stdout.read()
        self.process.wait()
        self.said.seek(0)
        return outcome("the join", self.process.returncode, output, self.said.read())

    def __enter__(self) -> JoinProcess:
        return self

    def __exit__(self, *_) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.messages.put(None)
        self.handing.join()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe and not pipe.closed:
                pipe.close()
        self.said.close()


def serve() -> None:
    """The join as a process of its own, fed as the pieces are made, so that it works while the next piece
    is typeset: standard input holds pickled messages, ("piece", PDF bytes) for each piece in order, then
    ("finish", front, footers); standard output gets the pickled joined PDF, or the exception raised."""
    from site_gen.apart import end_with_parent

    end_with_parent(os.getppid())
    joined = None
    try:
        while True:
            message = pickle.load(sys.stdin.buffer)
            if message[0] == "piece":
                piece = pikepdf.open(io.BytesIO(message[1]))
                if joined is None:
                    joined = Joined(piece)  # the base: kept open, it is the document written
                else:
                    joined.add(piece)
                    piece.close()
            else:
                _, front, footers = message
                with pikepdf.open(io.BytesIO(front)) as front_sheets, \
                        pikepdf.open(io.BytesIO(footers)) as footer_sheets:
                    joined.finish(front_sheets, footer_sheets)
                outcome = (True, joined.written())
                break
    except Exception as err:  # noqa: BLE001 - handed back to the build, which says what went wrong
        outcome = (False, err)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    serve()
