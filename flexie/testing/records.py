"""Checking a create or update body against a resource's fields (hand-written, no jsonschema).

What happens to a key that is no field of the resource is the fake's `unknown_fields` setting:
"ignore" (the default: a Mautic-lineage server binds the fields it knows and drops the rest) or
"reject" (422 naming the key). Read-only keys and values of the wrong type are refused either
way. Ignored keys are reported back to the caller, which notes them in the request log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.errors import ApiError, unprocessable
from flexie.testing.fields import FieldValueError, coerce
from flexie.testing.schema import SYSTEM_KEYS


def require_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise unprocessable("The body must be a JSON object of field values keyed by alias.")
    return body


UNKNOWN_FIELDS = ("ignore", "reject")


def unknown_keys(body: dict[str, Any], known: Iterable[str], policy: str, ignored: list[str] | None, what: str) -> None:
    """Apply the unknown-fields policy to the keys of an options body (not field values):
    "reject" raises a 422 naming them, "ignore" adds them to `ignored`."""
    unknown = [key for key in body if key not in known]
    if not unknown:
        return
    if policy == "reject":
        raise unprocessable("Unknown option.", dict.fromkeys(unknown, f"is not an option of {what}"))
    if ignored is not None:
        ignored.extend(unknown)


def validate_values(
    collection: Collection,
    body: Any,
    *,
    creating: bool,
    unknown_fields: str = "reject",
    ignored: list[str] | None = None,
) -> dict[str, Any]:
    """The stored values for `body`, or a 422 naming every offending alias.

    On create every required field needs a value (or a default); on update a required field
    cannot be cleared. Read-only keys and values of the wrong type are refused. An alias that is
    no field of the resource is refused with unknown_fields="reject"; with "ignore" it is left
    out and added to `ignored`. Passwords are checked, then dropped: never stored or returned.
    """
    body = require_object(body)
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    by_alias = collection.by_alias
    for alias, raw in body.items():
        fdef = by_alias.get(alias)
        if fdef is None:
            if alias in SYSTEM_KEYS:
                problems[alias] = "is read-only"
            elif unknown_fields == "ignore":
                if ignored is not None:
                    ignored.append(alias)
            else:
                problems[alias] = "is not a field of this resource"
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
