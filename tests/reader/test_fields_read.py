"""Field.from_api and read_fields: a workspace's field list as servers of Flexie's lineage send it."""

from __future__ import annotations

from typing import Any

import pytest

from flexie.fields import Choice, Field, FieldSchema, read_fields
from flexie.reader import UnreadableAnswer


def test_a_field_without_a_type_reads_as_text_and_without_a_label_as_its_alias() -> None:
    f = Field.from_api({"alias": "nickname"})
    assert (f.alias, f.label, f.type) == ("nickname", "nickname", "text")
    assert (f.required, f.custom, f.unique, f.published, f.category, f.order, f.id) == (
        False, False, False, True, None, None, None,
    )  # fmt: skip
    assert Field.from_api({"alias": "nickname", "type": None, "label": ""}).type == "text"


def test_strings_for_ids_orders_and_flags() -> None:
    f = Field.from_api({"id": "7", "alias": "tier", "label": "Tier", "type": "select", "order": "3",
                        "required": "1", "published": "0", "unique": 0, "custom": "true"})  # fmt: skip
    assert (f.id, f.order, f.required, f.published, f.unique, f.custom) == (7, 3, True, False, False, True)


def test_mautic_key_names_when_the_specs_are_absent() -> None:
    f = Field.from_api(
        {
            "id": 12, "alias": "tier", "label": "Tier", "type": "select", "group": "core",
            "isRequired": True, "isPublished": False, "isUniqueIdentifer": True, "defaultValue": "gold",
            "properties": {"list": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]},
        }
    )  # fmt: skip
    assert (f.category, f.required, f.published, f.unique, f.default_value) == ("core", True, False, True, "gold")
    assert f.choices == (Choice("gold", "Gold"), Choice("silver", "Silver"))
    assert f.raw["properties"]["list"][0]["label"] == "Gold"  # everything sent is kept


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (["a", "b"], [("a", "a"), ("b", "b")]),
        ({"a": "Alpha", "b": "Beta"}, [("a", "Alpha"), ("b", "Beta")]),
        ("a|b|c", [("a", "a"), ("b", "b"), ("c", "c")]),
        ([{"value": 1, "label": "One"}, {"value": "2"}], [("1", "One"), ("2", "2")]),
        ([], []),
        (None, []),
    ],
)
def test_choices_in_every_shape(choices: Any, expected: list[tuple[str, str]]) -> None:
    f = Field.from_api({"alias": "s", "type": "select", "choices": choices})
    assert [(c.value, c.label) for c in f.choices] == expected


@pytest.mark.parametrize(
    ("item", "match"),
    [
        ({"label": "No alias"}, "without an alias"),
        ({"alias": ""}, "without an alias"),
        ({"alias": {"x": 1}}, r"\.alias: .* is not text"),
        ({"alias": "a", "required": "maybe"}, r"\.required: 'maybe' is not a boolean"),
        ({"alias": "a", "order": "first"}, r"\.order: 'first' is not a whole number"),
        ({"alias": "a", "id": "7a"}, r"\.id: '7a' is not a whole number"),
        ({"alias": "a", "choices": [{"label": "no value"}]}, r"\.choices: choice \[0\] .* has no value"),
        ({"alias": "a", "choices": 5}, "is not a list of choices"),
        ("alias", "is not a field"),
    ],
)
def test_what_cannot_be_read_without_a_guess(item: Any, match: str) -> None:
    with pytest.raises(UnreadableAnswer, match=match):
        read_fields([item])


def test_read_fields_in_every_shape() -> None:
    items = [{"id": 1, "alias": "email", "label": "Email", "type": "email"}, {"id": "2", "alias": "tier"}]
    expected = [("email", "email"), ("tier", "text")]
    for body in (
        items,
        {"total": 2, "fields": items},
        {"fields": {"1": items[0], "2": items[1]}},
        {"email": items[0], "tier": items[1]},
        {"0": items[0], "1": items[1]},
    ):
        assert [(f.alias, f.type) for f in read_fields(body)] == expected, body


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ({"5": {"id": 1, "alias": "email"}}, r"^\$\['5'\]: the field under key '5' is 'email' \(id 1\)"),
        ([{"alias": "email"}, {"alias": "email", "type": "text"}], r"^\$\[1\]: a second field with the alias 'email'"),
        ([{"alias": "email"}, {"alias": "x", "required": 2}], r"^\$\[1\]\.required: 2 is not a boolean"),
        ("fields", "is not a list of fields"),
    ],
)
def test_read_fields_refusals_name_the_place(body: Any, match: str) -> None:
    with pytest.raises(UnreadableAnswer, match=match):
        read_fields(body)


def test_a_schema_from_a_tolerant_field_list_checks_values() -> None:
    schema = FieldSchema("contacts", read_fields([{"alias": "nickname"}, {"alias": "age", "type": "number"}]))
    assert schema.serialize_record({"nickname": "Bo", "age": "41"}, creating=True) == {"nickname": "Bo", "age": 41}
    assert schema.parse_value("age", "41") == 41
    assert schema.parse_value("age", "1_000") == "1_000"  # not a number in JSON's grammar: left as received
