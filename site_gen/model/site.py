"""mkdocs.yml of a plan project, and the front matter of its pages."""

from __future__ import annotations

import datetime
from typing import Annotated, Any
from urllib.parse import urlparse

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from site_gen.model.common import Strict, Text

# Theme settings under extra: that would make every page fetch from another host.
TRACKING_EXTRAS = ("analytics", "consent", "social", "alternate")


def _web_address(value: Any) -> Any:
    if isinstance(value, str):
        parsed = urlparse(value)
        try:
            port_ok = parsed.port is None or parsed.port > 0  # reading the port raises on a malformed address
        except ValueError:
            port_ok = False
        if not port_ok or parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise PydanticCustomError(
                "web_address", "'{value}' is not a full web address. Write it like https://plan.example.nhs.uk/",
                {"value": value})
    return value


def _private_extra(value: Any) -> Any:
    if isinstance(value, dict):
        for key in TRACKING_EXTRAS:
            if key in value:
                raise PydanticCustomError(
                    "tracking", "extra: {key} would make every page contact another website, which the plan's "
                    "readers have not agreed to. Remove it.", {"key": key})
    return value


class SiteSettings(Strict):
    """The few MkDocs settings a plan may set; the generator owns all the rest."""

    site_name: Text
    site_url: Annotated[str, AfterValidator(_web_address)] | None = None
    copyright: str | None = None
    extra: Annotated[dict[str, Any], AfterValidator(_private_extra)] = {}


class PageMeta(Strict):
    title: str | None = Field(None, description="The page's title; without it, its first # heading or its file name.")
    order: int = Field(100, description="Position in the navigation; lower comes first.")
    summary: str | None = None
    updated: datetime.date | None = None
