"""The allowlist every page's content passes through before it becomes part of the website.

The check refuses the dangerous things an author can type (see checks/safety.py) and says where
they are. This is the second line: whatever reaches a page is cut down to the elements and
attributes the plan's own templates use, with links limited to web, email and telephone addresses,
so nothing in a page's content can run code or load from elsewhere, even if a check misses it.
nh3 (the Rust ammonia sanitiser) does the work: it parses as a browser would, so tricks such as
broken tags or encoded characters do not get past it.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
_EVERYWHERE = {"class", "id", "title", "role", "tabindex", "lang", "dir", "hidden"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE,
    "a": {"href", "download", "hreflang", "rel", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"}, "q": {"cite"}, "blockquote": {"cite"},
    "del": {"datetime"}, "ins": {"datetime"}, "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise(html: str) -> str:
    """Page content with only allowed elements, attributes and link schemes left. Comments stay:
    they carry the markers where charts go, and a comment can neither run nor load anything."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     generic_attribute_prefixes={"aria-"}, link_rel=None, strip_comments=False,
                     clean_content_tags={"script", "style"})
