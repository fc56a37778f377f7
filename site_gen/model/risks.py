"""data/risks.yml: the risk scoring scheme and the risks, as the plan publishes them.

A register may score its risks by likelihood x impact with score bands, rate them from a named list
(High, Medium, Low; Red, Amber, Green), do both, or leave some risks unrated. The model takes each as
written; whatever does not hang together is a finding of the risk checks, never a schema error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from site_gen.model.common import Id, PlainText, Rating, Strict, Text, WholeNumber

PositiveWhole = Annotated[WholeNumber, Field(ge=1)]


class ScaleLevel(Strict):
    value: PositiveWhole
    label: Text


class Band(Strict):
    id: Id
    label: Text
    min: PositiveWhole | None = Field(None, description="The lowest score in the band. Leave out only for the "
                                                        "lowest band, to mean 'up to max'.")
    max: PositiveWhole | None = Field(None, description="The highest score in the band. Leave out only for the "
                                                        "highest band, to mean 'min and above'.")


class RatingLevel(Strict):
    label: PlainText
    colour: Rating | None = Field(None, description="The colour the plan gives this level: red, red-amber, amber "
                                                     "or green. The level's name is always shown with it.")


def _level_from_text(value: Any) -> Any:
    # A rating list is usually typed as words alone: [High, Medium, Low].
    return {"label": value} if isinstance(value, str) else value


RatingEntry = Annotated[RatingLevel, BeforeValidator(_level_from_text), WithJsonSchema({"anyOf": [
    {"type": "string", "minLength": 1},
    {"type": "object", "required": ["label"], "additionalProperties": False,
     "properties": {"label": {"type": "string", "minLength": 1},
                    "colour": {"enum": ["red", "red-amber", "amber", "green"]}}}]})]


class Scoring(Strict):
    likelihood: list[ScaleLevel] = []
    impact: list[ScaleLevel] = []
    bands: list[Band] = []
    rating: list[RatingEntry] = Field([], description="A named list of levels, most serious first, such as "
                                                      "[High, Medium, Low], for a register rated without scores.")

    @property
    def scored(self) -> bool:
        """Whether the scheme can score a risk: it has both a likelihood and an impact scale."""
        return bool(self.likelihood and self.impact)


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
    likelihood: PositiveWhole | None = None
    impact: PositiveWhole | None = None
    score: WholeNumber | None = Field(None, description="Likelihood x impact, if stated; it is checked.")
    band: Id | None = Field(None, description="The band the score sits in, if stated; it is checked.")
    rating: PlainText | None = Field(None, description="The rating the plan gives, one of the scheme's rating "
                                                       "levels, such as High.")

    @property
    def product(self) -> int | None:
        """Likelihood x impact, when the plan gives both."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact

    @property
    def rated(self) -> bool:
        return self.shown_score is not None or self.rating is not None

    @property
    def shown_score(self) -> int | None:
        """The score the site shows: likelihood x impact, or the score the plan states when it gives no
        likelihood and impact."""
        return self.product if self.product is not None else self.score


class Risk(Strict):
    id: Id
    title: Text
    description: str | None = None
    category: str | None = None
    owner: str | None = Field(None, description="Who owns the risk, by role.")
    inherent: Assessment | None = None
    residual: Assessment | None = None
    not_rated: Text | None = Field(None, description="Why the plan gives this risk no rating or score, said "
                                                     "explicitly.")
    mitigations: list[Text] = []
    priorities: list[Id] = []

    @property
    def assessment(self) -> Assessment | None:
        """The assessment the site shows: the residual one, or the inherent one if the residual gives no
        rating or score."""
        return next((a for a in (self.residual, self.inherent) if a is not None and a.rated), None)


class Risks(Strict):
    scoring: Scoring = DEFAULT_SCORING
    not_rated: Text | None = Field(None, description="Why the plan gives its risks no rating or score, said once "
                                                     "for every risk that has none.")
    risks: list[Risk] = []


@dataclass(frozen=True)
class BandRange:
    """A band with the scores it covers once missing limits are read: an open top runs to the highest score
    the scales allow, an open bottom from 1."""

    band: Band
    low: int
    high: int


def highest_score(scoring: Scoring) -> int:
    if not scoring.scored:
        return 0
    return max(level.value for level in scoring.likelihood) * max(level.value for level in scoring.impact)


def possible_scores(scoring: Scoring) -> list[int]:
    """Every score likelihood x impact can reach on the scheme's scales, lowest first."""
    return sorted({lk.value * im.value for lk in scoring.likelihood for im in scoring.impact})


def band_ranges(scoring: Scoring) -> list[BandRange]:
    """The bands that have at least one limit, each with the scores it covers; a band with neither limit
    covers nothing."""
    top = max(highest_score(scoring), *(b.min or 0 for b in scoring.bands), *(b.max or 0 for b in scoring.bands), 1)
    return [BandRange(b, b.min if b.min is not None else 1, b.max if b.max is not None else top)
            for b in scoring.bands if b.min is not None or b.max is not None]


def band_for(scoring: Scoring, score: int | None) -> Band | None:
    """The band a score falls in (the first listed, should bands overlap), or None."""
    if score is None:
        return None
    return next((r.band for r in band_ranges(scoring) if r.low <= score <= r.high), None)


def rating_level(scoring: Scoring, rating: str | None) -> RatingLevel | None:
    """The scheme's level a typed rating names, matched without regard to capitals or spaces around it."""
    if rating is None:
        return None
    wanted = rating.strip().casefold()
    return next((level for level in scoring.rating if level.label.strip().casefold() == wanted), None)
