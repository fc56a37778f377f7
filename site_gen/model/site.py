"""mkdocs.yml of a plan project, and the front matter of its pages."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import Field

from site_gen.model.common import Strict, Text


class SiteSettings(Strict):
    """The few MkDocs settings a plan may set; the generator owns all the rest."""

    site_name: Text
    site_url: str | None = None
    copyright: str | None = None
    extra: dict[str, Any] = {}


class PageMeta(Strict):
    title: str | None = Field(None, description="The page's title; without it, its first # heading or its file name.")
    order: int = Field(100, description="Position in the navigation; lower comes first.")
    summary: str | None = None
    updated: datetime.date | None = None
