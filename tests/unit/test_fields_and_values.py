"""Field resolution, value checks and typed reads, without any server."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import flexie
from flexie import Field, FieldSchema, FieldValueError, Record, UnknownFieldError
from flexie.fields import Choice

UTC = dt.timezone.utc
FIELDS = [
    Field("first_name", "First name", "text", required=True),
    Field("email", "Email", "email", unique=True),
    Field(
        "customer_tier_2", "Customer tier", "select", custom=True,
        choices=(Choice("gold", "Gold"), Choice("silver", "Silver")),
    ),
    Field("interests", "Interests", "multiselect", custom=True, choices=(Choice("a", "A"), Choice("b", "B"))),
    Field("score", "Score", "number"),
    Field("vip", "VIP", "boolean"),
    Field("renewal", "Renewal", "date"),
    Field("last_call", "Last call", "datetime"),
    Field("owner_id", "Owner", "lookup"),
    Field("opens_at", "Opens at", "time"),
    Field("status", "Status", "select", required=True, default_value="New"),
]  # fmt: skip


@pytest.fixture
def schema() -> FieldSchema:
    return FieldSchema("contacts", FIELDS, {"tier": "customer_tier_2", "name": "first_name"})


def test_names_resolve_by_alias_logical_name_and_label(schema: FieldSchema) -> None:
    assert schema.resolve("customer_tier_2").alias == "customer_tier_2"
    assert schema.resolve("tier").alias == "customer_tier_2"
    assert schema.resolve("Customer tier").alias == "customer_tier_2"
    assert schema.resolve("customer tier").alias == "customer_tier_2"
    assert schema.resolve("EMAIL").alias == "email"
    assert schema.resolve("date_modified").type == "datetime"  # system keys are known too


def test_unknown_name_suggests_close_matches(schema: FieldSchema) -> None:
    with pytest.raises(UnknownFieldError) as info:
        schema.resolve("emial")
    assert info.value.suggestions == ["email"]
    assert "did you mean 'email'" in str(info.value)
    assert info.value.entity == "contacts"
    assert "customer_tier_2" in info.value.known


def test_logical_names_are_checked_against_the_workspace() -> None:
    bad = FieldSchema("contacts", FIELDS, {"tier": "customer_tier"})
    with pytest.raises(UnknownFieldError) as info:
        bad.check_logical_names()
    message = str(info.value)
    assert "'tier'" in message
    assert "'customer_tier'" in message
    assert "customer_tier_2" in message  # names the aliases it does have
    assert info.value.suggestions == ["customer_tier_2"]


def test_record_serialisation_sends_aliases_and_wire_values(schema: FieldSchema) -> None:
    body = schema.serialize_record(
        {
            "name": "Jane",
            "tier": "Gold",  # a choice's label goes as its value
            "Interests": ["a", "B"],
            "score": Decimal("12"),
            "vip": True,
            "renewal": dt.date(2026, 5, 1),
            "last_call": dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "owner_id": "7",
            "opens_at": dt.time(8, 15),
        },
        creating=True,
    )
    assert body == {
        "first_name": "Jane",
        "customer_tier_2": "gold",
        "interests": ["a", "b"],
        "score": 12,
        "vip": True,
        "renewal": "2026-05-01",
        "last_call": "2026-05-01T07:30:00+00:00",
        "owner_id": 7,
        "opens_at": "08:15:00",
    }


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("score", "twelve", "must be a number"),
        ("score", True, "not a boolean"),
        ("score", float("nan"), "finite"),
        ("vip", "yes", "True or False"),
        ("tier", "platinum", "not one of the choices"),
        ("interests", "a", "list of choices"),
        ("interests", ["a", "z"], "not one of the choices"),
        ("renewal", dt.datetime(2026, 1, 1, tzinfo=UTC), "not a datetime"),
        ("renewal", "01/05/2026", "YYYY-MM-DD"),
        ("last_call", dt.datetime(2026, 1, 1), "naive"),
        ("last_call", "2026-01-01 10:00", "UTC offset"),
        ("email", "not-an-address", "email address"),
        ("owner_id", 0, "positive"),
        ("owner_id", "x1", "id of the related record"),
        ("opens_at", "25:00", "HH:MM"),
        ("first_name", 42, "must be a string"),
    ],
)
def test_bad_values_say_field_type_and_value(schema: FieldSchema, name: str, value: Any, why: str) -> None:
    with pytest.raises(FieldValueError) as info:
        schema.serialize_record({"first_name": "x", name: value}, creating=False)
    message = str(info.value)
    assert why in message
    assert info.value.field_type == schema.resolve(name).type
    assert info.value.name == name
    assert repr(value)[:20] in message


def test_required_fields_on_create_and_clearing(schema: FieldSchema) -> None:
    with pytest.raises(FieldValueError, match="requires first_name"):
        schema.serialize_record({"email": "a@b.co"}, creating=True)
    assert schema.serialize_record({"email": "a@b.co"}, creating=False) == {"email": "a@b.co"}
    with pytest.raises(FieldValueError, match="cannot be cleared"):
        schema.serialize_record({"first_name": None}, creating=False)
    assert schema.serialize_record({"email": None}, creating=False) == {"email": None}


def test_the_same_field_twice_and_read_only_fields(schema: FieldSchema) -> None:
    with pytest.raises(FieldValueError, match="given twice"):
        schema.serialize_record({"tier": "gold", "customer_tier_2": "gold"}, creating=False)
    with pytest.raises(FieldValueError, match="set by Flexie"):
        schema.serialize_record({"date_added": "2026-01-01"}, creating=False)


def test_records_read_typed_values_and_keep_the_raw_ones(schema: FieldSchema) -> None:
    raw = {
        "id": 9,
        "first_name": "Jane",
        "customer_tier_2": "gold",
        "interests": "a|b",
        "score": "12.5",
        "vip": 1,
        "renewal": "2026-05-01",
        "last_call": "2026-05-01T07:30:00+00:00",
        "date_added": "2026-01-02 03:04:05",
        "owner_id": "7",
        "opens_at": "08:15:00",
        "extra_key_the_schema_does_not_know": {"kept": True},
    }
    rec = Record(dict(raw), schema, "contacts")
    assert rec.id == 9
    assert rec["tier"] == "gold"
    assert rec["customer_tier_2"] == "gold"
    assert rec["interests"] == ["a", "b"]
    assert rec["score"] == 12.5
    assert rec["vip"] is True
    assert rec["renewal"] == dt.date(2026, 5, 1)
    assert rec["last_call"] == dt.datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
    assert rec["date_added"] == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert rec["owner_id"] == 7
    assert rec["opens_at"] == dt.time(8, 15)
    assert rec["extra_key_the_schema_does_not_know"] == {"kept": True}
    assert rec.raw == raw
    assert set(rec.to_dict()) == set(raw)
    assert "tier" in rec
    assert "nope" not in rec
    with pytest.raises(KeyError, match="has no field 'nope'"):
        rec["nope"]


def test_values_that_do_not_fit_are_left_as_received(schema: FieldSchema) -> None:
    rec = Record({"id": 1, "score": "n/a", "renewal": "someday", "last_call": "never", "vip": "maybe"}, schema)
    assert rec["score"] == "n/a"
    assert rec["renewal"] == "someday"
    assert rec["last_call"] == "never"
    assert rec["vip"] == "maybe"


def test_field_from_api_keeps_unknown_keys() -> None:
    field = Field.from_api(
        {"alias": "tier", "label": "Tier", "type": "select", "choices": [{"value": "g", "label": "Gold"}], "x": 1}
    )
    assert field.choices == (Choice("g", "Gold"),)
    assert field.raw["x"] == 1


def test_record_ids() -> None:
    assert Record({"id": 7}).id == 7
    no_id = Record({"name": "x"}, entity="projects")
    assert no_id.id_or_none is None
    with pytest.raises(flexie.InvalidArgumentError, match="this projects has no id"):
        _ = no_id.id
    assert Record({"id": True}).id_or_none is None  # a boolean is not an id
