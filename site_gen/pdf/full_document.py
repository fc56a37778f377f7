"""The full plan as the files of a Typst document (pure): plan.json holds the cover's facts and the footer as
data, content.typ every page of the site in print order, and pictures/ the charts and logo. The template
(templates/print/plan.typ) lays them out."""

from __future__ import annotations

import json

from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.html_typst import Converter, Node, Pictures, ids_in, parse
from site_gen.pdf.watermark import watermark_svg
from site_gen.site.lifecycle import Lifecycle

WATERMARK_FILE = "pictures/watermark.svg"
A4 = (210, 297)


def _first_h1(node: Node) -> Node | None:
    for child in node.children:
        if child.tag == "h1":
            return child
        found = _first_h1(child) if child.tag else None
        if found is not None:
            return found
    return None


def _labels(trees: list[tuple[str, Node, str]]) -> dict[str, str]:
    """A label for every place in the document that a link may name: each page by its anchor (page_anchor
    makes it of letters, digits and dashes, so it is a label as it is, and the PDF's named place for the
    page keeps its name: the board pack finds pages by it), the page's title heading by the same, and
    every other element with an id by a label made for it."""
    labels: dict[str, str] = {}
    for anchor, tree, html in trees:
        labels[anchor] = anchor
        heading = _first_h1(tree)
        if heading is not None and heading.attrs.get("id"):
            labels[f"{anchor}--{heading.attrs['id']}"] = anchor
        for element_id in ids_in(html):
            labels.setdefault(f"{anchor}--{element_id}", f"l{len(labels) + 1}")
    return labels


def content_typst(plan: FullPlan, pictures: Pictures) -> str:
    """Every page in turn, each on a new sheet."""
    trees = [(page.anchor, parse(page.html), page.html) for page in plan.pages]
    converter = Converter(_labels(trees), pictures, frozenset(page.path for page in plan.pages), plan.address)
    out = []
    for (anchor, tree, _), page in zip(trees, plan.pages, strict=True):
        out.append("#pagebreak(weak: true)\n")
        heading = _first_h1(tree)
        if heading is None or not heading.attrs.get("id"):
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
    subpages = [entry.anchor for entry in plan.contents if entry.level == 2]
    facts = plan_facts(plan, lifecycle, pictures, subpages)
    files = {"plan.typ": template.encode("utf-8"), "content.typ": content.encode("utf-8"),
             "plan.json": json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    files |= pictures.made
    if lifecycle.watermark:
        files[WATERMARK_FILE] = watermark_svg(lifecycle.watermark, *A4).encode("utf-8")
    return files, pictures
