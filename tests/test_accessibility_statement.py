"""The accessibility statement every site has: its contact, its dates and its compliance status, worked out
from the plan's declared problems and the checks' own findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, copy_plan
from markdown import markdown

from site_gen.findings import Finding, Location, Severity
from site_gen.pdf.fullplan import reading_order
from site_gen.pipeline import CheckedPlan, check_project
from site_gen.project import Project
from site_gen.render.accessibility_status import FINDING_CRITERIA
from site_gen.render.pages import Page, render_pages
from site_gen.render.templates import template_environment
from site_gen.schema import json_schema
from site_gen.wcag import CRITERIA

PLAN = "data/plan.yml"


def rendered(checked: CheckedPlan, full_pdf: bool = True) -> dict[str, Page]:
    """Every page of the plan as Markdown, without building the website."""
    env = template_environment(checked.project)
    env.globals["full_plan_pdf"] = full_pdf
    pages, problems = render_pages(checked, env)
    assert problems == []
    return {page.path: page for page in pages}


def statement(root: Path, *findings: Finding) -> str:
    """The statement's text as a reader sees it, with the checks' findings plus any given."""
    checked = check_project(Project(root))
    assert not [f for f in checked.findings if f.severity is Severity.ERROR], checked.findings
    checked.findings += list(findings)
    return text_of(rendered(checked)["accessibility.md"].markdown)


def text_of(page: str) -> str:
    """A page's Markdown as a reader sees its words, on one line."""
    return " ".join(BeautifulSoup(markdown(page), "html.parser").get_text(" ").split())


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of a small clean plan, to change."""
    return copy_plan(FIXTURES / "good-complete", tmp_path / "plan")


def edit(root: Path, old: str, new: str) -> None:
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ACCESSIBILITY_CONTACT = """accessibility_contact:
  name: Communications team
  email: accessibility@example.nhs.uk
  response_days: 10
"""
CONTACT = """contact:
  name: Communications team
  email: communications@example.nhs.uk
  web: https://plan.example.nhs.uk/
"""


def test_the_statement_is_linked_from_every_footer_but_not_from_the_menu(built_example):
    site = built_example / "build" / "site"
    page = BeautifulSoup((site / "accessibility.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article h1").text == "Accessibility statement"
    for html, link in (("index.html", "accessibility.html"), ("finance.html", "accessibility.html"),
                       ("priorities/index.html", "../accessibility.html")):
        page = BeautifulSoup((site / html).read_text(encoding="utf-8"), "html.parser")
        footer = {a.text: a["href"] for a in page.select(".footer-links a")}
        assert footer["Accessibility"] == link, html
        menu = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]
        assert "Accessibility statement" not in menu, html


def test_the_root_plan_is_fully_compliant_and_says_who_runs_the_site_and_how_to_reach_them():
    markdown = rendered(check_project(Project(REPO)))["accessibility.md"].markdown
    text = text_of(markdown)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        "# Accessibility statement", "## Using this website", "## How accessible this website is",
        "## Getting the plan in another format", "## Reporting accessibility problems with this website",
        "## Enforcement procedure", "## Technical information about this website's accessibility",
        "### Compliance status", "## How we tested this website", "## Preparation of this statement"]
    assert ("This statement is about the website for Integrated Plan 2013-15 . "
            "Basildon and Brentwood Clinical Commissioning Group runs the website.") in text
    # The link's words say where it goes; the address itself is not the link text.
    assert '<a href="https://plan.example.nhs.uk/">the website for Integrated Plan 2013-15</a>' in markdown
    assert "This website is fully compliant with level AA of the Web Content Accessibility Guidelines" in text
    assert "partially compliant" not in text and "Non-accessible content" not in text
    assert 'href="mailto:accessibility@example.nhs.uk"' in markdown
    assert "We will reply within 10 working days." in text
    assert "https://mcmw.abilitynet.org.uk/" in markdown and "https://www.equalityadvisoryservice.com/" in markdown
    assert "https://www.equalityni.org/" in markdown
    # As data/plan.yml gives them, written the GOV.UK way.
    assert "This statement was prepared on 11 February 2013. It was last reviewed on 4 March 2013." in text


def test_the_accessibility_contact_is_used_with_its_reply_time(plan):
    edit(plan, "  response_days: 10\n", "  phone: 01268 000 000\n  address: |\n    Phoenix Court\n"
                                          "    Basildon SS14 3HG\n  response_days: 1\n")
    text = statement(plan)
    assert ("Contact Communications team: by email: accessibility@example.nhs.uk by phone: 01268 000 000 "
            "by post: Phoenix Court, Basildon SS14 3HG We will reply within 1 working day.") in text
    assert "communications@example.nhs.uk" not in text


def test_without_a_reply_time_no_deadline_is_promised(plan):
    edit(plan, "  response_days: 10\n", "")
    text = statement(plan)
    assert "accessibility@example.nhs.uk" in text and "reply within" not in text


def test_without_an_accessibility_contact_the_plan_contact_is_used(plan):
    edit(plan, ACCESSIBILITY_CONTACT, "")
    text = statement(plan)
    assert ("Contact Communications team: by email: communications@example.nhs.uk online: on Basildon and Brentwood "
            "Clinical Commissioning Group's website") in text
    assert "reply within" not in text


def test_without_any_contact_it_names_the_organisation(plan):
    edit(plan, ACCESSIBILITY_CONTACT, "")
    edit(plan, CONTACT, "")
    text = statement(plan)
    assert "Contact Basildon and Brentwood Clinical Commissioning Group." in text
    assert "mailto:" not in text and "by email" not in text


def test_a_declared_problem_makes_the_site_partially_compliant(plan):
    edit(plan, ACCESSIBILITY_CONTACT, ACCESSIBILITY_CONTACT + """accessibility:
  exceptions:
    - problem: Two maps of practice locations have no text version.
      criterion: "1.1.1"
      fix_by: 2013-06-30
""")
    text = statement(plan)
    assert "fully compliant" not in text
    assert "This website is partially compliant with level AA" in text
    assert ("Non-accessible content Two maps of practice locations have no text version (fails WCAG 2.2 success "
            "criterion 1.1.1 Non-text content). We plan to fix this by 30 June 2013.") in text
    assert "These parts of this website do not yet work well for everyone: Two maps of practice locations" in text


def test_a_warning_from_the_checks_that_fails_wcag_is_listed_with_its_page(plan):
    about = plan / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## How we measure progress", "#### How we measure"),
                     encoding="utf-8")
    found = [f for f in check_project(Project(plan)).findings if f.code == "heading-skip"]
    assert [(f.severity, f.location.file) for f in found] == [(Severity.WARNING, "content/about.md")]
    text = statement(plan)
    assert "This website is partially compliant" in text
    assert (f"About this plan: {found[0].message.removesuffix('.')} (fails WCAG 2.2 success criterion 1.3.1 "
            "Info and relationships).") in text


def test_any_finding_with_a_mapped_code_is_listed_by_its_file_when_it_is_not_a_page(plan):
    unclear = Finding("link-text-unclear", Severity.INFO, "The link text 'here' does not say where it goes.", "",
                      Location("data/documents.yml", 7, 5))
    text = statement(plan, unclear)
    assert ("data/documents.yml: The link text 'here' does not say where it goes (fails WCAG 2.2 success criterion "
            "2.4.4 Link purpose (in context)).") in text


def test_findings_that_cannot_reach_the_site_or_are_not_about_wcag_are_not_listed(plan):
    # An error stops the build, so a site never carries it; a placeholder is unfinished, not inaccessible.
    error = Finding("image-alt-missing", Severity.ERROR, "The image map.png has no alternative text.", "",
                    Location("content/about.md", 9, 1))
    placeholder = Finding("placeholder", Severity.WARNING, "TBC is left in.", "", Location("content/about.md", 3, 1))
    outside = Finding("external-resource", Severity.WARNING, "The page loads a script from elsewhere.", "",
                      Location("content/about.md", 4, 1))
    text = statement(plan, error, placeholder, outside)
    assert "fully compliant" in text
    assert "map.png" not in text and "TBC" not in text and "elsewhere" not in text


def test_dates_default_to_the_current_version_and_are_written_the_gov_uk_way(plan):
    assert "This statement was prepared on 4 March 2013. It was last reviewed on 4 March 2013." in statement(plan)
    edit(plan, ACCESSIBILITY_CONTACT, ACCESSIBILITY_CONTACT + "accessibility:\n  prepared: 2013-03-01\n")
    assert "This statement was prepared on 1 March 2013. It was last reviewed on 1 March 2013." in statement(plan)
    edit(plan, "  prepared: 2013-03-01\n", "  prepared: 2013-03-01\n  reviewed: 2013-03-20\n")
    assert "This statement was prepared on 1 March 2013. It was last reviewed on 20 March 2013." in statement(plan)


def test_an_unknown_success_criterion_is_reported_at_its_file_and_line(plan):
    edit(plan, ACCESSIBILITY_CONTACT, ACCESSIBILITY_CONTACT + """accessibility:
  exceptions:
    - problem: The map has no text version.
      criterion: "1.1.9"
    - problem: A form field's error is not announced.
      criterion: "4.1.1"
""")
    lines = (plan / PLAN).read_text(encoding="utf-8").splitlines()
    findings = [f for f in check_project(Project(plan)).findings if f.code == "invalid-value"]
    assert [(f.location.file, f.location.line) for f in findings] == [
        (PLAN, lines.index('      criterion: "1.1.9"') + 1), (PLAN, lines.index('      criterion: "4.1.1"') + 1)]
    assert "'1.1.9' is not the number of a WCAG 2.2 success criterion at level A or AA" in findings[0].message
    assert "made 4.1.1 Parsing obsolete" in findings[1].message
    assert all(f.severity is Severity.ERROR for f in findings)


def test_the_statement_is_left_out_of_the_full_plan_pdf():
    pages = list(rendered(check_project(Project(REPO))).values())
    printed = [page.path for page, _ in reading_order(pages)]
    assert "accessibility.md" not in printed and "privacy.md" not in printed
    assert "finance.md" in printed


def test_a_plan_may_write_its_own_statement(plan):
    (plan / "content" / "accessibility.md").write_text(
        "---\ntitle: Accessibility statement\n---\n\nOur own statement, written by hand.\n", encoding="utf-8")
    checked = check_project(Project(plan))
    assert not [f for f in checked.findings if f.severity is Severity.ERROR], checked.findings
    pages = rendered(checked)
    assert pages["accessibility.md"].source == "content/accessibility.md"
    assert "Our own statement, written by hand." in pages["accessibility.md"].markdown
    assert "fully compliant" not in pages["accessibility.md"].markdown
    # Like the generated page, it stays out of the home page's list of sections.
    assert "accessibility.md" not in pages["index.md"].markdown


def test_a_preview_without_the_full_plan_pdf_does_not_offer_it(plan):
    pages = rendered(check_project(Project(plan)), full_pdf=False)
    text = text_of(pages["accessibility.md"].markdown)
    assert "PDF/UA)" not in text and "use every page with JavaScript turned off" in text


def test_every_mapped_finding_names_a_real_criterion_and_the_table_is_wcag_2_2_a_and_aa():
    assert {number for number in FINDING_CRITERIA.values() if number} <= set(CRITERIA)
    levels = [level for _, level in CRITERIA.values()]
    assert (levels.count("A"), levels.count("AA")) == (31, 24)
    assert "4.1.1" not in CRITERIA and CRITERIA["2.4.11"] == ("Focus not obscured (minimum)", "AA")


def test_the_json_schema_offers_the_success_criteria():
    schema = json.loads(json.dumps(json_schema("plan")))
    criterion = schema["$defs"]["AccessibilityException"]["properties"]["criterion"]
    assert criterion["enum"] == list(CRITERIA)
    assert "description" in schema["properties"]["accessibility"]


def test_a_problem_typed_in_cannot_become_a_link_or_markup(plan):
    edit(plan, ACCESSIBILITY_CONTACT, ACCESSIBILITY_CONTACT + """accessibility:
  exceptions:
    - problem: "[Read more](javascript:alert(1)) about the <b>map</b>."
      criterion: "1.1.1"
""")
    page = rendered(check_project(Project(plan)))["accessibility.md"].markdown
    html = markdown(page)
    assert not [a for a in BeautifulSoup(html, "html.parser").find_all("a") if "javascript" in a["href"]]
    assert "<b>" not in html
    # Readers see exactly what was typed.
    assert "[Read more](javascript:alert(1)) about the <b>map</b> (fails WCAG 2.2" in text_of(page)
