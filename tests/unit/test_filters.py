"""The filter builder produces the spec's filter JSON and refuses what a field type cannot take."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from flexie import F, Field, FieldSchema, FieldValueError, InvalidArgumentError
from flexie.fields import Choice
from flexie.filters import OPERATORS
from tests.conftest import REFERENCE, load_json

UTC = dt.timezone.utc
SCHEMA = FieldSchema(
    "deals",
    [
        Field("name", "Name", "text"),
        Field("email", "Email", "email"),
        Field("amount", "Amount", "number"),
        Field("close_date", "Close date", "date"),
        Field("last_seen", "Last seen", "datetime"),
        Field("won", "Won", "boolean"),
        Field("status", "Status", "select", choices=(Choice("New", "New"), Choice("Qualify", "Qualify"))),
        Field("tags", "Tags", "multiselect", choices=(Choice("x", "X"),)),
        Field("owner_id", "Owner", "lookup"),
        Field("website", "Website", "url"),
        Field("country", "Country", "country"),
        Field("opens", "Opens", "time"),
        Field("phone", "Phone", "phone"),
    ],
    {"value": "amount"},
)


def wire(condition: Any) -> dict[str, Any]:
    return condition.to_wire(SCHEMA, "deals")  # type: ignore[no-any-return]


def test_like_matches_the_reference_example_exactly() -> None:
    documented = load_json(REFERENCE / "flexie-endpoints.json")["endpoints"][4]["example_body"]["filters"][0]
    assert wire(F("email").like("acme.com")) == documented
    assert json.dumps(wire(F("email").like("acme.com"))) == json.dumps(documented)


@pytest.mark.parametrize(
    ("condition", "expected_type", "expected_value"),
    [
        (F("amount") >= 1000, "number", {"operator": "gte", "input": 1000}),
        (F("value") > 5, "number", {"operator": "gt", "input": 5}),  # logical name
        (F("amount") < 2.5, "number", {"operator": "lt", "input": 2.5}),
        (F("amount") <= 3, "number", {"operator": "lte", "input": 3}),
        (F("amount") == 3, "number", {"operator": "eq", "input": 3}),
        (F("amount") != 3, "number", {"operator": "neq", "input": 3}),
        (F("amount").in_([1, 2]), "number", {"operator": "in", "input": [1, 2]}),
        (
            F("close_date").between(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
            "date",
            {"operator": "between", "from": "2026-01-01", "to": "2026-03-31"},
        ),
        (
            F("last_seen") > dt.datetime(2026, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            "datetime",
            {"operator": "gt", "input": "2026-01-01T17:00:00+00:00"},
        ),
        (F("won") == True, "boolean", {"operator": "eq", "input": True}),  # noqa: E712
        (F("status").in_(["New", "Qualify"]), "select", {"operator": "in", "input": ["New", "Qualify"]}),
        (F("status").not_in(["New"]), "select", {"operator": "notIn", "input": ["New"]}),
        (F("tags").in_(["x"]), "selectIn", {"operator": "in", "input": ["x"]}),
        (F("owner_id") == 4, "lookup", {"operator": "eq", "input": 4}),
        (F("phone").is_null(), "text", {"operator": "isNull"}),
        (F("phone").is_not_null(), "text", {"operator": "isNotNull"}),
        (F("name").starts_with("Ac"), "text", {"operator": "starts_with", "input": "Ac"}),
        (F("name").ends_with("Ltd"), "text", {"operator": "ends_with", "input": "Ltd"}),
        (F("name").contains("me"), "text", {"operator": "contains", "input": "me"}),
        (F("name").not_contains("x"), "text", {"operator": "not_contains", "input": "x"}),
        (F("website").like("acme"), "url", {"operator": "like", "input": "acme"}),
        (F("country") == "France", "country", {"operator": "eq", "input": "France"}),
        (F("opens").between("08:00", "09:00"), "time", {"operator": "between", "from": "08:00", "to": "09:00"}),
    ],
)
def test_each_operator_and_type(condition: Any, expected_type: str, expected_value: dict[str, Any]) -> None:
    out = wire(condition)
    assert out["type"] == expected_type
    assert out["value"] == expected_value
    assert set(out) == {"type", "alias", "value", "strict", "starts", "ends"}


def test_type_override_and_text_flags() -> None:
    out = wire(F("name", type="select", strict=True).eq("Acme"))
    assert out["type"] == "select"
    assert out["strict"] is True


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (F("won").like("t"), "cannot be filtered with 'like'"),
        (F("amount").like("1"), "cannot be filtered with 'like'"),
        (F("status") > "New", "cannot be filtered with 'gt'"),
        (F("close_date").starts_with("2026"), "cannot be filtered with 'starts_with'"),
    ],
)
def test_operators_a_type_cannot_take_fail_before_sending(condition: Any, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        wire(condition)


def test_values_are_checked_against_the_field() -> None:
    with pytest.raises(FieldValueError, match="must be a number"):
        wire(F("amount") >= "lots")
    with pytest.raises(FieldValueError, match="not one of the choices"):
        wire(F("status").in_(["Nope"]))


def test_every_type_has_operators_from_the_spec(spec: dict[str, Any]) -> None:
    spec_ops = set(spec["definitions"]["filter-value"]["properties"]["operator"]["enum"])
    spec_types = set(spec["definitions"]["dynamic-grid-filter"]["properties"]["type"]["enum"])
    assert set(OPERATORS) == spec_types
    used = set().union(*OPERATORS.values())
    assert used == spec_ops


def test_without_a_schema_the_type_follows_the_value() -> None:
    assert F("x").eq(3).to_wire()["type"] == "number"
    assert F("x").eq(True).to_wire()["type"] == "boolean"
    assert F("x").between(dt.date(2026, 1, 1), dt.date(2026, 2, 1)).to_wire()["type"] == "date"
    assert F("x").like("a").to_wire() == {
        "type": "text", "alias": "x", "value": {"operator": "like", "input": "a"},
        "strict": False, "starts": False, "ends": False,
    }  # fmt: skip


def test_bad_builder_input() -> None:
    with pytest.raises(InvalidArgumentError):
        F("")
    with pytest.raises(InvalidArgumentError):
        F("status").in_("New")
