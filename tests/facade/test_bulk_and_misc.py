"""Bulk calls, the escape hatch, and async concurrency."""

from __future__ import annotations

import asyncio
import time

import pytest

import flexie
from flexie.testing import FakeFlexie


def test_create_many_collects_failures_and_keeps_order(client: flexie.Flexie, fake: FakeFlexie) -> None:
    rows = [{"first_name": f"P{i}", "email": f"p{i}@example.com"} for i in range(30)]
    rows[7] = {"first_name": "Bad", "shoe_size": 44}  # unknown field: fails before sending
    rows[19] = {"first_name": "Bad", "email": "not an address"}  # bad value
    before = fake.count("contacts")
    result = client.contacts.create_many(rows, concurrency=6)
    assert len(result) == 30
    assert [f.index for f in result.failed] == [7, 19]
    assert isinstance(result.failed[0].error, flexie.UnknownFieldError)
    assert isinstance(result.failed[1].error, flexie.FieldValueError)
    assert result.failed[0].record is rows[7]
    assert [r["email"] for r in result.successful] == [row["email"] for i, row in enumerate(rows) if i not in (7, 19)]
    assert fake.count("contacts") == before + 28
    assert not result.ok
    with pytest.raises(flexie.UnknownFieldError):
        result.raise_on_failure()


def test_update_many_and_get_many(client: flexie.Flexie, fake: FakeFlexie) -> None:
    result = client.contacts.update_many({1: {"city": "Leeds"}, 2: {"city": "York"}, 999: {"city": "Nowhere"}})
    assert [r["city"] for r in result.successful] == ["Leeds", "York"]
    assert isinstance(result.failed[0].error, flexie.NotFoundError)
    got = client.contacts.get_many([3, 1, 2], concurrency=3)
    assert [r.id for r in got.successful] == [3, 1, 2]


def test_bulk_respects_the_client_rate_limit(fake: FakeFlexie) -> None:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, rate_limit_per_minute=1200) as client:
        client.contacts.fields()
        started = time.monotonic()
        result = client.contacts.create_many([{"first_name": f"R{i}"} for i in range(10)], concurrency=8)
        assert result.ok
        assert time.monotonic() - started >= 0.4  # 10 requests at one per 50 ms


def test_bad_concurrency(client: flexie.Flexie) -> None:
    with pytest.raises(flexie.InvalidArgumentError):
        client.contacts.create_many([{}], concurrency=0)


def test_async_get_many_and_create_many_run_concurrently(fake: FakeFlexie) -> None:
    fake.inject("latency", operation_id="getContacts", latency=0.2)
    fake.inject("latency", operation_id="createContact", latency=0.2)

    async def scenario() -> tuple[float, float, int, int]:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            await client.contacts.fields()
            started = time.monotonic()
            got = await client.contacts.get_many(range(1, 9), concurrency=8)
            read = time.monotonic() - started
            started = time.monotonic()
            made = await client.contacts.create_many([{"first_name": f"A{i}"} for i in range(8)], concurrency=8)
            wrote = time.monotonic() - started
            return read, wrote, len(got.successful), len(made.successful)

    read, wrote, got, made = asyncio.run(scenario())
    assert (got, made) == (8, 8)
    sequential = 0.2 * 8  # eight reads one after the other
    assert read < 0.75 * sequential  # eight at once take little more than one (0.2 s); slack for a busy machine
    assert wrote < 0.75 * sequential


def test_request_escape_hatch(client: flexie.Flexie, fake: FakeFlexie) -> None:
    body = client.request("GET", "/contacts/1")
    assert body["contact"]["id"] == 1
    page = client.request("POST", "/contacts", json={"limit": 5})
    assert len(page["contacts"]) == 5
    assert client.request("DELETE", "/contacts/5") is None
    with pytest.raises(flexie.NotFoundError):
        client.request("GET", "/contacts/5")


def test_async_escape_hatch(fake: FakeFlexie) -> None:
    async def scenario() -> object:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            return await client.request("GET", "/users/self")

    assert asyncio.run(scenario())["user"]["id"] == 1  # type: ignore[index]


def test_api_key_in_query_when_asked(fake: FakeFlexie) -> None:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, api_key_in_query=True) as client:
        assert client.users.me().id == 1
