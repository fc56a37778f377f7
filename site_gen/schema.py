"""JSON Schema of the data files, for editors to autocomplete and underline mistakes."""

from __future__ import annotations

from site_gen.model import FAMILIES


class UnknownFamily(ValueError):
    pass


def json_schema(family: str | None = None) -> dict:
    if family:
        if family not in FAMILIES:
            raise UnknownFamily(f"There is no data file '{family}'. Data files: {', '.join(FAMILIES)}.")
        schema = FAMILIES[family].model_json_schema()
        schema["title"] = f"data/{family}.yml"
        return schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "site_gen plan data files",
        "description": "One schema per file in data/, keyed by file name.",
        "files": {f"data/{name}.yml": model.model_json_schema() for name, model in FAMILIES.items()},
    }
