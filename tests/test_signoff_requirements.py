"""A plan's sign-off block and its answers to national requirements, typed as the plan prints them: a gap
in either is a warning about the plan at its entry, never a structure error; links from a requirement to
the work that meets it are checked. What readers see comes from the built pages and the full plan PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import RULES
from site_gen.schema import json_schema

PLAN = FIXTURES / "signoff-requirements"


def _edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = copy_plan(PLAN, tmp_path / "plan")
    path = root / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def _found(root: Path) -> list[tuple[str, int, str]]:
    return [(f.code, f.location.line, f.message) for f in check_project(Project(root)).findings]


def test_each_missing_or_blank_sign_off_field_is_a_completeness_warning_at_its_entry():
    findings = [f for f in check_project(Project(PLAN)).findings if f.code == "sign-off-incomplete"]
    assert {(RULES[f.code].family, f.severity.value) for f in findings} == {("completeness", "warning")}
    assert [(f.location.line, f.message) for f in findings] == [
        (12, "The sign-off for 'Bath and North East Somerset Clinical Commissioning Group' does not give the date "
             "it was signed, so it is shown as 'Not stated in the plan'."),
        (15, "The sign-off for 'Bath and North East Somerset Clinical Commissioning Group' does not give the date "
             "it was signed, so it is shown as 'Not stated in the plan'."),
        (19, "The sign-off for 'Bath and North East Somerset Council' does not give the signatory's name, so it "
             "is shown as 'Not stated in the plan'."),
    ]


def test_a_sign_off_line_giving_nothing_names_each_missing_field(tmp_path: Path):
    root = _edited(tmp_path, "plan.yml", "sign_off:\n", "sign_off:\n  - {}\n")
    found = [(line, message) for code, line, message in _found(root) if code == "sign-off-incomplete" and line == 12]
    assert [message.split(" does not give ")[1].split(",")[0] for _, message in found] == [
        "the organisation signing", "the signatory's role", "the signatory's name", "the date it was signed"]
    assert all(message.startswith("Sign-off line 1 ") for _, message in found)


def test_a_sign_off_date_is_read_as_plans_write_dates(tmp_path: Path):
    root = _edited(tmp_path, "plan.yml", "date: 12/9/12", "date: sometime soon")
    assert ("date-unreadable", 22) in [(code, line) for code, line, _ in _found(root)]
    root = _edited(tmp_path / "month", "plan.yml", "date: 12/9/12", "date: March")
    assert ("date-imprecise", 22) in [(code, line) for code, line, _ in _found(root)]


def test_a_name_with_markup_is_refused_as_plain_text(tmp_path: Path):
    root = _edited(tmp_path, "plan.yml", "name: Dr Ian Orpen", "name: Dr <b>Orpen</b>")
    structure = [(code, line) for code, line, _ in _found(root) if RULES[code].family == "structure"]
    assert structure and all(line == 14 for _, line in structure)


def test_a_requirement_without_a_response_is_a_completeness_warning_at_its_line():
    found = [f for f in check_project(Project(PLAN)).findings if f.code == "requirement-unanswered"]
    assert [(f.location.file, f.location.line, f.severity.value, RULES[f.code].family) for f in found] == [
        ("data/requirements.yml", 17, "warning", "completeness")]
    assert "'veterans'" in found[0].message


def test_a_requirement_naming_work_the_plan_does_not_have_is_an_unknown_reference(tmp_path: Path):
    root = _edited(tmp_path, "requirements.yml", "schemes: [carers-support]", "schemes: [carer-support]")
    path = root / "data" / "requirements.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("priorities: [children-families]",
                                                             "priorities: [children-family]"), encoding="utf-8")
    unknown = [(line, message) for code, line, message in _found(root) if code == "unknown-reference"]
    assert unknown == [(16, "There is no scheme 'carer-support'. Did you mean 'carers-support'?"),
                       (23, "There is no priority 'children-family'. Did you mean 'children-families'?")]


def test_a_requirement_id_used_twice_is_a_duplicate(tmp_path: Path):
    root = _edited(tmp_path, "requirements.yml", "- id: carers\n", "- id: dementia\n")
    assert [(line, message) for code, line, message in _found(root) if code == "duplicate-id"] == [
        (13, "The id 'dementia' is used twice among requirements (first on line 8).")]


def test_requirements_yml_is_in_the_schema_for_editors():
    files = json_schema()["files"]
    requirement = files["data/requirements.yml"]["$defs"]["Requirement"]
    assert set(requirement["required"]) == {"id", "title"}
    assert "sign_off" in files["data/plan.yml"]["properties"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_plan(PLAN, tmp_path_factory.mktemp("signoff") / "plan")
    assert not has_errors(build(Project(root)))
    return root


def _page(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / "build" / "site" / name).read_text(encoding="utf-8"), "html.parser")


def _rows(table) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]


def test_the_version_history_page_shows_the_sign_off_with_gaps_said_in_words(built):
    page = _page(built, "versions.html")
    table = page.find("caption", string="Signatories of this plan").find_parent("table")
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == [
        "Organisation", "Role", "Name", "Date signed"]
    assert all(row.th and row.th["scope"] == "row" for row in table.select("tbody tr"))
    assert _rows(table) == [
        ["Bath and North East Somerset Clinical Commissioning Group", "Chair", "Dr Ian Orpen", "Not stated in the plan"],
        ["Bath and North East Somerset Clinical Commissioning Group", "Clinical Accountable Officer (designate)",
         "Dr Simon Douglass", "Not stated in the plan"],
        ["Bath and North East Somerset Council", "Strategic Director for People and Communities",
         "Not stated in the plan", "12 September 2012"],
    ]
    assert page.find("h2", id="sign-off")
    assert not page.find("caption", string="Versions of this plan, newest first")  # no history: no empty table


def test_the_requirements_page_is_in_the_menu_with_a_table_per_group(built):
    page = _page(built, "requirements.html")
    menu = [a.get_text(strip=True) for a in _page(built, "index.html").select("nav.md-nav--primary a")]
    assert "How we meet national requirements" in menu
    captions = [c.get_text() for c in page.select("table caption")]
    assert captions == ["Key priorities of the Operating Framework for 2012/13 and how this plan meets each one",
                        "What authorisation asks of our plan and how this plan meets each one"]
    first = page.select("table")[0]
    assert [th.get_text() for th in first.select("thead th[scope=col]")] == [
        "Requirement", "Our response", "Work that delivers it"]
    rows = {row.th.contents[0].strip(): row for row in first.select("tbody tr")}
    assert rows["Military and veterans' health"].select("td")[0].get_text() == "Not answered in the plan"
    links = [(a.get_text(), a["href"]) for a in rows["Dementia and the care of older people"].select("a")]
    assert links == [("Care of older people and people with dementia", "priorities/older-people.html"),
                     ("Earlier diagnosis of dementia", "priorities/older-people.html#scheme-dementia-diagnosis")]
    assert page.find(id="scheme-dementia-diagnosis") is None  # the link leads to the priority's page
    assert _page(built, "priorities/older-people.html").find(id="scheme-dementia-diagnosis")


def test_the_full_plan_pdf_carries_the_sign_off_and_the_requirements(built):
    pdf = built / "build" / "site" / "downloads" / "plan.pdf"
    # -raw reads the text in the order it is drawn, so the cells of a table's row come in turn.
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Signatories of this plan" in text and "Dr Simon Douglass" in text
    assert "Strategic Director for People and Communities Not stated in the plan 12 September 2012" in text
    assert "How we meet national requirements" in text
    assert "Military and veterans' health Not answered in the plan" in text
