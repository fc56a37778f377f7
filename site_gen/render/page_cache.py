"""Pages rendered before in this process, by everything their Markdown is made from: the plan's data as
read, the plan's templates and the build's own settings (the inputs), and the page's own text or, for a page
site_gen writes, what it is given. The preview renders the site again on every change; with this, only the
pages an edit reaches are rendered again (an edit to the data reaches every page, since any page may show any
figure)."""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path

from site_gen.checks.kept import page_key as checked_page_key
from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc

# Pages are kept for the last two sets of inputs only: an edit to the data makes a new set, and the pages of
# sets before it would never be asked for again. Within a set, each page is kept as it last was, no older.
GENERATIONS = 2
_kept: OrderedDict[str, dict[str, tuple[Hashable, object]]] = OrderedDict()  # inputs -> page -> (key, rendered)


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def inputs_key(docs: dict[str, SourceDoc], settings: SourceDoc | None, templates_dir: Path, build_settings: dict) -> str:
    """A digest of all a page's macros and templates can reach besides the page itself."""
    digest = hashlib.sha256()
    for family, doc in sorted(docs.items()):
        # A checked document's digest names its data (checks/kept.py), without reading it all again.
        digest.update(family.encode("utf-8") + b"\0" + (doc.digest.encode() if doc.digest else _pickled(doc.data)))
    digest.update(_pickled(settings.data if settings else None))
    if templates_dir.is_dir():
        for path in sorted(templates_dir.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(templates_dir).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    digest.update(repr(sorted(build_settings.items())).encode("utf-8"))
    return digest.hexdigest()


def page_key(page: SourcePage) -> Hashable:
    """What a content page is made from besides the inputs: its own text (as the check keeps its findings by,
    once its front matter is sealed), and its place in the site."""
    return page.path, checked_page_key(page) or (page.file, page.body_line, page.body, _pickled(page.front.data))


def spec_key(spec) -> Hashable | None:
    """What a page site_gen writes is made from besides the inputs: its template, title, place and what it is
    given; None when what it is given cannot be told apart (it is then always rendered)."""
    try:
        return hashlib.sha256(_pickled((spec.path, spec.template, spec.title, spec.order, spec.section,
                                        spec.variables))).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def recall(inputs: str, page: str, key: Hashable | None) -> object | None:
    """What the page rendered as, from these inputs and this key; None if it was not."""
    found, rendered = _kept.get(inputs, {}).get(page, (None, None))
    return rendered if key is not None and found == key else None


def keep(inputs: str, page: str, key: Hashable | None, rendered: object) -> None:
    if key is None:
        return
    if inputs not in _kept:
        _kept[inputs] = {}
        while len(_kept) > GENERATIONS:
            _kept.popitem(last=False)
    _kept.move_to_end(inputs)
    _kept[inputs][page] = (key, rendered)
