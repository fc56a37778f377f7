"""The full plan as the files of a Typst document (pure): plan.json holds the cover's facts and the footer as
data, content.typ every page of the site in print order, and pictures/ the charts and logo. The template
(templates/print/plan.typ) lays them out."""

from __future__ import annotations

import json
from dataclasses import dataclass

from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.html_typst import Converter, Node, Pictures, parse, words
from site_gen.pdf.pieces import ContentsEntry
from site_gen.pdf.printable import page_anchor
from site_gen.pdf.watermark import watermark_svg
from site_gen.site.lifecycle import Lifecycle

WATERMARK_FILE = "pictures/watermark.svg"
A4 = (210, 297)


def _elements(node: Node):
    """Every element under a node, in document order."""
    for child in node.children:
        if child.tag:
            yield child
            yield from _elements(child)


def _labels(pages: list[tuple[str, Node, Node | None]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """A label for every place in the document that a link may name: each page by its anchor (page_anchor
    makes it of letters, digits and dashes, so it is a label as it is, and the PDF's named place for the
    page keeps its name: the board pack finds pages by it), the page's title heading by the same, and
    every other element with an id by a label made for it. Then the labels of each page, by its anchor."""
    labels: dict[str, str] = {}
    on_page: dict[str, set[str]] = {}
    for anchor, tree, title in pages:
        labels[anchor] = anchor
        if title is not None:
            labels[f"{anchor}--{title.attrs['id']}"] = anchor
        for element in _elements(tree):
            if element.attrs.get("id"):
                labels.setdefault(f"{anchor}--{element.attrs['id']}", f"l{len(labels) + 1}")
        on_page[anchor] = {anchor} | {labels[f"{anchor}--{element.attrs['id']}"] for element in _elements(tree)
                                      if element.attrs.get("id")}
    return labels, on_page


ParsedPage = tuple[str, Node, Node | None]  # a page's anchor, its parsed HTML and its title heading, if any


def parsed_pages(plan: FullPlan) -> list[ParsedPage]:
    """Each page parsed; its title heading is its first h1, if that has an id."""
    pages = []
    for page in plan.pages:
        tree = parse(page.html)
        title = next((element for element in _elements(tree) if element.tag == "h1"), None)
        pages.append((page.anchor, tree, title if title is not None and title.attrs.get("id") else None))
    return pages


def content_typst(plan: FullPlan, pictures: Pictures, pieces: list[list[int]] | None = None,
                  parsed: list[ParsedPage] | None = None) -> list[str]:
    """Every page in turn, each on a new sheet: one text for each piece (a list of the pages' numbers),
    or one for them all. A page with no title heading has its title printed as one. A link to a page in
    another piece is made so the join can find it."""
    pages = parsed or parsed_pages(plan)
    labels, on_page = _labels(pages)
    converter = Converter(labels, pictures, frozenset(page.path for page in plan.pages), plan.address)
    out = []
    for piece in pieces or [list(range(len(pages)))]:
        converter.here = frozenset().union(*(on_page[pages[n][0]] for n in piece)) if pieces else None
        text = []
        for n in piece:
            (anchor, tree, title), page = pages[n], plan.pages[n]
            text.append("#pagebreak(weak: true)\n")
            if title is None:
                text.append(converter.titled_page(tree, page.path, page.title, anchor))
            else:
                text.append(converter.page(tree, page.path))
        out.append("".join(text))
    return out


def contents_entries(plan: FullPlan, parsed: list[ParsedPage]) -> list[ContentsEntry]:
    """What the contents lists: every page, by its title heading's words."""
    return [ContentsEntry(" ".join(words(title).split()) if title is not None else page.title, page.anchor,
                          page.under_section)
            for page, (_, _, title) in zip(plan.pages, parsed, strict=True)]


def plan_facts(plan: FullPlan, lifecycle: Lifecycle, pictures: Pictures, subpage_labels: list[str]) -> dict:
    logo = pictures.name_for(plan.logo) if plan.logo else None
    return {"title": plan.title, "organisation": plan.organisation, "period": plan.period, "version": plan.version,
            "date": plan.date, "status": lifecycle.printed, "address": plan.address, "logo": logo,
            "logo_alt": plan.logo_alt or f"{plan.organisation} logo", "accent": plan.accent,
            "description": f"{plan.title}, {plan.period}: the full plan.",
            "footer": f"{plan.title}. {lifecycle.printed}",
            "watermark": WATERMARK_FILE if lifecycle.watermark else None,
            "subpages": subpage_labels, "home": page_anchor("index.md")}


@dataclass
class FullPlanDocument:
    """The full plan's document: the facts its template reads (plan.json), the files every piece of it has
    (the template, the watermark), its pages as Typst (one text, or one for each piece) and the pictures
    it shows, those from content/ left for the caller to check and add."""

    facts: dict
    shared: dict[str, bytes]
    contents: list[str]
    pictures: Pictures
    entries: list[ContentsEntry]  # the contents' entries, for a document made in pieces

    def files(self) -> dict[str, bytes]:
        """The files of the document made whole."""
        (content,) = self.contents
        return self.shared | self.pictures.made | {
            "content.typ": content.encode("utf-8"),
            "plan.json": json.dumps(self.facts, ensure_ascii=False, sort_keys=True).encode("utf-8")}


def full_plan_document(plan: FullPlan, lifecycle: Lifecycle, template: str,
                       pieces: list[list[int]] | None = None) -> FullPlanDocument:
    pictures = Pictures()
    parsed = parsed_pages(plan)
    contents = content_typst(plan, pictures, pieces, parsed)
    subpages = [page.anchor for page in plan.pages if page.under_section]
    shared = {"plan.typ": template.encode("utf-8")}
    if lifecycle.watermark:
        shared[WATERMARK_FILE] = watermark_svg(lifecycle.watermark, *A4).encode("utf-8")
    return FullPlanDocument(plan_facts(plan, lifecycle, pictures, subpages), shared, contents, pictures,
                            contents_entries(plan, parsed))
