"""The bookkeeping both pagers share: what a page and a query are, what to ask next, when to stop.

:mod:`flexie.pagination` builds the pagers on it; :mod:`flexie._pages_ahead` plans concurrent
fetching from it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .bulk import check_concurrency
from .errors import InvalidArgumentError, PaginationError

__all__ = ["MAX_PAGE_SIZE", "Page", "PageQuery", "Paging", "check_int"]

T = TypeVar("T")
MAX_PAGE_SIZE = 100


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


class Paging:
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
        self.concurrency = check_concurrency(concurrency)
        self.page_size = check_int("page_size", page_size, min_page_size, MAX_PAGE_SIZE)
        self.limit = None if limit is None else check_int("limit", limit, 0)
        self.start = check_int("start", start, 0)
        self.keyset = keyset
        self.min_page_size = min_page_size
        self._total: int | None = None

    def size_after(self, delivered: int) -> int:
        """The size to ask for once ``delivered`` records have come: a page, or what is left of ``limit``."""
        wanted = self.page_size if self.limit is None else min(self.page_size, self.limit - delivered)
        return max(wanted, self.min_page_size)

    def first_query(self) -> PageQuery | None:
        """The first page's query (None when ``limit`` is 0: nothing to ask)."""
        if self.limit == 0:
            return None
        return PageQuery(start=self.start, size=self.size_after(0), after_id=0 if self.keyset else None)

    def _walk(self) -> Generator[PageQuery, Page[T], None]:
        """Yields each query; is sent each page; trims pages to ``limit`` in place."""
        query = self.first_query()
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
                query = PageQuery(start=0, size=self.size_after(delivered), after_id=last_id)
            else:
                query = PageQuery(start=query.start + received, size=self.size_after(delivered))
            del page  # see Pager.pages

    @property
    def total(self) -> int | None:
        """Matches across all pages, as the first page reported; None before any page was fetched."""
        return self._total
