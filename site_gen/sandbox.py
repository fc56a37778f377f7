"""Jinja's sandbox, answering each "may a template read this attribute?" once per kind of object.

Every attribute a template reads in the sandbox is checked; the theme alone reads over half a million
in a large plan's build, a second of the build spent asking the same few hundred questions. Jinja's answer
depends only on the object's type and the attribute's name (jinja2.sandbox.is_internal_attribute tests
the object with isinstance alone), so it is kept by those two; tests/test_sandbox.py holds it to Jinja's.
"""

from __future__ import annotations

from typing import Any

from jinja2.sandbox import SandboxedEnvironment


class Sandbox(SandboxedEnvironment):
    """Jinja's SandboxedEnvironment, its attribute checks kept by (type, name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        known = self._safe_attributes.get(key)
        if known is None:
            known = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return known
