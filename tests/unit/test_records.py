"""Record: a read-only mapping over what the server sent, however it was built."""

from __future__ import annotations

import pickle

import pytest

from flexie import Record
from flexie.errors import InvalidArgumentError
from flexie.records import adopt_records

RAW = {"id": 7, "first_name": "Ada", "email": "ada@example.com", "tags": ["vip"]}


def built_both_ways() -> tuple[Record, Record]:
    records, _ = adopt_records([dict(RAW)], None, "contacts")
    return Record(RAW, None, "contacts"), records[0]


def test_both_constructions_are_the_same_mapping() -> None:
    plain, adopted = built_both_ways()
    for record in (plain, adopted):
        assert record.raw == RAW
        assert list(record.raw) == list(RAW)  # the server's order
        assert list(record) == list(RAW)
        assert len(record) == len(RAW)
        assert dict(record) == RAW
        assert record["id"] == record.id == 7
        assert "email" in record
        assert "id" in record
        assert "nope" not in record
        assert record.to_dict() == RAW
    assert plain == adopted
    assert hash(plain) == hash(adopted)


def test_adopt_takes_the_dict_over_and_record_copies_its_input() -> None:
    data = {"id": 1, "email": "a@b.c"}
    (taken,), ids = adopt_records([data], None, "contacts")
    data["email"] = "changed"
    assert taken["email"] == "changed"  # no copy: the page's dicts are used as they are
    assert ids == [1]
    given = {"id": 1, "email": "a@b.c"}
    copied = Record(given)
    given["email"] = "changed"
    assert copied["email"] == "a@b.c"


@pytest.mark.parametrize(
    ("objects", "error", "message"),
    [
        ([{"id": 1}, ["not", "an", "object"]], TypeError, "a contacts in the page is list"),
        ([{"id": 1}, {"email": "no id"}], KeyError, "id"),
    ],
)
def test_adopt_refuses_what_is_not_a_record(objects: list[object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        adopt_records(objects, None, "contacts")


def test_a_record_without_an_id() -> None:
    record = Record({"name": "x"}, None, "things")
    assert record.id_or_none is None
    assert list(record) == ["name"]
    assert len(record) == 1
    assert "id" not in record
    assert record.raw == {"name": "x"}
    with pytest.raises(InvalidArgumentError, match="has no id"):
        _ = record.id
    with pytest.raises(KeyError, match="has no field 'id'"):
        record["id"]


@pytest.mark.parametrize("value", [True, "7a", "", "3.5", " 7", "٧", 7.0, None, [7]])
def test_ids_that_are_not_whole_numbers(value: object) -> None:
    (record,), ids = adopt_records([{"id": value}], None, "contacts")
    assert record.id_or_none is None
    assert ids == [None]
    assert record["id"] == value  # still what the server sent
    with pytest.raises(InvalidArgumentError, match="has no id"):
        _ = record.id


def test_an_id_sent_as_a_string_is_the_whole_number() -> None:
    (record,), ids = adopt_records([{"id": "7", "email": "a@b.co"}], None, "contacts")
    assert record.id == 7
    assert record.id_or_none == 7
    assert ids == [7]
    assert Record({"id": "42"}, None, "contacts").id == 42
    assert record.raw == {"id": "7", "email": "a@b.co"}  # raw stays as sent


def test_missing_field_names_the_fields_there_are() -> None:
    _, record = built_both_ways()
    with pytest.raises(KeyError, match=r"no field 'phone' \(it has: id, first_name, email, tags\)"):
        record["phone"]


def test_repr_pickle_and_page_construction() -> None:
    plain, adopted = built_both_ways()
    assert repr(adopted) == repr(plain)
    assert repr(adopted).startswith("<Record contacts id=7 {'id': 7, 'first_name': 'Ada'")
    assert pickle.loads(pickle.dumps(adopted)) == plain
    page, ids = adopt_records([{"id": 1, "a": 1}, {"id": 2, "a": 2}], None, "contacts")
    assert [r.raw for r in page] == [{"id": 1, "a": 1}, {"id": 2, "a": 2}]
    assert ids == [1, 2]
    assert page[0] != page[1]
