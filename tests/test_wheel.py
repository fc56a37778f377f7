"""The wheel, installed (not editable) into a fresh virtual environment, builds a plan on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_plan


def run(*command, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_installed_wheel_builds_a_plan_with_its_shipped_templates(tmp_path: Path):
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO)
    wheel = next(dist.glob("site_gen-*.whl"))
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)

    # Run from outside the checkout, so that the checkout cannot be imported by accident.
    where = run(venv / "bin" / "python", "-c",
                "import site_gen.project as p; print(p.PACKAGE_DIR); print(p.default_templates_dir())",
                cwd=tmp_path).stdout.split()
    assert where[0].startswith(str(venv)), "site_gen must come from the wheel, not the checkout"
    assert where[1] == f"{where[0]}/templates"
    assert (Path(where[1]) / "pages" / "home.md.j2").is_file()

    plan = copy_plan(REPO, tmp_path / "plan")
    result = subprocess.run([venv / "bin" / "site-gen", "build"], cwd=plan, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (plan / "build" / "site" / "index.html").is_file()
    assert (plan / "build" / "site" / "priorities" / "hypertension.html").is_file()
