"""Lazy pagination: iterate any number of records while holding one page at a time.

``list()`` pages by offset (``start``/``limit``), which is what the API's GET lists offer: records
created or deleted during a long iteration can shift the pages. ``filter()`` without an explicit
order pages by id instead (``id > last seen``, ascending), so a record present throughout is
delivered exactly once however the collection changes meanwhile.

Every page request repeats all of the caller's parameters. Iteration stops on the last page (by
``total`` or a short page) and raises :class:`~flexie.errors.PaginationError` rather than loop
when the server returns the same page twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._paging import Page, PageQuery, Paging
from .bulk import check_concurrency

if TYPE_CHECKING:
    from ._pages_ahead import AheadPlan

__all__ = ["AsyncPager", "Page", "PageQuery", "Pager"]

T = TypeVar("T")


class Pager(Paging, Generic[T]):
    """A lazy, re-iterable sequence of records, fetched a page at a time.

    ``for rec in pager``, ``pager.pages()``, ``pager.first_page()``, ``pager.to_list()``, ``pager.total``.
    """

    def __init__(self, fetch: Callable[[PageQuery], Page[T]], **paging: Any) -> None:
        super().__init__(**paging)
        self._fetch = fetch
        self._first: Page[T] | None = None

    def pages(self, *, concurrency: int | None = None) -> Iterator[Page[T]]:
        """The pages themselves, one request each, lazily, in order.

        ``concurrency`` (default: the pager's own) fetches that many pages at once, ahead of use.
        """
        ahead = _ahead(self, concurrency)
        if ahead is not None:
            from ._pages_ahead import pages_ahead

            first, self._first = self._first, None
            yield from pages_ahead(ahead[1], self._fetch, ahead[0], first)
            return
        walk: Generator[PageQuery, Page[T], None] = self._walk()
        query = next(walk, None)
        while query is not None:
            page = self._first if self._first is not None else self._fetch(query)
            self._first = None  # a kept first page is used once
            try:
                query = walk.send(page)
            except StopIteration:
                query = None
            yield page
            # Let go of the page before fetching the next: its memory, still in the CPU's caches,
            # is then reused for the next page's records instead of new memory being touched.
            del page

    def __iter__(self) -> Iterator[T]:
        return chain.from_iterable(self.pages())  # records pass through C, not a generator frame

    def first_page(self) -> Page[T]:
        """The first page (fetched once, then kept until iteration starts)."""
        if self._first is None:
            walk: Generator[PageQuery, Page[T], None] = self._walk()
            query = next(walk, None)
            if query is None:
                return Page(items=[], total=0, start=self.start)
            self._first = self._fetch(query)
            self._total = self._first.total
        return self._first

    def to_list(self) -> list[T]:
        """Every item of every page, in one list (fetches them all)."""
        return list(self)

    @property
    def total(self) -> int:
        """Matches across all pages (fetches the first page if needed)."""
        if self._total is None:
            self.first_page()
        return self._total or 0


class AsyncPager(Paging, Generic[T]):
    """The async pager: ``async for rec in pager``; ``await pager`` gives the first page.

    ``pager.pages()`` is an async iterator of pages; ``await pager.to_list()``; ``pager.total`` is
    known once a page has been fetched (None before).
    """

    def __init__(self, fetch: Callable[[PageQuery], Awaitable[Page[T]]], **paging: Any) -> None:
        super().__init__(**paging)
        self._fetch = fetch
        self._first: Page[T] | None = None

    async def pages(self, *, concurrency: int | None = None) -> AsyncIterator[Page[T]]:
        """The pages themselves, one request each, lazily, in order.

        ``concurrency`` (default: the pager's own) fetches that many pages at once, ahead of use.
        """
        ahead = _ahead(self, concurrency)
        if ahead is not None:
            from ._pages_ahead import async_pages_ahead

            first, self._first = self._first, None
            async for page in async_pages_ahead(ahead[1], self._fetch, ahead[0], first):
                yield page
            return
        walk: Generator[PageQuery, Page[T], None] = self._walk()
        query = next(walk, None)
        while query is not None:
            page = self._first if self._first is not None else await self._fetch(query)
            self._first = None
            try:
                query = walk.send(page)
            except StopIteration:
                query = None
            yield page
            del page  # see Pager.pages

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item
            del page  # see Pager.pages

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def first_page(self) -> Page[T]:
        """Only the first page (also what awaiting the pager gives)."""
        if self._first is None:
            walk: Generator[PageQuery, Page[T], None] = self._walk()
            query = next(walk, None)
            if query is None:
                return Page(items=[], total=0, start=self.start)
            self._first = await self._fetch(query)
            self._total = self._first.total
        return self._first

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def to_list(self) -> list[T]:
        """Every item of every page, in one list (fetches them all)."""
        return [item async for item in self]


def _ahead(paging: Paging, concurrency: int | None) -> tuple[int, AheadPlan] | None:
    """How many pages to fetch at once and their plan, when that is more than one."""
    wanted = paging.concurrency if concurrency is None else check_concurrency(concurrency)
    query = paging.first_query()
    if wanted == 1 or query is None:
        return None
    from ._pages_ahead import AheadPlan

    return wanted, AheadPlan(paging, query)
