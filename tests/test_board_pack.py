"""The board pack as the governing body reads it: a one-page decision sheet first (what is asked, the
version, the build code, the changes and the suggested minute), the full plan with its changes straight
after the contents, and nothing in it that no reader needs (source maps, other languages' search)."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXTURES, copy_plan, pdfua_findings

from site_gen.approval.diff import Changes, FigureChange, PageChange
from site_gen.approval.record import Decision, approve
from site_gen.pack import pack
from site_gen.pdf.decision_sheet import decision_sheet_pdf, typeset_with
from site_gen.pipeline import check_project
from site_gen.project import Project

ADDED_PAGES = 12  # more changes than the sheet names


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _words(text: str) -> str:
    return " ".join(text.split())


def _page_texts(pdf: Path) -> list[str]:
    """Each page's text, in the order it is read, with its spacing made single."""
    with pikepdf.open(pdf) as document:
        count = len(document.pages)
    return [_words(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout) for n in range(1, count + 1)]


def _unpacked(written: Path, folder: Path) -> Path:
    with zipfile.ZipFile(written) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def changed_pack(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The minimal plan approved as version 0.1, then taken back as a draft 0.2 with one page's words
    changed and a dozen pages added, compared with 0.1, and packed: (plan folder, zip, unzipped)."""
    base = tmp_path_factory.mktemp("board-pack")
    root = copy_plan(FIXTURES / "good-minimal", base / "plan")
    decision = Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031")
    assert approve(Project(root), decision)[0] == []
    record = next((root / "approvals").glob("*.json")).relative_to(root).as_posix()
    _edit(root / "data" / "plan.yml", "status: approved", f"status: draft\nchanges_since: {record}")
    _edit(root / "data" / "plan.yml", 'version: "0.1"', 'version: "0.2"')
    _edit(root / "content" / "index.md", "over two years", "over three years")
    for number in range(ADDED_PAGES):
        (root / "content" / f"extra-{number:02}.md").write_text(
            f"---\ntitle: Local scheme {number}\norder: {10 + number}\n---\n\nWhat scheme {number} does.\n",
            encoding="utf-8")
    findings, written = pack(Project(root))
    assert written is not None, findings
    return root, written, _unpacked(written, base / "unpacked")


def test_the_decision_sheet_is_one_tagged_a4_page(changed_pack):
    _, _, unpacked = changed_pack
    sheet = unpacked / "decision-sheet.pdf"
    with pikepdf.open(sheet) as pdf:
        assert len(pdf.pages) == 1
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en" and pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == "Decision sheet: Integrated Plan 2013-15, version 0.2"
    assert pdfua_findings(sheet) == []


def test_the_decision_sheet_says_what_is_asked_the_build_the_changes_and_the_minute(changed_pack):
    root, written, unpacked = changed_pack
    build = json.loads((root / "build" / "manifest.json").read_text(encoding="utf-8"))["fingerprint"][:7]
    assert written.name == f"board-pack-version-0.2-build-{build}.zip"
    (text,) = _page_texts(unpacked / "decision-sheet.pdf")
    since = check_project(Project(root)).since
    assert text.startswith("Basildon and Brentwood Clinical Commissioning Group Integrated Plan 2013-15")
    assert (f"The Governing body is asked to approve version 0.2 of the Integrated Plan 2013-15, build {build}."
            in text)
    assert "Version 0.2" in text and f"Build code {build}" in text and "Status Draft" in text
    assert ("Since version 0.1, approved by the Governing body on 27 March 2014 (minute GB/14/031): "
            f"{since.summary()}.") in text
    assert since.summary() == f"{ADDED_PAGES + 1} pages"
    # The first few changes by name, then where the rest are: the page the full plan puts them on.
    named = re.findall(r"• (Page \w+: [\w ]+?)(?= •| and \d+ more)", text)
    assert named == [f"Page added: Local scheme {n}" for n in range(6)]
    changes_page = next(n for n, page in enumerate(_page_texts(unpacked / "plan.pdf"), start=1)
                        if page.startswith("Changes since version 0.1"))
    assert f'and {ADDED_PAGES + 1 - 6} more: see "Changes since version 0.1" in the full plan, page {changes_page}.' \
        in text
    assert (f"Suggested minute The Governing body approved the Integrated Plan 2013-15, version 0.2, build {build}."
            in text)
    assert (f'site-gen approve --build {build} --body "Governing body" --decision approved --date YYYY-MM-DD '
            "--minute REFERENCE") in text


def test_the_full_plan_has_the_changes_straight_after_the_contents(changed_pack):
    _, _, unpacked = changed_pack
    pages = _page_texts(unpacked / "plan.pdf")
    contents = [n for n, page in enumerate(pages, start=1) if page.startswith("Contents")]
    first_of = {title: next(n for n, page in enumerate(pages, start=1) if page.startswith(title))
                for title in ("Changes since version 0.1", "About this plan")}
    assert contents == [2]
    assert first_of["Changes since version 0.1"] == contents[-1] + 1
    assert first_of["About this plan"] > first_of["Changes since version 0.1"]
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(unpacked / "plan.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    listed = re.findall(r"^\s*(\S.*?)\s?\.{3,}\s*(\d+)$", layout, re.M)
    assert listed[:2] == [("Changes since version 0.1", str(first_of["Changes since version 0.1"])),
                          ("About this plan", str(first_of["About this plan"]))]


def test_the_website_keeps_the_changes_where_its_menu_puts_them(changed_pack):
    from bs4 import BeautifulSoup

    _, _, unpacked = changed_pack
    home = BeautifulSoup((unpacked / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    menu = [link.get_text(" ", strip=True) for link in home.select("nav.md-nav--primary a.md-nav__link")]
    assert menu.index("Changes since version 0.1") > menu.index("Local scheme 11") > menu.index("About this plan")


def test_the_pack_puts_the_sheet_first_and_holds_no_source_maps_or_other_languages_search(changed_pack):
    _, written, _ = changed_pack
    with zipfile.ZipFile(written) as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode("utf-8")
    assert names[:3] == ["README.txt", "decision-sheet.pdf", "plan.pdf"]
    assert "Read decision-sheet.pdf first." in readme
    listed = [line[2:].split(":")[0] for line in readme.splitlines() if line.startswith("- ")]
    assert listed[0] == "decision-sheet.pdf"
    assert any(name.startswith("site/assets/javascripts/") for name in names)  # the theme's scripts are there
    assert not [name for name in names if name.endswith(".map")]
    assert not [name for name in names if name.startswith("site/assets/javascripts/lunr/")]


def test_a_first_version_says_so_and_names_the_governing_body(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    findings, written = pack(Project(root))
    assert written is not None, findings
    build = written.name.removesuffix(".zip")[-7:]
    (text,) = _page_texts(_unpacked(written, tmp_path / "unpacked") / "decision-sheet.pdf")
    assert ("No decision on this plan is recorded, so there are no changes to list: this is the first version "
            "put to the governing body.") in text
    assert f"The governing body approved the Integrated Plan 2013-15, version 0.1, build {build}." in text
    assert f'site-gen approve --build {build} --body "Governing body"' in text
    with zipfile.ZipFile(written) as archive:
        assert "changes.txt" not in archive.namelist()


def test_the_sheet_stays_one_page_however_long_the_names_and_many_the_changes(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    long_name = "Mid and South Essex Health and Care Partnership Integrated Commissioning " * 6
    _edit(root / "data" / "plan.yml", "title: Integrated Plan 2013-15", f"title: {long_name.strip()}")
    checked = check_project(Project(root))
    plan, governance = checked.data.plan, checked.data.governance
    many = Changes("0.1", "0.2",
                   [FigureChange(f"finance.f{n}", f"{long_name} figure {n}", "£m", "1.0", "2.0") for n in range(150)],
                   [], [], [], [PageChange(f"content/p{n}.md", f"Page {n} {long_name}", "changed") for n in range(150)])
    pdf = decision_sheet_pdf(plan, governance, "abc1234", many, 3, typeset_with(tmp_path / "work", 0))
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(pdf)
    (text,) = _page_texts(sheet)
    assert "150 figures, 150 pages" in text and "in the full plan, page 3." in text
    named, more = text.count("• "), int(re.search(r"and (\d+) more: see", text).group(1))
    assert 1 <= named <= 6 and named + more == 300  # fewer named, every one counted
    assert "…: £1.0 million to £2.0 million" in text  # a long name is cut, never the figures, as the site shows them
    assert "build abc1234" in text


def test_an_approved_plan_gets_a_sheet_with_the_decision_recorded_and_nothing_asked(tmp_path):
    root = copy_plan(FIXTURES / "good-minimal", tmp_path / "plan")
    decision = Decision("Governing body", "approved", datetime.date(2014, 3, 27), "GB/14/031")
    assert approve(Project(root), decision)[0] == []
    checked = check_project(Project(root))
    pdf = decision_sheet_pdf(checked.data.plan, checked.data.governance, checked.fingerprint[:7], checked.since,
                             None, typeset_with(tmp_path / "work", 0))
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(pdf)
    (text,) = _page_texts(sheet)
    assert "Version 0.1 of the Integrated Plan 2013-15 has been approved. No decision is asked." in text
    assert "The Governing body decided on 27 March 2014: approved (minute GB/14/031)." in text
    assert "Status Approved" in text and "site-gen approve" not in text and "is asked to approve" not in text
