"""The small jobs site_gen adds to MkDocs' own build, as plugins registered in process (nothing
is installed or named in the configuration, so nothing depends on MkDocs' plugin system surviving)."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin

from site_gen.render.templates import SealedBytecodeCache
from site_gen.site.abbreviations import expand_abbreviations
from site_gen.site.menu import Bounds, page_menu
from site_gen.site.sanitise import sanitise
from site_gen.site.theme_env import mark_toc_as_html, sandboxed_theme_environment

_MARKER = re.compile(r"<!--site-gen-svg:([\w-]+)-->")


class ThemeEnvironment(BasePlugin):
    """The theme renders in a sandbox that escapes every value it prints (site/theme_env.py), and keeps
    its compiled templates between builds. Compiling Material's templates is most of a small plan's
    build time; the cache is keyed by each template's source, so a change is never missed."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def on_env(self, env, config, files):
        self.directory.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = SealedBytecodeCache(str(self.directory))
        return sandboxed_theme_environment(env)

    def on_page_context(self, context, page, config, nav):
        mark_toc_as_html(page.toc)
        return context

    def on_files(self, files, config):
        # The theme's source maps (for its developers' debugging tools) and its search support for other
        # languages (the site searches in English only): 2 MB a version that no reader's browser asks for.
        for file in list(files):
            if file.src_uri.endswith(".map") or file.src_uri.startswith(UNUSED_THEME_FOLDERS):
                files.remove(file)
        return files


# The search worker fetches lunr's language support only for languages other than English.
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/",)


class Content(BasePlugin):
    """Each page's content, once Markdown has made it HTML: cut down to the allowlist (site/sanitise.py),
    then every acronym the glossary explains becomes an <abbr> wherever the content uses it."""

    def __init__(self, abbreviations: dict[str, str]) -> None:
        super().__init__()
        self.abbreviations = abbreviations
        self.cleaned: dict[str, str] = {}  # each page's content as this plugin left it, by its source

    def on_page_content(self, html, page, config, files):
        self.cleaned[page.file.src_uri] = expand_abbreviations(sanitise(html), self.abbreviations)
        return self.cleaned[page.file.src_uri]

    def on_page_context(self, context, page, config, nav):
        # The theme escapes whatever it prints unless it is marked as HTML: the content is, as this plugin
        # left it; anything that changed it since passes the sanitiser again.
        content = page.content or ""
        page.content = Markup(content if content == self.cleaned.get(page.file.src_uri) else sanitise(content))
        return context


class Drawings(BasePlugin):
    """Puts each chart's SVG where its marker is, once the page is finished."""

    def __init__(self, svgs: dict[str, str]) -> None:
        super().__init__()
        self.svgs = svgs

    def on_post_page(self, output, page, config):
        if "<!--site-gen-svg:" not in output:
            return output
        return _MARKER.sub(lambda m: self.svgs.get(m.group(1), m.group(0)), output)


class BoundedMenu(BasePlugin):
    """Each page gets a menu of its own, with long lists cut to the entries around it (site/menu.py)."""

    def __init__(self, bounds: Bounds) -> None:
        super().__init__()
        self.bounds = bounds

    def on_page_context(self, context, page, config, nav):
        context["nav"] = page_menu(nav, self.bounds)
        return context
