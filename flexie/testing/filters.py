"""Filters of filtered lists (`dynamic-grid-filter`), compiled to predicates over records.

Comparison follows the field's own type, whatever `type` the filter names: numbers numerically,
dates and date-times chronologically (a date-only bound on a date-time field covers the whole UTC
day), text case-insensitively unless `strict`. `like`/`contains` are substring matches that
`starts`, `ends` and `strict` narrow. Following the vendor (Mautic) convention, `neq`,
`not_contains` and `notIn` also match records where the field is empty; every other comparison
skips them. `isNull` matches null, "" and [].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.errors import ApiError, bad_request
from flexie.testing.fields import TEXTISH, FieldDef, FieldValueError, coerce, is_date_only

Predicate = Callable[[dict[str, Any]], bool]

FILTER_TYPES = frozenset(
    {"boolean", "number", "text", "select", "selectIn", "country", "region", "timezone"}
    | {"datetime", "date", "time", "url", "lookup"}
)
OPERATORS = frozenset(
    {"eq", "neq", "gt", "gte", "lt", "lte", "like", "contains", "not_contains", "starts_with", "ends_with"}
    | {"between", "in", "notIn", "isNull", "isNotNull"}
)
SUBSTRING = frozenset({"like", "contains", "not_contains", "starts_with", "ends_with"})
ORDERED = frozenset({"gt", "gte", "lt", "lte"})


def validate_filter(item: Any, position: int) -> None:
    """Structural checks (400): the shape the spec gives `dynamic-grid-filter` and `filter-value`."""
    where = f"filters[{position}]"
    if not isinstance(item, dict):
        raise bad_request(f"{where} must be an object.")
    if not isinstance(item.get("alias"), str) or not item["alias"]:
        raise bad_request(f"{where}.alias must be a non-empty string.")
    if item.get("type") not in FILTER_TYPES:
        raise bad_request(f"{where}.type must be one of: {', '.join(sorted(FILTER_TYPES))}.")
    for flag in ("strict", "starts", "ends"):
        if flag in item and item[flag] is not None and not isinstance(item[flag], bool):
            raise bad_request(f"{where}.{flag} must be a boolean.")
    value = item.get("value")
    if not isinstance(value, dict):
        raise bad_request(f"{where}.value must be an object.")
    operator = value.get("operator")
    if operator not in OPERATORS:
        raise bad_request(f"{where}.value.operator must be one of: {', '.join(sorted(OPERATORS))}.")
    if operator == "between":
        if value.get("from") is None or value.get("to") is None:
            raise bad_request(f"{where}: between needs both value.from and value.to.")
    elif operator in ("in", "notIn"):
        if not isinstance(value.get("input"), list):
            raise bad_request(f"{where}: {operator} needs a list in value.input.")
    elif (
        operator not in ("isNull", "isNotNull")
        and value.get("input") is None
        and not (operator in ("eq", "neq") and isinstance(value.get("id"), int))
    ):
        raise bad_request(f"{where}: {operator} needs value.input.")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _fold(value: Any, fold: bool) -> Any:
    return value.casefold() if fold and isinstance(value, str) else value


def compile_filter(collection: Collection, item: dict[str, Any], strict_aliases: bool) -> Predicate:
    alias: str = item["alias"]
    ftype = collection.field_type(alias)
    if ftype is None:
        if strict_aliases:
            raise ApiError(
                422,
                f"Cannot filter on {alias!r}: not a field of this resource.",
                fields={alias: "is not a field of this resource"},
            )
        ftype = "text"  # a key these records do not carry: every value is null
    value: dict[str, Any] = item["value"]
    operator: str = value["operator"]
    strict = bool(item.get("strict"))
    textual = ftype in TEXTISH or ftype == "multiselect"
    fold = textual and not strict
    multi = ftype == "multiselect"

    def get(record: dict[str, Any]) -> Any:
        return record.get(alias)

    if operator == "isNull":
        return lambda record: _empty(get(record))
    if operator == "isNotNull":
        return lambda record: not _empty(get(record))
    if operator in SUBSTRING:
        return _substring(alias, operator, item, value.get("input"))

    def target(raw: Any, bound: str = "") -> Any:
        return _fold(_coerce_input(alias, ftype, raw, bound), fold)

    if operator in ("eq", "neq"):
        raw = value.get("input") if value.get("input") is not None else value.get("id")
        negate = operator == "neq"
        if ftype == "datetime" and is_date_only(raw):
            day = _coerce_input(alias, "date", raw)
            return lambda record: (isinstance(get(record), str) and get(record)[:10] == day) != negate
        wanted = target(raw)
        if multi:
            return lambda record: (wanted in [_fold(v, fold) for v in get(record) or ()]) != negate
        if negate:
            return lambda record: _empty(get(record)) or _fold(get(record), fold) != wanted
        return lambda record: not _empty(get(record)) and _fold(get(record), fold) == wanted

    if operator in ORDERED or operator == "between":
        if operator == "between":
            low, high = target(value["from"], "low"), target(value["to"], "high")
            checks = [(low, True, True), (high, False, True)]
        else:
            bound = "low" if operator in ("gte", "lt") else "high"
            checks = [(target(value["input"], bound), operator in ("gt", "gte"), operator in ("gte", "lte"))]

        def ordered(record: dict[str, Any]) -> bool:
            current = get(record)
            if _empty(current):
                return False
            current = _fold(current, fold)
            try:
                for limit, above, inclusive in checks:
                    if above and not (current > limit or (inclusive and current == limit)):
                        return False
                    if not above and not (current < limit or (inclusive and current == limit)):
                        return False
            except TypeError:
                return False
            return True

        return ordered

    # in / notIn
    wanted_set = [target(raw) for raw in value["input"]]
    negate = operator == "notIn"

    def member(record: dict[str, Any]) -> bool:
        current = get(record)
        if _empty(current):
            return negate
        hit = any(_fold(v, fold) in wanted_set for v in current) if multi else _fold(current, fold) in wanted_set
        return hit != negate

    return member


def _coerce_input(alias: str, ftype: str, raw: Any, bound: str = "") -> Any:
    """A filter input in the stored form of the field's type (choices are not enforced)."""
    if ftype == "multiselect" or ftype == "select":
        ftype = "text"
    if ftype == "raw":
        return raw
    if ftype == "datetime" and bound and is_date_only(raw):
        raw = f"{raw}T00:00:00" if bound == "low" else f"{raw}T23:59:59"
    probe = FieldDef(alias=alias, label=alias, type="integer" if alias == "id" else ftype)
    try:
        coerced = coerce(probe, raw)
    except FieldValueError as exc:
        raise ApiError(422, f"Invalid filter input for {alias!r}: {exc}.", fields={alias: str(exc)}) from None
    if coerced is None:
        raise ApiError(422, f"Invalid filter input for {alias!r}.", fields={alias: "needs a value"})
    return coerced


def _substring(alias: str, operator: str, item: dict[str, Any], raw: Any) -> Predicate:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise ApiError(422, f"Invalid filter input for {alias!r}.", fields={alias: "must be a string"})
    strict = bool(item.get("strict"))
    starts = bool(item.get("starts")) or operator == "starts_with"
    ends = bool(item.get("ends")) or operator == "ends_with"
    needle = str(raw) if strict else str(raw).casefold()
    exact = strict and operator in ("like", "contains")

    def matches(text: str) -> bool:
        if not strict:
            text = text.casefold()
        if exact:
            return text == needle
        if starts and ends:
            return text == needle
        if starts:
            return text.startswith(needle)
        if ends:
            return text.endswith(needle)
        return needle in text

    def texts(value: Any) -> list[str]:
        if _empty(value):
            return []
        if isinstance(value, list):
            return [str(v) for v in value]
        if isinstance(value, bool):
            return ["1" if value else "0"]
        return [str(value)]

    if operator == "not_contains":
        return lambda record: not any(matches(text) for text in texts(record.get(alias)))
    return lambda record: any(matches(text) for text in texts(record.get(alias)))
