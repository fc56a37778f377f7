"""Every page of every plan is valid HTML, by the Nu Html Checker (vnu-jar from npm, run with Java).
Only messages about markup the theme writes and a plan cannot change are set aside, each with why."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages about Material for MkDocs' own page frame, which no plan content produces.
THEME_MESSAGES = {
    # The theme's hidden checkboxes that open the menu and the search box carry autocomplete="off" so that
    # a browser does not restore them half-open; the attribute is harmless on a checkbox.
    "Attribute “autocomplete” is only allowed when the input type is": "theme's menu and search toggles",
    # On a page outside the menu (privacy), the theme still writes the label of the page-contents toggle.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.":
        "theme's page-contents label on a page outside the menu",
}


def _messages(site: Path) -> list[str]:
    assert VNU.is_file(), "vnu-jar is missing: `make test` installs it with npm"
    assert shutil.which("java"), "Java is missing: `make test` installs default-jre-headless"
    run = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
                         capture_output=True, text=True)
    report = json.loads(run.stderr)
    return [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in report["messages"]
            if not any(m["message"].startswith(known) for known in THEME_MESSAGES)]


def test_every_page_of_the_example_plan_is_valid_html(built_example):
    assert _messages(built_example / "build" / "site") == []


def test_every_page_of_every_example_is_valid_html(built_examples):
    for root in built_examples.values():
        assert _messages(root / "build" / "site") == []
