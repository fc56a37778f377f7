"""data/requirements.yml: what national bodies require of the plan, and how the plan answers each."""

from __future__ import annotations

from pydantic import Field

from site_gen.model.common import Id, PlainText, Strict, Text


class Requirement(Strict):
    id: Id
    title: PlainText = Field(description="The requirement in a few words, such as 'Protecting social care services'.")
    source: PlainText | None = Field(None, description="Where the requirement comes from, if not the group's source.")
    response: Text | None = Field(None, description="How the plan meets it, in the plan's words. Left out, the "
                                                    "requirement is shown as not answered in the plan.")
    priorities: list[Id] = Field([], description="Ids of the priorities (in priorities.yml) that meet it.")
    schemes: list[Id] = Field([], description="Ids of the schemes (in priorities.yml) that meet it.")


class RequirementGroup(Strict):
    id: Id
    title: PlainText = Field(description="What the requirements are, such as 'Better Care Fund national conditions'.")
    source: PlainText | None = Field(None, description="The document that sets them, such as the planning guidance.")
    summary: Text | None = None
    requirements: list[Requirement] = []


class Requirements(Strict):
    groups: list[RequirementGroup] = []
