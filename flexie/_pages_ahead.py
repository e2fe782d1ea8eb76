"""Concurrent paging: pages fetched ahead, ``concurrency`` requests in flight, delivered in order.

What to fetch is planned from the first page:

- **Offset paging** (``list()``, ``filter(order_by=...)``): once the first page has said how many
  records match, every further offset is known, and they are fetched side by side.
- **Keyset paging** (``filter()`` without an order): the next page starts after the last id of the
  one before, so pages cannot be predicted. Instead the id range is split: the highest matching id
  is asked for beside the first page, and the ids above the first page are cut into segments
  ``(low, high]`` expected to hold a little under a page each. Every segment is read by keyset
  paging within its bounds, so a record present throughout is delivered exactly once however the
  collection changes: each id lies in one segment, and within it ids only ascend.

At most ``concurrency`` pages are in flight or waiting; an error in one page stops the rest and is
raised where that page would have been delivered; closing the pager cancels what is pending.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import PaginationError

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

    from ._paging import Page, PageQuery, Paging

__all__ = ["AheadPlan", "async_pages_ahead", "pages_ahead"]

T = TypeVar("T")
# A segment is cut to hold this share of a page, so that few overflow into a second request.
SEGMENT_FILL = 0.9


class AheadPlan:
    """Which queries to send, in delivery order, and the checks and trimming of what comes back."""

    def __init__(self, paging: Paging, first_query: PageQuery) -> None:
        self.paging = paging
        self.first_query = first_query
        self.delivered = 0
        self._planned: Iterator[PageQuery] = iter(())
        self._previous_ids: list[int | None] | None = None

    def probe_query(self) -> PageQuery | None:
        """For keyset paging, the query for the highest matching id (sent beside the first page)."""
        if not self.paging.keyset:
            return None
        return replace(self.first_query, size=self.paging.min_page_size, newest_first=True)

    def start(self, first: Page[Any], highest_id: Callable[[], int | None]) -> None:
        """Plan every query after the first page."""
        if len(first.items) < self.first_query.size or self._limit_reached(len(first.items)):
            return
        if self.paging.keyset:
            last = first.ids[-1]
            low = first.ids[0]
            high = highest_id()
            if last is None or low is None or high is None or high <= last:
                self._planned = iter([self._in_segment(last or 0, None)])
                return
            density = min(1.0, first.total / (high - low + 1)) if first.total > 0 else 1.0
            width = max(1, int(self.paging.page_size * SEGMENT_FILL / density))
            self._planned = self._segments(last, high, width)
        else:
            limit = self.paging.limit
            self._planned_end = first.total if limit is None else min(first.total, self.paging.start + limit)
            self._planned = self._offsets(self._planned_end)

    def next_planned(self) -> PageQuery | None:
        return next(self._planned, None)

    def follow_up(self, query: PageQuery, page: Page[Any]) -> PageQuery | None:
        """A query that must come right after this page's: the rest of a segment, or past the plan."""
        received = len(page.items)
        if received < query.size or self._limit_reached(received):
            return None
        if self.paging.keyset:
            last = page.ids[-1]
            return self._in_segment(last, query.upto_id) if last is not None else None
        beyond = query.start + received
        if beyond < page.total and beyond >= self._planned_end:
            self._planned_end = beyond + self.paging.page_size
            return self._offset_query(beyond)
        return None

    def deliver(self, query: PageQuery, page: Page[Any]) -> bool:
        """Check and trim one page about to be delivered; False when nothing more is wanted."""
        if self.paging.keyset and query.after_id is not None:
            low, high = query.after_id, query.upto_id
            if any(i is None or i <= low or (high is not None and i > high) for i in page.ids):
                raise PaginationError(
                    f"the server returned ids outside ({low}, {high if high is not None else 'end'}] "
                    "after being asked for ids in that range"
                )
        elif self._previous_ids is not None and page.ids and page.ids == self._previous_ids:
            raise PaginationError(f"the server returned the same page twice (start={query.start})")
        self._previous_ids = page.ids
        limit = self.paging.limit
        if limit is not None and self.delivered + len(page.items) > limit:
            del page.items[limit - self.delivered :]
        self.delivered += len(page.items)
        return limit is None or self.delivered < limit

    # -- planning helpers ---------------------------------------------------------------------------

    _planned_end = 0

    def _limit_reached(self, received: int) -> bool:
        limit = self.paging.limit
        return limit is not None and self.delivered + received >= limit

    def _offset_query(self, start: int) -> PageQuery:
        predicted = start - self.paging.start  # records before this page, when every page is full
        return replace(self.first_query, start=start, size=self.paging.size_after(predicted))

    def _offsets(self, end: int) -> Iterator[PageQuery]:
        size = self.paging.page_size
        for start in range(self.first_query.start + size, end, size):
            yield self._offset_query(start)

    def _in_segment(self, after: int, upto: int | None) -> PageQuery:
        return replace(self.first_query, size=self.paging.page_size, after_id=after, upto_id=upto)

    def _segments(self, last: int, high: int, width: int) -> Iterator[PageQuery]:
        low = last
        while low + width < high:
            yield self._in_segment(low, low + width)
            low += width
        yield self._in_segment(low, None)  # the last one is open: it also sees ids added since


def pages_ahead(
    plan: AheadPlan,
    fetch: Callable[[PageQuery], Page[T]],
    concurrency: int,
    first: Page[T] | None,
) -> Iterator[Page[T]]:
    """Pages in order, ``concurrency`` fetched at a time on threads."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="flexie-pages")
    pending: deque[tuple[PageQuery, Future[Page[T]]]] = deque()
    try:
        probe = plan.probe_query()
        highest = pool.submit(fetch, probe) if probe is not None else None
        if first is None:
            first = fetch(plan.first_query)
        plan.start(first, lambda: _highest_id(highest.result() if highest is not None else None))
        more = plan.deliver(plan.first_query, first)
        yield first
        del first
        while more:
            while len(pending) < concurrency and (query := plan.next_planned()) is not None:
                pending.append((query, pool.submit(fetch, query)))
            if not pending:
                return
            query, future = pending.popleft()
            page = future.result()
            follow = plan.follow_up(query, page)
            if follow is not None:
                pending.appendleft((follow, pool.submit(fetch, follow)))
            more = plan.deliver(query, page)
            if page.items:
                yield page
            del page
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


async def async_pages_ahead(
    plan: AheadPlan,
    fetch: Callable[[PageQuery], Awaitable[Page[T]]],
    concurrency: int,
    first: Page[T] | None,
) -> AsyncIterator[Page[T]]:
    """Pages in order, ``concurrency`` fetched at a time as tasks."""
    import asyncio

    def task(query: PageQuery) -> asyncio.Task[Page[T]]:
        return asyncio.ensure_future(fetch(query))

    pending: deque[tuple[PageQuery, asyncio.Task[Page[T]]]] = deque()
    highest: asyncio.Task[Page[T]] | None = None
    try:
        probe = plan.probe_query()
        highest = task(probe) if probe is not None else None
        if first is None:
            first = await fetch(plan.first_query)
        found = await highest if highest is not None and len(first.items) >= plan.first_query.size else None
        plan.start(first, lambda: _highest_id(found))
        more = plan.deliver(plan.first_query, first)
        yield first
        del first
        while more:
            while len(pending) < concurrency and (query := plan.next_planned()) is not None:
                pending.append((query, task(query)))
            if not pending:
                return
            query, running = pending.popleft()
            page = await running
            follow = plan.follow_up(query, page)
            if follow is not None:
                pending.appendleft((follow, task(follow)))
            more = plan.deliver(query, page)
            if page.items:
                yield page
            del page
    finally:
        for _, running in pending:
            running.cancel()
        if highest is not None and not highest.done():
            highest.cancel()


def _highest_id(page: Page[Any] | None) -> int | None:
    if page is None or not page.ids:
        return None
    return page.ids[0]
