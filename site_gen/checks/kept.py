"""Results the checks keep between checks in one process, by what they were worked out from.

The preview checks the whole plan again after every edit, and an edit changes one file: what is worked
out from one file's text is kept by that text (a page) or by the digest of its document (a data file,
sealed once it is validated), so only the edited file is read again."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

MOST_KEPT = 4096  # results kept in each store: every file of a large plan, for a few versions of it


class Kept:
    """One kind of result, by key; the oldest goes first once MOST_KEPT are held."""

    def __init__(self, most: int = MOST_KEPT) -> None:
        self.most = most
        self.results: dict[Hashable, object] = {}

    def get(self, key: Hashable | None, make: Callable[[], T]) -> T:
        """make()'s result, kept by key; with no key (a document not yet sealed), worked out afresh."""
        if key is None:
            return make()
        if key not in self.results:
            self.keep(key, make())
        return self.results[key]  # type: ignore[return-value]

    def peek(self, key: Hashable) -> object | None:
        """What is kept by key, if anything, for a caller that must look at it before using it."""
        return self.results.get(key)

    def by_page(self, pages: Iterable, find: Callable[[object], Iterable[T]], *also: Hashable | None) -> Iterator[T]:
        """What find(page) gives for each page (load/pages.SourcePage), kept by the page's text and also (the
        rest of what the results follow from, such as CheckContext.data_key)."""
        for page in pages:
            yield from self.get(joined(page_key(page), *also), lambda page=page: list(find(page)))

    def keep(self, key: Hashable, result: object) -> None:
        while len(self.results) >= self.most:
            self.results.pop(next(iter(self.results)))
        self.results[key] = result


class KeptEach:
    """A Kept of its own for each file, holding its last few versions only: what is kept for a data file
    (its document, its model) may be megabytes, and an edit to it must push out what went before."""

    def __init__(self, most: int = 2) -> None:
        self.most = most
        self.stores: dict[str, Kept] = {}

    def of(self, name: str) -> Kept:
        if name not in self.stores:
            self.stores[name] = Kept(self.most)
        return self.stores[name]


def joined(*parts: Hashable | None) -> tuple | None:
    """A key made of several, or None (worked out afresh) when any of them is not known."""
    return None if any(part is None for part in parts) else parts


def page_key(page) -> tuple | None:
    """What a page's results follow from (load/pages.SourcePage): its text and its sealed front matter."""
    return (page.file, page.body, page.body_line, page.front.digest) if page.front.digest else None
