"""Pictures of the built example plans for docs/images/ and the README: the home page, a finance page, the
performance page and a priority page at 1280 and 375 pixels wide (the first screen of each, as a reader
first sees it), and the plan on a page at 100 dots per inch.

    .venv/bin/python scripts/screenshots.py

Builds each plan in a copy under a temporary folder, so the plans themselves are not touched. Needs Debian's
chromium and poppler-utils (pdftoppm), which `make test` installs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = ((1280, 800), (375, 812))  # a desktop screen and a phone
# (plan's name in the pictures' names, its folder, the pages to show by name)
PLANS = [
    ("example", REPO, {"home": "index.html", "finance": "finance.html", "performance": "performance.html",
                       "priority": "priorities/hypertension.html"}),
    ("mid-essex", REPO / "examples" / "mid-essex",
     {"home": "index.html", "finance": "finance.html", "performance": "performance.html",
      "priority": "priorities/frailty.html"}),
]


def built(source: Path, work: Path) -> Path:
    """A copy of the plan's inputs, built; returns its site folder. The repository's own templates/ are the
    defaults every plan gets, not the example plan's own."""
    root = work / source.name
    root.mkdir()
    shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("content", "data", "approvals") + (() if source == REPO else ("templates",)):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, root / folder)
    subprocess.run([sys.executable, "-m", "site_gen", "build", "--project", str(root)], check=True,
                   cwd=REPO, stdout=subprocess.DEVNULL)
    return root / "build" / "site"


def shoot(site: Path, plan: str, pages: dict[str, str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            tab = context.new_page()
            for name, path in pages.items():
                target = IMAGES / f"{plan}-{name}-{width}.png"
                tab.goto((site / path).as_uri())
                tab.screenshot(path=str(target))
                made.append(target)
            context.close()
        browser.close()
    return made


def poster(site: Path, plan: str) -> Path:
    target = IMAGES / f"{plan}-plan-on-a-page"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(site / "downloads" / "plan-on-a-page.pdf"),
                    str(target)], check=True)
    return target.with_suffix(".png")


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for plan, source, pages in PLANS:
            site = built(source, Path(folder))
            for picture in shoot(site, plan, pages) + [poster(site, plan)]:
                print(picture.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
