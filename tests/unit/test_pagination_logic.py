"""Pager bookkeeping: what each page asks for, when it stops, what it refuses. (HTTP paging is in tests/facade.)"""

from __future__ import annotations

import asyncio

import pytest

from flexie import InvalidArgumentError, Page, PaginationError
from flexie.pagination import AsyncPager, PageQuery, Pager


def offset_source(n: int, asked: list[PageQuery]):  # type: ignore[no-untyped-def]
    def fetch(q: PageQuery) -> Page[int]:
        asked.append(q)
        items = list(range(1, n + 1))[q.start : q.start + q.size]
        return Page(items=items, total=n, start=q.start, ids=list(items))

    return fetch


def keyset_source(n: int, asked: list[PageQuery]):  # type: ignore[no-untyped-def]
    def fetch(q: PageQuery) -> Page[int]:
        asked.append(q)
        items = [i for i in range(1, n + 1) if i > (q.after_id or 0)][: q.size]
        return Page(items=items, total=n, start=0, ids=list(items))

    return fetch


@pytest.mark.parametrize(("n", "size", "requests"), [(0, 10, 1), (10, 10, 1), (25, 10, 3), (30, 10, 3)])
def test_offset_paging_stops_on_total(n: int, size: int, requests: int) -> None:
    asked: list[PageQuery] = []
    pager = Pager(offset_source(n, asked), page_size=size, limit=None, start=0, keyset=False)
    assert list(pager) == list(range(1, n + 1))
    assert len(asked) == requests
    assert [q.start for q in asked] == [i * size for i in range(requests)]


def test_limit_caps_records_and_shrinks_the_last_request() -> None:
    asked: list[PageQuery] = []
    pager = Pager(offset_source(100, asked), page_size=30, limit=45, start=0, keyset=False)
    assert list(pager) == list(range(1, 46))
    assert [(q.start, q.size) for q in asked] == [(0, 30), (30, 15)]


def test_minimum_page_size_is_honoured_and_trimmed() -> None:
    asked: list[PageQuery] = []
    pager = Pager(keyset_source(100, asked), page_size=5, limit=2, start=0, keyset=True, min_page_size=5)
    assert list(pager) == [1, 2]
    assert asked[0].size == 5


def test_keyset_paging_asks_for_ids_above_the_last() -> None:
    asked: list[PageQuery] = []
    pager = Pager(keyset_source(23, asked), page_size=10, limit=None, start=0, keyset=True)
    assert list(pager) == list(range(1, 24))
    assert [q.after_id for q in asked] == [0, 10, 20]


def test_same_page_twice_raises() -> None:
    def stuck(q: PageQuery) -> Page[int]:
        return Page(items=[1, 2], total=10, start=q.start, ids=[1, 2])

    with pytest.raises(PaginationError, match="same page twice"):
        list(Pager(stuck, page_size=2, limit=None, start=0, keyset=False))


def test_keyset_going_backwards_raises_without_delivering_duplicates() -> None:
    delivered: list[int] = []

    def ignores_filter(q: PageQuery) -> Page[int]:
        return Page(items=[1, 2], total=10, start=0, ids=[1, 2])

    pager = iter(Pager(ignores_filter, page_size=2, limit=None, start=0, keyset=True))
    delivered.extend([next(pager), next(pager)])
    with pytest.raises(PaginationError, match="ids at or below 2"):
        next(pager)
    assert delivered == [1, 2]


def test_first_page_total_and_reuse() -> None:
    asked: list[PageQuery] = []
    pager = Pager(offset_source(12, asked), page_size=5, limit=None, start=0, keyset=False)
    assert pager.total == 12
    first = pager.first_page()
    assert first.items == [1, 2, 3, 4, 5]
    assert list(pager) == list(range(1, 13))
    assert len(asked) == 3  # the first page was fetched once
    assert pager.to_list() == list(range(1, 13))  # re-iterable


def test_start_beyond_total_is_empty() -> None:
    asked: list[PageQuery] = []
    assert list(Pager(offset_source(5, asked), page_size=10, limit=None, start=50, keyset=False)) == []
    assert len(asked) == 1


@pytest.mark.parametrize(
    "kwargs", [{"page_size": 0}, {"page_size": 101}, {"page_size": 3, "min_page_size": 5}, {"limit": -1}, {"start": -1}]
)
def test_bad_paging_arguments(kwargs: dict[str, int]) -> None:
    args = {"page_size": 10, "limit": None, "start": 0, "keyset": False, **kwargs}
    with pytest.raises(InvalidArgumentError):
        Pager(offset_source(1, []), **args)


def test_async_pager_iterates_and_awaits_to_the_first_page() -> None:
    asked: list[PageQuery] = []
    fetch = offset_source(7, asked)

    async def afetch(q: PageQuery) -> Page[int]:
        return fetch(q)

    async def scenario() -> tuple[list[int], list[int], int | None, list[int]]:
        pager = AsyncPager(afetch, page_size=3, limit=None, start=0, keyset=False)
        first = await pager
        items = [i async for i in pager]
        sizes = [len(p) async for p in pager.pages()]
        return first.items, items, pager.total, sizes

    first, items, total, sizes = asyncio.run(scenario())
    assert first == [1, 2, 3]
    assert items == list(range(1, 8))
    assert total == 7
    assert sizes == [3, 3, 1]


@pytest.mark.parametrize("keyset", [False, True])
def test_a_page_is_let_go_before_the_next_is_fetched(keyset: bool) -> None:
    """Streaming holds one page at a time: the previous one is freed (by refcount alone) first."""
    import weakref

    source = keyset_source(50, []) if keyset else offset_source(50, [])
    previous: list[weakref.ref[Page[int]]] = []

    def fetch(q: PageQuery) -> Page[int]:
        assert all(ref() is None for ref in previous), "an earlier page is still alive during a fetch"
        page = source(q)
        previous.append(weakref.ref(page))
        return page

    assert list(Pager(fetch, page_size=10, limit=None, start=0, keyset=keyset)) == list(range(1, 51))
    assert len(previous) == (6 if keyset else 5)  # keyset paging ends on an empty page

    async def consume() -> list[int]:
        async def afetch(q: PageQuery) -> Page[int]:
            return fetch(q)

        return [i async for i in AsyncPager(afetch, page_size=10, limit=None, start=0, keyset=keyset)]

    previous.clear()
    assert asyncio.run(consume()) == list(range(1, 51))
