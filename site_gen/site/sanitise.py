"""The allowlist every page's content passes through before it becomes part of the website.

The check refuses the dangerous things an author can type (see checks/safety.py) and says where
they are. This is the second line: whatever reaches a page is cut down to the elements and
attributes the plan's own templates use, with links limited to web, email and telephone addresses,
so nothing in a page's content can run code or load from elsewhere, even if a check misses it: a
picture's address must lead to this site, and ids and classes that the theme's own script reads are
dropped, so content cannot pose as part of the theme.
nh3 (the Rust ammonia sanitiser) does the work: it parses as a browser would, so tricks such as
broken tags or encoded characters do not get past it.
"""

from __future__ import annotations

import re
from html import unescape

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

# What Material's script reads from the page by id or class. Its ids all begin "__": it takes its settings
# from the element with id "__config" (so an element of that id typed into a page would choose where search
# loads its index from), and its switches and panels are __drawer, __search, __toc, __palette_0 and so on.
# It finds its parts by classes beginning "md-", turns any <pre class="mermaid"> into a diagram by loading a
# script from unpkg.com, and rearranges lists of class "annotate".
_THEME_PREFIXES = ("__", "md-")
_THEME_CLASSES = frozenset({"mermaid", "annotate"})
# A URL as a browser reads it: tabs and line breaks are ignored anywhere, spaces and control characters
# at either end, and a backslash counts as a slash in a web address.
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
# Schemes that name no host, so an address with one of them is not a request to another website. (Those
# that run code are refused on their own grounds.)
_NO_HOST = frozenset({"data", "javascript", "vbscript", "about", "blob", "mailto", "tel"})


def theme_id(value: str) -> bool:
    """An id the theme's script looks for (they all begin with two underscores)."""
    return value.strip().startswith("__")


def theme_classes(value: str) -> list[str]:
    """The classes in a class attribute that the theme's script looks for."""
    return [name for name in value.split() if name.lower().startswith(_THEME_PREFIXES)
            or name.lower() in _THEME_CLASSES]


def browser_url(url: str) -> str:
    r"""The address a browser would use: character references undone, ignored characters dropped, and
    backslashes read as slashes (so \\host/x and /\host/x both name another host, as //host/x does)."""
    return _IGNORED_IN_URLS.sub("", unescape(url)).replace("\\", "/")


def names_another_host(url: str) -> bool:
    """Whether a browser fetching this address would ask another host for it."""
    plain = browser_url(url)
    scheme = _SCHEME.match(plain)
    return plain.startswith("//") or (scheme is not None and scheme.group(1).lower() not in _NO_HOST)


def _on_this_site(url: str) -> bool:
    """A relative address without scheme or host, which can only lead to a file of this site."""
    plain = browser_url(url)
    return not plain.startswith("//") and _SCHEME.match(plain) is None


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """What is left of an allowed attribute: theme ids and classes taken out, pictures only from this site.
    Links may go anywhere: the reader chooses to follow them, the browser does not fetch them by itself."""
    if attribute == "id":
        return None if theme_id(value) else value
    if attribute == "class":
        theirs = theme_classes(value)
        return " ".join(name for name in value.split() if name not in theirs) or None
    if tag == "img" and attribute == "src":
        return value if _on_this_site(value) else None
    return value


def sanitise(html: str) -> str:
    """Page content with only allowed elements, attributes and link schemes left. Comments stay:
    they carry the markers where charts go, and a comment can neither run nor load anything."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     generic_attribute_prefixes={"aria-"}, link_rel=None, strip_comments=False,
                     clean_content_tags={"script", "style"}, attribute_filter=_keep)
