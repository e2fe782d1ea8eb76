"""Pagers against the fake server: edges, parameters repeated on every page, safety under changes."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

import flexie
from flexie.testing import FakeFlexie


@pytest.fixture
def big(fake: FakeFlexie) -> FakeFlexie:
    fake.seed(2, contacts=230)  # 250 contacts in all
    return fake


@pytest.mark.parametrize(
    ("limit", "page_size", "expected", "requests"),
    [(None, 100, 250, 3), (None, 50, 250, 5), (250, 50, 250, 5), (100, 100, 100, 1), (101, 100, 101, 2), (0, 10, 0, 0)],
)
def test_list_pages_by_offset(
    client: flexie.Flexie, big: FakeFlexie, limit: int | None, page_size: int, expected: int, requests: int
) -> None:
    before = big.request_count(operation_id="listContacts")
    ids = [r.id for r in client.contacts.list(page_size=page_size, limit=limit)]
    assert len(ids) == expected
    assert len(set(ids)) == expected
    assert ids == sorted(ids)
    assert big.request_count(operation_id="listContacts") - before == requests


def test_paging_edges(client: flexie.Flexie, fake: FakeFlexie) -> None:
    assert client.contacts.list(search="no-such-thing-anywhere").to_list() == []  # empty
    assert len(client.contacts.list(page_size=20).to_list()) == 20  # exactly one page
    assert [r.id for r in client.contacts.list(page_size=8)][-4:] == [17, 18, 19, 20]  # last partial page
    assert client.contacts.list(start=500).to_list() == []  # start beyond total
    assert [r.id for r in client.contacts.list(start=18)] == [19, 20]


def test_first_page_and_total(client: flexie.Flexie, big: FakeFlexie) -> None:
    pager = client.contacts.list(page_size=10)
    page = pager.first_page()
    assert page.total == 250
    assert len(page.items) == 10
    assert pager.total == 250


class RecordingTransport(httpx.HTTPTransport):
    """A real transport that also notes each URL it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return super().handle_request(request)


def test_every_page_repeats_the_callers_parameters(big: FakeFlexie) -> None:
    recorder = RecordingTransport()
    with flexie.Flexie(base_url=big.base_url, api_key=big.api_key, transport=recorder) as client:
        got = client.contacts.list(search="example", order_by="email", descending=True, page_size=40).to_list()
    assert got
    queries = [parse_qs(urlsplit(url).query) for url in recorder.urls if urlsplit(url).path == "/api/contacts"]
    assert len(queries) >= 2
    for q in queries:
        assert q["search"] == ["example"]
        assert q["orderBy"] == ["email"]
        assert q["orderByDir"] == ["DESC"]
        assert q["limit"] == ["40"]
    emails = [r["email"] for r in got]
    assert emails == sorted(emails, reverse=True)


def test_filter_without_an_order_pages_by_id(client: flexie.Flexie, big: FakeFlexie) -> None:
    ids = [r.id for r in client.contacts.filter(flexie.F("email").like("example"), page_size=30)]
    assert ids == sorted(set(ids))
    assert len(ids) == client.contacts.filter(flexie.F("email").like("example")).first_page().total


def test_no_record_present_throughout_is_skipped_or_repeated(client: flexie.Flexie, big: FakeFlexie) -> None:
    """Delete and create records between pages of a long iteration."""
    present_throughout = {r.id for r in client.contacts.list()}
    seen: list[int] = []
    deleted: set[int] = set()
    created: set[int] = set()
    for index, record in enumerate(client.contacts.filter(page_size=25)):
        assert record.id is not None
        seen.append(record.id)
        if index % 25 == 5:  # once per page: delete one record ahead, one already delivered, add one
            ahead = max(present_throughout - set(seen) - deleted, default=None)
            for victim in (ahead, seen[0] if seen[0] not in deleted else None):
                if victim is not None:
                    client.contacts.delete(victim)
                    deleted.add(victim)
            new = client.contacts.create({"first_name": "New", "email": f"new{index}@example.com"})
            assert new.id is not None
            created.add(new.id)
    survivors = present_throughout - deleted
    assert len(seen) == len(set(seen)), "a record was delivered twice"
    assert survivors <= set(seen), "a record present throughout was skipped"
    assert set(seen) <= present_throughout | created


def test_sub_lists_page_too(client: flexie.Flexie, fake: FakeFlexie) -> None:
    for n in range(7):
        client.notes.create("contact", 1, {"text": f"note {n}"})
    notes = client.contacts.record_notes(1, page_size=3).to_list()
    assert [n["text"] for n in notes] == [f"note {n}" for n in range(7)]


def test_async_pager(fake: FakeFlexie) -> None:
    fake.seed(3, contacts=130)

    async def scenario() -> tuple[int, int, list[int], int | None]:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            pager = client.contacts.list(page_size=60)
            first = await pager
            ids = [r.id async for r in pager]
            pages = [len(p) async for p in client.contacts.filter(page_size=60).pages()]
            return first.total, len(first.items), [i for i in ids if i is not None], sum(pages)

    total, first_len, ids, filtered = asyncio.run(scenario())
    assert total == 150
    assert first_len == 60
    assert ids == list(range(1, 151))
    assert filtered == 150
