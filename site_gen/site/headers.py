"""The HTTP headers a web server should send with the built site: a Content-Security-Policy that
allows only the site's own files and the theme's own few inline scripts (by hash), and the other
security headers a public site should send. Written as _headers in the site, the form some static
hosts read.

The inline scripts allowed are those the installed theme's own script templates make, rendered here
with the values each page of the site gives them (its depth in the site, the theme features
site_gen turns on). They are never read from the built pages: a script that reached a page any other
way (a plan's own template, an archived page edited by hand) has no hash in the policy, so a browser
will not run it.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from site_gen.sandbox import Sandbox

# <script> elements with code in them (not a src, and not a data block such as type="application/json").
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)
# The installed theme's own templates (Material's), and those of them that hold its inline scripts.
THEME_TEMPLATES = Path(importlib.util.find_spec("material").origin).parent / "templates"
THEME_SCRIPT_TEMPLATES = ("partials/javascripts/base.html", "partials/javascripts/content.html",
                          "partials/javascripts/announce.html", "partials/javascripts/palette.html")


def _hash_source(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> set[str]:
    return {match.group(1) for match in _INLINE_SCRIPT.finditer(html) if match.group(1).strip()}


def base_urls(page_paths: Iterable[str], site_url: str | None) -> set[str]:
    """The address of the site's root as MkDocs gives it to each page: relative from each page ("." or
    "../.."), and the site's own path on the not-found page, which is served at any depth."""
    from mkdocs.utils import get_relative_url

    return {get_relative_url(".", path) for path in page_paths if path != "404.html"} | {urlsplit(site_url or "/").path}


def theme_scripts(theme_templates: Path, roots: set[str], features: list[str]) -> set[str]:
    """Every inline script the theme's own script templates make for pages at these depths, rendered
    from the installed theme (never from a plan's template overrides), sandboxed and escaped."""
    env = Sandbox(loader=jinja2.FileSystemLoader(str(theme_templates)), autoescape=True)
    found: set[str] = set()
    for name in THEME_SCRIPT_TEMPLATES:
        template = env.get_template(name)
        for root in sorted(roots):
            found |= inline_scripts(template.render(base_url=root, features=features, config={"extra": {}}))
    return found


def script_hashes(scripts: set[str]) -> list[str]:
    """The CSP hash sources of the scripts, sorted so the policy is stable."""
    return sorted(_hash_source(code) for code in scripts)


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'none'",
        "script-src 'self' " + " ".join(script_hashes) if script_hashes else "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # the theme draws its icons as data: SVG in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",  # the search index
        "worker-src 'self'",  # the search runs in a worker
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


SECURITY_HEADERS = (
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def headers(allowed_scripts: set[str]) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", content_security_policy(script_hashes(allowed_scripts))), *SECURITY_HEADERS]


def headers_file(pairs: list[tuple[str, str]]) -> str:
    """The _headers format: a path pattern, then its headers indented below it."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in pairs)
