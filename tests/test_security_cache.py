"""What a build keeps in build/ to read back (compiled templates, chart drawings, PDFs, the preview's key
of the last site) is sealed with a key only this computer's user holds (site_gen/sealed.py). A plan can
arrive with its sender's build/ folder: nothing planted there may run on this computer or be published."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_plan
from jinja2.bccache import bc_magic

from site_gen.build import build
from site_gen.project import Project
from site_gen.sealed import (
    KEY_BYTES,
    KEY_VARIABLE,
    SEALED,
    TAG_BYTES,
    looks_sealed,
    read_sealed,
    seal,
    sealing_key,
    unseal,
    write_sealed,
)

PLANTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("planted")</script><g></g></svg>'


def _errors(findings) -> list[str]:
    return [f.code for f in findings if f.severity.value == "error"]


class _Runs:
    """A pickle that, read back, creates a file: what a planted compiled template could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A plan with charts, built once, so build/.cache holds compiled templates, drawings and PDFs."""
    plan = copy_plan(FIXTURES / "good-complete", tmp_path / "plan")
    assert _errors(build(Project(plan))) == []
    return plan


def _build_in_new_process(plan: Path) -> None:
    """As a person builds, so that nothing the test's own process holds in memory stands in for build/."""
    done = subprocess.run([sys.executable, "-m", "site_gen", "build", "--project", str(plan)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def _kept(plan: Path, pattern: str) -> list[Path]:
    return sorted((plan / "build" / ".cache").rglob(pattern))


@pytest.fixture
def other_key(monkeypatch):
    """Seal as someone else's computer would, for the length of a test."""
    sealing_key.cache_clear()
    monkeypatch.setenv(KEY_VARIABLE, (b"\x01" * KEY_BYTES).hex())
    yield
    sealing_key.cache_clear()


def test_compiled_templates_planted_in_build_never_run(built: Path, tmp_path: Path):
    marker = tmp_path / "ran"
    planted = _kept(built, "__jinja2_*.cache")
    assert planted, "the build keeps compiled templates"
    for path in planted:
        path.write_bytes(bc_magic + pickle.dumps(_Runs(marker), protocol=2))
    (built / "content" / "index.md").open("a", encoding="utf-8").write("\nA new sentence.\n")
    _build_in_new_process(built)
    assert not marker.exists()
    compiled_again = [path for path in planted if read_sealed(path) is not None]
    assert len(compiled_again) > len(planted) // 2, "the build looked for the planted files, and compiled anew"


def test_drawings_and_pdfs_planted_in_build_are_made_again_not_published(built: Path):
    site = built / "build" / "site"
    pages = {path.relative_to(site): path.read_bytes() for path in site.rglob("*.html")}
    pdfs = {path.name: path.read_bytes() for path in (site / "downloads").glob("*.pdf")}
    drawings, kept_pdfs = _kept(built, "*.svg"), _kept(built, "*.pdf")
    assert drawings and kept_pdfs
    for number, path in enumerate(drawings):
        # Half look sealed at a glance (so are not drawn ahead of time) but carry no right seal: drawn on the page.
        path.write_bytes((SEALED + b"\0" * TAG_BYTES if number % 2 else b"") + PLANTED_SVG.encode("utf-8"))
    for path in kept_pdfs:
        path.write_bytes(b"%PDF-1.7 planted")
    _build_in_new_process(built)
    # The same plan, so the same site: every drawing and PDF made again, none of the planted ones.
    assert {path.relative_to(site): path.read_bytes() for path in site.rglob("*.html")} == pages
    assert {path.name: path.read_bytes() for path in (site / "downloads").glob("*.pdf")} == pdfs
    assert not any(b"planted" in content for content in pages.values())


def test_a_build_folder_sealed_on_another_computer_is_not_trusted(built: Path, other_key):
    """A sender's own genuine build/ folder: sealed, but with their key, not this user's."""
    drawing = _kept(built, "*.svg")[0]
    write_sealed(drawing, PLANTED_SVG.encode("utf-8"))  # sealed with the other key
    sealing_key.cache_clear()
    os.environ.pop(KEY_VARIABLE)
    assert read_sealed(drawing) is None


def test_a_kept_file_reads_back_only_as_written_under_its_own_name(tmp_path: Path):
    kept = tmp_path / "abc.svg"
    write_sealed(kept, b"<svg/>")
    assert read_sealed(kept) == b"<svg/>"
    sealed = kept.read_bytes()
    kept.write_bytes(sealed[:-1] + b"!")
    assert read_sealed(kept) is None, "changed by one byte"
    kept.write_bytes(b"<svg/>")
    assert read_sealed(kept) is None, "never sealed"
    moved = tmp_path / "other.svg"
    moved.write_bytes(sealed)
    assert read_sealed(moved) is None, "sealed under another name"
    assert unseal("abc.svg", seal("abc.svg", b"")) == b""
    (tmp_path / "link.svg").symlink_to(tmp_path / "abc.svg")
    kept.write_bytes(sealed)
    assert read_sealed(tmp_path / "link.svg") is None, "a shortcut"
    assert read_sealed(tmp_path / "missing.svg") is None
    assert looks_sealed(kept) and not looks_sealed(tmp_path / "link.svg") and not looks_sealed(moved.with_name("x"))


_PRINT_KEY = "from site_gen.sealed import sealing_key; print(sealing_key().hex())"


def _key_in_new_process(cache_home: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != KEY_VARIABLE} | {"XDG_CACHE_HOME": str(cache_home)}
    return subprocess.Popen([sys.executable, "-c", _PRINT_KEY], env=env, stdout=subprocess.PIPE, text=True)


def test_the_key_is_kept_for_its_owner_alone_and_processes_starting_at_once_agree(tmp_path: Path):
    started = [_key_in_new_process(tmp_path) for _ in range(4)]
    keys = {process.communicate()[0].strip() for process in started}
    assert len(keys) == 1 and len(bytes.fromhex(keys.pop())) == KEY_BYTES
    key_file = tmp_path / "site-gen" / "sealing-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert [path.name for path in key_file.parent.iterdir()] == ["sealing-key"]


def test_a_key_file_others_could_have_written_is_replaced(tmp_path: Path):
    key_file = tmp_path / "site-gen" / "sealing-key"
    key_file.parent.mkdir()
    key_file.write_bytes(b"\x02" * KEY_BYTES)
    key_file.chmod(0o666)
    process = _key_in_new_process(tmp_path)
    key = process.communicate()[0].strip()
    assert key != (b"\x02" * KEY_BYTES).hex()
    assert key_file.read_bytes().hex() == key


def test_with_no_folder_to_keep_a_key_in_a_build_seals_with_one_of_its_own(tmp_path: Path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    first, second = _key_in_new_process(not_a_folder), _key_in_new_process(not_a_folder)
    one, other = first.communicate()[0].strip(), second.communicate()[0].strip()
    assert len(bytes.fromhex(one)) == KEY_BYTES and one != other


def test_a_relative_cache_folder_is_not_where_the_key_goes(tmp_path: Path):
    """XDG_CACHE_HOME=cache would put the key in whatever folder site_gen runs in, a plan's own perhaps."""
    env = {k: v for k, v in os.environ.items() if k != KEY_VARIABLE} | {"XDG_CACHE_HOME": "cache",
                                                                        "HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", _PRINT_KEY], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and not (tmp_path / "cache").exists()
    assert (tmp_path / "home" / ".cache" / "site-gen" / "sealing-key").read_bytes().hex() == done.stdout.strip()


def test_many_starting_at_once_agree_on_the_key_they_make(tmp_path: Path, monkeypatch):
    """Sixteen at once, again and again, on a machine where the key is not yet made: each ends up with the
    key that is kept (one that found another's key there once replaced it with its own)."""
    import threading

    from site_gen.sealed import _kept_key

    for trial in range(20):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / str(trial)))
        found: list[bytes | None] = []
        together = threading.Barrier(16)

        def start(together: threading.Barrier = together, found: list = found) -> None:
            together.wait()
            found.append(_kept_key())

        threads = [threading.Thread(target=start) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(found)) == 1 and found[0] == (tmp_path / str(trial) / "site-gen" / "sealing-key").read_bytes()
