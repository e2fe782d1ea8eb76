"""Field values on the wire, by field type: checks and conversions in both directions.

``serialize`` turns a Python value into what the API expects (or raises :class:`BadValue` with the
reason); ``parse`` turns a server value into a Python value, leaving anything it does not
understand as received. Dates and date-times travel as UTC strings.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ._scalars import as_id, read_bool, read_int, read_number
from .errors import InvalidArgumentError

__all__ = ["TEXT_TYPES", "BadValue", "jsonable", "parse", "serialize", "utc_iso"]

TEXT_TYPES = frozenset({"text", "textarea", "email", "phone", "url", "country", "region", "timezone", "locale"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
_UTC = dt.timezone.utc


class BadValue(Exception):
    """Why a value cannot be right for a field type (completed into a FieldValueError by the caller)."""


# ----------------------------------------------------------------------------- Python -> wire


def _text(value: Any, field_type: str) -> str:
    if not isinstance(value, str):
        raise BadValue("must be a string")
    if field_type == "email" and value and not _EMAIL.match(value):
        raise BadValue("is not an email address")
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise BadValue("must be a number, not a boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float) or is_decimal(value):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise BadValue("must be a number") from None
    else:
        raise BadValue("must be a number")
    if math.isnan(number) or math.isinf(number):
        raise BadValue("must be a finite number")
    return int(number) if number.is_integer() and not isinstance(value, float) else number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise BadValue("must be True or False")


def _choice(value: Any, values: Sequence[str], labels: Sequence[str]) -> str:
    if not isinstance(value, str):
        raise BadValue("must be a string (one of the field's choices)")
    if not values or value in values:
        return value
    if value in labels:  # a choice's label is accepted and sent as its value
        return values[list(labels).index(value)]
    raise BadValue(f"is not one of the choices {list(values)}")


def _multichoice(value: Any, values: Sequence[str], labels: Sequence[str]) -> list[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | set | frozenset):
        raise BadValue("must be a list of choices")
    return [_choice(item, values, labels) for item in value]


def _lookup(value: Any) -> int:
    try:
        return as_id(value, "the related record's id")  # a Record stands for its id
    except InvalidArgumentError as exc:
        raise BadValue(f"must be the id of the related record ({exc})") from None


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        raise BadValue("must be a date, not a datetime (use .date())")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise BadValue("must be a date or an ISO date string (YYYY-MM-DD)") from None
    raise BadValue("must be a datetime.date")


def _datetime(value: Any) -> str:
    if isinstance(value, str):
        value = _parse_datetime_text(value, naive_ok=False)
        if value is None:
            raise BadValue("must be an ISO 8601 date-time with a UTC offset")
    if not isinstance(value, dt.datetime):
        raise BadValue("must be a timezone-aware datetime.datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadValue("is naive; pass a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)")
    return utc_iso(value)


def utc_iso(value: dt.datetime) -> str:
    """An aware datetime as the API writes them: UTC, whole seconds, ``2026-06-23T14:00:00+00:00``."""
    return value.astimezone(_UTC).replace(microsecond=0).isoformat()


def _time(value: Any) -> str:
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(value, str) and _TIME.match(value):
        return value
    raise BadValue("must be a datetime.time or HH:MM[:SS]")


def _plain(value: Any) -> Any:
    """A field type this library does not know: anything JSON can carry goes through unchanged."""
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    raise BadValue("cannot be sent as JSON")


def serialize(field_type: str, value: Any, choices: Sequence[str] = (), labels: Sequence[str] = ()) -> Any:
    if field_type in TEXT_TYPES:
        return _text(value, field_type)
    if field_type == "number":
        return _number(value)
    if field_type == "boolean":
        return _boolean(value)
    if field_type == "select":
        return _choice(value, choices, labels)
    if field_type == "multiselect":
        return _multichoice(value, choices, labels)
    if field_type == "lookup":
        return _lookup(value)
    if field_type == "date":
        return _date(value)
    if field_type == "datetime":
        return _datetime(value)
    if field_type == "time":
        return _time(value)
    return _plain(value)


def jsonable(value: Any, where: str) -> Any:
    """A value sent without a field to check it against: JSON types as they are, dates and aware
    datetimes as the API's strings (UTC), decimals as floats; anything else is refused."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) or is_decimal(value):
        return float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise InvalidArgumentError(f"{where}: datetimes must be timezone-aware, got {value!r}")
        return utc_iso(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v, where) for v in value]
    raise InvalidArgumentError(f"{where}: {type(value).__name__} values cannot be sent as JSON")


# ----------------------------------------------------------------------------- wire -> Python


def _parse_datetime_text(text: str, *, naive_ok: bool = True) -> dt.datetime | None:
    from dateutil.parser import isoparse  # imported on first use: it costs ~20 ms

    try:
        parsed = isoparse(text.strip())
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        if not naive_ok:
            return None
        parsed = parsed.replace(tzinfo=_UTC)  # the API's dates are UTC
    return parsed


def _to_number(value: Any) -> Any:
    number = read_number(value)
    return value if number is None else number


def _to_boolean(value: Any) -> Any:
    flag = read_bool(value)
    return value if flag is None else flag


def _to_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def _to_datetime(value: Any) -> Any:
    if isinstance(value, str):
        parsed = _parse_datetime_text(value)
        return parsed.astimezone(_UTC) if parsed is not None else value
    return value


def _to_time(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            return value
    return value


def _to_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in value.split("|") if part] if value else []
    return value


def _to_lookup(value: Any) -> Any:
    record_id = read_int(value) if isinstance(value, str) else None
    return value if record_id is None else record_id


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "number": _to_number,
    "boolean": _to_boolean,
    "date": _to_date,
    "datetime": _to_datetime,
    "time": _to_time,
    "multiselect": _to_list,
    "lookup": _to_lookup,
}


def parse(field_type: str, value: Any) -> Any:
    parser = _PARSERS.get(field_type)
    if parser is None or value is None:
        return value
    try:
        return parser(value)
    except (ValueError, TypeError, OverflowError):
        return value


def is_decimal(value: Any) -> bool:
    """A decimal.Decimal, without importing decimal: if a caller has one, the module is loaded."""
    module = sys.modules.get("decimal")
    return module is not None and isinstance(value, module.Decimal)
