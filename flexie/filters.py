"""``F``: conditions in the API's filter language, checked against field types before sending.

::

    F("email").like("acme.com")
    F("amount") >= 1000
    F("close_date").between(date(2026, 1, 1), date(2026, 3, 31))
    F("status").in_(["New", "Qualify"])
    F("phone").is_null()

Pass them to ``filter()``; every condition must hold. The filter ``type`` comes from the field's
type when the schema is known (override it with ``F(name, type=...)``), and an operator the type
cannot take raises :class:`~flexie.errors.InvalidArgumentError` before any request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from ._values import BadValue, jsonable, serialize
from .errors import FieldValueError, InvalidArgumentError
from .fields import Field, FieldSchema

__all__ = ["FILTER_TYPES", "OPERATORS", "Condition", "F"]

# filter type of each field type
FILTER_TYPE_OF_FIELD = {
    "text": "text", "textarea": "text", "email": "text", "phone": "text", "locale": "text",
    "url": "url", "number": "number", "boolean": "boolean", "select": "select", "multiselect": "selectIn",
    "lookup": "lookup", "country": "country", "region": "region", "timezone": "timezone",
    "date": "date", "datetime": "datetime", "time": "time",
}  # fmt: skip
FILTER_TYPES = frozenset(
    {"boolean", "number", "text", "select", "selectIn", "country", "region", "timezone", "datetime", "date", "time",
     "url", "lookup"}
)  # fmt: skip

_NULLS = {"isNull", "isNotNull"}
_EQUALITY = {"eq", "neq"} | _NULLS
_ORDERED = _EQUALITY | {"gt", "gte", "lt", "lte", "between"}
_TEXTUAL = _EQUALITY | {"like", "contains", "not_contains", "starts_with", "ends_with", "in", "notIn"}
_CHOICE = _EQUALITY | {"in", "notIn"}
# which operators each filter type takes
OPERATORS: dict[str, frozenset[str]] = {
    "text": frozenset(_TEXTUAL),
    "url": frozenset(_TEXTUAL),
    "country": frozenset(_CHOICE | {"like"}),
    "region": frozenset(_CHOICE | {"like"}),
    "timezone": frozenset(_CHOICE | {"like"}),
    "number": frozenset(_ORDERED | {"in", "notIn"}),
    "date": frozenset(_ORDERED),
    "datetime": frozenset(_ORDERED),
    "time": frozenset(_ORDERED),
    "boolean": frozenset(_EQUALITY),
    "select": frozenset(_CHOICE),
    "selectIn": frozenset(_CHOICE | {"contains"}),
    "lookup": frozenset(_CHOICE),
}


@dataclass(frozen=True)
class Condition:
    """One condition on one field. Build it with :class:`F`."""

    name: str
    operator: str
    input: Any = None
    low: Any = None
    high: Any = None
    type: str | None = None
    strict: bool = False
    starts: bool = False
    ends: bool = False

    def to_wire(self, schema: FieldSchema | None = None, entity: str = "") -> dict[str, Any]:
        """The filter object the API takes, in the spec's ``dynamic-grid-filter`` shape."""
        field = schema.resolve(self.name) if schema is not None else None
        filter_type = self.type or (FILTER_TYPE_OF_FIELD.get(field.type, "text") if field else _guess(self))
        if filter_type not in FILTER_TYPES:
            raise InvalidArgumentError(f"unknown filter type {filter_type!r}; use one of {sorted(FILTER_TYPES)}")
        if self.operator not in OPERATORS[filter_type]:
            where = f"{field.alias} ({field.type})" if field else repr(self.name)
            raise InvalidArgumentError(
                f"{where} cannot be filtered with {self.operator!r}; a {filter_type} filter takes "
                f"{', '.join(sorted(OPERATORS[filter_type]))}"
            )
        value: dict[str, Any] = {"operator": self.operator}
        if self.operator == "between":
            value["from"] = self._value(self.low, field, entity)
            value["to"] = self._value(self.high, field, entity)
        elif self.operator in ("in", "notIn"):
            value["input"] = [self._value(v, field, entity) for v in self.input]
        elif self.operator not in _NULLS:
            value["input"] = self._value(self.input, field, entity)
        return {
            "type": filter_type,
            "alias": field.alias if field else self.name,
            "value": value,
            "strict": self.strict,
            "starts": self.starts,
            "ends": self.ends,
        }

    def _value(self, value: Any, field: Field | None, entity: str) -> Any:
        if field is None:
            return jsonable(value, f"filter on {self.name!r}")
        field_type = "select" if field.type == "multiselect" else field.type
        if field_type in ("email", "url") or self.operator in (
            "like",
            "contains",
            "not_contains",
            "starts_with",
            "ends_with",
        ):
            field_type = "text"  # a fragment of an address is not an address
        try:
            return serialize(field_type, value, field.choice_values, [c.label for c in field.choices])
        except BadValue as exc:
            raise FieldValueError(
                f"filter on {entity + '.' if entity else ''}{field.alias} ({field.type}) with {self.operator!r}: "
                f"{value!r} {exc}",
                entity=entity,
                name=self.name,
                field_type=field.type,
                value=value,
            ) from None


def _guess(condition: Condition) -> str:
    """Filter type from the value when no schema is at hand."""
    sample = condition.low if condition.operator == "between" else condition.input
    if isinstance(sample, list | tuple) and sample:
        sample = sample[0]
    if isinstance(sample, bool):
        return "boolean"
    if isinstance(sample, int | float):
        return "number"
    if isinstance(sample, dt.datetime):
        return "datetime"
    if isinstance(sample, dt.date):
        return "date"
    return "text"


class F:
    """A field to filter on: ``F("email").like("acme")``, ``F("amount") >= 1000``.

    ``name`` is an alias, a logical name or a label. ``type`` overrides the filter type the field's
    type implies. ``strict``, ``starts`` and ``ends`` are the API's text-matching flags.
    """

    __slots__ = ("_base",)

    def __init__(
        self, name: str, *, type: str | None = None, strict: bool = False, starts: bool = False, ends: bool = False
    ) -> None:
        if not isinstance(name, str) or not name:
            raise InvalidArgumentError(f"F() takes a field name, got {name!r}")
        self._base = Condition(name=name, operator="eq", type=type, strict=strict, starts=starts, ends=ends)

    def _op(self, operator: str, value: Any = None) -> Condition:
        return replace(self._base, operator=operator, input=value)

    def __eq__(self, value: object) -> Condition:  # type: ignore[override]
        return self._op("eq", value)

    def __ne__(self, value: object) -> Condition:  # type: ignore[override]
        return self._op("neq", value)

    def __gt__(self, value: Any) -> Condition:
        return self._op("gt", value)

    def __ge__(self, value: Any) -> Condition:
        return self._op("gte", value)

    def __lt__(self, value: Any) -> Condition:
        return self._op("lt", value)

    def __le__(self, value: Any) -> Condition:
        return self._op("lte", value)

    __hash__ = None  # type: ignore[assignment]

    def eq(self, value: Any) -> Condition:
        """Equal to ``value``; the same as ``F(name) == value``, for when ``==`` reads badly."""
        return self._op("eq", value)

    def neq(self, value: Any) -> Condition:
        """Not equal to ``value``, or empty; the same as ``F(name) != value``."""
        return self._op("neq", value)

    def like(self, text: str) -> Condition:
        """Contains ``text`` (the reference page's operator)."""
        return self._op("like", text)

    def contains(self, text: Any) -> Condition:
        """Contains ``text``; for a multiselect field, has the choice ``text``."""
        return self._op("contains", text)

    def not_contains(self, text: str) -> Condition:
        """Does not contain ``text``, or is empty."""
        return self._op("not_contains", text)

    def starts_with(self, text: str) -> Condition:
        """Starts with ``text``."""
        return self._op("starts_with", text)

    def ends_with(self, text: str) -> Condition:
        """Ends with ``text``."""
        return self._op("ends_with", text)

    def between(self, low: Any, high: Any) -> Condition:
        """Inclusive range: numbers, dates, date-times or times."""
        return replace(self._base, operator="between", low=low, high=high)

    def in_(self, values: Any) -> Condition:
        """Equal to one of ``values`` (a list); for a multiselect field, has one of them."""
        return self._op("in", _as_list(values, "in_"))

    def not_in(self, values: Any) -> Condition:
        """Equal to none of ``values`` (a list), or empty."""
        return self._op("notIn", _as_list(values, "not_in"))

    def is_null(self) -> Condition:
        """Empty: null, ``""`` or an empty list."""
        return self._op("isNull")

    def is_not_null(self) -> Condition:
        """Not empty."""
        return self._op("isNotNull")

    def __repr__(self) -> str:
        return f"F({self._base.name!r})"


def _as_list(values: Any, method: str) -> list[Any]:
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise InvalidArgumentError(f"F(...).{method}() takes a list of values, got {values!r}")
    return list(values)
