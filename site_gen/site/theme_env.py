"""The Jinja environment the theme's templates render in: sandboxed, and escaping every value it prints.

MkDocs hands Material a plain environment that prints values as they are, so a site name, a page
title or a setting holding markup would become part of every page. Here every value is escaped for
HTML where it is printed, unless it is known to be HTML already: a page's content (sanitised by
site_gen before it gets here), the headings of its table of contents (HTML that Markdown made from
the page), and the output of filters that build HTML themselves. The sandbox keeps a plan's own
template overrides away from Python's internals, so a template can neither run commands nor read
files.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from site_gen.sandbox import Sandbox
from site_gen.site.sanitise import sanitise


def sandboxed_theme_environment(env: jinja2.Environment) -> Sandbox:
    """A sandboxed, autoescaping copy of the environment MkDocs made for the theme: the same loader,
    filters, tests, globals and extensions (the theme's translations among them)."""
    safe = Sandbox(
        loader=env.loader,
        auto_reload=False,
        autoescape=True,
        extensions=[type(extension) for extension in env.extensions.values()],
        bytecode_cache=env.bytecode_cache,
    )
    safe.filters.update(env.filters)
    safe.tests.update(env.tests)
    safe.globals.update(env.globals)
    for name in ("newstyle_gettext",):  # what the translations extension sets on the environment
        if hasattr(env, name):
            setattr(safe, name, getattr(env, name))
    return safe


def mark_toc_as_html(toc) -> None:
    """The table of contents' titles are HTML that Markdown made from the page's headings (an &
    already written &amp;), so they are printed as HTML, not escaped a second time: once they have
    passed the same sanitiser as the page's content."""
    for item in toc:
        item.title = Markup(sanitise(item.title))
        mark_toc_as_html(item.children)
