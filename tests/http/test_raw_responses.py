"""``with_raw_response`` gives the HTTP facts of a call beside its usual result, sync and async.

One 429 (with ``Retry-After: 0``) is injected before each call, so the raw response must report
the retry, and ``parse()`` must still give the usual Record or Page.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import flexie
from flexie.testing import FakeFlexie
from tests.http.clients import CLIENTS, run

CALLS = {  # operation id -> (method of the raw accessor, arguments)
    "getContacts": ("get", (3,)),
    "listContacts": ("list", ()),
    "createContact": ("create", ({"first_name": "Raw", "email": "raw@response.example"},)),
}


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(seed=8) as server:
        server.seed(contacts=5)
        yield server


def raw_call(kind: str, fake: FakeFlexie, name: str, args: tuple[Any, ...]) -> Any:
    """``client.contacts.with_raw_response.<name>(*args)`` (field validation on, as by default)."""
    return run(
        kind, fake.base_url, lambda c: getattr(c.contacts.with_raw_response, name)(*args),
        api_key=fake.api_key, validate_fields=True,
    )  # fmt: skip


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("operation_id", CALLS)
def test_raw_response_after_one_429(fake: FakeFlexie, operation_id: str, kind: str) -> None:
    name, args = CALLS[operation_id]
    fake.clear_faults()
    fake.inject(429, operation_id=operation_id, times=1, retry_after=0)
    fake.clear_requests()
    raw = raw_call(kind, fake, name, args)
    assert fake.fault_counts == {"429": 1}
    assert fake.request_count(operation_id=operation_id) == 2
    assert raw.retries == 1
    assert raw.status_code == (201 if name == "create" else 200)
    assert raw.headers["content-type"].startswith("application/json")
    assert isinstance(raw.elapsed, dt.timedelta)
    assert dt.timedelta(0) < raw.elapsed < dt.timedelta(seconds=10)
    assert fake.api_key not in raw.url
    assert repr(raw) == f"<RawResponse [{raw.status_code}] retries=1>"
    parsed = raw.parse()
    if name == "list":
        assert isinstance(parsed, flexie.Page)
        assert [r.id for r in parsed.items][:5] == [1, 2, 3, 4, 5]
    else:
        assert isinstance(parsed, flexie.Record)
        if name == "get":
            assert parsed.id == 3
        else:
            assert parsed["email"] == "raw@response.example"
            assert fake.get_record("contacts", parsed.id) is not None


@pytest.mark.parametrize("kind", CLIENTS)
def test_raw_response_without_a_retry(fake: FakeFlexie, kind: str) -> None:
    fake.clear_faults()
    raw = raw_call(kind, fake, "get", (2,))
    assert (raw.status_code, raw.retries, raw.parse().id) == (200, 0, 2)
    assert raw.content.startswith(b'{"contact":')


def test_raw_response_of_the_escape_hatch(fake: FakeFlexie) -> None:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        raw = client.with_raw_response.request("GET", "/contacts/4")
    assert raw.status_code == 200
    assert raw.parse()["contact"]["id"] == 4

    async def scenario() -> Any:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            return await client.with_raw_response.request("GET", "/contacts/5")

    raw = asyncio.run(scenario())
    assert (raw.status_code, raw.parse()["contact"]["id"]) == (200, 5)


def test_an_error_status_raises_as_without_raw_response(fake: FakeFlexie) -> None:
    fake.clear_faults()
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        with pytest.raises(flexie.NotFoundError):
            client.contacts.with_raw_response.get(99_999)
        with pytest.raises(AttributeError, match="no method"):
            client.contacts.with_raw_response._plans  # noqa: B018 - private attributes are not reachable
