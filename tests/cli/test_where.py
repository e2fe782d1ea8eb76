"""The --where parser: text to flexie.F conditions, and clear refusals of what it cannot read."""

from __future__ import annotations

from typing import Any

import pytest

import flexie
from flexie import F
from flexie.cli._where import WhereSyntaxError, conditions, parse_where

SCHEMA = flexie.FieldSchema(
    "contacts",
    [
        flexie.Field(alias="email", label="Email", type="email"),
        flexie.Field(alias="points", label="Points", type="number"),
        flexie.Field(alias="zipcode", label="Zip code", type="text"),
        flexie.Field(alias="do_not_contact", label="Do not contact", type="boolean"),
        flexie.Field(alias="last_active", label="Last active", type="datetime"),
        flexie.Field(alias="customer_tier_2", label="Customer tier", type="select"),
    ],
    {"tier": "customer_tier_2"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email like acme.com", F("email").like("acme.com")),
        ("email = jane@acme.com", F("email") == "jane@acme.com"),
        ("email == jane@acme.com", F("email") == "jane@acme.com"),
        ("email != jane@acme.com", F("email") != "jane@acme.com"),
        ("points >= 1000", F("points") >= "1000"),
        ("points>1000", F("points") > "1000"),
        ("points < 5", F("points") < "5"),
        ("points <= 5", F("points") <= "5"),
        ("email contains acme", F("email").contains("acme")),
        ("email not_contains acme", F("email").not_contains("acme")),
        ("email STARTS_WITH jane", F("email").starts_with("jane")),
        ("email ends_with .com", F("email").ends_with(".com")),
        ("tier in Gold, Silver", F("tier").in_(["Gold", "Silver"])),
        ("tier not_in Gold", F("tier").not_in(["Gold"])),
        ("points between 10..20", F("points").between("10", "20")),
        ("email is_null", F("email").is_null()),
        ("email is null", F("email").is_null()),
        ("email is_not_null", F("email").is_not_null()),
        ("email is not null", F("email").is_not_null()),
        ("zipcode = 10115", F("zipcode") == "10115"),  # a text field keeps text
        ("do_not_contact = yes", F("do_not_contact") == True),  # noqa: E712
        ("do_not_contact = false", F("do_not_contact") == False),  # noqa: E712
        ("last_active > 2026-01-01", F("last_active") > "2026-01-01T00:00:00+00:00"),
        ("last_active < 2026-01-01 10:30", F("last_active") < "2026-01-01T10:30+00:00"),
        ("last_active >= 2026-01-01T10:30:00Z", F("last_active") >= "2026-01-01T10:30:00Z"),
        ("'Customer tier' = Gold", F("Customer tier") == "Gold"),
        ('email = "  spaced  "', F("email") == "  spaced  "),
    ],
)
def test_expressions_become_conditions(text: str, expected: flexie.Condition) -> None:
    assert conditions([text], SCHEMA) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id > 5", F("id") > 5),
        ("amount >= 10.5", F("amount") >= 10.5),
        ("is_completed = true", F("is_completed") == True),  # noqa: E712
        ("name = 42", F("name") == 42),
        ('name = "42"', F("name") == "42"),  # quoted: text
        ("name like acme", F("name").like("acme")),
        ("id in 1,2,3", F("id").in_([1, 2, 3])),
    ],
)
def test_without_a_schema_values_are_read_as_literals(text: str, expected: flexie.Condition) -> None:
    assert conditions([text], None) == [expected]


def test_conditions_send_the_wire_shape_the_library_builds() -> None:
    [condition] = conditions(["points between 10..20"], SCHEMA)
    wire: dict[str, Any] = condition.to_wire(SCHEMA, "contacts")
    assert wire["type"] == "number"
    assert wire["value"] == {"operator": "between", "from": 10, "to": 20}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "empty condition"),
        ("email", "no operator"),
        ("email likes acme", "no operator"),
        ("email like", "no value"),
        ("email =", "no value"),
        ("points between 10", "LOW..HIGH"),
        ("points between 10..", "LOW..HIGH"),
        ("points between 1..2..3", "LOW..HIGH"),
        ("tier in ,,", "comma list"),
        ("email is_null yes", "takes no value"),
        ("'email like x", "unclosed quote"),
        (">= 5", "field name"),
    ],
)
def test_bad_syntax_is_explained(text: str, says: str) -> None:
    with pytest.raises(WhereSyntaxError, match=says):
        parse_where(text)
