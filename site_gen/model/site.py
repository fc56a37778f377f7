"""mkdocs.yml of a plan project, and the front matter of its pages."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from site_gen.model.common import PlainText, Strict

# Theme settings under extra: that would make every page fetch from another host.
TRACKING_EXTRAS = ("analytics", "consent", "social", "alternate")
# Every character a web address may hold as it is (RFC 3986); anything else (quotes, angle brackets,
# backslashes, spaces, control characters) could end the attribute or the line it is written into.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


def _web_address(value: Any) -> Any:
    """A full http or https address of a website: written into every page's canonical link, the site map
    and robots.txt, so it is parsed and limited to characters that need no escaping anywhere."""
    if isinstance(value, str):
        parts = urlsplit(value)
        try:
            port_ok = parts.port is None or parts.port > 0  # reading the port raises on a malformed address
        except ValueError:
            port_ok = False
        if (not port_ok or parts.scheme not in ("http", "https") or not parts.hostname
                or not _URL_CHARACTERS.fullmatch(value) or "@" in parts.netloc or parts.query or parts.fragment):
            raise PydanticCustomError(
                "web_address", "'{value}' is not a full web address. Write it like https://plan.example.nhs.uk/, "
                "with no spaces, quotes, name and password, ? or #", {"value": value})
    return value


def _private_extra(value: Any) -> Any:
    if isinstance(value, dict):
        for key in TRACKING_EXTRAS:
            if key in value:
                raise PydanticCustomError(
                    "tracking", "extra: {key} would make every page contact another website, which the plan's "
                    "readers have not agreed to. Remove it.", {"key": key})
    return value


WebAddress = Annotated[str, AfterValidator(_web_address)]


class ThemeExtras(Strict):
    """The settings under extra: that the theme is given. Only these: every other setting the theme
    reads could add scripts or links to every page."""

    homepage: WebAddress | None = Field(
        None, description="Where the logo at the top of every page leads, such as the organisation's own website. "
        "Without it, the logo leads to the plan's home page.")


class SiteSettings(Strict):
    """The few MkDocs settings a plan may set; the generator owns all the rest."""

    site_name: PlainText
    site_url: WebAddress | None = None
    copyright: PlainText | None = None
    extra: Annotated[ThemeExtras, BeforeValidator(_private_extra)] = ThemeExtras()


class PageMeta(Strict):
    title: PlainText | None = Field(
        None, description="The page's title; without it, its first # heading or its file name.")
    order: int = Field(100, description="Position in the navigation; lower comes first.")
    summary: str | None = None
    updated: datetime.date | None = None
