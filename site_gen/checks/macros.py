"""Macros on pages: each names a macro that exists, with arguments that resolve, found at its own line."""

from __future__ import annotations

from typing import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.render.macros import scan_page


def check_page_macros(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.pages:
        yield from scan_page(page, ctx.index)


CHECKS = [check_page_macros]
