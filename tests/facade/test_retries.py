"""Retry policy against real faults: reads are repeated, writes only when provably unprocessed."""

from __future__ import annotations

import email.utils
import logging
import threading
import time

import pytest

import flexie
from flexie.testing import FakeFlexie

FAST = {"backoff": (0.01, 0.05)}


def make(fake: FakeFlexie, **kwargs: object) -> flexie.Flexie:
    options = {"base_url": fake.base_url, "api_key": fake.api_key, **FAST, **kwargs}
    return flexie.Flexie(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [500, 502, 503, "drop", "malformed", "truncate"])
def test_reads_are_repeated(fake: FakeFlexie, kind: object) -> None:
    fake.inject(kind, operation_id="getContacts", times=2)  # type: ignore[arg-type]
    with make(fake) as client:
        assert client.contacts.get(1).id == 1
    assert fake.request_count(operation_id="getContacts") == 3
    assert sum(fake.fault_counts.values()) == 2


def test_reads_give_up_after_max_retries(fake: FakeFlexie) -> None:
    fake.inject(503, operation_id="getContacts")
    with make(fake, max_retries=3) as client, pytest.raises(flexie.ServerError):
        client.contacts.get(1)
    assert fake.request_count(operation_id="getContacts") == 4


def test_filter_is_a_read(fake: FakeFlexie) -> None:
    fake.inject(500, operation_id="listContactsFiltered", times=1)
    with make(fake, validate_fields=False) as client:
        assert len(client.contacts.filter(flexie.F("id") > 0).first_page().items) == 20
    assert fake.request_count(operation_id="listContactsFiltered") == 2


def test_delete_is_repeated(fake: FakeFlexie) -> None:
    fake.inject(502, operation_id="deleteContact", times=1, phase="before")
    with make(fake) as client:
        client.contacts.delete(3)
    assert fake.get_record("contacts", 3) is None


@pytest.mark.parametrize("kind", [500, 502, "drop", "malformed"])
def test_a_create_is_never_repeated_when_it_may_have_happened(fake: FakeFlexie, kind: object) -> None:
    fake.inject(kind, operation_id="createContact", times=1, phase="after" if kind in (500, 502) else None)  # type: ignore[arg-type]
    before = fake.count("contacts")
    with make(fake, validate_fields=False) as client, pytest.raises(flexie.APIError):
        client.contacts.create({"first_name": "Once", "email": "once@example.com"})
    assert fake.request_count(operation_id="createContact") == 1
    assert fake.count("contacts") == before + 1  # it happened, exactly once


def test_a_create_is_repeated_after_429_and_503_with_retry_after(fake: FakeFlexie) -> None:
    fake.inject(429, operation_id="createContact", times=1, retry_after=0.05)
    fake.inject(503, operation_id="createContact", times=1, retry_after=0.05)
    before = fake.count("contacts")
    with make(fake, validate_fields=False) as client:
        created = client.contacts.create({"first_name": "Twice", "email": "twice@example.com"})
    assert created["email"] == "twice@example.com"
    assert fake.request_count(operation_id="createContact") == 3
    assert fake.count("contacts") == before + 1


def test_a_503_without_retry_after_is_not_repeated_for_writes(fake: FakeFlexie) -> None:
    fake.inject(503, operation_id="updateContact", times=1)
    with make(fake, validate_fields=False) as client, pytest.raises(flexie.ServerError):
        client.contacts.update(1, {"city": "Leeds"})
    assert fake.request_count(operation_id="updateContact") == 1


def test_writes_are_repeated_when_the_caller_opts_in(fake: FakeFlexie) -> None:
    fake.inject(500, operation_id="updateContact", times=1, phase="before")
    with make(fake, validate_fields=False, retry_writes=True) as client:
        assert client.contacts.update(1, {"city": "Leeds"})["city"] == "Leeds"
    assert fake.request_count(operation_id="updateContact") == 2


def test_retry_after_as_an_http_date_is_honoured(fake: FakeFlexie) -> None:
    fake.inject(429, operation_id="getContacts", times=1, retry_after=1.2, retry_after_http_date=True)
    with make(fake) as client:
        started = time.monotonic()
        client.contacts.get(1)
        waited = time.monotonic() - started
    # HTTP dates have whole-second resolution: the wait is what the date says, give or take a second
    assert 0.1 <= waited <= 3.0
    assert fake.request_count(operation_id="getContacts") == 2


def test_retry_after_beyond_the_cap_raises_at_once(fake: FakeFlexie) -> None:
    fake.inject(429, operation_id="getContacts", retry_after=600)
    with make(fake) as client:
        started = time.monotonic()
        with pytest.raises(flexie.RateLimitError) as info:
            client.contacts.get(1)
    assert time.monotonic() - started < 2
    assert info.value.retry_after == pytest.approx(600, abs=1)
    assert fake.request_count(operation_id="getContacts") == 1


def test_per_call_options(fake: FakeFlexie) -> None:
    fake.inject(503, operation_id="getContacts", times=1)
    with make(fake) as client:
        with pytest.raises(flexie.ServerError):
            client.with_options(max_retries=0).contacts.get(1)
        assert client.contacts.get(1).id == 1  # the original keeps its retries


def test_each_retry_logs_one_line(fake: FakeFlexie, caplog: pytest.LogCaptureFixture) -> None:
    fake.inject(503, operation_id="getContacts", times=2)
    with caplog.at_level(logging.INFO, logger="flexie"), make(fake) as client:
        client.contacts.get(1)
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(retries) == 2
    assert "GET" in retries[0]
    assert "/api/contacts/1" in retries[0]
    assert "503" in retries[0]
    assert fake.api_key not in caplog.text


def test_client_side_rate_limit_is_shared_by_threads(fake: FakeFlexie) -> None:
    fake.set_rate_limit(20)  # the server would answer 429 past 20 in a minute
    with make(fake, rate_limit_per_minute=600, max_retries=0) as client:  # one every 0.1 s
        started = time.monotonic()
        threads = [threading.Thread(target=lambda: client.users.me()) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    assert elapsed >= 0.65  # 8 requests, 7 gaps of 0.1 s
    assert fake.fault_counts.get("429", 0) == 0


def test_async_reads_are_repeated_too(fake: FakeFlexie) -> None:
    import asyncio

    fake.inject(502, operation_id="getContacts", times=1)

    async def scenario() -> int | None:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key, **FAST) as client:  # type: ignore[arg-type]
            return (await client.contacts.get(1)).id

    assert asyncio.run(scenario()) == 1
    assert fake.request_count(operation_id="getContacts") == 2


def test_retry_after_header_parsing_of_an_http_date() -> None:
    import httpx

    from flexie._retries import parse_retry_after

    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3 < (parse_retry_after(httpx.Headers({"retry-after": when})) or 0) <= 5
