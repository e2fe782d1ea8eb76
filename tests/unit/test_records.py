"""Record: a read-only mapping over what the server sent, however it was built."""

from __future__ import annotations

import pickle

import pytest

from flexie import Record
from flexie.errors import InvalidArgumentError
from flexie.records import records_from_parts

RAW = {"id": 7, "first_name": "Ada", "email": "ada@example.com", "tags": ["vip"]}


def built_both_ways() -> tuple[Record, Record]:
    rest = {k: v for k, v in RAW.items() if k != "id"}
    return Record(RAW, None, "contacts"), Record.from_parts(7, rest, None, "contacts")


def test_both_constructions_are_the_same_mapping() -> None:
    plain, parts = built_both_ways()
    for record in (plain, parts):
        assert record.raw == RAW
        assert list(record.raw) == list(RAW)  # the id first, then the server's order
        assert list(record) == list(RAW)
        assert len(record) == len(RAW)
        assert dict(record) == RAW
        assert record["id"] == record.id == 7
        assert "email" in record
        assert "id" in record
        assert "nope" not in record
        assert record.to_dict() == RAW
    assert plain == parts
    assert hash(plain) == hash(parts)


def test_from_parts_takes_the_dict_over_and_record_copies_its_input() -> None:
    rest = {"email": "a@b.c"}
    taken = Record.from_parts(1, rest)
    rest["email"] = "changed"
    assert taken["email"] == "changed"  # no copy: the page's dicts are used as they are
    given = {"id": 1, "email": "a@b.c"}
    copied = Record(given)
    given["email"] = "changed"
    assert copied["email"] == "a@b.c"


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


@pytest.mark.parametrize("value", [True, "7", 7.0, None])
def test_ids_that_are_not_whole_numbers(value: object) -> None:
    record = Record.from_parts(value, {})
    assert record.id_or_none is None
    assert record["id"] == value  # still what the server sent


def test_missing_field_names_the_fields_there_are() -> None:
    _, record = built_both_ways()
    with pytest.raises(KeyError, match=r"no field 'phone' \(it has: id, first_name, email, tags\)"):
        record["phone"]


def test_repr_pickle_and_page_construction() -> None:
    plain, parts = built_both_ways()
    assert repr(parts) == repr(plain)
    assert repr(parts).startswith("<Record contacts id=7 {'id': 7, 'first_name': 'Ada'")
    assert pickle.loads(pickle.dumps(parts)) == plain
    page = records_from_parts([(1, {"a": 1}), (2, {"a": 2})], None, "contacts")
    assert [r.raw for r in page] == [{"id": 1, "a": 1}, {"id": 2, "a": 2}]
    assert page[0] != page[1]
