"""site-gen new: a small, complete plan project to start from.

The starter plan lives in site_gen/scaffold/plan/ and ships inside the package. It is copied file by
file into a folder that does not exist yet or is empty; nothing that is already there is ever written over.
"""

from __future__ import annotations

from pathlib import Path

from site_gen.findings import Finding, Location
from site_gen.rules import internal_error, rule

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffold" / "plan"

# Never part of the starter plan, even if they turn up in the shipped folder (a build run there, editor files).
_LEFT_OUT = frozenset({"build", "__pycache__"})

REFUSAL_CODE = "folder-not-empty"


def scaffold_files() -> list[Path]:
    """Every file of the starter plan, relative to its folder, in a stable order."""
    return sorted(
        path.relative_to(SCAFFOLD_DIR) for path in SCAFFOLD_DIR.rglob("*")
        if path.is_file() and not any(part in _LEFT_OUT or part.startswith(".")
                                      for part in path.relative_to(SCAFFOLD_DIR).parts))


def _refusal(target: Path, message: str,
             hint: str = "Name a folder that does not exist yet, or an empty one, as in: site-gen new my-plan.",
             ) -> Finding:
    return rule(REFUSAL_CODE)(Location(str(target)), message, hint)


def _why_not(target: Path) -> Finding | None:
    """A finding when target cannot take a new plan without writing over something."""
    if not target.exists() and not target.is_symlink():
        return None
    if not target.is_dir():
        return _refusal(target, f"{target} is already there and is not a folder, so no plan was made there.")
    if any(target.iterdir()):
        return _refusal(target, f"The folder {target} is not empty, so no plan was made there; "
                                "site-gen new never writes over files.")
    return None


def create_project(target: Path) -> list[Finding]:
    """Copy the starter plan into target, making target and its parent folders as needed.

    Returns findings, and copies nothing, when target is a file or a folder that is not empty.
    """
    files = scaffold_files() if SCAFFOLD_DIR.is_dir() else []
    if not files:  # a broken installation: say so rather than make an empty folder and call it a plan
        return [internal_error(str(SCAFFOLD_DIR), FileNotFoundError("the starter plan is missing"))]
    try:
        refused = _why_not(target)
        if refused:
            return [refused]
        target.mkdir(parents=True, exist_ok=True)
        for relative in files:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("xb") as out:  # "x": fail rather than write over a file
                out.write((SCAFFOLD_DIR / relative).read_bytes())
    except OSError as err:
        where = err.filename or target
        return [_refusal(target, f"The new plan could not be written in {target}: {err.strerror or err} ({where}).",
                         "Choose a folder you are allowed to write to, on a disk with space to spare.")]
    return []
