"""data/risks.yml: the risk scoring scheme and the risks, with likelihood, impact and mitigations."""

from __future__ import annotations

from pydantic import Field

from site_gen.model.common import Id, Strict, Text, WholeNumber


class ScaleLevel(Strict):
    value: WholeNumber = Field(ge=1)
    label: Text


class Band(Strict):
    id: Id
    label: Text
    min: WholeNumber = Field(ge=1)
    max: WholeNumber = Field(ge=1)


class Scoring(Strict):
    likelihood: list[ScaleLevel] = Field(min_length=1)
    impact: list[ScaleLevel] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)


def _levels(*labels: str) -> list[ScaleLevel]:
    return [ScaleLevel(value=i, label=label) for i, label in enumerate(labels, start=1)]


# The common NHS 5 x 5 matrix, used when a plan does not give its own.
DEFAULT_SCORING = Scoring(
    likelihood=_levels("Rare", "Unlikely", "Possible", "Likely", "Almost certain"),
    impact=_levels("Negligible", "Minor", "Moderate", "Major", "Catastrophic"),
    bands=[
        Band(id="low", label="Low", min=1, max=3),
        Band(id="moderate", label="Moderate", min=4, max=6),
        Band(id="high", label="High", min=8, max=12),
        Band(id="extreme", label="Extreme", min=15, max=25),
    ],
)


class Assessment(Strict):
    likelihood: WholeNumber = Field(ge=1)
    impact: WholeNumber = Field(ge=1)
    score: WholeNumber | None = Field(None, description="Likelihood x impact, if stated; it is checked.")
    band: Id | None = Field(None, description="The band the score sits in, if stated; it is checked.")


class Risk(Strict):
    id: Id
    title: Text
    description: str | None = None
    category: str | None = None
    owner: str | None = Field(None, description="Who owns the risk, by role.")
    inherent: Assessment | None = None
    residual: Assessment | None = None
    mitigations: list[Text] = []
    priorities: list[Id] = []


class Risks(Strict):
    scoring: Scoring = DEFAULT_SCORING
    risks: list[Risk] = []
