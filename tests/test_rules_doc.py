"""The check codes in the authoring guide are generated from the rules and kept up to date."""

from conftest import REPO

from site_gen.rules import RULES
from site_gen.rules_doc import codes_markdown, updated


def test_the_authoring_guide_lists_the_current_check_codes():
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert updated(guide) == guide, "run: .venv/bin/python -m site_gen.rules_doc"


def test_every_rule_is_documented_with_an_example_and_a_fix():
    text = codes_markdown()
    for code, rule in RULES.items():
        assert f"`{code}` ({rule.severity.value})" in text
        assert rule.example and rule.fix and rule.summary
