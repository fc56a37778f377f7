"""Images on a page are files in content/: the website copies them from there, and the full plan (PDF)
shows them from there. An image named wrongly, or one that leads out of content/, would be a gap in
the website and would stop the PDF being made, so it is an error at the page and line that shows it.
Images from other websites are the external-resource check's."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from site_gen.checks.context import CheckContext
from site_gen.checks.markdown_prose import HtmlFragment, page_prose
from site_gen.checks.safety import start_tags, tag_location
from site_gen.findings import Finding, Location, quoted
from site_gen.load.pages import SourcePage
from site_gen.refs import suggest
from site_gen.rules import rule

# An address with a scheme (https:, data:, file:) or one that names a host (//host, \\host): not a
# file of the plan, and left to the checks of addresses.
_NOT_LOCAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)
IMAGE_HINT = ("Save the picture in content/, and write its name as seen from the page, such as "
              "![A map of our localities](map.png).")


def _local_file(src: str) -> str | None:
    """The file an image names, as written (no #part or ?query), or None when it is not a local file."""
    if not src.strip() or _NOT_LOCAL.match(src) or "{{" in src or "{%" in src:
        return None
    return unquote(re.split(r"[?#]", src, maxsplit=1)[0]).strip()


def _html_images(fragment: HtmlFragment) -> Iterator[tuple[str, Location]]:
    """The src of every <img> in a piece of HTML, however it is quoted, with where its tag starts."""
    for tag, attrs, position in start_tags(fragment.html):
        src = dict(attrs).get("src") if tag == "img" else None
        if src:
            yield src, tag_location(fragment, position)


def _images(page: SourcePage) -> Iterator[tuple[str, Location]]:
    """Every image a page shows, written in Markdown or as HTML, with where it is written."""
    prose = page_prose(page)
    yield from ((image.src, image.location) for image in prose.images if not image.html)
    for fragment in prose.html:
        yield from _html_images(fragment)


def _image_finding(page: SourcePage, src: str, where: Location, files: frozenset[str]) -> Finding | None:
    name = _local_file(src)
    if not name:
        return None
    if name.startswith(("/", "\\")):
        return rule("missing-file")(where, f"The image {quoted(name)} is named from the top of the "
                                    "website, so the full plan (PDF) cannot find it.", IMAGE_HINT)
    inside = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), name))
    if inside == ".." or inside.startswith("../"):
        return rule("missing-file")(where, f"The image {quoted(name)} is outside content/, so it is not "
                                    "published with the page.", IMAGE_HINT)
    if f"content/{inside}" in files:
        return None
    folder = posixpath.join("content", posixpath.dirname(inside))
    beside = [posixpath.basename(path) for path in files if posixpath.dirname(path) == folder]
    return rule("missing-file")(where, f"There is no image {quoted(name)} in content/."
                                f"{suggest(posixpath.basename(inside), beside)}", IMAGE_HINT)


def check_page_images(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        for src, where in _images(page):
            found = _image_finding(page, src, where, ctx.files)
            if found is not None:
                yield found


CHECKS = [check_page_images]
