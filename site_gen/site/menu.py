"""Each page's own menu, of a size that does not grow with the plan.

The menu is written into every page, so a list in it that grows with the plan (a heading for each of
hundreds of folders, a link to each of hundreds of priorities) makes every page larger, and the site
grows with the square of its pages. So each list on the way to the page shows at most MOST_SHOWN of
the entries a plan adds, those around the page itself, and ends with a link to a page that lists them
all. The plan's own parts (the pages site_gen makes, such as Finance and Risks) are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

MOST_SHOWN = 30
# The home page's list of every page ("What is in this plan", templates/pages/home.md.j2).
HOME_CONTENTS = "index.html#what-is-in-this-plan"


@dataclass(frozen=True)
class Bounds:
    fixed: frozenset[str]  # source paths of pages always shown: the plan's own parts
    contents_url: str | None  # a page that lists every page (the home page's contents), if there is one
    most: int = MOST_SHOWN


@dataclass(frozen=True)
class PageMenu:
    """What the theme reads of the navigation to draw a page's menu."""

    items: list
    homepage: Page | None


def menu_bounds(pages) -> Bounds:
    """The bounds for a site of these pages (render/pages.Page). Always shown: each page site_gen makes
    that is not one of a section's many (a priority's page is), and each section's index."""
    fixed = frozenset(page.path for page in pages if not page.source.startswith("content/")
                      and (page.section is None or page.path.endswith("index.md")))
    return Bounds(fixed, HOME_CONTENTS if "index.md" in fixed else None)


def page_menu(nav: Navigation, bounds: Bounds) -> PageMenu:
    """The menu of the page being rendered (the one MkDocs has marked active)."""
    return PageMenu(_bounded(nav.items, bounds, "parts of the plan", None), nav.homepage)


def _bounded(items: list, bounds: Bounds, what: str, index: Page | None) -> list:
    shown = [_opened(item, bounds) if item.is_section and item.active else item for item in items]
    movable = [at for at, item in enumerate(items) if not _fixed(item, bounds.fixed)]
    # A generated section's index lists all its pages; a folder's own index page may not.
    everything = index.url if index is not None and _fixed(index, bounds.fixed) else bounds.contents_url
    if len(movable) <= bounds.most or everything is None:
        return shown
    here = next((n for n, at in enumerate(movable) if items[at].active), 0)
    start = max(0, min(here - bounds.most // 2, len(movable) - bounds.most))
    hidden = set(movable) - set(movable[start:start + bounds.most])
    return [item for at, item in enumerate(shown) if at not in hidden] + [
        Link(f"All {len(items)} {what}", everything)]


def _opened(section: Section, bounds: Bounds) -> Section:
    """A copy of the section holding the page, its own list bounded in turn (the site's navigation is
    shared by every page, so it is never changed)."""
    first = section.children[0] if section.children else None
    index = first if isinstance(first, Page) and first.is_index else None
    copy = Section(section.title, _bounded(section.children, bounds, f"pages of {section.title}", index))
    copy.active = True
    return copy


def _fixed(item, fixed: frozenset[str]) -> bool:
    if isinstance(item, Page):
        return item.file.src_uri in fixed
    if isinstance(item, Section):
        return bool(item.children) and _fixed(item.children[0], fixed)
    return True  # a link site_gen added
