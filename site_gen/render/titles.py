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
    return (meta.title or (heading[1] if heading else None)
            or page.path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize())
