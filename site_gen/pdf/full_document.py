"""The full plan as the files of a Typst document (pure): plan.json holds the cover's facts and the footer as
data, content.typ every page of the site in print order, and pictures/ the charts and logo. The template
(templates/print/plan.typ) lays them out."""

from __future__ import annotations

import json

from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.html_typst import Converter, Node, Pictures, parse
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


def _labels(pages: list[tuple[str, Node, Node | None]]) -> dict[str, str]:
    """A label for every place in the document that a link may name: each page by its anchor (page_anchor
    makes it of letters, digits and dashes, so it is a label as it is, and the PDF's named place for the
    page keeps its name: the board pack finds pages by it), the page's title heading by the same, and
    every other element with an id by a label made for it."""
    labels: dict[str, str] = {}
    for anchor, tree, title in pages:
        labels[anchor] = anchor
        if title is not None:
            labels[f"{anchor}--{title.attrs['id']}"] = anchor
        for element in _elements(tree):
            if element.attrs.get("id"):
                labels.setdefault(f"{anchor}--{element.attrs['id']}", f"l{len(labels) + 1}")
    return labels


def content_typst(plan: FullPlan, pictures: Pictures) -> str:
    """Every page in turn, each on a new sheet. A page's title heading is its first h1 with an id; a page
    with none has its title printed as one."""
    pages = []
    for page in plan.pages:
        tree = parse(page.html)
        title = next((element for element in _elements(tree) if element.tag == "h1"), None)
        pages.append((page.anchor, tree, title if title is not None and title.attrs.get("id") else None))
    converter = Converter(_labels(pages), pictures, frozenset(page.path for page in plan.pages), plan.address)
    out = []
    for (anchor, tree, title), page in zip(pages, plan.pages, strict=True):
        out.append("#pagebreak(weak: true)\n")
        if title is None:
            out.append(converter.titled_page(tree, page.path, page.title, anchor))
        else:
            out.append(converter.page(tree, page.path))
    return "".join(out)


def plan_facts(plan: FullPlan, lifecycle: Lifecycle, pictures: Pictures, subpage_labels: list[str]) -> dict:
    logo = pictures.name_for(plan.logo) if plan.logo else None
    return {"title": plan.title, "organisation": plan.organisation, "period": plan.period, "version": plan.version,
            "date": plan.date, "status": lifecycle.printed, "address": plan.address, "logo": logo,
            "logo_alt": plan.logo_alt or f"{plan.organisation} logo",
            "description": f"{plan.title}, {plan.period}: the full plan.",
            "footer": f"{plan.title}. {lifecycle.printed}",
            "watermark": WATERMARK_FILE if lifecycle.watermark else None,
            "subpages": subpage_labels}


def full_plan_files(plan: FullPlan, lifecycle: Lifecycle, template: str) -> tuple[dict[str, bytes], Pictures]:
    """The files of the full plan's document, by name, and the pictures it shows from content/ (for the
    caller to check and add)."""
    pictures = Pictures()
    content = content_typst(plan, pictures)
    subpages = [page.anchor for page in plan.pages if page.under_section]
    facts = plan_facts(plan, lifecycle, pictures, subpages)
    files = {"plan.typ": template.encode("utf-8"), "content.typ": content.encode("utf-8"),
             "plan.json": json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    files |= pictures.made
    if lifecycle.watermark:
        files[WATERMARK_FILE] = watermark_svg(lifecycle.watermark, *A4).encode("utf-8")
    return files, pictures
