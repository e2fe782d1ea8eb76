"""Checking a create or update body against a resource's fields (hand-written, no jsonschema)."""

from __future__ import annotations

from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.errors import ApiError, unprocessable
from flexie.testing.fields import FieldValueError, coerce
from flexie.testing.schema import SYSTEM_KEYS


def require_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise unprocessable("The body must be a JSON object of field values keyed by alias.")
    return body


def validate_values(collection: Collection, body: Any, *, creating: bool) -> dict[str, Any]:
    """The stored values for `body`, or a 422 naming every offending alias.

    On create every required field needs a value (or a default); on update a required field
    cannot be cleared. Unknown aliases, read-only keys and values of the wrong type are refused.
    Passwords are checked, then dropped: they are never stored or returned.
    """
    body = require_object(body)
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    by_alias = collection.by_alias
    for alias, raw in body.items():
        fdef = by_alias.get(alias)
        if fdef is None:
            problems[alias] = "is read-only" if alias in SYSTEM_KEYS else "is not a field of this resource"
            continue
        if fdef.readonly:
            problems[alias] = "is read-only"
            continue
        try:
            value = coerce(fdef, raw)
        except FieldValueError as exc:
            problems[alias] = str(exc)
            continue
        if fdef.required and (value is None or value == "" or value == []):
            problems[alias] = "is required and cannot be empty"
            continue
        if fdef.type != "password":
            values[alias] = value
    if creating:
        for fdef in collection.fields:
            if fdef.required and fdef.alias not in body and fdef.default_value is None:
                problems.setdefault(fdef.alias, "is required")
    if problems:
        raise ApiError(422, _summary(problems), fields=problems)
    return values


def _summary(problems: dict[str, str]) -> str:
    first = next(iter(problems))
    more = len(problems) - 1
    tail = f" (and {more} more)" if more else ""
    return f"Validation failed: {first} {problems[first]}{tail}."
