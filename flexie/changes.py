"""Incremental changes: the records modified since a saved cursor, and the ids deleted since.

::

    feed = changes(client.contacts, since=saved)  # saved: None the first time
    for contact in feed:
        upsert(contact)
    saved = feed.cursor  # a str: store it, pass it back next time

The scan pages by (``date_modified``, ``id``) with filtered lists, so it works on every resource
that has ``filter()`` and records with a ``date_modified`` (contacts, leads, accounts, deals, cases,
custom entity tables, tasks, ...). The rule, in short:

- a first scan (no cursor) notes the newest ``date_modified``, then reads every record by id; its
  cursor is that timestamp, so whatever is written after the scan began comes with the next one;
- the next scan asks ``date_modified >= T`` (the cursor's timestamp, inclusive) and skips, at ``T``
  only, the ids the cursor says were delivered, and only when no write can add another record at
  ``T`` anymore (a later timestamp exists); otherwise it delivers everything at ``T`` again;
- so a record is **never skipped**: not when many records share one ``date_modified`` (a group
  larger than a page is walked by id), not when records change during the scan (a change moves a
  record forward, where the scan still has to go). A record can be delivered **more than once**
  (it changed again during the scan, or it sits at the cursor's timestamp): apply changes by id.

Deletions leave no trace in ``date_modified``: :func:`deleted_ids` compares the ids you hold with
an id scan of the server, which costs a full pass of pages (``ceil(records / page_size)`` requests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from ._change_scan import Delivery, Position, Scan, Step
from .errors import InvalidArgumentError
from .records import Record

__all__ = ["AsyncChangeFeed", "ChangeFeed", "async_changes", "async_deleted_ids", "changes", "deleted_ids"]

MIN_PAGE_SIZE, MAX_PAGE_SIZE = 5, 100


def parse_cursor(since: str | dt.datetime | None) -> Position | None:
    """A cursor from :attr:`ChangeFeed.cursor`, or an aware datetime (from that moment, inclusive)."""
    if since is None:
        return None
    if isinstance(since, dt.datetime):
        if since.tzinfo is None:
            raise InvalidArgumentError(f"since={since!r} is naive; pass a timezone-aware datetime")
        return Position(since.astimezone(dt.timezone.utc))
    if not isinstance(since, str):
        raise InvalidArgumentError(f"since must be a cursor string, an aware datetime or None, not {since!r}")
    stamp, _, after = since.partition("#")
    try:
        moment = dt.datetime.fromisoformat(stamp)
        after_id = int(after) if after else None
    except ValueError:
        moment, after_id = None, None
    if moment is None or moment.tzinfo is None or (after_id is not None and after_id < 0):
        raise InvalidArgumentError(
            f"since={since!r} is not a changes cursor; pass the string a previous feed.cursor gave, "
            "such as '2026-01-31T09:30:00+00:00#1234', or a timezone-aware datetime"
        )
    return Position(moment.astimezone(dt.timezone.utc), after_id)


def format_cursor(position: Position | None) -> str | None:
    if position is None:
        return None
    stamp = position.modified.astimezone(dt.timezone.utc).isoformat()
    return stamp if position.after_id is None else f"{stamp}#{position.after_id}"


def _page_size(page_size: int) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not MIN_PAGE_SIZE <= page_size <= MAX_PAGE_SIZE:
        raise InvalidArgumentError(f"page_size must be a whole number from 5 to 100, got {page_size!r}")
    return page_size


def _pager(resource: Any, step: Step, concurrency: int = 1) -> Any:
    if step.walk:  # a walk by id: pages can be fetched side by side (the id range is split)
        return resource.filter(*step.conditions, page_size=step.page_size, concurrency=concurrency)
    return resource.filter(
        *step.conditions,
        order_by="date_modified",
        descending=step.descending,
        page_size=step.page_size,
        limit=step.page_size,
    )


class _Feed:
    def __init__(self, resource: Any, since: str | dt.datetime | None, page_size: int, concurrency: int = 1) -> None:
        from .bulk import check_concurrency

        self._resource = resource
        self._position = parse_cursor(since)
        self._page_size = _page_size(page_size)
        self._concurrency = check_concurrency(concurrency)

    @property
    def cursor(self) -> str | None:
        """Where the next scan starts: covers every record yielded so far. None: from the beginning."""
        return format_cursor(self._position)

    def _scan(self) -> Scan:
        return Scan(self._position, self._page_size)

    def _delivered(self, delivery: Delivery) -> Iterator[Record]:
        for record, position in delivery:
            self._position = position
            yield record

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._resource!r} cursor={self.cursor!r}>"


class ChangeFeed(_Feed):
    """The records changed since a cursor, oldest change first. Iterate it; then save :attr:`cursor`.

    Each iteration is a new scan from the current cursor, so iterating again later gives what
    changed in between.
    """

    def pages(self) -> Iterator[list[Record]]:
        """The changes a batch at a time (about a page each); :attr:`cursor` covers each batch yielded."""
        scan = self._scan()
        while (step := scan.step()) is not None:
            if step.walk:
                for page in _pager(self._resource, step, self._concurrency).pages():
                    yield from self._batch(scan.take_walk(page.items))
                scan.end_walk()
                self._position = scan.position
            else:
                yield from self._batch(
                    scan.take_page(_pager(self._resource, step, self._concurrency).first_page().items)
                )

    def _batch(self, delivery: Delivery) -> Iterator[list[Record]]:
        if delivery:
            batch = list(self._delivered(delivery))
            yield batch

    def __iter__(self) -> Iterator[Record]:
        for batch in self.pages():
            yield from batch


class AsyncChangeFeed(_Feed):
    """:class:`ChangeFeed` for :class:`~flexie.AsyncFlexie` resources: ``async for record in feed``."""

    async def pages(self) -> AsyncIterator[list[Record]]:
        """The changes a batch at a time; :attr:`cursor` covers each batch yielded."""
        scan = self._scan()
        while (step := scan.step()) is not None:
            if step.walk:
                async for page in _pager(self._resource, step, self._concurrency).pages():
                    delivery = scan.take_walk(page.items)
                    if delivery:
                        yield list(self._delivered(delivery))
                scan.end_walk()
                self._position = scan.position
            else:
                delivery = scan.take_page((await _pager(self._resource, step, self._concurrency).first_page()).items)
                if delivery:
                    yield list(self._delivered(delivery))

    async def _records(self) -> AsyncIterator[Record]:
        async for batch in self.pages():
            for record in batch:
                yield record

    def __aiter__(self) -> AsyncIterator[Record]:
        return self._records()


def changes(
    resource: Any, since: str | dt.datetime | None = None, *, page_size: int = 100, concurrency: int = 1
) -> ChangeFeed:
    """The records of ``resource`` (e.g. ``client.contacts``) modified since ``since``.

    ``since``: a cursor a previous feed gave (:attr:`ChangeFeed.cursor`), an aware datetime, or None
    for every record. ``page_size`` (5 to 100) is the records per request; ``concurrency`` pages
    are fetched at once where the scan walks by id (a first scan). Nothing is sent until the feed
    is iterated.
    """
    return ChangeFeed(resource, since, page_size, concurrency)


def async_changes(
    resource: Any, since: str | dt.datetime | None = None, *, page_size: int = 100, concurrency: int = 1
) -> AsyncChangeFeed:
    """:func:`changes` for an :class:`~flexie.AsyncFlexie` resource."""
    return AsyncChangeFeed(resource, since, page_size, concurrency)


def deleted_ids(resource: Any, held_ids: Iterable[int], *, page_size: int = 100, concurrency: int = 1) -> list[int]:
    """The ids in ``held_ids`` that ``resource`` no longer has, ascending.

    Reads every id on the server (``filter()`` by id, ``ceil(records / page_size)`` requests, ``concurrency``
    at a time): run it less often than :func:`changes`. A record deleted during the scan may be
    reported next time.
    """
    missing = set(held_ids)
    for page in resource.filter(page_size=_page_size(page_size), concurrency=concurrency).pages():
        missing.difference_update(page.ids or (record.id for record in page.items))
    return sorted(missing)


async def async_deleted_ids(
    resource: Any, held_ids: Iterable[int], *, page_size: int = 100, concurrency: int = 1
) -> list[int]:
    """:func:`deleted_ids` for an :class:`~flexie.AsyncFlexie` resource."""
    missing = set(held_ids)
    async for page in resource.filter(page_size=_page_size(page_size), concurrency=concurrency).pages():
        missing.difference_update(page.ids or (record.id for record in page.items))
    return sorted(missing)
