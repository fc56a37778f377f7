"""Building blocks shared by every data file's model: ids, financial years, money, the base class."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from site_gen.not_stated import IN_SENTENCE, NotStated
from site_gen.years import normalise_id, normalise_year

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COLUMN_ID_PATTERN = r"^[a-z0-9]+([/-][a-z0-9]+)*$"


def _takes_text(annotation: Any) -> bool:
    """Whether a field's type accepts text: a value not stated in the plan can stand in any such field."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is Literal:
        return False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, Annotated):
        return any(_takes_text(arg) for arg in typing.get_args(annotation))
    return False


def _list_of_text(annotation: Any) -> bool:
    """Whether a field is a list whose items accept text (a table row's cells, a list of notes)."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    for option in typing.get_args(annotation) if union else (annotation,):
        if typing.get_origin(option) is list and typing.get_args(option) and _takes_text(typing.get_args(option)[0]):
            return True
    return False


class Strict(BaseModel):
    """Unknown fields are mistakes, not extras: every model forbids them.

    Any field that holds text may be recorded as not stated in the plan (see site_gen.not_stated), and so may
    the figures a model names in NOT_STATED_FIGURES; an optional field of another kind recorded so is left
    empty. What the plan does not state is kept in the model as a NotStated, never replaced by an invented
    value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Fields holding a figure, or text of a set form such as a version, that a plan may leave out; the checks
    # that use them skip such a value.
    NOT_STATED_FIGURES: ClassVar[frozenset[str]] = frozenset()
    # Fields always shown after their own name ("version 3"): not stated reads "not stated" there.
    NOT_STATED_IN_SENTENCE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="wrap")
    @classmethod
    def _keep_not_stated(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict) or not any(
                isinstance(v, NotStated) or (isinstance(v, list) and any(isinstance(i, NotStated) for i in v))
                for v in data.values()):
            return handler(data)
        names = {(info.alias or name): name for name, info in cls.model_fields.items()}
        given, kept, items = dict(data), {}, {}
        for key, value in data.items():
            info = cls.model_fields.get(names.get(key, ""))
            if info is None:
                continue  # an unknown field: pydantic says so
            name = names[key]
            if isinstance(value, NotStated):
                if name in cls.NOT_STATED_FIGURES:  # read as a figure (or a version), then put back as not stated
                    given[key], kept[name] = ("0" if _takes_text(info.annotation) else 0), value
                elif _takes_text(info.annotation):
                    kept[name] = value
                elif not info.is_required():
                    del given[key]  # left empty, and the not-stated warning still says so
            elif isinstance(value, list) and _list_of_text(info.annotation):
                items[name] = {i: v for i, v in enumerate(value) if isinstance(v, NotStated)}
        model = handler(given)
        for name, value in kept.items():
            if name in cls.NOT_STATED_IN_SENTENCE:
                value = NotStated(value.printed, IN_SENTENCE)
            # An amount of money keeps its shape (amount and unit), so pages show it like any other.
            object.__setattr__(model, name, Money(value) if isinstance(getattr(model, name), Money) else value)
        for name, marks in items.items():
            held = getattr(model, name)
            for index, value in marks.items():
                held[index] = value
        return model


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]

_EMAIL = re.compile(r"[^@\s\"'<>(),;:]+@[^@\s\"'<>(),;:]+\.[A-Za-z]{2,}")
# A web address with a scheme, or a path within the site; "javascript:" and the like never.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value.strip()):
        raise PydanticCustomError(
            "email", "'{value}' is not an email address. Write it like communications@example.nhs.uk",
            {"value": value})
    return value.strip()


# Characters that are never typed on purpose into a one-line name or an address, and that a browser or a
# text layout engine treats specially: C0 controls with line breaks and tabs, DEL and C1 controls (a browser
# drops a leading \x01, so "\x01javascript:" becomes a script link), and the controls that reverse the
# direction of text, which can make a name read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Markup characters: names, titles and settings are shown as text, never as HTML.
_MARKUP = re.compile(r"[<>]")


def _plain_text(value: str) -> str:
    """A name, title or setting that is shown as text: no control characters and no markup."""
    bad = _CONTROL.search(value)
    if bad:
        raise PydanticCustomError(
            "plain_text", "This text holds a control character (U+{code}), which cannot be shown. Retype it "
            "without copying from another program.", {"code": f"{ord(bad.group(0)):04X}"})
    markup = _MARKUP.search(value)
    if markup:
        raise PydanticCustomError(
            "plain_text", "This text holds '{char}', which would be read as the start or end of HTML. Write it "
            "in words (such as 'less than'), or leave it out.", {"char": markup.group(0)})
    return value


def _link(value: str) -> str:
    text = value.strip()
    scheme = _SCHEME.match(text)
    if (scheme and scheme.group(1).lower() not in ("http", "https") or _CONTROL.search(text)
            or any(c.isspace() or c in "<>\"\\" for c in text)):
        raise PydanticCustomError(
            "link", "'{value}' is not a web address a reader can follow. Write it like "
            "https://www.example.nhs.uk/page, or a file's path in the site", {"value": value})
    return text


def _file_path(value: str) -> str:
    # Found by fuzzing: a name no file system can hold (a part over 255 bytes, or a NUL) made the approval guard's
    # Path.is_file() raise OSError ("File name too long") out of the check. Refused here, where the plan is read.
    if "\0" in value or any(len(part.encode()) > 255 for part in value.split("/")):
        raise PydanticCustomError(
            "file_path", "'{value}' cannot be the name of a file. Write the file's path in the plan's folder, "
            "like approvals/version-1.0.json", {"value": value[:60] + ("..." if len(value) > 60 else "")})
    return value


EmailAddress = Annotated[str, AfterValidator(_email)]
PlainText = Annotated[str, StringConstraints(min_length=1), AfterValidator(_plain_text)]
WebLink = Annotated[str, AfterValidator(_link)]
FilePath = Annotated[str, AfterValidator(_file_path)]


def _year(value: Any) -> str:
    if isinstance(value, str):
        year = normalise_year(value)
        if year:
            return year
    raise PydanticCustomError(
        "financial_year", "'{value}' is not a financial year. Write it like 2013/14.", {"value": value})


def _column_id(value: Any) -> Any:
    return normalise_id(value) if isinstance(value, str) else value


def _signed_column_id(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("-"):
        return "-" + normalise_id(value[1:])
    return normalise_id(value) if isinstance(value, str) else value


SignedColumnId = Annotated[str, BeforeValidator(_signed_column_id)]

FinancialYear = Annotated[
    str, BeforeValidator(_year), WithJsonSchema({"type": "string", "pattern": r"^\d{4}/\d{2}$", "examples": ["2013/14"]})]
ColumnId = Annotated[str, BeforeValidator(_column_id), StringConstraints(pattern=COLUMN_ID_PATTERN)]

MoneyUnit = Literal["£", "£000", "£m"]


def _not_yes_no(value: Any) -> Any:
    # Pydantic would read true as 1; in a plan, true where a figure belongs is a mistake.
    if isinstance(value, bool):
        raise PydanticCustomError("number_not_bool", "Expected a number here, not true or false.")
    return value


# Far beyond any figure in a plan (a thousand trillion pounds), and finer than any it types: such a
# value is a slip, and would only overflow the arithmetic.
LARGEST = Decimal(10) ** 15
FINEST_PLACES = 6


def _sensible(value: Decimal | int) -> Decimal | int:
    if abs(value) >= LARGEST:
        raise PydanticCustomError("number_range", "{value} is far larger than any figure in a plan.", {"value": value})
    if isinstance(value, Decimal) and -value.as_tuple().exponent > FINEST_PLACES:
        raise PydanticCustomError(
            "number_range", "{value} has more than {places} decimal places.", {"value": value, "places": FINEST_PLACES})
    return value


Number = Annotated[Decimal | int, BeforeValidator(_not_yes_no), AfterValidator(_sensible)]
WholeNumber = Annotated[int, BeforeValidator(_not_yes_no), AfterValidator(_sensible)]


def _period_text(value: Any) -> Any:
    # A period written as a bare year (2013) is still a period, not a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


PeriodText = Annotated[str, BeforeValidator(_period_text), StringConstraints(min_length=1)]

Rating = Literal["red", "red-amber", "amber", "green"]

_MONEY_TEXT = re.compile(r"£\s*(?P<amount>-?[0-9][0-9,]*(\.[0-9]+)?)\s*(?P<suffix>bn|m|k|million|thousand|billion)?", re.I)
_SUFFIX_UNIT = {"m": "£m", "million": "£m", "k": "£000", "thousand": "£000"}


@dataclass(frozen=True)
class Money:
    """An amount with its unit; unit None means 'the unit declared for the file'."""

    amount: Decimal
    unit: str | None = None
    unit_missing: bool = False  # typed as £ and a small number with no m or k: which unit was meant?

    def __str__(self) -> str:
        return f"{self.amount} {self.unit or ''}".strip()


def _money(value: Any) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("money", "Expected an amount of money, not yes/no.")
    if isinstance(value, (int, Decimal)):
        return Money(Decimal(value))
    if isinstance(value, str):
        match = _MONEY_TEXT.fullmatch(value.strip())
        if match:
            amount = Decimal(match["amount"].replace(",", ""))
            suffix = (match["suffix"] or "").lower()
            if suffix in ("bn", "billion"):
                return Money(amount * 1000, "£m")
            if suffix:
                return Money(amount, _SUFFIX_UNIT[suffix])
            if "," in match["amount"] or amount >= 1000:
                return Money(amount, "£")
            return Money(amount, None, unit_missing=True)
    raise PydanticCustomError(
        "money", "'{value}' is not an amount of money. Write a number, or text such as £0.8m.", {"value": value})


def _sensible_money(value: Money) -> Money:
    _sensible(value.amount)
    return value


MoneyValue = Annotated[
    Money,
    BeforeValidator(_money),
    AfterValidator(_sensible_money),
    PlainSerializer(lambda m: str(m)),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^£\s*-?[0-9][0-9,]*(\.[0-9]+)?\s*(m|k|bn|million|thousand|billion)?$"}]}),
]
