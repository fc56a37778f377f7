"""Where things are in a plan project, and where the default templates live."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def default_templates_dir() -> Path:
    """Templates shipped in the wheel, or the repository's templates/ when run from a checkout."""
    shipped = PACKAGE_DIR / "templates"
    return shipped if shipped.is_dir() else PACKAGE_DIR.parent / "templates"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def settings_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def input_files(self) -> list[Path]:
        """Every file the plan is made from, in a stable order: what the fingerprint covers and what
        a preview watches."""
        settings = self.settings_file
        # The preview looks at these many times a second: each path's links are followed once, and build/'s
        # once for all of them.
        build = self.build_dir.resolve()

        def an_input(path: Path) -> bool:
            return self._outside_or_built(path.resolve(), build) is None

        files = [settings] if settings.is_file() and an_input(settings) else []
        for folder in (self.content_dir, self.data_dir, self.templates_dir):
            if folder.is_dir():
                files += [p for p in folder.rglob("*") if p.is_file() and an_input(p)]
        return sorted(files, key=self.relative)

    def in_build(self, path: Path) -> bool:
        """True when path, links followed, is inside build/: what a build writes is never one of its own
        inputs, or every build would change the plan and a preview would rebuild for ever."""
        return self.outside_or_built(path) == "build"

    def owns(self, path: Path) -> bool:
        """True when path, links followed, is inside the project: a shortcut to a file elsewhere on the
        computer must never be read into the plan or published."""
        return self.outside_or_built(path) != "outside"

    def outside_or_built(self, path: Path) -> str | None:
        """"outside" when path, links followed, is outside the project, "build" when it is inside build/,
        else None."""
        return self._outside_or_built(path.resolve(), self.build_dir.resolve())

    def _outside_or_built(self, real: Path, build: Path) -> str | None:
        if not real.is_relative_to(self._real_root):
            return "outside"
        return "build" if real.is_relative_to(build) else None

    @cached_property
    def _real_root(self) -> Path:
        # The project's own folder stays where it is while a command runs; build/ may be made or replaced.
        return self.root.resolve()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()
