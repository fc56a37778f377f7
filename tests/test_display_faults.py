"""Display faults seen on plans unlike the examples, each reproduced on a copy of the good-complete plan
edited to hold it, and checked on the built pages: a measure with no target and no reason, a sum in pounds
typed into millions, a plan of one year, a unit that is an abbreviation, a fall over less than a year and a
headline that restates another's figure."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, copy_plan

from site_gen.build import build
from site_gen.findings import has_errors
from site_gen.project import Project
from site_gen.render.formatting import growth_sentence, money_text, period_text, unit_heading, unit_label

MINUS = "\u2212"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _plan_with_the_faults(target: Path) -> Path:
    plan = copy_plan(FIXTURES / "good-complete", target)
    data = plan / "data"
    _edit(data / "plan.yml", "  end: 2014/15\n", "  end: 2013/14\n")
    _edit(data / "performance.yml",
          "    no_target: The county council's public health team sets the local target; the plan reports the rate.\n", "")
    _append(data / "population.yml", """
  - id: community-nurses
    title: Community nurses in post
    unit: fte
    growth_rate: -0.3
    points:
      - period: 2013 Q1
        value: 100.0
      - period: 2013 Q4
        value: 99.7
""")
    _append(data / "finance.yml", """
  - id: total-savings-restated
    label: Savings across the three hospital trusts, as the summary gives them
    ref: finance.qipp-by-budget-area.total.total
    value: 5.2
    unit: £m
  - id: winter-funding
    label: Winter funding, given in pounds in the plan
    value: 0.252173
    unit: £m
""")
    return plan


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    plan = _plan_with_the_faults(tmp_path_factory.mktemp("faults") / "plan")
    findings = build(Project(plan))
    assert not has_errors(findings), [f"{f.location}: [{f.code}] {f.message}" for f in findings if f.severity == "error"]
    return plan / "build" / "site"


def _article(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").find("article")


def _rows(article: BeautifulSoup) -> dict[str, list[str]]:
    return {tr.find(["th", "td"]).get_text(" ", strip=True): [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])][1:]
            for tr in article.select("tbody tr")}


def test_a_measure_with_no_target_and_no_reason_says_no_target_and_never_none(site: Path):
    article = _article(site, "performance.html")
    assert _rows(article)["Adults who smoke"][0] == "No target"
    assert "None" not in article.get_text(" ")


def test_a_plan_of_one_year_gives_its_period_once(site: Path):
    meta = _article(site, "index.html").find(class_="plan-meta").get_text(" ", strip=True)
    assert "Plan period 2013/14." in meta and "to 2013/14" not in meta


def test_money_at_a_glance_shows_each_figure_once_and_pounds_in_pounds(site: Path):
    article = _article(site, "index.html")
    heading = next(h for h in article.find_all("h2") if h.get_text(strip=True) == "The money at a glance")
    shown = [(li.find(class_="headline-label").get_text(strip=True), li.find(class_="headline-figure").get_text(strip=True))
             for li in heading.find_next("ul", class_="headline-figures").find_all("li")]
    assert shown == [("Savings across the three hospital trusts 2013/14", "£5.15 million"),
                     ("Savings from the priorities 2013/14", "£0.38 million"),
                     ("Winter funding, given in pounds in the plan", "£252,173")]


def test_no_page_shows_money_in_millions_to_more_than_two_places(site: Path):
    too_fine = re.compile(r"£\d[\d,]*\.\d{3,} (million|billion)")
    for page in site.rglob("*.html"):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert not too_fine.search(text), (page.name, too_fine.search(text).group(0))


def test_an_abbreviated_unit_keeps_its_capitals_as_a_heading(site: Path):
    article = _article(site, "population.html")
    caption = next(c for c in article.find_all("caption") if "Community nurses" in c.get_text())
    table = caption.find_parent("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Period", "FTE"]
    assert caption.get_text(strip=True) == "Community nurses in post (FTE)"
    assert "Fte" not in article.get_text(" ")


def test_a_fall_within_one_year_reads_as_a_fall_between_its_two_figures(site: Path):
    text = _article(site, "population.html").get_text(" ", strip=True)
    assert "The figures fall by 0.3% from 2013 Q1 to 2013 Q4." in text
    assert "grow by about " + MINUS not in text and "grow by about -" not in text
    # The fixture's own series, over two years, keeps its yearly rate.
    assert "The figures grow by about 1.0% a year from 2013 to 2015." in text


def test_money_in_millions_is_written_at_a_sensible_precision():
    assert money_text(D("0.252173"), "£m") == "£252,173"
    assert money_text(D("-0.252173"), "£m") == MINUS + "£252,173"
    assert money_text(D("0.47"), "£m") == "£0.47 million"
    assert money_text(D("1.234567"), "£m") == "£1.23 million"
    assert money_text(D("2543.126"), "£m") == "£2.54 billion"
    assert money_text(252173, "£") == "£252,173"


def test_a_period_of_one_year_is_written_once():
    assert period_text("2012/13", "2012/13") == "2012/13"
    assert period_text("2013/14", "2015/16") == "2013/14 to 2015/16"


@pytest.mark.parametrize(("unit", "heading", "label"), [
    ("fte", "FTE", "FTE"), ("FTE", "FTE", "FTE"), ("Wte", "WTE", "WTE"), ("£000", "£000", "£000"),
    ("%", "%", "%"), ("rate-per-1000", "per 1,000", "per 1,000"), ("per 1,000", "per 1,000", "per 1,000"),
    ("people", "People", "people"), ("GP practices", "GP practices", "GP practices"),
])
def test_unit_headings_capitalise_only_a_plain_word(unit: str, heading: str, label: str):
    assert unit_heading(unit) == heading
    assert unit_label(unit) == label


@pytest.mark.parametrize(("rate", "periods", "sentence"), [
    (D("1.4"), ["2013/14", "2017/18"], "The figures grow by about 1.4% a year from 2013/14 to 2017/18."),
    (D("-0.3"), ["2013", "2016"], "The figures fall by about 0.3% a year from 2013 to 2016."),
    (D("-0.3"), ["2013/14", "2014/15"], "The figures fall by 0.3% from 2013/14 to 2014/15."),
    (D("2.5"), ["April 2013", "March 2014"], "The figures grow by 2.5% from April 2013 to March 2014."),
    (D("0"), ["2013", "2016"], "The figures stay about the same from 2013 to 2016."),
    (D("1.0"), [], "The figures grow by about 1.0% a year."),
])
def test_growth_sentences_read_right_for_any_sign_and_span(rate: D, periods: list[str], sentence: str):
    assert growth_sentence(rate, periods) == sentence


def test_the_home_page_says_when_the_plan_was_published_and_who_approved_it_or_that_it_is_a_draft():
    import datetime
    from types import SimpleNamespace

    from site_gen.render.standing import standing

    history = [SimpleNamespace(version="3.1", date=datetime.date(2014, 4, 24)),
               SimpleNamespace(version="3", date=datetime.date(2014, 3, 12))]
    approvals = [SimpleNamespace(body="Governing Body", decision="approved", date=datetime.date(2014, 4, 24),
                                 minute="GB/14/052", version="3.1"),
                 SimpleNamespace(body="Governing Body", decision="deferred", date=datetime.date(2014, 5, 1),
                                 minute="GB/14/060", version="3.1")]
    plan = SimpleNamespace(version="3.1", status="published", version_history=history, approvals=approvals)
    assert standing(plan) == ("Published 24 April 2014. Approved by the Governing Body on 24 April 2014 "
                              "(minute GB/14/052).")
    draft = SimpleNamespace(version="3", status="draft", version_history=history, approvals=[])
    assert standing(draft) == "Draft version 3, not yet approved. Last updated 12 March 2014."
    # A decision on another version does not make this one approved.
    other = SimpleNamespace(version="3.2", status="approved", version_history=history, approvals=approvals)
    assert "Approved by" not in standing(other)
