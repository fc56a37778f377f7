"""The narrative macros: checked by reading the page's template tree (so lines are exact), then run
in a sandbox that can only call them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Template, TemplateSyntaxError, nodes
from markupsafe import Markup

from site_gen.findings import Finding, Location, quoted
from site_gen.load.pages import SourcePage
from site_gen.model.priorities import PRIORITY_KINDS
from site_gen.refs import ReferenceIndex, UnknownReference, split_ref
from site_gen.rules import rule
from site_gen.sandbox import Sandbox


@dataclass(frozen=True)
class Signature:
    positional: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


SIGNATURES: dict[str, Signature] = {
    "value": Signature(("ref",)),
    "table": Signature(("ref",)),
    "chart": Signature(("ref",)),
    "priorities": Signature(keywords=("kind",)),
    "measures": Signature(keywords=("domain", "priority")),
    "risks": Signature(keywords=("band", "priority")),
    "milestones": Signature(keywords=("priority",)),
    "lost": Signature(("what",)),
}


@lru_cache(maxsize=1)
def narrative_environment() -> Sandbox:
    """Pages are Markdown first: keep their whitespace, never autoescape Markdown punctuation, and
    leave {#...} alone (Markdown uses it for heading ids), so Jinja comments get an unlikely marker.
    One for the process: it holds no page's values, which each render passes in."""
    return Sandbox(autoescape=False, keep_trailing_newline=True,
                                comment_start_string="{#!", comment_end_string="!#}")


# A page's macros read and compiled, by its text: the preview reads every page again on each change, and
# most have not changed. Neither is changed by being used. (A page is at most 5 MB, files.MAX_FILE_BYTES.)
PAGES_KEPT = 1024


@lru_cache(maxsize=PAGES_KEPT)
def page_tree(body: str) -> nodes.Template:
    return narrative_environment().parse(body)


@lru_cache(maxsize=PAGES_KEPT)
def _page_template(body: str) -> Template:
    return narrative_environment().from_string(body)


# The only shapes a page may use: text, and {{ macro(...) }} with plain arguments. Anything else
# (loops, filters, arithmetic, a macro named without brackets) is refused before it can run.
_ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Call, nodes.Name, nodes.Const, nodes.Keyword)


_RAW_BLOCK = re.compile(r"\{%-?\s*raw\b")


def _not_allowed(tree: nodes.Template) -> nodes.Node | None:
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            return node
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, (nodes.TemplateData, nodes.Call)):
                    return child
    return None


def _table_id(ref: str, index: ReferenceIndex) -> str:
    parts = split_ref(ref)
    if len(parts) != 2 or parts[0] != "finance":
        raise UnknownReference(f"'{ref}' should be finance.TABLE.")
    index.table(parts[1])
    return parts[1]


def _check_argument(name: str, key: str, value: str, index: ReferenceIndex) -> None:
    """Raise UnknownReference if a macro argument names nothing."""
    if name == "value":
        parts = split_ref(value)
        if parts[0] == "finance" and len(parts) == 2 and parts[1] in index.headlines:
            return  # the headline's own reference is checked where the headline is defined
        index.figure(value)
    elif name == "table":
        _table_id(value, index)
    elif name == "chart":
        index.require("chart", value, index.charts)
    elif key == "domain":
        index.require("measure domain", value, index.domains)
    elif key == "priority":
        index.require("priority", value, index.priorities)
    elif key == "band":
        index.require("risk band", value, index.bands)
    elif key == "kind":
        index.require("kind of priority", value, PRIORITY_KINDS)


def _family_of(name: str, key: str, value: str) -> str:
    if name in ("value", "table"):
        return split_ref(value)[0]
    return {"domain": "performance", "priority": "priorities", "band": "risks"}.get(key, "")


def _call_findings(call: nodes.Call, name: str, where: Location, index: ReferenceIndex) -> Iterator[Finding]:
    signature = SIGNATURES[name]
    usage = f"{name}({', '.join(repr(p) for p in signature.positional)})" if signature.positional else f"{name}()"
    if len(call.args) != len(signature.positional) or call.dyn_args or call.dyn_kwargs:
        yield rule("macro-error")(where, f"{name} takes {len(signature.positional) or 'no'} plain argument"
                                  f"{'s' if len(signature.positional) != 1 else ''}; write it as {{{{ {usage} }}}}.")
        return
    # The counts match: checked just above.
    arguments = list(zip(signature.positional, call.args, strict=True)) + [(kw.key, kw.value) for kw in call.kwargs]
    for key, node in arguments:
        if key not in signature.positional and key not in signature.keywords:
            allowed = ", ".join(signature.keywords) or "none"
            yield rule("macro-error")(where, f"{name} has no option '{key}'. Options: {allowed}.")
            continue
        if not isinstance(node, nodes.Const) or not isinstance(node.value, str):
            yield rule("macro-error")(where, f"The {key} given to {name} must be text in quotes.")
            continue
        if not index.can_check(_family_of(name, key, node.value)):
            continue  # that data file did not load; its own findings say why
        if name in ("value", "table") and index.unreadable_ref(node.value):
            continue  # it names an entry that could not be read; a check-skipped note at the entry says so
        try:
            _check_argument(name, key, node.value, index)
        except UnknownReference as err:
            shown = f'"{node.value}"' if key in signature.positional else f'{key}="{node.value}"'
            yield rule("unknown-reference")(where, f"{name}({shown}): {err}")


def _lost_finding(call: nodes.Call, where: Location) -> Finding:
    """A picture, chart, diagram or table the published plan shows but that has not survived: a finding about
    the plan, so that it is found again before the plan is published."""
    what = call.args[0].value
    return rule("content-lost")(where, f"The plan as published has lost {quoted(what)}; readers see a note in "
                                       "its place.")


def scan_page(page: SourcePage, index: ReferenceIndex) -> Iterator[Finding]:
    """Every macro problem on a page, each at the page line where the macro is written."""
    lines = page.body.split("\n")

    def at(lineno: int, name: str | None = None) -> Location:
        """The page line of a problem, and the column of the {{ that opens the named macro on it (Jinja
        knows only lines), so the caret under the line points at the macro itself."""
        text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
        called = text.find(f"{name}(") if name else -1
        opened = text.rfind("{{", 0, called) if called >= 0 else -1
        return Location(page.file, page.body_line + lineno - 1, opened + 1 if opened >= 0 else 1)

    raw = _RAW_BLOCK.search(page.body)
    if raw:
        yield rule("macro-error")(at(page.body.count("\n", 0, raw.start()) + 1),
                                  "{% raw %} cannot be used on a page: only the plan's macros can.")
        return
    try:
        tree = page_tree(page.body)
    except TemplateSyntaxError as err:
        yield rule("macro-error")(at(err.lineno or 1), f"A macro here cannot be read: {_plain_syntax(err.message)}",
                                  "Macros are written {{ name(\"argument\") }}, with both pairs of braces and straight quotes.")
        return
    refused = _not_allowed(tree)
    if refused is not None:
        yield rule("macro-error")(
            at(getattr(refused, "lineno", 1) or 1),
            "Only the plan's macros can be used on a page, each written {{ name(\"argument\") }}: "
            f"{', '.join(SIGNATURES)}.",
            "Remove the {{ }} or {% %} here, or write the macro with its brackets, as {{ value(\"...\") }}.")
        return
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            yield rule("macro-error")(at(call.lineno), "Only the plan's macros can be called on a page.")
        elif call.node.name in SIGNATURES:
            found = list(_call_findings(call, call.node.name, at(call.lineno, call.node.name), index))
            yield from found
            if call.node.name == "lost" and not found:
                yield _lost_finding(call, at(call.lineno, "lost"))
        else:
            name = call.node.name
            close = difflib.get_close_matches(name, SIGNATURES, n=1)
            guess = f" Did you mean '{close[0]}'?" if close else f" Macros are: {', '.join(SIGNATURES)}."
            yield rule("macro-error")(at(call.lineno, name), f"'{name}' is not a macro.{guess}")


def _plain_syntax(message: str) -> str:
    """Jinja's syntax message in words an author can act on."""
    if "“" in message or "”" in message or "‘" in message or "’" in message:
        return "it has curly quotes, which word processors put in; macros need straight quotes (\")."
    if "unexpected end of template" in message:
        return "a {{ or {% is never closed."
    if "unexpected '}'" in message:
        return "there is a } too many, or a {{ is missing."
    return message.rstrip(".") + "."


def render_page_body(page: SourcePage, macros: dict[str, Callable[..., Markup | str]]) -> str:
    """The page's Markdown with every macro replaced by what it stands for."""
    return _page_template(page.body).render(**macros)


