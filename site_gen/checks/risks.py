"""Risk registers as the plan publishes them: scores multiply and sit in their band, ratings are levels of
the plan's own scheme, the bands hang together, and a risk with no rating says so."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.model.risks import (
    Assessment,
    BandRange,
    Scoring,
    band_for,
    band_ranges,
    highest_score,
    possible_scores,
    rating_level,
)
from site_gen.rules import rule

STAGES = ("inherent", "residual")


def _scores_text(scores: list[int]) -> str:
    words = [str(s) for s in scores]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _range_text(r: BandRange) -> str:
    return f"{r.low} to {r.high}"


def _scale_findings(ctx: CheckContext, scoring: Scoring) -> Iterator[Finding]:
    """A scheme scores risks only with both scales; one without the other, or bands with neither, cannot."""
    for axis, other in (("likelihood", "impact"), ("impact", "likelihood")):
        if getattr(scoring, axis) and not getattr(scoring, other):
            yield rule("risk-bands")(
                ctx.where("risks", "scoring", axis),
                f"The scoring scheme gives a {axis} scale but no {other} scale, so no risk can be scored.",
                f"Add the {other} scale the plan uses, or leave out the {axis} scale and rate the risks instead.")
    if scoring.bands and not scoring.likelihood and not scoring.impact:
        yield rule("risk-bands")(
            ctx.where("risks", "scoring", "bands"),
            "The scoring scheme gives score bands but no likelihood and impact scales to make scores from.",
            "Add the likelihood and impact scales the plan uses, or leave out the bands.")


def _open_band(ctx: CheckContext, scoring: Scoring, bi: int, r: BandRange, ranges: list[BandRange]) -> Iterator[Finding]:
    """A top band without a highest score, or a bottom band without a lowest, reads naturally ('15 and
    above'); say how it is read. An open limit anywhere else makes it overlap, which is reported as such."""
    band = r.band
    if band.max is None and band.min is not None and all(o.low <= band.min for o in ranges):
        top = highest_score(scoring)
        reach = f" (to {top}, the highest score the scales allow)" if top >= band.min else ""
        yield rule("risk-band-open")(
            ctx.where("risks", "scoring", "bands", bi),
            f"The band '{band.id}' has no highest score, so it is read as {band.min} and above{reach}.")
    if band.min is None and band.max is not None and all(o.high >= band.max for o in ranges):
        yield rule("risk-band-open")(
            ctx.where("risks", "scoring", "bands", bi),
            f"The band '{band.id}' has no lowest score, so it is read as up to {band.max} (from 1).")


def _band_findings(ctx: CheckContext, scoring: Scoring) -> Iterator[Finding]:
    ranges = band_ranges(scoring)
    for bi, band in enumerate(scoring.bands):
        where = ctx.where("risks", "scoring", "bands", bi)
        if band.min is None and band.max is None:
            yield rule("risk-bands")(where, f"The band '{band.id}' gives neither a lowest nor a highest score, "
                                            "so no score can fall in it.")
            continue
        if band.min is not None and band.max is not None and band.min > band.max:
            yield rule("risk-bands")(ctx.where("risks", "scoring", "bands", bi, "min"),
                                     f"The band '{band.id}' starts at {band.min}, above where it ends ({band.max}).")
            continue
        r = next(x for x in ranges if x.band is band)
        yield from _open_band(ctx, scoring, bi, r, ranges)
        for earlier in ranges[:ranges.index(r)]:
            shared = max(earlier.low, r.low), min(earlier.high, r.high)
            if shared[0] <= shared[1] and earlier.low <= earlier.high:
                yield rule("risk-bands")(
                    where, f"The bands '{earlier.band.id}' ({_range_text(earlier)}) and '{band.id}' "
                    f"({_range_text(r)}) overlap: a score of {shared[0]} falls in both.")
    if ranges and scoring.scored:
        missed = [s for s in possible_scores(scoring) if band_for(scoring, s) is None]
        if missed:
            yield rule("risk-bands")(
                ctx.where("risks", "scoring", "bands"),
                f"{'Scores' if len(missed) > 1 else 'A score'} of {_scores_text(missed)} "
                f"{'fall' if len(missed) > 1 else 'falls'} in no band, though the scales allow "
                f"{'them' if len(missed) > 1 else 'it'}.")


def check_risk_scheme(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("risks"):
        return
    scoring = ctx.data.risks.scoring
    yield from _scale_findings(ctx, scoring)
    yield from _band_findings(ctx, scoring)


def _axis_findings(ctx: CheckContext, ri: int, stage: str, assessment: Assessment) -> Iterator[Finding]:
    scoring = ctx.data.risks.scoring
    for axis, scale in (("likelihood", scoring.likelihood), ("impact", scoring.impact)):
        value = getattr(assessment, axis)
        if value is None:
            continue
        where = ctx.where("risks", "risks", ri, stage, axis)
        if not scale:
            yield rule("risk-rating-unknown")(
                where, f"The {stage} {axis} is {value}, but the scoring scheme has no {axis} scale.",
                f"Add the {axis} and impact scales the plan uses to scoring:, or give a rating instead.")
        elif value not in [level.value for level in scale]:
            allowed = [level.value for level in scale]
            yield rule("risk-rating-unknown")(
                where, f"The {stage} {axis} is {value}, which is not on the scale ({min(allowed)} to {max(allowed)}).")
    if (assessment.likelihood is None) != (assessment.impact is None):
        given, missing = ("likelihood", "impact") if assessment.impact is None else ("impact", "likelihood")
        yield rule("risk-unrated")(
            ctx.where("risks", "risks", ri, stage, given),
            f"The {stage} assessment gives a {given} but no {missing}, so it has no score.",
            f"Add the {missing} the plan gives; if the plan gives none, record that in not_rated.")


def _score_findings(ctx: CheckContext, ri: int, stage: str, assessment: Assessment) -> Iterator[Finding]:
    scoring = ctx.data.risks.scoring
    where = lambda *p: ctx.where("risks", "risks", ri, stage, *p)  # noqa: E731
    product = assessment.product
    if product is not None and assessment.score is not None and assessment.score != product:
        yield rule("risk-score-mismatch")(
            where("score"), f"The {stage} score is {assessment.score}, but likelihood {assessment.likelihood} "
            f"x impact {assessment.impact} is {product}.")
    score = product if product is not None else assessment.score
    if assessment.band is None or score is None:
        return
    band = band_for(scoring, score)
    if band is None or band.id != assessment.band:
        found = next((r for r in band_ranges(scoring) if r.band is band), None)
        yield rule("risk-score-mismatch")(
            where("band"), f"The {stage} band is '{assessment.band}', but a score of {score} is "
            + (f"'{band.id}' ({_range_text(found)})." if band and found else "in no band of the scoring scheme."))


def _rating_findings(ctx: CheckContext, ri: int, stage: str, assessment: Assessment) -> Iterator[Finding]:
    scoring = ctx.data.risks.scoring
    if assessment.rating is None or rating_level(scoring, assessment.rating) is not None:
        return
    where = ctx.where("risks", "risks", ri, stage, "rating")
    if not scoring.rating:
        yield rule("risk-rating-unknown")(
            where, f"The {stage} rating is '{assessment.rating}', but the scoring scheme lists no ratings.",
            "List the plan's ratings under scoring: as rating:, most serious first, such as [High, Medium, Low].")
        return
    levels = ", ".join(level.label for level in scoring.rating)
    yield rule("risk-rating-unknown")(
        where, f"The {stage} rating is '{assessment.rating}', which is not one of the scheme's ratings ({levels}).")


def check_risk_assessments(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("risks"):
        return
    register = ctx.data.risks
    for ri, risk in enumerate(register.risks):
        for stage in STAGES:
            assessment = getattr(risk, stage)
            if assessment is not None:
                yield from _axis_findings(ctx, ri, stage, assessment)
                yield from _score_findings(ctx, ri, stage, assessment)
                yield from _rating_findings(ctx, ri, stage, assessment)
        given = [a for a in (risk.inherent, risk.residual) if a is not None]
        half_scored = any((a.likelihood is None) != (a.impact is None) for a in given)
        if risk.assessment is None and not half_scored and not risk.not_rated and not register.not_rated:
            yield rule("risk-unrated")(
                ctx.where("risks", "risks", ri), f"The risk '{risk.id}' has no rating or score, and does not say why. The site "
                "shows it as 'Not rated in the plan'.")


CHECKS = [check_risk_scheme, check_risk_assessments]
