"""The table of risks as the site and the PDFs show it (pure): each risk's rating, score and band as the
plan gives them, and the heading of that column chosen from what the register holds."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.model.risks import Band, Risk, Risks, band_for, rating_level

UNRATED = "Not rated in the plan"


@dataclass(frozen=True)
class RiskRow:
    risk: Risk
    score: int | None
    band: Band | None
    rating: str | None  # the level's name as the scheme writes it, or as typed when the scheme lacks it
    colour: str | None  # red, red-amber, amber or green: shown only beside the rating's name, never alone

    @property
    def unrated(self) -> bool:
        return self.score is None and self.rating is None


@dataclass(frozen=True)
class RiskTable:
    rows: list[RiskRow]
    heading: str  # "Score", "Rating" or "Rating or score"
    unrated: str = UNRATED


def risk_row(register: Risks, risk: Risk) -> RiskRow:
    assessment = risk.assessment
    if assessment is None:
        return RiskRow(risk, None, None, None, None)
    scoring = register.scoring
    score = assessment.shown_score
    level = rating_level(scoring, assessment.rating)
    rating = level.label if level else assessment.rating
    return RiskRow(risk, score, band_for(scoring, score), rating, level.colour if level else None)


def _heading(register: Risks, rows: list[RiskRow]) -> str:
    scored = any(r.score is not None for r in rows)
    rated = any(r.rating is not None for r in rows)
    if scored and rated:
        return "Rating or score"
    if scored or (not rated and register.scoring.scored and not register.scoring.rating):
        return "Score"
    return "Rating"


def risk_table(register: Risks, band: str | None = None, priority: str | None = None) -> RiskTable:
    """The risks to show, optionally only those in a score band or threatening a priority."""
    rows = [risk_row(register, risk) for risk in register.risks
            if priority is None or priority in risk.priorities]
    if band is not None:
        rows = [r for r in rows if r.band is not None and r.band.id == band]
    return RiskTable(rows, _heading(register, rows))
