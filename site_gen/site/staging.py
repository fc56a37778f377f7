"""The staged docs tree MkDocs builds from: rendered pages, assets, theme overrides, and the
effective MkDocs configuration the generator writes (the plan's mkdocs.yml only supplies names)."""

from __future__ import annotations

import os
import posixpath
import shutil
from functools import partial
from pathlib import Path

import yaml

from site_gen.load.attachments import is_plan_file, project_assets
from site_gen.model.site import SiteSettings
from site_gen.not_stated import NotStated
from site_gen.project import Project, default_templates_dir
from site_gen.render.generated import OUTSIDE_NAV, SECTIONS
from site_gen.render.pages import Page
from site_gen.render.titles import name_as_title
from site_gen.site.attachments import Refused, linked_files, publishable, publishable_asset
from site_gen.site.brand import SiteFacts, front_matter
from site_gen.site.lifecycle import Lifecycle
from site_gen.site.palette import palette_css

# No content.tooltips: its pop-ups cannot be dismissed with Escape or hovered (WCAG 1.4.13), and the
# browser's own tooltip for an acronym's title is exempt. A plan is read as a document, page after page: each
# page ends with links to the previous and next page (navigation.footer), and a page's headings are listed
# under it in the menu (toc.integrate) rather than in a second list on the right. The breadcrumbs are the
# site's own (overrides/partials/breadcrumbs.html), so the theme's navigation.path is not needed. A page's menu
# holds the sections' headings and the pages of its own section only (navigation.prune): with every page of a
# large plan in every page's menu, the site grew with the square of its pages.
THEME_FEATURES = ["navigation.indexes", "navigation.prune", "navigation.top", "navigation.footer", "toc.integrate",
                  "search.highlight"]
SEARCH_SEPARATOR = r'[\s\u200b\-_,:;!?=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'


class _ConfigDumper(yaml.SafeDumper):
    """Writes MkDocs' settings; a title the plan does not state is written as the text it shows."""


_ConfigDumper.add_representer(NotStated, yaml.representer.SafeRepresenter.represent_str)


def navigation(pages: list[Page]) -> list:
    """MkDocs nav: pages in order, pages of a section grouped under it with its index first. A folder of
    content/ is a section too, titled by its index page or else by its name, so that a plan of many pages
    has a menu of a few headings, each opening onto its own pages, not one long list on every page."""
    nav: list = []
    sections: dict[str, list] = {}
    titles = {p.path.rpartition("/")[0]: p.title for p in pages if p.path.endswith("/index.md")}
    for page in pages:
        group = page.section or (page.path.rpartition("/")[0] if "/" in page.path else None)
        if group:
            if group not in sections:
                sections[group] = []
                title = SECTIONS.get(group) or titles.get(group) or name_as_title(group)
                nav.append({title: sections[group]})
            # Titled, every page: MkDocs reads the title of a page it renders only from the page itself.
            entry = {page.title: page.path}
            if page.path.endswith("index.md"):
                sections[group].insert(0, entry)
            else:
                sections[group].append(entry)
        else:
            nav.append({page.title: page.path})
    return nav


def _copy_layered(name: str, project: Project, target: Path) -> None:
    """Copy a templates sub-folder: the defaults first, then the project's own files over them. A shortcut
    in the project's own that leads outside it is never followed, and its own assets are published only
    when they pass the check for their type (the check reports the rest)."""
    def outside(folder: str, names: list[str]) -> list[str]:
        links = [Path(folder) / n for n in names if (Path(folder) / n).is_symlink()]
        return [p.name for p in links if not project.owns(p) or project.in_build(p)]

    shutil.copytree(default_templates_dir() / name, target, dirs_exist_ok=True)
    own = project.templates_dir / name
    if not own.is_dir() or not project.owns(own):
        return
    if name != "assets":
        shutil.copytree(own, target, dirs_exist_ok=True, ignore=outside)
        return
    for path, relative in project_assets(project):
        try:
            data = publishable_asset(relative, path.read_bytes())
        except Refused:
            continue
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(data)


def _linked_files(pages: list[Page]) -> set[str]:
    """Paths, relative to the docs root, of every file a page links to or shows."""
    return {path for page in pages for _, path in linked_files(page.markdown, posixpath.dirname(page.path))}


def _copy_content_files(project: Project, pages: list[Page], docs: Path) -> None:
    """Files in content/ that a page links to or shows go to the same place in the site, once they pass
    the check for their type (site/attachments.py; the check reports any that do not); anything else
    there (a draft paper, a lock file) is never published."""
    content = project.content_dir.resolve()
    for relative in sorted(_linked_files(pages)):
        source = content / relative
        if relative.endswith(".md") or not is_plan_file(project, source) or \
                not source.resolve().is_relative_to(content):
            continue
        try:
            data = publishable(relative, source.read_bytes())
        except Refused:
            continue
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def robots_txt(lifecycle: Lifecycle, site_url: str | None) -> str:
    """Crawlers may read every page, so that they see a draft's noindex (a Disallow would hide it and
    leave the address listable); only a plan meant to be found names its sitemap."""
    listed = not lifecycle.robots.startswith("noindex") and site_url
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if listed else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def _logo(project: Project, facts: SiteFacts, docs: Path) -> None:
    source = project.root / facts.logo_source if facts.logo_source else None
    if source and source.is_file() and project.owns(source):
        try:
            data = publishable(facts.logo_path, source.read_bytes())
        except Refused:  # the check reports it
            return
        target = docs / facts.logo_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def staged_markdown(page: Page, facts: SiteFacts) -> str:
    return front_matter(page.title, page.updated or facts.updated) + page.markdown


def mkdocs_config(settings: SiteSettings, pages: list[Page], lifecycle: Lifecycle, site_dir: Path,
                  facts: SiteFacts) -> dict:
    theme_logo = {"logo": facts.logo_path} if facts.logo_path else {}
    return {
        "site_name": settings.site_name,
        "site_url": settings.site_url or "",
        "copyright": settings.copyright or "",
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "strict": False,
        # Every kind of link problem MkDocs can see becomes a finding, missing anchors included.
        "validation": {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                       "anchors": "warn"},
        "nav": navigation([p for p in pages if p.path not in OUTSIDE_NAV]),
        # Pages every site has, linked from the footer of every page rather than listed in the menu.
        "not_in_nav": "\n".join("/" + path for path in OUTSIDE_NAV),
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": "en",
            **theme_logo,
            "font": False,
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
            # No content.tooltips: its pop-ups cannot be dismissed with Escape or hovered (WCAG 1.4.13), and
            # the browser's own tooltip for an acronym's title is exempt.
            "features": THEME_FEATURES,
        },
        # Split words at punctuation too, so "hypertension," and "(SPOR)" are found by their words.
        "plugins": [{"search": {"lang": "en", "separator": SEARCH_SEPARATOR}}],
        "markdown_extensions": ["tables", "attr_list", "def_list", {"toc": {"permalink": False, "toc_depth": 3}},
                                "site_gen.site.markdown_tables"],
        "extra_css": ["assets/palette.css", "assets/site.css"],
        "extra_javascript": ["assets/site.js"],
        "extra": {**settings.extra.model_dump(exclude_none=True), "generator": False, "lifecycle": lifecycle.as_dict(),
                  "plan": facts.as_extra()},
    }


def stage(project: Project, settings: SiteSettings, pages: list[Page], lifecycle: Lifecycle, facts: SiteFacts,
          work: Path, site_dir: Path, downloads: dict[str, str | bytes] | None = None,
          previous: Path | None = None) -> Path:
    """Write the docs tree and configuration under work/; returns the configuration file. downloads are
    further files for the site, by path (each chart's figures as CSV). previous: the folder staged into last
    time (the preview's), whose files, where they hold the same bytes, are linked in rather than written."""
    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    docs.mkdir(parents=True)
    put = partial(_put, work, previous)
    for page in pages:
        put(docs / page.path, staged_markdown(page, facts))
    _copy_content_files(project, pages, docs)
    _logo(project, facts, docs)
    for path, content in sorted((downloads or {}).items()):
        put(docs / path, content)
    _copy_layered("assets", project, docs / "assets")
    put(docs / "robots.txt", robots_txt(lifecycle, settings.site_url))
    put(docs / "assets" / "palette.css", palette_css(facts.accent))
    _copy_layered("overrides", project, work / "overrides")
    config_file = work / "mkdocs.yml"
    put(config_file, yaml.dump(mkdocs_config(settings, pages, lifecycle, site_dir, facts), Dumper=_ConfigDumper,
                               sort_keys=False, allow_unicode=True))
    return config_file


def _put(work: Path, previous: Path | None, target: Path, content: str | bytes) -> None:
    """Write a staged file; or, when the folder staged into last time holds the same bytes, link that file in:
    a large plan stages hundreds of files, and after an edit nearly all are as they were."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        last = previous / target.relative_to(work)
        try:
            if last.stat().st_size == len(data) and last.read_bytes() == data:
                os.link(last, target)
                return
        except OSError:  # not there, or links cannot be made here: write it
            pass
    target.write_bytes(data)
