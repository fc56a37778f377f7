"""A content page's title (pure): from its front matter, else its first # heading, else its file name."""

from __future__ import annotations

from pydantic import ValidationError

from site_gen.load.pages import SourcePage
from site_gen.model.site import PageMeta


def page_title(page: SourcePage) -> str:
    try:
        meta = PageMeta.model_validate(page.front.data or {})
    except ValidationError:  # front matter of the wrong shape: the check reports it; the title falls back
        meta = PageMeta()
    heading = next((line[2:].strip() for line in page.body.split("\n") if line.startswith("# ")), None)
    return meta.title or heading or page.path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize()
