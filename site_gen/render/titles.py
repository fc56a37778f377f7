"""A content page's title (pure): from its front matter, else its first # heading, else its file name."""

from __future__ import annotations

from pydantic import ValidationError

from site_gen.load.pages import SourcePage
from site_gen.model.site import PageMeta


def first_heading(page: SourcePage) -> tuple[int, str] | None:
    """The page's first # heading, as typed, with its line in the file."""
    for offset, line in enumerate(page.body.split("\n")):
        if line.startswith("# "):
            return page.body_line + offset, line[2:].strip()
    return None


def page_title(page: SourcePage) -> str:
    try:
        meta = PageMeta.model_validate(page.front.data or {})
    except ValidationError:  # front matter of the wrong shape: the check reports it; the title falls back
        meta = PageMeta()
    heading = first_heading(page)
    return meta.title or (heading[1] if heading else None) or name_as_title(page.path.removesuffix(".md"))


def name_as_title(name: str) -> str:
    """The last part of a file's or folder's name as a title: money-and-activity is "Money and activity"."""
    words = name.rpartition("/")[2].replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else name
