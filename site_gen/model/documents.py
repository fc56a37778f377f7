"""data/documents.yml: related documents the plan refers to."""

from __future__ import annotations

from site_gen.model.common import Id, Strict, Text, WebLink


class Document(Strict):
    id: Id
    title: Text
    period: str | None = None
    summary: str | None = None
    link: WebLink | None = None


class Documents(Strict):
    documents: list[Document] = []
