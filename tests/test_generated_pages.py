"""Every generated page, from a small plan that has every kind of data (tests/fixtures/good-complete)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    plan = copy_plan(FIXTURES / "good-complete", tmp_path_factory.mktemp("complete") / "plan")
    assert not has_errors(build(Project(plan), strict=True))
    return plan / "build" / "site"


def rows(site: Path, page: str) -> list[list[str]]:
    html = BeautifulSoup((site / page).read_text(), "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in html.find("article").select("tbody tr")]


def test_every_generated_page_is_built(site: Path):
    for page in ("index.html", "priorities/index.html", "priorities/mental-health.html",
                 "priorities/hypertension.html", "workstreams/index.html", "workstreams/unplanned-care.html",
                 "enabling.html", "alignment.html", "population.html", "governance.html", "documents.html",
                 "finance.html", "performance.html", "risks.html", "milestones.html", "glossary.html"):
        assert (site / page).is_file(), page


def test_performance_shows_target_latest_and_a_status_worked_out_from_them(site: Path):
    measures = {row[0]: row[1:] for row in rows(site, "performance.html")}
    # 94.2% against a target of at least 95%: within 5% of the target, so at risk.
    assert measures["People seen in A&E within 4 hours"] == [
        "at least 95% (2013/14)", "Higher", "94.2% (2013 Q1)", "At risk"]
    assert measures["Adults who smoke"][0].startswith("No target: The county council")
    assert measures["Adults who smoke"][1:] == ["Lower", "No data yet", "No target"]


def test_a_measure_chart_sits_in_its_measure_domain_section_and_nowhere_else(site: Path):
    html = BeautifulSoup((site / "performance.html").read_text(), "html.parser")
    article = html.find("article")
    sections, current = {}, None
    for element in article.find_all(["h2", "figure"]):
        if element.name == "h2":
            current = element.get_text(" ", strip=True)
        elif "chart" in (element.get("class") or []):
            sections.setdefault(current, []).append(element.get("id") or element.find(class_="chart-title").get_text())
    assert list(sections) == ["Urgent and emergency care"], sections
    assert len(sections["Urgent and emergency care"]) == 1


def test_milestones_show_dates_at_their_own_precision(site: Path):
    milestones = {row[1]: row for row in rows(site, "milestones.html")}
    assert milestones["New supported housing contract signed"][0] == "July 2013"
    assert milestones["Practices start offering the new health checks"][0] == "April to June 2013"
    assert milestones["Practices start offering the new health checks"][2] == "In progress"


def test_a_priority_page_shows_its_measures_and_risks(site: Path):
    page = BeautifulSoup((site / "priorities" / "mental-health.html").read_text(), "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert "People seen in A&E within 4 hours" in text
    assert "How we will measure progress" in text


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(), "html.parser")


def test_navigation_groups_priorities_and_workstreams_and_lists_enabling_work(site: Path):
    top = soup(site, "index.html").select("nav.md-nav--primary > ul > li")
    nav = [li.find(["a", "div"], recursive=False).get_text(" ", strip=True) for li in top]
    assert nav.index("Our priorities") < nav.index("Our work programme") < nav.index("Enabling programmes")
    listed = [a.get_text(strip=True) for a in soup(site, "workstreams/index.html").select("article ol.priority-list a")]
    assert listed == ["Unplanned care"]
    assert [a.get_text(strip=True) for a in soup(site, "priorities/index.html").select("article ol.priority-list a")] == [
        "Better mental health services", "Finding and treating high blood pressure"]


def test_a_workstream_page_shows_each_scheme_in_full(site: Path):
    page = soup(site, "workstreams/unplanned-care.html")
    assert rows(site, "workstreams/unplanned-care.html") == [
        ["Single point of referral", "Head of urgent care commissioning", "In progress",
         "It saves nothing itself, but makes the other schemes possible."]]
    scheme = page.find(id="scheme-single-point-of-referral")
    assert scheme.name == "h3"
    text = page.select_one("article").get_text(" ", strip=True)
    for expected in ("What it achieved last year The service took 102 calls in its first five months.",
                     "What we will do next Redesign the service with the family doctors who use it.",
                     "The end goal One phone call gets a patient at risk"):
        assert expected in text


def test_scheme_savings_show_full_year_effect_and_confidence_in_words(site: Path):
    page = soup(site, "priorities/mental-health.html")
    facts = page.find(id="scheme-psychiatric-liaison").find_next("dl")
    pairs = dict(zip([dt.get_text(strip=True) for dt in facts.find_all("dt")],
                     [dd.get_text(" ", strip=True) for dd in facts.find_all("dd")], strict=True))
    assert pairs["Savings in 2013/14"] == "£0.05 million (£0.07 million over a full year), delivery confidence Amber"


def test_enabling_programmes_share_one_page_with_their_leads_and_schemes(site: Path):
    page = soup(site, "enabling.html")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Governance" in text and "Who leads this work: Clinical lead, governance" in text
    assert page.find(id="scheme-member-training").name == "h4"  # below the programme's own h2 and "Schemes"
    assert "What we will do next Offer each practice a session" in text
    levels = [int(h.name[1]) for h in page.select("article h1, article h2, article h3, article h4, article h5")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_alignment_says_yes_or_no_for_every_aim_not_colour_or_ticks(site: Path):
    table = rows(site, "alignment.html")
    assert ["Better mental health services", "", "Yes", "No"] in table
    assert ["Single point of referral", "Unplanned care", "No", "Yes"] in table


def test_population_figures_use_nhs_number_formats(site: Path):
    stats = {row[0]: row[1:] for row in rows(site, "population.html")}
    assert stats["People registered with our practices"][:2] == ["264,630 people", "2012/13"]
    assert stats["Adults who smoke"][:3] == ["19%", "2012/13", "Most deprived fifth of our population: 35%"]
    assert ["2014", "267,280"] in rows(site, "population.html")


def test_governance_shows_bodies_with_who_they_report_to(site: Path):
    page = soup(site, "governance.html")
    link = page.find(id="clinical-executive").find_next("dl").find("a")
    assert link.get_text() == "Governing body" and link["href"] == "#governing-body"
    assert ["Clinical lead, performance", "Performance"] in rows(site, "governance.html")


def test_documents_link_to_where_they_are(site: Path):
    link = soup(site, "documents.html").select_one("article h2 a")
    assert link.get_text() == "Essex Joint Health and Wellbeing Strategy"
    assert link["href"] == "https://www.example.org/health-and-wellbeing-strategy"
