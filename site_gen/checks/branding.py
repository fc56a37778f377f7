"""The organisation's branding: an accent colour everyone can read, and a logo that is there and described."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen.checks.context import CheckContext
from site_gen.findings import Finding
from site_gen.rules import rule
from site_gen.site.brand import LOGO_TYPES, logo_path
from site_gen.site.palette import AA_NORMAL_TEXT, NHS_WHITE, contrast_ratio


def darker_passing(colour: str, against: str = NHS_WHITE) -> str:
    """The same hue, darkened step by step until it reaches AA contrast against the page."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(1, 101):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02x}" for c in channels)
        if contrast_ratio(shade, against) >= AA_NORMAL_TEXT:
            return shade
    return "#000000"


def _emptied_by_a_comment(ctx: CheckContext, field: str) -> bool:
    """A colour typed without quotes (accent_colour: #005eb8) is read by YAML as an empty value followed by
    a comment, so the plan would silently keep the default colour."""
    raw = ctx.docs["plan"].data.get("branding") if isinstance(ctx.docs["plan"].data, dict) else None
    return isinstance(raw, dict) and field in raw and raw[field] is None


def check_accent(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("plan"):
        return
    if _emptied_by_a_comment(ctx, "accent_colour"):
        yield rule("invalid-value")(
            ctx.where("plan", "branding", "accent_colour"),
            "accent_colour has no value. A colour written without quotes, like #005eb8, is read as a comment "
            "and lost.", 'Put the colour in quotes: accent_colour: "#005eb8".')
    if not ctx.data.plan.branding.accent_colour:
        return
    accent = ctx.data.plan.branding.accent_colour
    # White on the colour and the colour on white are the same pair, so one ratio covers both uses.
    ratio = contrast_ratio(accent, NHS_WHITE)
    if ratio < AA_NORMAL_TEXT:
        better = darker_passing(accent.lower())
        yield rule("brand-contrast")(
            ctx.where("plan", "branding", "accent_colour"),
            f"The accent colour {accent} has a contrast of {ratio:.1f}:1 against the white page. The site puts white "
            f"header text on it and shows links in it, which need at least {AA_NORMAL_TEXT}:1, so some readers "
            "could not read them.",
            f"Use a darker shade, such as {better} ({contrast_ratio(better, NHS_WHITE):.1f}:1).")


def check_logo(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.loaded("plan"):
        return
    branding = ctx.data.plan.branding
    if not branding.logo:
        return
    logo = logo_path(branding.logo)
    if not logo.lower().endswith(LOGO_TYPES):
        yield rule("invalid-value")(
            ctx.where("plan", "branding", "logo"), f"The logo {branding.logo} is not an image the site can show.",
            f"Use an image file ending in {', '.join(LOGO_TYPES)}.")
    elif logo not in ctx.files:
        nearby = f"content/{logo}" if f"content/{logo}" in ctx.files else None
        yield rule("missing-file")(
            ctx.where("plan", "branding", "logo"),
            f"There is no file {logo} in the plan folder." + (f" There is {nearby}: did you mean that?" if nearby else ""),
            "Write the logo's path from the plan folder, such as logo: content/logo.svg.")
    if not (branding.logo_alt or "").strip():
        yield rule("logo-alt-missing")(
            ctx.where("plan", "branding", "logo"),
            f"The logo {branding.logo} has no alternative text, so people who use a screen reader would not know "
            "what it shows.")


CHECKS = [check_accent, check_logo]
