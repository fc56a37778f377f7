"""Where a reader meets each figure of a plan (pure): the content pages whose macros show it, the
generated pages that print it (finance, performance, priorities, population, home), the charts drawn
from it and the plan on a page. Worked out from the plan's data and pages, in the site's own terms:
each page by its title, in the order of the site's menu, so a change report can say where a changed
figure will be seen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError, nodes
from markupsafe import Markup
from pydantic import ValidationError

from site_gen.charts.data import ChartDataError, chart_data
from site_gen.load.pages import SourcePage
from site_gen.model import PlanData
from site_gen.model.charts import Chart
from site_gen.model.site import PageMeta
from site_gen.pdf.onepage import BLOCK_TITLES, DEFAULT_BLOCKS, MOST_STATISTICS, poster_priorities, priority_measures
from site_gen.refs import ReferenceIndex, UnknownReference, split_ref
from site_gen.render.formatting import unit_heading
from site_gen.render.generated import generated_specs
from site_gen.render.macros import page_tree
from site_gen.render.titles import page_title

PLAN_ON_A_PAGE = ("Plan on a page", "downloads/plan-on-a-page.pdf", 1000)  # title, address, after every page
HOME = ("Home", "index.md", 0)
MEASURE_FIELDS = ("target", "latest")  # what a table of measures and a measure's chart show of each measure
# A page's address as a link may print it: the site's own paths, in characters Markdown reads as plain text.
_LINKABLE = re.compile(r"[a-z0-9][a-z0-9./-]*\.(md|pdf)", re.I)


def site_link(path: str) -> Markup | None:
    """A page's address for a link on the changes page, or None when it holds a character that Markdown
    would read as markup (the page is then named without a link)."""
    return Markup(path) if _LINKABLE.fullmatch(path) and ".." not in path else None


@dataclass(frozen=True)
class PageText:
    """A content page as the site names and orders it, with its text (macros unrendered)."""

    path: str  # in the site, as content/ has it: money.md
    title: str
    order: int
    body: str


@dataclass(frozen=True)
class Place:
    """One place a reader meets a figure."""

    page: str  # the page's title, as the site's menu names it, or "Plan on a page"
    path: str  # the page in the site (money.md), or the PDF of the plan on a page
    part: str  # what on that page shows it: "the text", 'the table "Funding allocations"', ...
    kind: str  # "text" (written out, as value() writes it), "cell" (a finance table's cell) or "chart"
    order: int = 100  # the page's place in the menu, so places are listed as a reader meets them


@dataclass(frozen=True)
class PagePlaces:
    """The places on one page where a figure is shown."""

    page: str
    path: str
    parts: list[str]

    @property
    def link(self) -> Markup | None:
        return site_link(self.path)

    @property
    def parts_text(self) -> str:
        return "; ".join(self.parts)


def by_page(places: Iterable[Place]) -> list[PagePlaces]:
    """Places grouped by page, pages in the order given."""
    pages: dict[str, PagePlaces] = {}
    for place in places:
        pages.setdefault(place.path, PagePlaces(place.page, place.path, [])).parts.append(place.part)
    return list(pages.values())


@dataclass(frozen=True)
class TableLook:
    """How a finance table prints its cells, for showing a changed cell as the table shows it."""

    title: str
    unit: str  # as its heading writes it: £000
    decimals: int | None
    negative: str  # brackets or minus
    row_heading: str = "Row"
    rows: dict[str, str] = field(default_factory=dict)  # id -> label, in the table's order
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """Where the plan shows each figure, and how each finance table prints its cells."""

    places: dict[str, list[Place]]
    tables: dict[str, TableLook]


def content_pages(pages: Iterable[SourcePage]) -> list[PageText]:
    """The content pages as the site names and orders them."""
    out = []
    for page in pages:
        try:
            order = PageMeta.model_validate(page.front.data or {}).order
        except ValidationError:  # the check reports front matter of the wrong shape; the menu puts it last
            order = 100
        out.append(PageText(page.path, page_title(page), order, page.body))
    return out


def _calls(body: str) -> list[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]]:
    """Each different macro on a page, with its plain arguments, once however often it is written (so a
    page repeating a large table's macro costs no more than one); a page whose macros cannot be read has
    none here (the check reports it, and the page is not built)."""
    try:
        tree = page_tree(body)
    except (TemplateSyntaxError, RecursionError, ValueError):
        return []
    found: dict = {}
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        args = tuple(a.value for a in call.args if isinstance(a, nodes.Const) and isinstance(a.value, str))
        kwargs = tuple((k.key, k.value.value) for k in call.kwargs
                       if isinstance(k.value, nodes.Const) and isinstance(k.value.value, str))
        found[(call.node.name, args, kwargs)] = None
    return list(found)


class _Finder:
    """The figures each part of the site shows, by reference, from the plan's data."""

    def __init__(self, data: PlanData) -> None:
        self.data = data
        self.index = ReferenceIndex(data)
        self._tables: dict[str, list[str]] = {}

    def resolves(self, ref: str) -> bool:
        try:
            self.index.figure(ref)
        except UnknownReference:
            return False
        return True

    def value(self, ref: str) -> list[str]:
        """A value macro's figure, and the table cell behind it when it names a headline that shows one."""
        canonical = ".".join(split_ref(ref))
        parts = canonical.split(".")
        refs = [canonical]
        if parts[0] == "finance" and len(parts) == 2 and parts[1] in self.index.headlines:
            behind = self.index.headlines[parts[1]].ref
            if behind:
                refs.append(".".join(split_ref(behind)))
        return [r for r in refs if self.resolves(r)]

    def headlines(self) -> list[str]:
        """The figures of the headline cards (home page, finance page, the plan on a page's money)."""
        return [r for h in self.data.finance.headlines for r in self.value(f"finance.{h.id}")]

    def table(self, table_id: str) -> list[str]:
        """A table's figures, worked out once: the finance page and content pages may each show it."""
        if table_id not in self._tables:
            table = self.index.tables.get(table_id)
            cells = [] if table is None else [f"finance.{table_id}.{row.id}.{column.id}"
                                              for row in table.rows for column in table.columns]
            self._tables[table_id] = [r for r in cells if self.resolves(r)]
        return self._tables[table_id]

    def measures(self, chosen: Iterable) -> list[str]:
        return [r for m in chosen for r in (f"performance.{m.id}.{f}" for f in MEASURE_FIELDS) if self.resolves(r)]

    def measures_macro(self, domain: str | None = None, priority: str | None = None) -> list[str]:
        """The measures a measures() macro lists: the same choice as the macro makes."""
        linked = set(self.index.priorities[priority].measures) if priority in self.index.priorities else set()
        return self.measures(m for m in self.data.performance.measures
                             if (domain is None or m.domain == domain)
                             and (priority is None or priority in m.priorities or m.id in linked))

    def chart(self, chart: Chart) -> list[str]:
        """The figures a chart draws: a finance table's cells, read from the chart's own data so the two
        cannot differ; a measure's latest figure and target."""
        parts = split_ref(chart.data)
        if len(parts) == 2 and parts[0] == "performance" and parts[1] in self.index.measures:
            return self.measures([self.index.measures[parts[1]]])
        if len(parts) != 2 or parts[0] != "finance" or parts[1] not in self.index.tables:
            return []
        try:
            drawn = chart_data(chart, self.data, self.index)
        except (ChartDataError, UnknownReference):
            return []  # the chart check reports it
        pairs = set(drawn.values) | {(label, None) for label in drawn.targets}
        labels = {a for a, _ in pairs} | {b for _, b in pairs}
        table = self.index.tables[parts[1]]
        return [r for row in table.rows for column in table.columns
                if row.label in labels and (column.label in labels or column.id == chart.target)
                for r in (f"finance.{table.id}.{row.id}.{column.id}",) if self.resolves(r)]

    def one_page_measures(self) -> list[str]:
        """The measures the plan on a page may list: the key measures of each priority it shows (as
        pdf/onepage.py; the poster shows fewer when they do not all fit)."""
        if self.data.plan is None:
            return []
        return self.measures([m for p in poster_priorities(self.data)[0] for m in priority_measures(self.data, p)])

    def one_page_statistics(self) -> list[str]:
        """The statistics the plan on a page shows: those plan.yml chooses, or the first few (as pdf/onepage.py)."""
        plan = self.data.plan
        chosen = plan.plan_on_a_page.statistics if plan else []
        ids = chosen or [s.id for s in self.data.population.statistics[:MOST_STATISTICS]]
        return [f"population.{i}" for i in ids if i in self.index.statistics]


def _quoted(kind: str, title: str) -> str:
    return f'the {kind} "{title}"'


class _Places:
    """Collects places by figure reference, each place once."""

    def __init__(self) -> None:
        self.by_ref: dict[str, list[Place]] = {}

    def add(self, refs: Iterable[str], page: tuple[str, str, int], part: str, kind: str) -> None:
        title, path, order = page
        place = Place(title, path, part, kind, order)
        for ref in refs:
            known = self.by_ref.setdefault(ref, [])
            if place not in known:
                known.append(place)


def _content(found: _Places, finder: _Finder, page: PageText) -> None:
    where = (page.title, page.path, page.order)
    charts = finder.index.charts
    for name, args, keywords in _calls(page.body):
        kwargs = dict(keywords)
        if name == "value" and args:
            found.add(finder.value(args[0]), where, "the text", "text")
        elif name == "table" and args:
            parts = split_ref(args[0])
            table = finder.index.tables.get(parts[-1]) if len(parts) == 2 else None
            if table is not None:
                found.add(finder.table(table.id), where, _quoted("table", table.title), "cell")
        elif name == "chart" and args and args[0] in charts:
            found.add(finder.chart(charts[args[0]]), where, _quoted("chart", charts[args[0]].title), "chart")
        elif name == "measures":
            found.add(finder.measures_macro(kwargs.get("domain"), kwargs.get("priority")), where,
                      "the table of measures", "text")


def _generated(found: _Places, finder: _Finder, replaced: set[str]) -> None:
    """The pages the default templates make from the data, unless a content page takes their place."""
    data = finder.data
    if data.plan is None:
        return  # no plan.yml, so no site
    if "index.md" not in replaced:
        found.add(finder.headlines(), HOME, "the headline figures", "text")
    charts = finder.index.charts
    for spec in generated_specs(data, []):
        if spec.path in replaced:
            continue
        where = (spec.title, spec.path, spec.order)
        if spec.template == "pages/finance.md.j2":
            found.add(finder.headlines(), where, "the headline figures", "text")
            for table in data.finance.tables:
                for chart in data.charts.charts:
                    if chart.data == f"finance.{table.id}":
                        found.add(finder.chart(chart), where, _quoted("chart", chart.title), "chart")
                found.add(finder.table(table.id), where, _quoted("table", table.title), "cell")
        elif spec.template == "pages/performance.md.j2":
            found.add(finder.measures(data.performance.measures), where, "the table of measures", "text")
            for chart_ids in spec.variables["charts_by_domain"].values():
                for chart_id in chart_ids:
                    found.add(finder.chart(charts[chart_id]), where, _quoted("chart", charts[chart_id].title), "chart")
        elif spec.template == "pages/priority.md.j2" and spec.variables["measures_here"]:
            found.add(finder.measures_macro(priority=spec.variables["p"].id), where, "the table of measures", "text")
        elif spec.template == "pages/population.md.j2":
            found.add([f"population.{s.id}" for s in data.population.statistics], where,
                      "the table of facts about our population", "text")


def _one_page(found: _Places, finder: _Finder) -> None:
    plan = finder.data.plan
    if plan is None:
        return
    shown = plan.plan_on_a_page.show or list(DEFAULT_BLOCKS)
    blocks = {"money": finder.headlines(), "measures": finder.one_page_measures(),
              "population": finder.one_page_statistics()}
    for block in shown:
        if block in blocks:
            found.add(blocks[block], PLAN_ON_A_PAGE, f'the part "{BLOCK_TITLES[block]}"', "text")


def figure_places(data: PlanData, pages: list[PageText]) -> dict[str, list[Place]]:
    """Every place a reader meets each figure, by the figure's reference, in the order of the site's menu.
    A headline that shows a table cell counts as a place of that cell. Places follow the default
    templates: a plan's own templates/ may move figures about, which this cannot know."""
    finder = _Finder(data)
    found = _Places()
    for page in pages:
        _content(found, finder, page)
    _generated(found, finder, {page.path for page in pages})
    _one_page(found, finder)
    return {ref: sorted(places, key=lambda p: (p.order, p.path)) for ref, places in found.by_ref.items()}


def table_looks(data: PlanData) -> dict[str, TableLook]:
    return {t.id: TableLook(t.title, unit_heading(t.unit), t.decimals, t.negative, t.row_heading or "Row",
                            {r.id: r.label for r in t.rows}, {c.id: c.label for c in t.columns})
            for t in data.finance.tables}


def layout(data: PlanData, pages: list[PageText]) -> Layout:
    return Layout(figure_places(data, pages), table_looks(data))
