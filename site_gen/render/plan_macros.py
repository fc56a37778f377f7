"""What each narrative macro stands for, drawn from the plan's data through the partial templates."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup, escape

from site_gen.charts.figure import ChartRenderer
from site_gen.derive import MEASURE_STATUSES, measure_status
from site_gen.model import PlanData
from site_gen.model.plan import DEFAULT_CONFIDENCE
from site_gen.model.priorities import KIND_FOLDERS
from site_gen.not_stated import is_not_stated
from site_gen.refs import ReferenceIndex, split_ref
from site_gen.render.formatting import figure_text
from site_gen.render.risk_rows import risk_table
from site_gen.render.tables import table_view


def _block(html: str) -> Markup:
    """An HTML block Markdown leaves alone: on lines of its own, with no blank lines inside."""
    body = "\n".join(line for line in html.strip().split("\n") if line.strip())
    return Markup(f"\n\n{body}\n\n")


class PlanMacros:
    def __init__(self, data: PlanData, index: ReferenceIndex, env: Environment, page_path: str = "",
                 charts: ChartRenderer | None = None) -> None:
        self.data = data
        self.index = index
        self.env = env
        self.charts = charts
        # Links from partials are relative to the page they land on.
        self.root = "../" * page_path.count("/")

    def as_dict(self) -> dict:
        return {name: getattr(self, name)
                for name in ("value", "table", "chart", "priorities", "measures", "risks", "milestones", "lost")}

    def lost(self, what: str) -> Markup:
        """A note where the published plan shows something that has not survived: readers are told, not left
        to wonder why the text mentions a chart that is not there."""
        return _block(f'<p class="lost-content"><strong>Not available:</strong> the published plan shows '
                      f"{escape(what)} here, but it has not survived.</p>")

    def value(self, ref: str) -> Markup:
        figure = self.index.figure(ref)
        if is_not_stated(figure.value):  # inside a sentence: "Our budget for mental health is not stated in the plan."
            return escape(str(figure.value).lower())
        return escape(figure_text(figure.value, figure.unit))

    def table(self, ref: str) -> Markup:
        table = self.index.table(split_ref(ref)[1])
        scale = self.data.plan.delivery_confidence if self.data.plan else DEFAULT_CONFIDENCE
        return _block(self.env.get_template("macros/table.html.j2").render(t=table_view(table, scale), root=self.root))

    def chart(self, ref: str) -> Markup:
        if self.charts is None:  # checking only: charts are drawn when the site is built
            return Markup("")
        figure = self.charts.figure(ref)
        return _block(self.env.get_template("macros/chart.html.j2").render(f=figure, root=self.root))

    def priorities(self, kind: str = "priority") -> Markup:
        chosen = [p for p in self.data.priorities.priorities if p.kind == kind]
        folder = KIND_FOLDERS.get(kind)
        return _block(self.env.get_template("macros/priorities.html.j2").render(
            priorities=chosen, root=self.root, folder=folder))

    def measures(self, domain: str | None = None, priority: str | None = None) -> Markup:
        linked = set(self.index.priorities[priority].measures) if priority in self.index.priorities else set()
        chosen = [m for m in self.data.performance.measures
                  if (domain is None or m.domain == domain)
                  and (priority is None or priority in m.priorities or m.id in linked)]
        rows = [(m, MEASURE_STATUSES[status], status) for m in chosen for status in (measure_status(m),)]
        return _block(self.env.get_template("macros/measures.html.j2").render(rows=rows, figure=figure_text))

    def risks(self, band: str | None = None, priority: str | None = None) -> Markup:
        table = risk_table(self.data.risks, band, priority)
        return _block(self.env.get_template("macros/risks.html.j2").render(t=table))

    def milestones(self, priority: str | None = None) -> Markup:
        chosen = [m for m in self.data.milestones.milestones if priority is None or m.priority == priority]
        return _block(self.env.get_template("macros/milestones.html.j2").render(
            milestones=chosen, priorities=self.index.priorities))
