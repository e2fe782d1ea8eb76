"""Single values read without doubt: numbers, booleans and ids as a server or a caller may spell them.

A server of Flexie's lineage (Mautic, PHP) may send ``"total": "3"``, ``"id": "7"`` or
``"isPublished": "1"``. The ``read_*`` functions accept exactly the spellings that have one meaning
and return None for anything else, leaving the refusal (and its message) to the caller.
:func:`as_id` checks an id a caller passed to a method.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .errors import InvalidArgumentError

__all__ = ["as_id", "read_bool", "read_int", "read_number"]

# JSON's own number grammar, ASCII digits only ("٣".isdigit() is True, and "1_000" is a float for Python).
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?P<frac>\.[0-9]+)?(?P<exp>[eE][+-]?[0-9]+)?\Z")
_DIGITS = re.compile(r"[0-9]+\Z")
_EXACT_FLOAT_INT = 2**53  # beyond it a float no longer holds every whole number
_TRUE = frozenset({"1", "true"})
_FALSE = frozenset({"0", "false"})


def read_number(value: Any) -> int | float | None:
    """A JSON number, or a string spelling one (``"3"`` -> 3, ``"3.5"`` -> 3.5); None otherwise.

    Booleans, non-finite values, blanks and anything outside JSON's number grammar (``" 3"``,
    ``"1_000"``, ``"0x10"``, ``"NaN"``) are not numbers.
    """
    kind = type(value)
    if kind is int:
        return value  # type: ignore[no-any-return]
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is not str:
        return None
    match = _NUMBER.match(value)
    if match is None:
        return None
    if match["frac"] is None and match["exp"] is None:
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def read_int(value: Any) -> int | None:
    """A whole number, given as a JSON number or a string (``"7"``, ``7.0``, ``"7.0"``); None otherwise.

    ``"3.5"``, ``"abc"``, ``""`` and booleans are not whole numbers; neither is a float too large to
    hold its value exactly.
    """
    if type(value) is int:
        return value
    number = read_number(value)
    if number is None or isinstance(number, int):
        return number
    if number.is_integer() and abs(number) <= _EXACT_FLOAT_INT:
        return int(number)
    return None


def read_bool(value: Any) -> bool | None:
    """A boolean, or one spelled ``0``/``1``, ``"0"``/``"1"`` or ``"true"``/``"false"`` (any case); None otherwise."""
    if value is True or value is False:
        return value
    if type(value) is int:
        return bool(value) if value in (0, 1) else None
    if type(value) is str:
        folded = value.lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    return None


def as_id(value: Any, name: str = "id") -> int:
    """A record id given by a caller: a positive int, a string of decimal digits (``"7"``), or a Record.

    Anything else (``True``, ``7.0``, ``-1``, ``0``, ``"7a"``, ``" 7"``) raises
    :class:`~flexie.errors.InvalidArgumentError` naming ``name``; no request is sent.
    """
    if type(value) is int and value >= 1:
        return value
    if isinstance(value, str) and _DIGITS.match(value) and int(value) >= 1:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return int(value)  # an int subclass (IntEnum, numpy-free ints)
    from .records import Record  # only a Record gets this far with a chance

    if isinstance(value, Record):
        return value.id
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    raise InvalidArgumentError(f"{name} must be a positive whole number such as 42 or '42', got {shown}")
