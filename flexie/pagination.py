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
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .errors import InvalidArgumentError, PaginationError

if TYPE_CHECKING:
    from ._pages_ahead import AheadPlan

__all__ = ["AsyncPager", "Page", "PageQuery", "Pager"]

T = TypeVar("T")
MAX_PAGE_SIZE = 100
MAX_CONCURRENCY = 64


@dataclass(frozen=True)
class PageQuery:
    """Which page to ask for: an offset, or (keyset paging) the ids above the last one already seen.

    ``upto_id`` bounds keyset paging from above (a segment of the id range, when fetching
    concurrently); ``newest_first`` asks for the highest ids first (to learn the top of the range).
    """

    start: int
    size: int
    after_id: int | None = None
    upto_id: int | None = None
    newest_first: bool = False


@dataclass
class Page(Generic[T]):
    """One page of results. ``total`` counts every match across all pages."""

    items: list[T]
    total: int
    start: int = 0
    ids: list[int | None] = field(default_factory=list, repr=False)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def check_int(name: str, value: Any, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise InvalidArgumentError(f"{name} must be a whole number {bound}, got {value!r}")
    return value


class _Paging:
    """The bookkeeping both pagers share: what to ask next, when to stop, what looks wrong."""

    def __init__(
        self,
        *,
        page_size: int,
        limit: int | None,
        start: int,
        keyset: bool,
        min_page_size: int = 1,
        concurrency: int = 1,
    ) -> None:
        self.concurrency = check_int("concurrency", concurrency, 1, MAX_CONCURRENCY)
        self.page_size = check_int("page_size", page_size, min_page_size, MAX_PAGE_SIZE)
        self.limit = None if limit is None else check_int("limit", limit, 0)
        self.start = check_int("start", start, 0)
        self.keyset = keyset
        self.min_page_size = min_page_size
        self._total: int | None = None

    def _size(self, delivered: int) -> int:
        wanted = self.page_size if self.limit is None else min(self.page_size, self.limit - delivered)
        return max(wanted, self.min_page_size)

    def _first_query(self) -> PageQuery | None:
        if self.limit == 0:
            return None
        return PageQuery(start=self.start, size=self._size(0), after_id=0 if self.keyset else None)

    def _ahead(self, concurrency: int | None) -> tuple[int, AheadPlan] | None:
        """How many pages to fetch at once and their plan, when that is more than one."""
        wanted = self.concurrency if concurrency is None else check_int("concurrency", concurrency, 1, MAX_CONCURRENCY)
        query = self._first_query()
        if wanted == 1 or query is None:
            return None
        from ._pages_ahead import AheadPlan

        return wanted, AheadPlan(self, query)

    def _walk(self) -> Generator[PageQuery, Page[T], None]:
        """Yields each query; is sent each page; trims pages to ``limit`` in place."""
        query = self._first_query()
        if query is None:
            return
        delivered = 0
        previous: list[int | None] | None = None
        while True:
            page = yield query
            if self._total is None:
                self._total = page.total
            if self.keyset:
                if query.after_id is not None and any(i is None or i <= query.after_id for i in page.ids):
                    raise PaginationError(
                        f"the server returned ids at or below {query.after_id} after being asked for ids above it"
                    )
            elif previous is not None and page.ids and page.ids == previous:
                raise PaginationError(f"the server returned the same page twice (start={query.start})")
            previous = page.ids
            received = len(page.items)
            if self.limit is not None and delivered + received > self.limit:
                del page.items[self.limit - delivered :]
            delivered += len(page.items)
            last_page = received < query.size or received == 0
            if not self.keyset:
                last_page = last_page or query.start + received >= page.total
            if last_page or (self.limit is not None and delivered >= self.limit):
                return
            if self.keyset:
                last_id = page.ids[-1]
                query = PageQuery(start=0, size=self._size(delivered), after_id=last_id)
            else:
                query = PageQuery(start=query.start + received, size=self._size(delivered))
            del page  # see Pager.pages

    @property
    def total(self) -> int | None:
        """Matches across all pages, as the first page reported; None before any page was fetched."""
        return self._total


class Pager(_Paging, Generic[T]):
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
        ahead = self._ahead(concurrency)
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


class AsyncPager(_Paging, Generic[T]):
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
        ahead = self._ahead(concurrency)
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
