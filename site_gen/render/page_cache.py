"""Content pages rendered before in this process, by everything their Markdown is made from: the page's own
text, the plan's data as read, the plan's templates and the build's own settings. The preview renders the
site again on every change; with this, only the pages an edit reaches are rendered again (an edit to the
data reaches every page, since any page may show any figure)."""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from pathlib import Path

from site_gen.load.pages import SourcePage
from site_gen.load.yaml_source import SourceDoc

# Pages are kept for the last two sets of inputs only: an edit to the data makes a new set, and the pages of
# sets before it would never be asked for again.
GENERATIONS = 2
_rendered: OrderedDict[str, dict[str, tuple[tuple, object]]] = OrderedDict()  # inputs -> file -> (page, result)
_generated: OrderedDict[str, dict[str, tuple[str, object]]] = OrderedDict()  # inputs -> path -> (spec, result)


def inputs_key(docs: dict[str, SourceDoc], settings: SourceDoc | None, templates_dir: Path, build_settings: dict) -> str:
    """A digest of all a content page's macros can reach besides the page itself."""
    digest = hashlib.sha256()
    for family, doc in sorted(docs.items()):
        digest.update(family.encode("utf-8") + b"\0" + pickle.dumps(doc.data, protocol=pickle.HIGHEST_PROTOCOL))
    digest.update(pickle.dumps(settings.data if settings else None, protocol=pickle.HIGHEST_PROTOCOL))
    if templates_dir.is_dir():
        for path in sorted(templates_dir.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(templates_dir).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    digest.update(repr(sorted(build_settings.items())).encode("utf-8"))
    return digest.hexdigest()


def page_key(page: SourcePage) -> tuple:
    return (page.file, page.path, page.body_line, page.body, pickle.dumps(page.front.data,
                                                                            protocol=pickle.HIGHEST_PROTOCOL))


def recall(inputs: str, page: SourcePage) -> object | None:
    """What the page rendered as, with these inputs and its text as it is now; None if it was not."""
    key, rendered = _rendered.get(inputs, {}).get(page.file, ((), None))
    return rendered if key == page_key(page) else None


def keep(inputs: str, page: SourcePage, rendered: object) -> None:
    _kept_in(_rendered, inputs)[page.file] = (page_key(page), rendered)  # each page as it last was, no older


def spec_key(spec) -> str | None:
    """A digest of a page site_gen writes: its template, title, place and what it is given besides the data;
    None when what it is given cannot be told apart (it is then always rendered)."""
    try:
        given = pickle.dumps((spec.path, spec.template, spec.title, spec.order, spec.section, spec.variables),
                             protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.sha256(given).hexdigest()


def recall_generated(inputs: str, path: str, key: str | None) -> object | None:
    """What the page site_gen writes at path rendered as, given the same; None if it was not."""
    found, rendered = _generated.get(inputs, {}).get(path, (None, None))
    return rendered if key is not None and found == key else None


def keep_generated(inputs: str, path: str, key: str | None, rendered: object) -> None:
    if key is not None:
        _kept_in(_generated, inputs)[path] = (key, rendered)


def _kept_in(store: OrderedDict, inputs: str) -> dict:
    """The store's entries for these inputs, made the newest; the oldest set dropped beyond GENERATIONS."""
    if inputs not in store:
        store[inputs] = {}
        while len(store) > GENERATIONS:
            store.popitem(last=False)
    store.move_to_end(inputs)
    return store[inputs]
