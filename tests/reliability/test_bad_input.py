"""Bad input from the caller fails fast, with a typed error, before any request is sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import flexie
from flexie import F
from flexie.testing import FakeFlexie


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeFlexie]:
    fields = [
        {"alias": "seats", "label": "Seats", "type": "number"},
        {"alias": "renewal", "label": "Renewal", "type": "date"},
    ]
    with FakeFlexie(custom_fields={"contacts": fields}, seed=1, records=5) as server:
        yield server


NAIVE = dt.datetime(2026, 1, 1)
AWARE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
CASES: list[tuple[str, Callable[[flexie.Flexie], Any], type[flexie.FlexieError]]] = [
    ("id that is not an id", lambda c: c.contacts.get("42abc"), flexie.InvalidArgumentError),
    ("negative id", lambda c: c.contacts.delete(-3), flexie.InvalidArgumentError),
    ("float id", lambda c: c.contacts.get(4.2), flexie.InvalidArgumentError),
    ("list id", lambda c: c.contacts.add_to_list("x", 1), flexie.InvalidArgumentError),
    ("page size too big", lambda c: c.contacts.list(page_size=101).to_list(), flexie.InvalidArgumentError),
    ("filter page size too small", lambda c: c.contacts.filter(page_size=4).to_list(), flexie.InvalidArgumentError),
    ("negative limit", lambda c: c.contacts.list(limit=-5).to_list(), flexie.InvalidArgumentError),
    ("negative start", lambda c: c.contacts.list(start=-1).to_list(), flexie.InvalidArgumentError),
    ("values not a mapping", lambda c: c.contacts.create(["first_name", "x"]), flexie.FieldValueError),  # type: ignore[arg-type]
    ("unknown field", lambda c: c.contacts.create({"seets": 3}), flexie.UnknownFieldError),
    ("wrong type", lambda c: c.contacts.update(1, {"seats": "three"}), flexie.FieldValueError),
    ("naive datetime", lambda c: c.contacts.filter(F("date_added") > NAIVE).to_list(), flexie.FieldValueError),
    ("datetime for date", lambda c: c.contacts.update(1, {"renewal": AWARE}), flexie.FieldValueError),
    ("not a condition", lambda c: c.contacts.filter({"email": "x"}).to_list(), flexie.InvalidArgumentError),  # type: ignore[arg-type]
    ("bad operator for type", lambda c: c.contacts.filter(F("seats").like("3")).to_list(), flexie.InvalidArgumentError),
    ("entity_list not an id", lambda c: c.contacts.list(entity_list="vip").to_list(), flexie.InvalidArgumentError),  # type: ignore[arg-type]
    ("absolute URL in request()", lambda c: c.request("GET", "http://evil.example/api/x"), flexie.InvalidArgumentError),
    ("unknown method in request()", lambda c: c.request("TRACE", "/contacts"), flexie.InvalidArgumentError),
    ("bad table name", lambda c: c.custom_entity("a b"), flexie.InvalidArgumentError),
    ("empty permissions", lambda c: c.users.check_permissions(1, []), flexie.InvalidArgumentError),
    ("bad concurrency", lambda c: c.contacts.get_many([1], concurrency=1000), flexie.InvalidArgumentError),
]  # fmt: skip


@pytest.mark.parametrize(("what", "call", "error"), CASES, ids=[c[0] for c in CASES])
def test_fails_fast_without_a_request(
    fake: FakeFlexie, what: str, call: Callable[[flexie.Flexie], Any], error: type[flexie.FlexieError]
) -> None:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        client.contacts.fields()  # the schema is known: checks need no request
        before = fake.request_count()
        with pytest.raises(error) as info:
            call(client)
        assert str(info.value)  # says what was wrong
        assert fake.request_count() == before, f"{what}: a request was sent"


@pytest.mark.parametrize(
    "base_url",
    ["http://acme.flexie.io/api", "http://8.8.8.8/api", "http://[2001:db8::1]/api", "http://localhost.evil.com/api"],
)
def test_plain_http_to_a_public_host_is_refused(base_url: str) -> None:
    with pytest.raises(flexie.ConfigurationError, match="refusing plain http"):
        flexie.Flexie(base_url=base_url, api_key="k")
