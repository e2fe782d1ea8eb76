"""Concurrent paging against the fake over HTTP: order, exactly once under changes, errors, cancellation."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from typing import Any

import pytest

import flexie
from flexie import F
from flexie.testing import FakeFlexie

RECORDS = 1_200
PAGE = 50
CONCURRENCY = 8


@pytest.fixture(scope="module")
def big_fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(seed=3) as fake:
        yield fake


@pytest.fixture
def fake(big_fake: FakeFlexie) -> FakeFlexie:
    big_fake.reset()
    big_fake.seed(contacts=RECORDS)
    big_fake.clear_faults()
    return big_fake


def connect(fake: FakeFlexie, **options: Any) -> flexie.Flexie:
    return flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, backoff=(0.01, 0.02), **options)


def aconnect(fake: FakeFlexie, **options: Any) -> flexie.AsyncFlexie:
    return flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key, backoff=(0.01, 0.02), **options)


@pytest.mark.parametrize("method", ["list", "filter"])
def test_pages_come_in_the_sequential_order(fake: FakeFlexie, method: str) -> None:
    with connect(fake) as client:
        sequential = [r.id for r in getattr(client.contacts, method)(page_size=PAGE)]
        concurrent = [r.id for r in getattr(client.contacts, method)(page_size=PAGE, concurrency=CONCURRENCY)]
        pages = list(getattr(client.contacts, method)(page_size=PAGE).pages(concurrency=4))
    assert len(sequential) == RECORDS
    assert concurrent == sequential
    assert [r.id for page in pages for r in page] == sequential


@pytest.mark.parametrize(("limit", "start"), [(0, 0), (7, 0), (PAGE * 3 + 1, 0), (120, 1_100), (5_000, 10)])
def test_limit_and_start_hold_with_concurrency(fake: FakeFlexie, limit: int, start: int) -> None:
    with connect(fake) as client:
        listed = [r.id for r in client.contacts.list(page_size=PAGE, limit=limit, start=start)]
        assert [r.id for r in client.contacts.list(page_size=PAGE, limit=limit, start=start, concurrency=8)] == listed
        filtered = [r.id for r in client.contacts.filter(page_size=PAGE, limit=limit)]
        assert [r.id for r in client.contacts.filter(page_size=PAGE, limit=limit, concurrency=8)] == filtered


def test_conditions_narrow_the_split_id_range(fake: FakeFlexie) -> None:
    with connect(fake) as client:
        expected = [r.id for r in client.contacts.filter(F("id") > 333, page_size=PAGE)]
        got = [r.id for r in client.contacts.filter(F("id") > 333, page_size=PAGE, concurrency=CONCURRENCY)]
    assert got == expected
    assert got[0] == 334


def _churn(mutator: flexie.Flexie, to_delete: Iterator[int], serial: Iterator[int]) -> tuple[set[int], set[int]]:
    """Delete two records and create two, as another process would."""
    deleted = {next(to_delete), next(to_delete)}
    for record_id in deleted:
        mutator.contacts.delete(record_id)
    created = {
        mutator.contacts.create({"first_name": "New", "email": f"new{next(serial)}@example.com"}).id for _ in range(2)
    }
    return deleted, created


def _check_exactly_once(delivered: list[int], before: list[int], deleted: set[int]) -> None:
    assert len(delivered) == len(set(delivered)), "a record was delivered twice"
    assert delivered == sorted(delivered), "pages by id must ascend"
    present_throughout = set(before) - deleted
    missing = present_throughout - set(delivered)
    assert not missing, f"{len(missing)} records present throughout were skipped"


def test_filter_is_exactly_once_under_concurrent_inserts_and_deletes(fake: FakeFlexie) -> None:
    with connect(fake) as client, connect(fake) as mutator:
        before = [r.id for r in client.contacts.filter(page_size=PAGE)]
        # delete records on both sides of the reading position, spread over the whole range
        to_delete = iter(itertools.chain.from_iterable(zip(before[::-7], before[3::11], strict=False)))
        serial = itertools.count()
        deleted: set[int] = set()
        delivered = []
        for page in client.contacts.filter(page_size=PAGE, concurrency=CONCURRENCY).pages():
            delivered += [r.id for r in page]
            gone, _ = _churn(mutator, to_delete, serial)
            deleted |= gone
    assert len(deleted) >= 40
    _check_exactly_once(delivered, before, deleted)


def test_async_filter_is_exactly_once_under_concurrent_inserts_and_deletes(fake: FakeFlexie) -> None:
    async def scenario() -> tuple[list[int], list[int], set[int]]:
        async with aconnect(fake) as client:
            with connect(fake) as mutator:
                before = [r.id async for r in client.contacts.filter(page_size=PAGE)]
                to_delete = iter(itertools.chain.from_iterable(zip(before[::-7], before[3::11], strict=False)))
                serial = itertools.count(10_000)
                deleted: set[int] = set()
                delivered: list[int] = []
                async for page in client.contacts.filter(page_size=PAGE, concurrency=CONCURRENCY).pages():
                    delivered += [r.id for r in page]
                    gone, _ = await asyncio.to_thread(_churn, mutator, to_delete, serial)
                    deleted |= gone
        return delivered, before, deleted

    delivered, before, deleted = asyncio.run(scenario())
    assert len(deleted) >= 40
    _check_exactly_once(delivered, before, deleted)


def test_an_error_in_one_page_stops_the_rest_and_surfaces_in_its_place(fake: FakeFlexie) -> None:
    with connect(fake, max_retries=0) as client:
        expected = [r.id for r in client.contacts.list(page_size=PAGE)]
        delivered: list[int] = []
        pages = client.contacts.list(page_size=PAGE, concurrency=CONCURRENCY).pages()
        delivered += [r.id for r in next(pages)]
        fake.inject(500, operation_id="listContacts", times=1)
        with pytest.raises(flexie.ServerError):
            delivered.extend(r.id for page in pages for r in page)
    assert delivered == expected[: len(delivered)]  # whatever came, came in order and complete
    assert len(delivered) < len(expected)


async def _drain(pages: Any, into: list[int]) -> None:
    async for page in pages:
        into.extend(r.id for r in page)


def test_async_error_in_one_page(fake: FakeFlexie) -> None:
    async def scenario() -> list[int]:
        async with aconnect(fake, max_retries=0) as client:
            delivered: list[int] = []
            pages = client.contacts.filter(page_size=PAGE, concurrency=CONCURRENCY).pages()
            delivered += [r.id for r in await pages.__anext__()]
            fake.inject(500, operation_id="listContactsFiltered", times=1)
            with pytest.raises(flexie.ServerError):
                await _drain(pages, delivered)
            return delivered

    delivered = asyncio.run(scenario())
    assert delivered == sorted(delivered)
    assert len(delivered) < RECORDS


def _requests_settle(fake: FakeFlexie) -> int:
    """The request count once nothing is in flight any more."""
    count = -1
    while count != fake.request_count():
        count = fake.request_count()
        time.sleep(0.3)
    return count


def test_closing_a_pager_cancels_what_is_pending(fake: FakeFlexie) -> None:
    fake.inject("latency", latency=0.05)
    with connect(fake) as client:
        client.contacts.fields()
        fake.clear_requests()
        pages = client.contacts.list(page_size=PAGE, concurrency=4).pages()
        next(pages)
        pages.close()
        sent = _requests_settle(fake)
    # the first page, plus at most the four fetched ahead of use; never the other twenty pages
    assert sent <= 1 + 4


def test_abandoning_an_async_pager_cancels_its_tasks(fake: FakeFlexie) -> None:
    fake.inject("latency", latency=0.05)

    async def scenario() -> None:
        async with aconnect(fake) as client:
            await client.contacts.fields()
            fake.clear_requests()
            async for page in client.contacts.list(page_size=PAGE, concurrency=4).pages():
                assert page.items
                break
            await asyncio.sleep(0.3)

    asyncio.run(scenario())
    assert _requests_settle(fake) <= 1 + 4


@pytest.mark.parametrize("bad", [0, -1, 65, True, 2.5])
def test_concurrency_must_be_a_sensible_whole_number(fake: FakeFlexie, bad: Any) -> None:
    with connect(fake) as client, pytest.raises(flexie.InvalidArgumentError, match="concurrency"):
        client.contacts.list(concurrency=bad)


@pytest.mark.parametrize("descending", [False, True])
def test_the_fake_reads_an_id_range_with_other_conditions_as_a_scan_would(fake: FakeFlexie, descending: bool) -> None:
    with connect(fake) as client:
        everyone = [r for r in client.contacts.filter(F("first_name").starts_with("A"), page_size=PAGE)]
        expected = sorted((r.id for r in everyone if 100 < r.id <= 300), reverse=descending)
        ranged = client.contacts.filter(
            F("id") > 100, F("id") <= 300, F("first_name").starts_with("A"), order_by="id", descending=descending
        )
        assert [r.id for r in ranged] == expected
        assert ranged.total == len(expected)
    assert 0 < len(expected) < 200
