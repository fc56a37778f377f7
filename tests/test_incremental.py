"""The preview's rebuild renders again only what an edit changed, and never leaves a page stale: every page
that shows an edited figure changes, the others are the same files as before, and the site is, file for file,
what a full build of the same plan makes."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project
from site_gen.site.incremental import KEY_FILE, sync_tree


def _site_files(root: Path) -> dict[str, tuple[int, bytes]]:
    site = (root / "build" / "site").resolve()
    return {path.relative_to(site).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def _built(root: Path) -> dict[str, tuple[int, bytes]]:
    """Built as the preview builds it."""
    findings = build(Project(root), full_pdf=False, incremental=True)
    assert not has_errors(findings), [f.message for f in findings if f.severity.value == "error"]
    return _site_files(root)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _same_as_a_full_build(root: Path, tmp_path: Path, made: dict[str, tuple[int, bytes]]) -> None:
    """A copy of the plan previewed from nothing, so every page is rendered, makes the same files."""
    twin = copy_plan(root, tmp_path / "twin")
    full = _built(twin)
    assert sorted(full) == sorted(made)
    assert [path for path in full if full[path][1] != made[path][1]] == []


def test_an_edited_figure_changes_every_page_that_shows_it_and_no_other_page_is_rendered(tmp_path: Path):
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    before = _built(root)
    # The latest 18-week figure, shown on the measure tables of several pages.
    _edit(root / "data" / "performance.yml", "        value: 95.2\n", "        value: 91.3\n")
    after = _built(root)

    showing = {path for path, (_, data) in after.items() if path.endswith(".html") and b"91.3%" in data}
    assert len(showing) >= 3, showing
    assert not any(b"91.3%" in data for path, (_, data) in before.items())
    changed = {path for path in after if after[path][1] != before.get(path, (0, b""))[1]}
    assert showing <= changed
    # Pages that do not show it were not rendered again: the same files, with the same times.
    kept = {path for path in after if path.endswith(".html") and after[path][0] == before[path][0]}
    assert len(kept) >= 20 and not kept & showing
    _same_as_a_full_build(root, tmp_path, after)


def test_an_edit_every_page_shows_renders_every_page(tmp_path: Path):
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    before = _built(root)
    # An acronym's expansion is marked on every page that uses it: a change the menu does not show, but
    # that reaches pages whose own Markdown is the same.
    glossary = root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    assert "expansion: Clinical Commissioning Group" in text
    glossary.write_text(text.replace("expansion: Clinical Commissioning Group",
                                     "expansion: Clinical Commissioning Group (the local NHS buyer)", 1),
                        encoding="utf-8")
    after = _built(root)
    pages = [path for path in after if path.endswith(".html") and not path.startswith("versions/")]
    assert all(after[path][0] != before[path][0] for path in pages)
    _same_as_a_full_build(root, tmp_path, after)


def test_a_failed_build_is_never_built_on(tmp_path: Path):
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    _built(root)
    work = root / "build" / ".work"
    assert (work / KEY_FILE).is_file()
    page = root / "content" / "money.md"
    _edit(page, "In 2015/16 our funding rises mainly because", "In 2015/16 {{ value('finance.nothing') }}")
    assert has_errors(build(Project(root), full_pdf=False, incremental=True))
    _edit(page, "In 2015/16 {{ value('finance.nothing') }}", "In 2015/16 our funding rises, mostly because")
    after = _built(root)
    assert b"rises, mostly because" in after["money.html"][1]
    _same_as_a_full_build(root, tmp_path, after)


def test_staged_files_keep_their_times_unless_their_bytes_change(tmp_path: Path):
    target, source = tmp_path / "target", tmp_path / "source"
    for folder in (target, source):
        (folder / "docs").mkdir(parents=True)
    (target / "docs" / "same.md").write_text("same", encoding="utf-8")
    (target / "docs" / "edited.md").write_text("before", encoding="utf-8")
    (target / "docs" / "gone.md").write_text("gone", encoding="utf-8")
    times = (target / "docs" / "same.md").stat().st_mtime_ns
    (source / "docs" / "same.md").write_text("same", encoding="utf-8")
    (source / "docs" / "edited.md").write_text("after", encoding="utf-8")
    (source / "docs" / "new.md").write_text("new", encoding="utf-8")
    assert sync_tree(source, target) == {"docs/edited.md", "docs/gone.md", "docs/new.md"}
    assert (target / "docs" / "same.md").stat().st_mtime_ns == times
    assert sorted(p.name for p in (target / "docs").iterdir()) == ["edited.md", "new.md", "same.md"]
    assert (target / "docs" / "edited.md").read_text(encoding="utf-8") == "after" and not source.exists()


def test_a_page_retitled_shows_its_new_title_in_every_pages_menu(tmp_path: Path):
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    before = _built(root)
    page = root / "content" / "quality.md"
    _edit(page, "title: Quality and safety\n", "title: Quality and safety of care, retitled\n")
    after = _built(root)
    pages = [path for path in after if path.endswith(".html") and not path.startswith("versions/")
             and path != "404.html"]
    assert all(b"Quality and safety of care, retitled" in after[path][1] for path in pages)
    assert not any(b"Quality and safety of care, retitled" in data for _, data in before.values())
    _same_as_a_full_build(root, tmp_path, after)


def test_a_prose_edit_changes_its_page_and_leaves_the_others_as_they_were(tmp_path: Path):
    root = copy_plan(REPO / "examples" / "mid-essex", tmp_path / "plan")
    before = _built(root)
    _edit(root / "content" / "money.md", "In 2015/16 our funding rises mainly because",
          "In 2015/16 our funding rises, mostly because")
    after = _built(root)
    assert b"rises, mostly because" in after["money.html"][1]
    rendered_again = {path for path in after if path.endswith(".html") and after[path][0] != before[path][0]}
    assert "money.html" in rendered_again and len(rendered_again) <= 3, rendered_again
    _same_as_a_full_build(root, tmp_path, after)


def test_a_rebuild_never_writes_into_the_last_sites_files(example_copy: Path) -> None:
    """The preview links the last site's unchanged files into the new one rather than copying them; none of
    them may be written through the link, or a rebuild that then failed would leave the last good site
    changed. Each file the new site shares with the last one holds what it held before the rebuild."""
    root = example_copy
    _built(root)
    site = (root / "build" / "site").resolve()
    before = {(path.stat().st_dev, path.stat().st_ino): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    _edit(root / "data" / "finance.yml", "299.8", "299.9")
    strategy = root / "content" / "strategy.md"
    strategy.write_text(strategy.read_text(encoding="utf-8") + "\nA sentence added at the end.\n", encoding="utf-8")
    after = _built(root)
    new_site = (root / "build" / "site").resolve()
    shared = [path for path in new_site.rglob("*") if path.is_file()
              and (path.stat().st_dev, path.stat().st_ino) in before]
    assert len(shared) > len(after) // 2  # most files were linked in, not copied
    for path in shared:
        assert path.read_bytes() == before[(path.stat().st_dev, path.stat().st_ino)], path
