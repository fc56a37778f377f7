"""site-gen serve: a real server on localhost, a real HTTP client, real edits to a plan on disk."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, copy_plan

from site_gen.findings import Location
from site_gen.preview import EVENTS_PATH, decorate, findings_banner, mark_words, no_site_page, page_source
from site_gen.rules import rule

WAIT_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _until(condition: Callable[[], bool], what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < WAIT_SECONDS:
        if condition():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "--project", str(root), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return _get(base + "/index.html")[0] == 200
        except OSError:
            return False

    try:
        _until(up, "the preview to start")
        yield root, base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_preview_rebuilds_on_edit_and_shows_errors_over_the_last_good_pages(preview):
    root, base, process = preview
    page = root / "content" / "index.md"
    status, html = _get(base + "/index.html")
    assert status == 200 and "over two years" in html
    assert EVENTS_PATH in html and "preview-findings" not in html

    page.write_text(page.read_text().replace("over two years", "over three years"), encoding="utf-8")
    _until(lambda: "over three years" in _get(base + "/index.html")[1], "the edit to show")

    broken = page.read_text().replace("over three years", 'over {{ value("finance.no-such-table.x.y") }} years')
    page.write_text(broken, encoding="utf-8")
    _until(lambda: "preview-findings" in _get(base + "/index.html")[1], "the error banner")
    html = _get(base + "/index.html")[1]
    assert "content/index.md:7" in html  # where the problem is, as file:line
    assert "no-such-table" in html
    assert "over three years" in html  # the last good page is still what is shown

    page.write_text(broken.replace('{{ value("finance.no-such-table.x.y") }}', "four"), encoding="utf-8")
    # The new pages are swapped in a moment before the findings are: the browser reloads once both are, so the
    # page settles with the fixed text and no banner.
    _until(lambda: "over four years" in (html := _get(base + "/index.html")[1]) and "preview-findings" not in html,
           "the fixed page without the banner")

    # A warning does not stop the preview: the page is rebuilt, and the warning is shown on the page itself.
    page.write_text(page.read_text().replace("over four years", "over four years (lead TBC)"), encoding="utf-8")
    _until(lambda: "preview-warnings" in _get(base + "/index.html")[1], "the warnings box")
    box = BeautifulSoup(_get(base + "/index.html")[1], "html.parser").select_one(".preview-warnings")
    assert box.h2.get_text() == "1 warning on this page (content/index.md)"
    assert "Line 7: 'TBC' is a placeholder, left in a draft." in box.get_text()
    marked = BeautifulSoup(_get(base + "/index.html")[1], "html.parser").select("article mark.preview-mark")
    assert [m.contents[0] for m in marked] == ["TBC"]  # the word itself, highlighted where it stands


def test_preview_tells_the_browser_when_to_reload(preview):
    root, base, _ = preview
    with urllib.request.urlopen(base + EVENTS_PATH, timeout=WAIT_SECONDS) as events:
        first = events.readline().decode().strip()
        assert first.startswith("data: ")
        events.readline()
        (root / "data" / "plan.yml").write_text(
            (root / "data" / "plan.yml").read_text().replace("Care close to home", "Care near home"), encoding="utf-8")
        second = events.readline().decode().strip()
    assert second.startswith("data: ") and int(second[6:]) > int(first[6:])


def test_unknown_pages_get_the_sites_404_page(preview):
    _, base, _ = preview
    status, html = _get(base + "/no-such-page.html")
    assert status == 404 and "<html" in html
    status, _ = _get(base + "/../../etc/passwd")
    assert status == 404


def test_a_port_in_use_is_explained(preview, tmp_path):
    _, base, _ = preview
    port = base.rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "site_gen", "serve", "--project", str(tmp_path), "--port", port],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert f"Port {port} is already in use" in result.stderr and "Traceback" not in result.stderr


def test_banner_lists_each_error_with_where_it_is_and_escapes_it():
    finding = rule("unknown-reference")(Location("content/a.md", 3, 5), "There is no table '<b>x</b>'.")
    banner = findings_banner([finding])
    assert "content/a.md:3:5" in banner and "&lt;b&gt;x&lt;/b&gt;" in banner and 'role="alert"' in banner
    page = decorate("<html><body class='x'><main>Hi</main></body></html>", 4, [finding])
    assert page.index("preview-findings") > page.index("<body") and page.index("var seen=4") < page.index("</body>")
    assert "preview-findings" not in decorate("<html><body><main>Hi</main></body></html>", 4, [])
    heading = BeautifulSoup(banner, "html.parser").h2.get_text()
    assert heading == "The plan has 1 error. This preview still shows the last version that built."


def test_the_warnings_box_lists_the_page_own_warnings_at_their_lines_and_nothing_else():
    here = rule("placeholder")(Location("content/money.md", 5, 3), "'TBC' is a placeholder, left in a draft.")
    grouped = rule("acronym-undefined")(Location("content/about.md", 2, 1), "'PLT' is not in the glossary.",
                                        also=(Location("content/money.md", 9, 4),))
    elsewhere = rule("placeholder")(Location("content/about.md", 4, 1), "'TBA' is a placeholder, left in a draft.")
    page = decorate("<html><body><main>Hi</main></body></html>", 2, [here, grouped, elsewhere],
                    source="content/money.md")
    box = BeautifulSoup(page, "html.parser").select_one(".preview-warnings")
    assert [li.get_text() for li in box.find_all("li")] == [
        "Line 5: 'TBC' is a placeholder, left in a draft.", "Line 9: 'PLT' is not in the glossary."]
    assert box["role"] == "region" and box["aria-labelledby"] == box.h2["id"]
    assert "preview-warnings" not in decorate("<html><body>Hi</body></html>", 2, [elsewhere], source="content/x.md")
    assert page_source("priorities/hypertension.html") == "content/priorities/hypertension.md"


def test_warned_words_are_marked_in_the_article_text_only():
    page = ('<html><head><title>TBC</title></head><body><article><p>Our lead is TBC, see <a href="tbc.html" '
            'title="TBC">the TBC page</a>.</p><script>var TBC = 1;</script><p>TBCs and NTBC stay.</p></article>'
            "<footer>TBC</footer></body></html>")
    marked = BeautifulSoup(mark_words(page, {"TBC": "'TBC' is a placeholder, left in a draft."}), "html.parser")
    marks = marked.select("mark.preview-mark")
    assert [m.contents[0] for m in marks] == ["TBC", "TBC"]  # in the sentence and in the link's text
    assert marks[0].span.get_text() == " (warning: 'TBC' is a placeholder, left in a draft.)"  # said to screen readers
    assert marked.title.get_text() == "TBC" and marked.a["title"] == "TBC" and "var TBC = 1;" in marked.script.get_text()
    assert marked.footer.get_text() == "TBC" and "TBCs and NTBC stay." in marked.get_text()


def test_the_page_before_any_build_says_one_thing_and_lists_the_errors_below_it():
    """From the trial: the page said the preview 'still shows the last version that built' when none had, and
    'fix the problems below' above a list shown at the top. Now one box, in the guide's words, below the title."""
    finding = rule("unknown-reference")(Location("content/a.md", 3, 5), "There is no table 'x'.")
    page = decorate(no_site_page([finding]), 1, [finding], banner_needed=False)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.get_text() == "No preview yet" and len(soup.select(".preview-findings")) == 1
    assert soup.h2.get_text() == "The plan has 1 error. There is no preview yet: the plan has not built."
    assert "last version that built" not in page and page.index("<h1") < page.index("preview-findings")
    assert "sans-serif" in soup.body["style"] and soup.find("meta", attrs={"name": "viewport"})
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "There is no preview yet: the plan has not built." in guide
    assert "This preview still shows the last version that built." in guide


def test_pages_stay_served_while_rebuilds_swap_the_site(preview):
    root, base, process = preview
    page = root / "content" / "index.md"
    statuses: list[int] = []
    stop = threading.Event()

    def fetch() -> None:
        while not stop.is_set():
            statuses.append(_get(base + "/index.html")[0])

    readers = [threading.Thread(target=fetch) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for n in range(5):
            page.write_text(page.read_text() + f"\nEdit {n}.\n", encoding="utf-8")
            _until(lambda n=n: f"Edit {n}." in _get(base + "/index.html")[1], f"rebuild {n}")
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert statuses and set(statuses) == {200}


def test_an_impossible_address_is_a_404_not_a_traceback(preview):
    _, base, process = preview
    assert _get(base + "/x%00y.html")[0] == 404
    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert "Traceback" not in output
