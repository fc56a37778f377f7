"""site_gen's sandbox keeps Jinja's answers by (type, attribute name): it must answer exactly as Jinja's own
sandbox does, for every kind of object a template could reach, however often it is asked."""

from __future__ import annotations

import types

import pytest
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from site_gen.sandbox import Sandbox


class _Plain:
    name = "plain"

    def method(self) -> str:
        return "called"


def _function() -> None:
    return None


def _generator():
    yield 1


async def _coroutine() -> None:
    return None


async def _async_generator():
    yield 1


OBJECTS = [_Plain(), _Plain, _Plain().method, _function, _generator(), "text", [1], {"a": 1}, 3, None,
           _function.__code__, type, types.SimpleNamespace(x=1), _async_generator()]
ATTRIBUTES = ["name", "method", "upper", "mro", "__class__", "_private", "__globals__", "__code__", "gi_frame",
              "gi_code", "cr_frame", "ag_code", "__self__", "__func__", "items", "x", "co_code", "f_globals"]


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda obj: type(obj).__name__)
def test_each_answer_is_jinjas_own_asked_once_or_many_times(obj):
    jinja, ours = SandboxedEnvironment(), Sandbox()
    for _ in range(2):  # the second time from what was kept
        for attr in ATTRIBUTES:
            assert ours.is_safe_attribute(obj, attr, None) == jinja.is_safe_attribute(obj, attr, None), attr
    coroutine = _coroutine()
    for attr in ("cr_frame", "cr_code", "send"):
        assert ours.is_safe_attribute(coroutine, attr, None) == jinja.is_safe_attribute(coroutine, attr, None)
    coroutine.close()


def test_a_template_still_cannot_reach_pythons_internals():
    template = Sandbox().from_string("{{ f.__globals__.keys() }}")
    with pytest.raises(SecurityError):
        template.render(f=_function)
    env = Sandbox()
    assert env.from_string("{{ o.name }}{{ o.name }}").render(o=_Plain()) == "plainplain"
    assert env.from_string("{{ o.__class__ }}").render(o=_Plain()) == ""  # undefined, as in Jinja's sandbox
