"""data/glossary.yml: every acronym and term, with its expansion and a plain-English definition."""

from __future__ import annotations

from pydantic import Field

from site_gen.model.common import Strict, Text


class Term(Strict):
    term: Text
    expansion: str | None = None
    definition: Text


class Glossary(Strict):
    terms: list[Term] = []
    not_acronyms: list[Text] = Field([], description="Words the plan writes in capitals that are names, not "
                                                     "acronyms, such as PREVENT or EMIS: never reported as "
                                                     "unexplained.")
