"""The HTTP headers a web server should send with the built site (pure): a Content-Security-Policy
that allows only the site's own files and its few inline scripts (by hash), and the other security
headers a public site should send. Written as _headers in the site, the form some static hosts read."""

from __future__ import annotations

import base64
import hashlib
import re

# <script> elements with code in them (not a src, and not a data block such as type="application/json").
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(pages: list[str]) -> list[str]:
    """The CSP hash source of every distinct inline script in the pages, sorted so the policy is stable."""
    found = {match.group(1) for html in pages for match in _INLINE_SCRIPT.finditer(html) if match.group(1).strip()}
    return sorted("'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"
                  for code in found)


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


def headers(pages: list[str]) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", content_security_policy(inline_script_hashes(pages))), *SECURITY_HEADERS]


def headers_file(pairs: list[tuple[str, str]]) -> str:
    """The _headers format: a path pattern, then its headers indented below it."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in pairs)
