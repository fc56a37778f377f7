"""The Jinja environment for page and partial templates: the project's templates/ first, then the
defaults, so a plan overrides any template file by file. A plan's templates are untrusted input like
the rest of the plan, so they render in Jinja's sandbox: a template cannot reach Python's internals,
run commands or read files, and a template that is a shortcut to a file outside the plan is not read."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.bccache import Bucket

from site_gen.not_stated import is_not_stated
from site_gen.project import Project, default_templates_dir
from site_gen.render.escape import markdown_text
from site_gen.render.formatting import (
    date_text,
    figure_text,
    growth_sentence,
    milestone_date,
    money_text,
    percent_text,
    period_text,
    unit_heading,
    unit_label,
)
from site_gen.sandbox import Sandbox
from site_gen.sealed import read_sealed, write_sealed
from site_gen.versions import newest_first


class _ContainedLoader(FileSystemLoader):
    """Loads only templates whose real path is inside the folder it was given."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise TemplateNotFound(template)
        return source, filename, uptodate


class SealedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, each file sealed: Jinja reads a compiled template back with
    pickle and marshal, which would run whatever a planted file held."""

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = read_sealed(Path(self._get_cache_filename(bucket)))
        if kept is not None:
            bucket.bytecode_from_string(kept)

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_sealed(Path(self._get_cache_filename(bucket)), bucket.bytecode_to_string())


def template_environment(project: Project, cache_dir: Path | None = None) -> Sandbox:
    """cache_dir keeps compiled templates between builds (keyed by each template's source), which a
    preview's quick rebuilds need; checking alone never writes it."""
    loaders = []
    if project.templates_dir.is_dir():
        loaders.append(_ContainedLoader(project.templates_dir))
    loaders.append(FileSystemLoader(default_templates_dir()))
    env = Sandbox(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=SealedBytecodeCache(str(cache_dir)) if cache_dir else None,
        # Every value printed into a page passes through here: data can never become Markdown syntax.
        finalize=markdown_text,
    )
    env.filters.update(money=money_text, figure=figure_text, percent=percent_text, date=date_text,
                       newest_first=newest_first,
                       milestone_date=milestone_date)
    env.filters.update(period=period_text, unit_heading=unit_heading, unit_label=unit_label, growth=growth_sentence)
    env.tests["not_stated"] = is_not_stated  # {% if m.target.value is not_stated %}: a gap the plan leaves
    env.globals["full_plan_pdf"] = True  # a preview's build sets it False (see build.py)
    env.globals["archived_versions"] = []  # a build lists the earlier versions kept in archive/
    return env
