"""``--where`` expressions: a small text syntax for :class:`flexie.F` conditions.

One condition per ``--where``; every condition must hold::

    FIELD OPERATOR [VALUE]

    email like acme.com              status = Qualified            amount >= 1000
    status in New,Qualify            points between 100..500       phone is_null
    close_date between 2026-01-01..2026-03-31                      "Customer tier" != Gold

FIELD is an alias, a logical name (``--field-alias``) or a label; quote it when it has spaces.
Operators (words are case-insensitive)::

    =  !=  >  >=  <  <=            equality and order (== works too)
    like  contains  not_contains   text fragments (like: contains, as the API defines it)
    starts_with  ends_with
    in  not_in                     a comma list: status in New,Qualify
    between                        inclusive range a..b: amount between 10..20
    is_null  is_not_null           no value (is null / is not null work too)

VALUE is the rest of the expression, stripped; quote it ('...' or "...") to keep spaces at its
ends or to force text (``zipcode = "10115"``). Values are typed by the field: for contacts, leads,
accounts, deals, cases and custom tables the field's type decides (true/false/yes/no/1/0 for
booleans; date-times without an offset are taken as UTC). For the other resources, which have no
field list, an unquoted whole number or decimal is a number and true/false is a boolean.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import flexie

__all__ = ["OPERATORS", "Where", "WhereSyntaxError", "conditions", "parse_where"]


class WhereSyntaxError(ValueError):
    """An expression that is not ``FIELD OPERATOR [VALUE]``."""


# operator as written -> method of F (None: the comparison operators)
_SYMBOLS = {"==": "eq", "!=": "neq", ">=": "gte", "<=": "lte", "=": "eq", ">": "gt", "<": "lt"}
_WORDS = {
    "like": "like",
    "contains": "contains",
    "not_contains": "not_contains",
    "starts_with": "starts_with",
    "ends_with": "ends_with",
    "in": "in",
    "not_in": "not_in",
    "between": "between",
    "is_null": "is_null",
    "is_not_null": "is_not_null",
    "is null": "is_null",
    "is not null": "is_not_null",
}
OPERATORS = ("=", "!=", ">", ">=", "<", "<=", *(w for w in _WORDS if " " not in w))
_NO_VALUE = {"is_null", "is_not_null"}
_WORD_OP = re.compile(
    r"(?P<op>is\s+not\s+null|is\s+null|is_not_null|is_null|not_contains|not_in|starts_with|ends_with|like|contains"
    r"|between|in)(?=\s|$)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


@dataclass(frozen=True)
class Value:
    """One value as written; ``quoted`` values are always text."""

    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Where:
    """A parsed expression: field name, operator (a method of F) and its values."""

    name: str
    op: str
    values: tuple[Value, ...] = ()


def _unquote(text: str) -> Value:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return Value(text[1:-1], quoted=True)
    return Value(text)


def parse_where(expression: str) -> Where:
    """``"amount >= 1000"`` -> ``Where("amount", "gte", (Value("1000"),))``; raises WhereSyntaxError."""
    text = expression.strip()
    if not text:
        raise WhereSyntaxError("empty condition; write FIELD OPERATOR VALUE, e.g. 'email like acme.com'")
    # the field: quoted, or up to a space or an operator symbol
    if text[0] in "'\"":
        end = text.find(text[0], 1)
        if end == -1:
            raise WhereSyntaxError(f"unclosed quote in {expression!r}")
        name, rest = text[1:end], text[end + 1 :]
    else:
        match = re.match(r"[^\s=!<>]+", text)
        if match is None:
            raise WhereSyntaxError(f"{expression!r} does not start with a field name")
        name, rest = match.group(0), text[match.end() :]
    if not name:
        raise WhereSyntaxError(f"empty field name in {expression!r}")
    rest = rest.lstrip()
    op: str | None = None
    for symbol, method in _SYMBOLS.items():  # longest symbols first
        if rest.startswith(symbol):
            op, rest = method, rest[len(symbol) :]
            break
    if op is None:
        word = _WORD_OP.match(rest)
        if word is None:
            shown = rest.split()[0] if rest.split() else "nothing"
            raise WhereSyntaxError(
                f"no operator in {expression!r} (found {shown!r} after {name!r}); use one of: {' '.join(OPERATORS)}"
            )
        op, rest = _WORDS[" ".join(word.group("op").lower().split())], rest[word.end() :]
    raw = rest.strip()
    if op in _NO_VALUE:
        if raw:
            raise WhereSyntaxError(f"{op} takes no value, got {raw!r} in {expression!r}")
        return Where(name, op)
    if not raw:
        raise WhereSyntaxError(f"{expression!r} has no value after the operator")
    if op in ("in", "not_in"):
        items = tuple(_unquote(part.strip()) for part in raw.split(",") if part.strip())
        if not items:
            raise WhereSyntaxError(f"{op} takes a comma list such as New,Qualify, got {raw!r}")
        return Where(name, op, items)
    if op == "between":
        low, sep, high = raw.partition("..")
        if not sep or not low.strip() or not high.strip() or ".." in high:
            raise WhereSyntaxError(f"between takes LOW..HIGH such as 10..20, got {raw!r}")
        return Where(name, op, (_unquote(low.strip()), _unquote(high.strip())))
    return Where(name, op, (_unquote(raw),))


# -- typing values --------------------------------------------------------------------------------


def _guess(value: Value) -> Any:
    """A value's Python type when no field type is known."""
    if value.quoted:
        return value.text
    lowered = value.text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if _NUMBER.match(value.text):
        number = float(value.text)
        return int(number) if re.fullmatch(r"[+-]?\d+", value.text) else number
    return value.text


_TEXTUAL_TYPES = frozenset(
    {"text", "textarea", "email", "phone", "url", "country", "region", "timezone", "locale", "select", "multiselect",
     "date", "time", "number", "lookup"}
)  # fmt: skip


def _typed(value: Value, field: flexie.Field | None) -> Any:
    """A value for a field: the library reads numbers, ids, dates and choices from text and explains bad ones."""
    if field is None:
        return _guess(value)
    if field.type == "boolean":
        flag = _BOOLEANS.get(value.text.strip().lower())
        return value.text if flag is None else flag
    if field.type == "datetime":
        return _utc_datetime(value.text)
    if field.type in _TEXTUAL_TYPES:
        return value.text
    return _guess(value)


def _utc_datetime(text: str) -> str:
    """A date-time without an offset is UTC; a bare date is midnight UTC."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"{text}T00:00:00+00:00"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?", text):
        return text.replace(" ", "T") + "+00:00"
    return text


_COMPARISONS: dict[str, Callable[[Any, Any], flexie.Condition]] = {
    "eq": operator.eq,
    "neq": operator.ne,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def to_condition(where: Where, schema: flexie.FieldSchema | None) -> flexie.Condition:
    """The F condition of a parsed expression, values typed by the field (when the schema knows it)."""
    field = schema.find(where.name) if schema is not None else None
    f = flexie.F(where.name)
    values = [_typed(v, field) for v in where.values]
    if where.op == "between":
        return f.between(values[0], values[1])
    if where.op == "in":
        return f.in_(values)
    if where.op == "not_in":
        return f.not_in(values)
    if where.op in _NO_VALUE:
        condition: flexie.Condition = getattr(f, where.op)()
        return condition
    if where.op in _COMPARISONS:
        return _COMPARISONS[where.op](f, values[0])
    result: flexie.Condition = getattr(f, where.op)(values[0])
    return result


def conditions(expressions: Sequence[str], schema: flexie.FieldSchema | None) -> list[flexie.Condition]:
    """Parse every ``--where``; syntax errors raise WhereSyntaxError, unknown fields surface when sent."""
    return [to_condition(parse_where(e), schema) for e in expressions]
