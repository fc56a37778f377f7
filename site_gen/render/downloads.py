"""Open data: every finance table and every chart's figures as CSV and JSON under downloads/, described
by a Frictionless Data Package (datapackage.json). Pure: returns the files' text by path."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from site_gen.charts.data import ChartData
from site_gen.model import PlanData
from site_gen.model.finance import Table, numeric

TABLES = "downloads/tables"
CHARTS = "downloads/charts"
# Public sector information in the UK is published under the Open Government Licence unless it says otherwise.
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first) starts with ' instead."""
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class Resource:
    """One table of figures: its name, title, column names and types, unit, and rows of values."""

    name: str
    path: str  # without the extension: .csv and .json sit side by side
    title: str
    fields: list[tuple[str, str]]  # (name, "string" | "number")
    unit: str
    rows: list[list[str | Decimal | int | None]]
    source: str | None
    units: dict[str, str] | None = None  # a column's own unit where it is not the table's (a percentage)


def _plain(value) -> str | int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def table_resource(table: Table) -> Resource:
    """A finance table as open data. A rating column holds words; a percent column is in %. (A percent row
    sits among money rows, so its kind column says so.)"""
    fields = [("id", "string"), ("label", "string"), ("kind", "string")] + [
        (c.label, "string" if c.kind == "rating" else "number") for c in table.columns]
    rows = [[row.id, row.label, row.kind] + [
        (row.cell(i) if isinstance(row.cell(i), str) else None) if column.kind == "rating" else numeric(row.cell(i))
        for i, column in enumerate(table.columns)] for row in table.rows]
    units = {c.label: "%" for c in table.columns if c.kind == "percent"}
    return Resource(f"table-{table.id}", f"{TABLES}/{table.id}", table.title, fields, table.unit, rows,
                    table.source, units)


def chart_resource(data: ChartData) -> Resource:
    chart = data.chart
    fields = [(data.category_title or "Item", "string")] + [(s, "number") for s in data.series]
    rows = [[c] + [data.value(c, s) for s in data.series] for c in data.categories]
    if chart.kind == "dots":
        fields.append(("Target", "number"))
        for row, category in zip(rows, data.categories, strict=True):
            row.append(data.targets.get(category))
    return Resource(f"chart-{chart.id}", f"{CHARTS}/{chart.id}", chart.title, fields, data.unit, rows, data.source)


def _unit(resource: Resource, name: str) -> str:
    return (resource.units or {}).get(name, resource.unit)


def resource_csv(resource: Resource) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_safe(name) for name, _ in resource.fields])
    for row in resource.rows:
        writer.writerow(["" if value is None else str(value) if not isinstance(value, str) else spreadsheet_safe(value)
                         for value in row])
    return out.getvalue()


def resource_json(resource: Resource) -> str:
    records = [{name: _plain(value) for (name, _), value in zip(resource.fields, row, strict=True)}
               for row in resource.rows]
    return json.dumps({"title": resource.title, "unit": resource.unit, "rows": records}, indent=2,
                      ensure_ascii=False) + "\n"


def datapackage(data: PlanData, resources: list[Resource], site_url: str | None) -> str:
    plan = data.plan
    package = {
        "profile": "tabular-data-package",
        "name": "".join(ch if ch.isalnum() else "-" for ch in plan.title.lower()).strip("-"),
        "title": f"{plan.title}: the figures",
        "description": f"Every table and chart of {plan.title}, version {plan.version}, by "
                       f"{plan.organisation.name}.",
        "version": plan.version,
        "licenses": [LICENCE],
        "sources": [{"title": f"{plan.organisation.name}, {plan.title}"} | ({"path": site_url} if site_url else {})],
        "resources": [{
            "name": r.name, "path": f"{r.path.removeprefix('downloads/')}.csv", "title": r.title,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            **({"sources": [{"title": r.source}]} if r.source else {}),
            "schema": {"fields": [{"name": name, "type": kind} | ({"unit": _unit(r, name)} if kind == "number" else {})
                                  for name, kind in r.fields]},
        } for r in resources],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def download_files(data: PlanData, charts: list[ChartData], site_url: str | None) -> dict[str, str]:
    """Every download's text by its path in the site."""
    resources = [table_resource(t) for t in data.finance.tables] + [chart_resource(c) for c in charts]
    files = {}
    for resource in resources:
        files[f"{resource.path}.csv"] = resource_csv(resource)
        files[f"{resource.path}.json"] = resource_json(resource)
    files["downloads/datapackage.json"] = datapackage(data, resources, site_url)
    return files
