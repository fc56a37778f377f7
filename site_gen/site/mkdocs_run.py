"""Run MkDocs on the staged tree, in process, turning what it logs as warnings into findings."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin

from site_gen.findings import Finding, Location
from site_gen.rules import rule


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# What MkDocs says of every dirty build, for people who run one by hand: site_gen knows what it renders.
_DIRTY_WARNING = "A 'dirty' build is being performed"
_DOC_FILE = re.compile(r"Doc file '([^']+)'")

# The theme's own files, by theme folder: the installed theme does not change while site_gen runs, but
# MkDocs lists its 14,000 files afresh on every build, which was a third of a preview rebuild.
_INSTALLED_LISTINGS: dict[tuple, list[str]] = {}


def _cache_theme_listing(theme, work: Path) -> None:
    """Make each Jinja environment the theme hands out list the installed theme's files from memory;
    folders of the plan's own (its template overrides, staged afresh each build) are always listed."""
    make_env = theme.get_env

    def get_env():
        env = make_env()
        own = [d for d in theme.dirs if Path(d).resolve().is_relative_to(work)]
        installed = [d for d in theme.dirs if d not in own]

        def list_templates(extensions=None, filter_func=None):
            fresh = jinja2.Environment(loader=jinja2.FileSystemLoader(own)).list_templates(extensions, filter_func)
            key = (tuple(installed), extensions, tuple(theme.static_templates))
            if key not in _INSTALLED_LISTINGS:
                loader = jinja2.FileSystemLoader(installed)
                _INSTALLED_LISTINGS[key] = jinja2.Environment(loader=loader).list_templates(extensions, filter_func)
            return sorted(set(fresh) | set(_INSTALLED_LISTINGS[key]))

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


def _location(message: str, sources: dict[str, str]) -> Location:
    """The plan file a MkDocs message is about: the content page (or template) the staged page came from."""
    match = _DOC_FILE.search(message)
    if match and match.group(1) in sources:
        return Location(sources[match.group(1)])
    return Location("(website)")


def run_mkdocs(config_file: Path, source_date_epoch: int, sources: dict[str, str] | None = None,
               plugins: dict[str, BasePlugin] | None = None, dirty: bool = False) -> list[Finding]:
    """Build the site; sources maps each staged page to the plan file it came from; plugins are added
    to the build as they are. dirty: render only the pages whose Markdown is newer than their page in the
    site (see site/incremental.py)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    saved = (logger.handlers[:], logger.propagate, os.environ.get("SOURCE_DATE_EPOCH"))
    logger.handlers = [collector]
    logger.propagate = False
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        config = load_config(config_file=str(config_file))
        _cache_theme_listing(config.theme, config_file.parent.resolve())
        for name, plugin in (plugins or {}).items():
            config.plugins[name] = plugin
        build(config, dirty=dirty)
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        if saved[2] is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved[2]
    return [rule("mkdocs-warning")(_location(message, sources or {}), f"MkDocs: {message.strip()}")
            for message in collector.messages if not (dirty and message.startswith(_DIRTY_WARNING))]
