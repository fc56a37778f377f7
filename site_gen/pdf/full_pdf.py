"""The full plan as a PDF: its Typst files made from the site's pages (pdf/full_document.py), the pictures
it shows from content/ checked and added, then typeset in one go (pdf/typeset.py), or in pieces when the
plan is too large for that (pdf/pieces.py). Kept in the cache under the digest of its files, so a build that
changes nothing in it does not typeset it again."""

from __future__ import annotations

import io
import threading
from concurrent.futures import CancelledError, Future
from pathlib import Path

from site_gen.pdf.full_document import full_plan_document
from site_gen.pdf.fullplan import PlanToPrint, printed_plan
from site_gen.pdf.pieces import PIECE_SIZE, Pieces, cut, pieces_of, typeset_in_pieces
from site_gen.pdf.typeset import cached_typeset, print_template
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan.typ"
DAMAGED = "it is not a picture that can be read (the file may be damaged or misnamed)"


class UnloadableFiles(Exception):
    """Files a page of the full plan shows that the PDF could not load, each as (address, why not)."""

    def __init__(self, refused: list[tuple[str, str]]) -> None:
        super().__init__(refused)  # the one argument, so the exception comes back whole from a worker process
        self.refused = refused


def _from_content(wanted: set[str], refused: list[tuple[str, str]], content_dir: Path) -> dict[str, bytes]:
    """The pictures from content/, by their name in the document; those outside it, missing or damaged
    added to refused."""
    files: dict[str, bytes] = {}
    folder = content_dir.resolve()
    for path in sorted(wanted):
        source = (folder / path).resolve()
        if not source.is_relative_to(folder):
            refused.append((path, "it is outside content/"))
        elif not source.is_file():
            refused.append((path, "there is no such file in content/"))
        elif not readable_picture(content := source.read_bytes(), source.suffix):
            refused.append((path, DAMAGED))
        else:
            files[f"content/{path}"] = content
    return files


def readable_picture(content: bytes, suffix: str) -> bool:
    """Whether a picture can be read as the kind its name says: a damaged file would stop the whole PDF,
    so it is found here and named, at the page that shows it."""
    if suffix.lower() == ".svg":
        from defusedxml import ElementTree

        try:
            return ElementTree.fromstring(content).tag.endswith("svg")
        except Exception:  # any parse failure (defusedxml also refuses entities and DTDs) means unreadable
            return False
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as picture:
            picture.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def typeset_full_plan(content_dir: Path, to_print: PlanToPrint, lifecycle: Lifecycle, source_date_epoch: int,
                      template: str, cache_dir: Path | None, work_dir: Path,
                      piece_size: int = PIECE_SIZE) -> bytes | Pieces:
    """Run in the worker: the full plan's PDF, or, for a plan too large to typeset in one go, its pieces
    for typeset_in_pieces."""
    plan = printed_plan(to_print)
    cut_into = cut(plan, piece_size)
    document = full_plan_document(plan, lifecycle, template, cut_into if len(cut_into) > 1 else None)
    refused = list(document.pictures.refused)
    pictures = _from_content(document.pictures.from_content, refused, content_dir)
    if refused:
        raise UnloadableFiles(refused)  # a PDF without a picture its page shows is not made
    if len(cut_into) > 1:
        return pieces_of(document.facts, document.shared, document.contents, document.pictures.made | pictures,
                         document.entries)
    return cached_typeset(document.files() | pictures, "plan.typ", work_dir, source_date_epoch, cache_dir)[0]


def render_full_aside(project, plan: PlanToPrint, lifecycle: Lifecycle, source_date_epoch: int,
                      cache_dir: Path | None, piece_size: int = PIECE_SIZE) -> Future:
    """Start typesetting the full plan in the PDF worker process, so the build goes on with MkDocs
    meanwhile; returns a future of its PDF bytes. Cancelling it stops a plan made in pieces at the next."""
    from site_gen.apart import Apart
    from site_gen.pdf.worker import retire_worker, submit

    work_dir = (cache_dir or project.build_dir / ".work") / "typeset"
    cache = cache_dir / "full" if cache_dir else None
    made: Future = Future()

    def typeset() -> None:
        try:
            pdf = submit(typeset_full_plan, project.content_dir, plan, lifecycle, source_date_epoch,
                         print_template(project, TEMPLATE), cache, work_dir, piece_size).result()
            if isinstance(pdf, Pieces):
                retire_worker()  # what it holds is not wanted while the pieces are made
                with Apart(("site_gen.pdf.pieces", "site_gen.pdf.join")) as apart:
                    def run(task, *args):
                        if made.cancelled():
                            raise CancelledError
                        return apart.run(task, *args)
                    pdf = typeset_in_pieces(pdf, run, work_dir, source_date_epoch, cache)
        except BaseException as err:  # noqa: BLE001 - handed to whoever waits for the PDF
            if made.set_running_or_notify_cancel():
                made.set_exception(err)
            return
        if made.set_running_or_notify_cancel():
            made.set_result(pdf)

    threading.Thread(target=typeset, name="full plan PDF", daemon=True).start()
    return made
