"""A broken link suggests only pages whose file name, or whose title against the link's own words, is close;
never just any page that shares an ending (the trial's "engagement.md: did you mean alignment.md?")."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_plan

from site_gen.pipeline import check_project
from site_gen.project import Project


def _broken_links(tmp_path: Path, body: str) -> list[str]:
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    (root / "content" / "alignment.md").write_text("---\ntitle: How our plan fits national plans\n---\n\nText.\n")
    (root / "content" / "stakeholders.md").write_text("---\ntitle: Engagement with stakeholders\n---\n\nText.\n")
    (root / "content" / "risks-we-face.md").write_text("---\ntitle: The risks we face\n---\n\nText.\n")
    (root / "content" / "links.md").write_text(f"---\ntitle: Links\n---\n\n{body}\n")
    return [f.message for f in check_project(Project(root)).findings if f.code == "broken-link"]


def test_a_page_that_only_shares_an_ending_is_not_offered(tmp_path: Path) -> None:
    assert _broken_links(tmp_path, "Read the [summary](engagement.md).") == [
        "The link to 'engagement.md' goes nowhere."]


def test_a_page_whose_title_matches_the_link_words_is_offered(tmp_path: Path) -> None:
    found = _broken_links(tmp_path, "Read about [engagement with stakeholders](engagement.md).")
    assert found == ["The link to 'engagement.md' goes nowhere. Did you mean 'stakeholders.md' "
                     "(Engagement with stakeholders)?"]


def test_a_page_whose_name_is_close_is_offered(tmp_path: Path) -> None:
    found = _broken_links(tmp_path, "Read about [them](risk-we-face.md).")
    assert found == ["The link to 'risk-we-face.md' goes nowhere. Did you mean 'risks-we-face.md' (The risks we face)?"]
