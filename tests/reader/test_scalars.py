"""Single values read without doubt (flexie._scalars), and ids given by callers."""

from __future__ import annotations

import pytest

from flexie import InvalidArgumentError, Record
from flexie._scalars import as_id, read_bool, read_int, read_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), ("3", 3), ("-3", -3), ("0", 0), (3.5, 3.5), ("3.5", 3.5), ("1e3", 1000.0), ("2.5E-1", 0.25)],
)
def test_numbers_and_their_spellings(value: object, expected: float) -> None:
    got = read_number(value)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize(
    "value",
    ["", " 3", "3 ", "+3", "03", "1_000", "0x10", "NaN", "Infinity", "1e999", "abc", "٣", True, None, [3]],
)
def test_what_is_not_a_number(value: object) -> None:
    assert read_number(value) is None
    assert read_number(float("nan")) is None


@pytest.mark.parametrize(("value", "expected"), [(7, 7), ("7", 7), (7.0, 7), ("7.0", 7), ("-2", -2), (2**60, 2**60)])
def test_whole_numbers(value: object, expected: int) -> None:
    got = read_int(value)
    assert got == expected
    assert type(got) is int


@pytest.mark.parametrize("value", ["3.5", 3.5, "abc", "", True, False, None, 2.0**60, "7a", {}])
def test_what_is_not_a_whole_number(value: object) -> None:
    assert read_int(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), (1, True), (0, False), ("1", True), ("0", False), ("true", True), ("FALSE", False)],
)
def test_booleans_and_their_spellings(value: object, expected: bool) -> None:
    assert read_bool(value) is expected


@pytest.mark.parametrize("value", [2, -1, "yes", "", "2", None, 1.0, []])
def test_what_is_not_a_boolean(value: object) -> None:
    assert read_bool(value) is None


@pytest.mark.parametrize(("value", "expected"), [(7, 7), ("7", 7), ("007", 7), ("123456789012", 123456789012)])
def test_ids_a_caller_may_give(value: object, expected: int) -> None:
    assert as_id(value) == expected


def test_a_record_stands_for_its_id() -> None:
    assert as_id(Record({"id": 12}, None, "contacts")) == 12
    assert as_id(Record({"id": "12"}, None, "contacts")) == 12


@pytest.mark.parametrize("value", [True, False, 7.0, -1, 0, "0", "7a", " 7", "-7", "", "٧", None, [7], "x" * 200])
def test_ids_that_are_refused_before_any_request(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="contact_id must be a positive whole number") as info:
        as_id(value, "contact_id")
    assert len(str(info.value)) < 160  # a long value is shortened in the message
