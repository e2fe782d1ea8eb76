"""Field definitions and the wire format of each field type.

A record is a flat dict keyed by field alias. Values are stored already in wire form, so that a
record is served without conversion and values of one field sort correctly with plain comparison:

- text-ish types (text, textarea, email, phone, url, country, region, timezone, locale, select): str
- number: int or float; boolean: bool; lookup: positive int; multiselect: list of str
- date: `YYYY-MM-DD`; time: `HH:MM:SS`; datetime: `YYYY-MM-DDTHH:MM:SS+00:00` (always UTC)

Input is more lenient (see `coerce`). Types a future release adds are stored as given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

PUBLIC_TYPES = (
    "text",
    "textarea",
    "email",
    "phone",
    "url",
    "number",
    "boolean",
    "select",
    "multiselect",
    "lookup",
    "country",
    "region",
    "timezone",
    "locale",
    "date",
    "datetime",
    "time",
)
# Only on fixed-shape resources, never served by `list/fields`:
# `minute` is a UTC datetime written `YYYY-MM-DD HH:MM` (tasks' due_date, as the spec says);
# `integer` is a whole number >= 0; `raw` is any JSON value; `password` is accepted on input and
# never stored or returned.
INTERNAL_TYPES = ("minute", "integer", "raw", "password")

TEXTISH = frozenset({"text", "textarea", "email", "phone", "url", "country", "region", "timezone", "locale", "select"})
SEARCHABLE = TEXTISH | {"multiselect"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./\-]{3,}(?:\s*(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://)?[^\s/]+\.[^\s]+$", re.IGNORECASE)
_LOCALE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


class FieldValueError(ValueError):
    """A value that does not fit its field; the message goes to `error.fields[alias]`."""


@dataclass
class FieldDef:
    alias: str
    label: str
    type: str
    category: str | None = "core"
    required: bool = False
    published: bool = True
    unique: bool = False
    custom: bool = False
    default_value: Any = None
    choices: tuple[tuple[str, str], ...] = ()
    order: int = 0
    id: int = 0
    readonly: bool = False
    choice_values: frozenset[str] = field(default_factory=frozenset, repr=False)

    def __post_init__(self) -> None:
        self.choice_values = frozenset(value for value, _ in self.choices)

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "alias": self.alias,
            "label": self.label,
            "type": self.type,
            "category": self.category,
            "required": self.required,
            "published": self.published,
            "unique": self.unique,
            "custom": self.custom,
            "default_value": self.default_value,
            "choices": [{"value": value, "label": label} for value, label in self.choices],
            "order": self.order,
        }


def field_from_dict(data: Mapping[str, Any], *, custom: bool, field_id: int, order: int) -> FieldDef:
    """Build a field from the spec's `field` shape; choices may be plain strings. ValueError if bad."""
    if not isinstance(data, Mapping):
        raise ValueError("a field must be an object")
    alias = data.get("alias")
    if not isinstance(alias, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", alias):
        raise ValueError(f"invalid field alias {alias!r}")
    if alias in ("id", "date_added", "date_modified"):
        raise ValueError(f"{alias!r} is a system key, not a field")
    ftype = data.get("type", "text")
    if not isinstance(ftype, str) or not ftype:
        raise ValueError(f"field {alias}: invalid type {ftype!r}")
    label = data.get("label") or alias.replace("_", " ").capitalize()
    choices: list[tuple[str, str]] = []
    for choice in data.get("choices") or ():
        if isinstance(choice, Mapping) and "value" in choice:
            choices.append((str(choice["value"]), str(choice.get("label", choice["value"]))))
        elif isinstance(choice, (str, int, float)) and not isinstance(choice, bool):
            choices.append((str(choice), str(choice)))
        else:
            raise ValueError(f"field {alias}: invalid choice {choice!r}")
    category = data.get("category", "core" if not custom else "custom")
    fdef = FieldDef(
        alias=alias,
        label=str(label),
        type=ftype,
        category=None if category is None else str(category),
        required=bool(data.get("required", False)),
        published=bool(data.get("published", True)),
        unique=bool(data.get("unique", False)),
        custom=bool(data.get("custom", custom)),
        choices=tuple(choices),
        order=int(data.get("order", order)),
        id=field_id,
    )
    default = data.get("default_value")
    if default is not None:
        try:
            fdef.default_value = coerce(fdef, default)
        except FieldValueError as exc:
            raise ValueError(f"field {alias}: default_value: {exc}") from None
    return fdef


# --- dates and times ------------------------------------------------------------------------


def format_datetime(moment: datetime) -> str:
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def now_utc() -> str:
    return format_datetime(datetime.now(timezone.utc))


def parse_datetime(value: str) -> datetime:
    """ISO 8601 with any offset (to UTC), naive ISO (taken as UTC), `YYYY-MM-DD HH:MM[:SS]`."""
    match = _DATETIME.match(value.strip())
    if not match:
        raise FieldValueError("must be a date-time such as 2026-06-23T14:00:00+00:00")
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        raise FieldValueError("is not a valid date-time") from None
    if offset and offset not in ("Z", "z"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        moment = moment - sign * delta
    return moment.replace(tzinfo=timezone.utc)


def parse_date(value: str) -> str:
    match = _DATE.match(value.strip())
    if not match:
        raise FieldValueError("must be a date written YYYY-MM-DD")
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        raise FieldValueError("is not a valid date") from None


def parse_time(value: str) -> str:
    match = _TIME.match(value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise FieldValueError("must be a time written HH:MM or HH:MM:SS")
    return f"{match[1]}:{match[2]}:{match[3] or '00'}"


def is_date_only(value: Any) -> bool:
    return isinstance(value, str) and _DATE.match(value.strip()) is not None


# --- coercion ---------------------------------------------------------------------------------


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise FieldValueError("must be a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FieldValueError("must be a finite number")
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            raise FieldValueError("must be a number") from None
        if not math.isfinite(number):
            raise FieldValueError("must be a finite number")
        return number
    raise FieldValueError("must be a number")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("0", "1", "true", "false"):
        return value.strip().lower() in ("1", "true")
    raise FieldValueError("must be true or false (or 1/0)")


def _lookup(value: Any) -> int:
    if isinstance(value, bool):
        raise FieldValueError("must be the positive integer id of a record")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and value >= 1:
        return value
    raise FieldValueError("must be the positive integer id of a record")


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise FieldValueError("must be a string")


def _choice(fdef: FieldDef, value: Any) -> str:
    text = _string(value)
    if fdef.choice_values and text not in fdef.choice_values:
        allowed = ", ".join(sorted(fdef.choice_values))
        raise FieldValueError(f"must be one of: {allowed}")
    return text


def coerce(fdef: FieldDef, value: Any) -> Any:
    """The stored (wire) form of `value` for this field, or FieldValueError. None clears."""
    if value is None:
        return None
    ftype = fdef.type
    if ftype in ("text", "textarea", "country", "region", "timezone"):
        return _string(value)
    if ftype == "email":
        text = _string(value).strip()
        if not _EMAIL.match(text):
            raise FieldValueError("must be an email address")
        return text
    if ftype == "phone":
        text = _string(value).strip()
        if not _PHONE.match(text):
            raise FieldValueError("must be a phone number")
        return text
    if ftype == "url":
        text = _string(value).strip()
        if not _URL.match(text):
            raise FieldValueError("must be a URL")
        return text
    if ftype == "locale":
        text = _string(value).strip()
        if not _LOCALE.match(text):
            raise FieldValueError("must be a locale such as en_US")
        return text
    if ftype == "number":
        return _number(value)
    if ftype == "boolean":
        return _boolean(value)
    if ftype == "select":
        return _choice(fdef, value)
    if ftype == "multiselect":
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            raise FieldValueError("must be a list of choice values")
        chosen: list[str] = []
        for item in value:
            text = _choice(fdef, item)
            if text not in chosen:
                chosen.append(text)
        return chosen
    if ftype == "lookup":
        return _lookup(value)
    if ftype == "integer":
        number = _number(value)
        if not isinstance(number, int) or number < 0:
            raise FieldValueError("must be a whole number, 0 or more")
        return number
    if ftype == "date":
        return parse_date(_date_text(value))
    if ftype == "datetime":
        return format_datetime(parse_datetime(_date_text(value)))
    if ftype == "minute":
        return parse_datetime(_date_text(value)).strftime("%Y-%m-%d %H:%M")
    if ftype == "time":
        return parse_time(_date_text(value))
    if ftype == "password":
        text = _string(value)
        if len(text) < 6:
            raise FieldValueError("must be at least 6 characters long")
        return text
    return value


def _date_text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldValueError("must be a string")
    return value


def choices_of(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)
