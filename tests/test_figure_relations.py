"""Relations between figures (data/finance.yml relations:): a share, an uplift and an amount per head are
checked against the figures they name; an applied rate exactly, a reported rate to its typed places."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.findings import Finding
from site_gen.pipeline import check_project
from site_gen.project import Project
from site_gen.rules import RULES

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "figure-relations"
ALLOCATION = "finance.summary-model.allocation.2013/14-likely"


def _findings(tmp_path: Path, relations: str) -> list[Finding]:
    """Findings about relations for the fixture with its relations replaced by the YAML given."""
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    finance = plan / "data" / "finance.yml"
    text = finance.read_text(encoding="utf-8")
    finance.write_text(text[:text.index("relations:")] + "relations:\n" + relations, encoding="utf-8")
    return [f for f in check_project(Project(plan)).findings
            if f.code in ("relation-mismatch", "unknown-reference") or RULES[f.code].family == "structure"]


def test_fixture_message_gives_both_figures_the_rate_and_what_it_gives() -> None:
    found = [f for f in check_project(Project(FIXTURE)).findings if f.code == "relation-mismatch"]
    assert len(found) == 1
    message = found[0].message
    assert "£1.4 million" in message and "£299.8 million" in message and "0.5%" in message
    assert "which is £1,499,000" in message
    assert "differs by more than rounding allows" in message


def test_fixture_unknown_reference_suggests_the_close_id() -> None:
    found = [f for f in check_project(Project(FIXTURE)).findings if f.code == "unknown-reference"]
    assert [f.message for f in found] == ["of: The table 'summary-model' has no row 'alocation'. "
                                          "Did you mean 'allocation'?"]


def test_the_same_share_is_wrong_when_the_rate_is_applied(tmp_path: Path) -> None:
    # Reported, 2.9% stands for anything from 2.85% to 2.95%; applied, 2.9% of £299.8m is exactly £8,694,200.
    share = f"  - {{share: finance.summary-model.qipp-identified.2013/14-likely, of: {ALLOCATION}, rate: 2.9, kind: "
    assert _findings(tmp_path / "reported", share + "reported}\n") == []
    applied = _findings(tmp_path / "applied", share + "applied}\n")
    assert [f.code for f in applied] == ["relation-mismatch"]
    assert "which is £8,694,200" in applied[0].message


def test_a_reported_share_beyond_its_typed_places_is_reported(tmp_path: Path) -> None:
    found = _findings(tmp_path, f"  - {{share: finance.summary-model.qipp-identified.2013/14-likely, of: {ALLOCATION},"
                                " rate: 3.1, kind: reported}\n")
    assert [f.code for f in found] == ["relation-mismatch"]
    assert "said to be 3.1%" in found[0].message and "but it is 2.87%" in found[0].message


@pytest.mark.parametrize(("rate", "wrong"), [("4.4", False), ("4.2", True)])
def test_an_applied_uplift(tmp_path: Path, rate: str, wrong: bool) -> None:
    # £287.2m up by 4.4% is £299.837m, which £299.8m is to its rounding; up by 4.2% is £299.26m.
    found = _findings(tmp_path, f"  - {{uplift: {ALLOCATION}, from: finance.summary-model.allocation.2012/13-outturn,"
                                f" rate: {rate}, kind: applied}}\n")
    assert [f.code for f in found] == (["relation-mismatch"] if wrong else [])


def test_an_amount_per_head_beyond_rounding_is_reported(tmp_path: Path) -> None:
    # The seed plan allows £25 a head for £6.4m of running costs; among 264,630 people that is £24.18.
    finance_relation = ("  - {per_head: finance.running-cost-per-head, total: "
                        "finance.summary-model.running-costs.2013/14-likely, population: population.total-population, "
                        "kind: reported}\n")
    plan = tmp_path / "plan"
    found = _findings(tmp_path, finance_relation)
    assert found == []
    finance = plan / "data" / "finance.yml"
    finance.write_text(finance.read_text(encoding="utf-8").replace("value: 24.2", "value: 25"), encoding="utf-8")
    found = [f for f in check_project(Project(plan)).findings if f.code == "relation-mismatch"]
    assert len(found) == 1
    assert "£6.4 million shared among People living in the area, 264,630 people" in found[0].message
    assert "£24.18 each" in found[0].message


def test_a_relation_missing_its_whole_is_a_structure_finding(tmp_path: Path) -> None:
    found = _findings(tmp_path, "  - {share: finance.summary-model.contingency.2013/14-likely, rate: 1.0, kind: applied}\n")
    assert [RULES[f.code].family for f in found] == ["structure"]
    assert "share, of and rate" in found[0].message


def test_an_unknown_reference_is_reported_on_its_own_line(tmp_path: Path) -> None:
    found = _findings(tmp_path, "  - share: finance.summary-model.contingency.2013/14-likely\n"
                                "    of: finance.summary-modle.allocation.2013/14-likely\n"
                                "    rate: 1.0\n    kind: applied\n")
    assert [(f.code, f.location.line) for f in found] == [("unknown-reference", 18)]
    assert "Did you mean 'summary-model'?" in found[0].message


def test_a_share_of_figures_in_different_units_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    _findings(tmp_path, "  - {share: finance.running-cost-per-head, of: population.total-population, rate: 1.0, "
                        "kind: applied}\n")
    found = [f for f in check_project(Project(plan)).findings if f.code == "invalid-value"]
    assert len(found) == 1
    assert "£ but People living in the area is in people" in found[0].message
