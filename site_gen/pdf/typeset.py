"""Typst, run safely: a document is compiled in a staging folder that holds only files the build made, with
the fonts of this machine, no package of any kind (a package import would reach the network) and PDF/UA-1
on, so that the engine itself refuses a document that breaks its rules (a picture without alternative
text, a broken structure)."""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from site_gen.sealed import read_sealed, write_sealed

# Liberation Sans, which the PDFs are set in, then DejaVu Sans for the letters it lacks (Greek, Cyrillic,
# Arabic, Hebrew and many symbols): Typst falls back to it letter by letter.
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"),
                Path("/usr/share/fonts/truetype/dejavu"))
# What Typst says when no font has a letter for some text; PDF/UA-1 then refuses the document.
UNDRAWABLE = re.compile(r'the text `"(.+?)"` could not be displayed')
# Every proxy variable a download would read, pointed at a port where nothing listens: Typst would download a
# package a template imports, and an import can be built from strings, so it cannot be ruled out by reading.
_NOWHERE = "http://127.0.0.1:9"
_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


class TypesetFailed(Exception):
    """The engine would not make the document: what it said, in its words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def font_folders() -> list[str]:
    return [str(folder) for folder in FONT_FOLDERS if folder.is_dir()]


@contextlib.contextmanager
def _no_network() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in (*_PROXY_VARIABLES, "NO_PROXY", "no_proxy")}
    try:
        for name in _PROXY_VARIABLES:
            os.environ[name] = _NOWHERE
        for name in ("NO_PROXY", "no_proxy"):
            os.environ.pop(name, None)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def compile_pdf(files: dict[str, bytes], main: str, work_dir: Path, source_date_epoch: int) -> bytes:
    """The PDF/UA-1 bytes of the document whose files (by their path in the staging folder) are given, main
    among them; the folder is made inside work_dir and removed after."""
    return typeset(files, main, work_dir, source_date_epoch)[0]


def typeset(files: dict[str, bytes], main: str, work_dir: Path, source_date_epoch: int,
            query: str | None = None) -> tuple[bytes, list]:
    """As compile_pdf, with the values of the metadata the document labels with query (a label such as
    "<overflow>"): how a template tells the build what it measured."""
    import json

    import typst

    work_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix="typeset-", dir=work_dir))
    try:
        for name, content in files.items():
            target = (stage / name).resolve()
            if not target.is_relative_to(stage.resolve()):
                raise TypesetFailed(f"{name} would be written outside the staging folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        packages = stage / ".no-packages"
        packages.mkdir()
        with _no_network():
            compiler = typst.Compiler(str(stage / main), root=str(stage), font_paths=font_folders(),
                                      ignore_system_fonts=True, package_path=str(packages),
                                      package_cache_path=str(packages))
            try:
                pdf = compiler.compile(format="pdf", pdf_standards=["ua-1"],
                                       timestamp=datetime.datetime.fromtimestamp(source_date_epoch, datetime.UTC))
                found = json.loads(compiler.query(query, field="value", format="json")) if query else []
                return pdf, found
            except typst.TypstError as err:
                raise TypesetFailed(" ".join(str(getattr(err, "message", err)).split())) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def print_template(project, name: str) -> str:
    """A print template (such as "print/plan.typ"): the plan's own in templates/ if it has one, else the
    default. Either way it runs in the same sandbox, with only the build's files beside it."""
    from site_gen.project import default_templates_dir

    own = project.templates_dir / name
    chosen = own if own.is_file() and project.owns(own) else default_templates_dir() / name
    return chosen.read_text(encoding="utf-8")


KEEP_CACHED = 6  # PDFs kept in a cache folder: those of the last few builds


def cache_key(files: dict[str, bytes], main: str, source_date_epoch: int) -> str:
    """The name a document's PDF is kept under: the digest of its files, the engine's version and the date."""
    import hashlib

    import typst

    digest = hashlib.sha256(f"typst {getattr(typst, '__version__', '')}|{source_date_epoch}|{main}".encode())
    for name in sorted(files):
        digest.update(hashlib.sha256(name.encode() + b"\0" + files[name]).digest())
    return digest.hexdigest()[:24]


def kept_pdf(cache_dir: Path | None, key: str) -> bytes | None:
    """The PDF kept under key, if this user's site_gen made it (sealed.py): it is published as it is."""
    cached = cache_dir / f"{key}.pdf" if cache_dir else None
    kept = read_sealed(cached) if cached is not None else None
    if kept is not None:
        cached.touch()  # recently used, so kept
    return kept


def keep_pdf(cache_dir: Path | None, key: str, pdf: bytes, keep: int = KEEP_CACHED) -> None:
    """Keep a PDF in cache_dir, and only the keep most recently used there."""
    if cache_dir is None:
        return
    cached = cache_dir / f"{key}.pdf"
    write_sealed(cached, pdf)
    older = sorted(cached.parent.glob("*.pdf"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in older[keep:]:
        stale.unlink(missing_ok=True)


def cached_typeset(files: dict[str, bytes], main: str, work_dir: Path, source_date_epoch: int,
                   cache_dir: Path | None, query: str | None = None, keep: int = KEEP_CACHED) -> tuple[bytes, list]:
    """As typeset, kept in cache_dir under the digest of the files, so a build that changes nothing in a
    document does not typeset it again. What a query found is not kept: a document that reports
    something (a page that does not fit) is typeset again each time, to say so."""
    key = cache_key(files, main, source_date_epoch)
    kept = kept_pdf(cache_dir, key)
    if kept is not None:
        return kept, []
    pdf, found = typeset(files, main, work_dir, source_date_epoch, query)
    if not found:
        keep_pdf(cache_dir, key, pdf, keep)
    return pdf, found
