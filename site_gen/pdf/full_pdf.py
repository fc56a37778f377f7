"""The full plan as a PDF: its Typst files made from the site's pages (pdf/full_document.py), the pictures
it shows from content/ checked and added, then typeset in one go (pdf/typeset.py). Kept in the cache under
the digest of its files, so a build that changes nothing in it does not typeset it again."""

from __future__ import annotations

import io
from concurrent.futures import Future
from pathlib import Path

from site_gen.pdf.full_document import full_plan_files
from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.typeset import cached_typeset, print_template
from site_gen.site.lifecycle import Lifecycle

TEMPLATE = "print/plan.typ"
DAMAGED = "it is not a picture that can be read (the file may be damaged or misnamed)"


class UnloadableFiles(Exception):
    """Files a page of the full plan shows that the PDF could not load, each as (address, why not)."""

    def __init__(self, refused: list[tuple[str, str]]) -> None:
        super().__init__(refused)  # the one argument, so the exception comes back whole from a worker process
        self.refused = refused


def _with_pictures(files: dict[str, bytes], wanted: set[str], refused: list[tuple[str, str]],
                   content_dir: Path) -> dict[str, bytes]:
    """The pictures from content/ added to the files; those outside it or missing added to refused."""
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


def typeset_full_plan(content_dir: Path, plan: FullPlan, lifecycle: Lifecycle, source_date_epoch: int,
                      template: str, cache_dir: Path | None, work_dir: Path) -> bytes:
    files, pictures = full_plan_files(plan, lifecycle, template)
    refused = list(pictures.refused)
    files = _with_pictures(files, pictures.from_content, refused, content_dir)
    if refused:
        raise UnloadableFiles(refused)  # a PDF without a picture its page shows is not made
    return cached_typeset(files, "plan.typ", work_dir, source_date_epoch, cache_dir)[0]


def render_full_aside(project, plan: FullPlan, lifecycle: Lifecycle, source_date_epoch: int,
                      cache_dir: Path | None) -> Future:
    """Start typesetting the full plan in the PDF worker process, so the build goes on with MkDocs
    meanwhile; returns a future of its PDF bytes."""
    from site_gen.pdf.worker import worker

    work_dir = (cache_dir or project.build_dir / ".work") / "typeset"
    return worker().submit(typeset_full_plan, project.content_dir, plan, lifecycle, source_date_epoch,
                           print_template(project, TEMPLATE), cache_dir / "full" if cache_dir else None, work_dir)
