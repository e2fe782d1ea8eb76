"""The plan of a changes scan: which request comes next, and what a page delivers. No I/O here.

A scan walks an entity in (``date_modified``, ``id``) order using only filtered lists:

- **pages**: ``date_modified >= T`` ordered by ``date_modified``, one page at a time (each page a
  fresh request from offset 0, so nothing shifts while records change). Records are grouped by
  timestamp; every group but the page's last is complete (a later timestamp follows it), so it is
  delivered, sorted by id. The last group of a full page may continue on the server: it is not
  delivered, and the next page starts at its timestamp (``>=``). A page shorter than asked ends the
  scan.
- **a group bigger than a page** (a full page of one timestamp ``T``): walked by id
  (``date_modified == T``, keyset pages by id), then the scan goes on with ``date_modified > T``.
  A group is *closed* once a later timestamp exists on the server: no write can join it anymore
  (the server stamps writes with its clock). Before walking, one small request checks that; when
  the group was still open, and a later timestamp has appeared by the end of the walk, the group
  is walked a second time, all of it: records may have joined it, or changed again within its
  second, while it was walked.
- **a first scan** (no cursor) asks for the newest ``date_modified`` (one small page, descending),
  then reads every record by id (keyset pages, the cheapest walk a server offers, and the one a
  concurrent reader can split). It ends at that newest timestamp, without ids: every write after
  the first request is stamped at or after it, so the next scan, which reads that second again,
  finds it.

The position delivered so far is a :class:`Position`: everything modified before ``modified``, and
at ``modified`` the ids up to ``after_id`` (``None``: none of them, so a resume re-reads that
timestamp). ``after_id`` is only given for closed groups: for an open one, a record of a lower id
may still join, so the cursor must read the whole timestamp again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ._values import parse
from .errors import PaginationError
from .filters import Condition, F
from .records import Record

MODIFIED = "date_modified"
PEEK_SIZE = 5  # the smallest page a filtered list takes


@dataclass(frozen=True)
class Position:
    """Where a scan stands: everything before ``modified``, and at it the ids <= ``after_id``."""

    modified: dt.datetime
    after_id: int | None = None


@dataclass(frozen=True)
class Step:
    """The next request: one page ordered by date_modified (``walk=False``) or a walk by id."""

    conditions: tuple[Condition, ...]
    walk: bool
    page_size: int
    descending: bool = False


Delivery = list[tuple[Record, Position | None]]  # each record with the position once it is delivered


def modified_of(record: Record) -> dt.datetime | None:
    """The record's date_modified as an aware datetime; None when it has none."""
    value: Any = parse("datetime", record.raw.get(MODIFIED))
    if value is None or value == "":
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise PaginationError(
            f"{record.entity or 'record'} {record.id_or_none}: date_modified {value!r} is not a date-time"
        )
    return value


class Scan:
    """The state of one changes scan. Drivers ask :meth:`step`, run it, and hand the records back."""

    def __init__(self, since: Position | None, page_size: int) -> None:
        self.page_size = page_size
        self.position = since
        self.done = False
        self._full = since is None  # a first scan: everything, by id
        self._probe = since is None  # before it: the newest date_modified
        self._start: dt.datetime | None = None
        self._ts = since.modified if since else None
        self._after = since.after_id if since else None
        self._strict = False  # pages ask date_modified > ts (a walked group is behind us)
        self._group: dt.datetime | None = None  # the timestamp being walked
        self._peek = False  # next: ask whether anything is later than the group
        self._closed = False  # the walked group was closed before its walk
        self._recheck = False  # the group was open: rewalk it if a later timestamp shows up

    # -- what to ask next ------------------------------------------------------------------------

    def step(self) -> Step | None:
        if self.done:
            return None
        if self._probe:
            return Step((), walk=False, page_size=PEEK_SIZE, descending=True)
        if self._full:
            return Step((), walk=True, page_size=self.page_size)
        if self._peek and self._group is not None:
            return Step((F(MODIFIED) > self._group,), walk=False, page_size=PEEK_SIZE)
        if self._group is not None:
            conditions = [F(MODIFIED) == self._group]
            if self._after is not None:
                conditions.append(F("id") > self._after)
            return Step(tuple(conditions), walk=True, page_size=self.page_size)
        assert self._ts is not None
        bound = F(MODIFIED) > self._ts if self._strict else F(MODIFIED) >= self._ts
        return Step((bound,), walk=False, page_size=self.page_size)

    # -- what came back --------------------------------------------------------------------------

    def take_walk(self, records: list[Record]) -> Delivery:
        """A page of a walk by id: the first scan's walk over everything, or the walk of one timestamp group."""
        if self._full:
            return [(record, None) for record in records]
        group = self._group
        assert group is not None
        out: Delivery = [(record, Position(group, record.id if self._closed else None)) for record in records]
        if out:
            self.position = out[-1][1]
        return out

    def end_walk(self) -> None:
        if self._full:
            self._full, self.done = False, True
            self.position = Position(self._start) if self._start is not None else None
            return
        assert self._group is not None
        self._ts, self._after, self._strict = self._group, None, True
        self._recheck = not self._closed
        self._group = None

    def take_page(self, records: list[Record]) -> Delivery:
        """A page ordered by date_modified (or the answer to a peek or to the probe)."""
        if self._probe:
            self._probe = False
            stamps = [stamp for stamp in map(modified_of, records) if stamp is not None]
            self._start = max(stamps, default=None)
            return []
        if self._peek:
            self._peek = False
            self._closed = bool(records)
            return []
        if self._recheck:
            return self._after_open_walk(records)
        if not records:
            self.done = True
            return []
        groups = self._groups(records)
        if self._after is not None and not self._strict and groups[0][0] == self._ts:
            after = self._after
            groups[0] = (groups[0][0], [r for r in groups[0][1] if r.id > after])
        full = len(records) >= self.page_size
        if full and len(groups) == 1:
            self._group, self._peek, self._closed = groups[0][0], True, False
            if groups[0][0] != self._ts:
                self._after = None
            return []
        complete = groups[:-1] if full else groups
        out: Delivery = []
        for index, (stamp, members) in enumerate(complete):
            closed = index < len(groups) - 1
            for record in sorted(members, key=lambda r: r.id):
                out.append((record, Position(stamp, record.id if closed else None)))
        if out:
            self.position = out[-1][1]
        if full:
            self._ts, self._after, self._strict = groups[-1][0], None, False
        else:
            self.done = True
        return out

    def _after_open_walk(self, records: list[Record]) -> Delivery:
        """The first page after walking a group that was open: rewalk it if it closed meanwhile."""
        self._recheck = False
        if not records:
            self.done = True
            return []
        self._group, self._closed, self._after = self._ts, True, None
        return []

    def _groups(self, records: list[Record]) -> list[tuple[dt.datetime, list[Record]]]:
        """Consecutive records of one timestamp; the page must be ordered and within the bound."""
        groups: list[tuple[dt.datetime, list[Record]]] = []
        for record in records:
            stamp = modified_of(record)
            if stamp is None:
                raise PaginationError(f"the server sent {record.entity} {record.id_or_none} without date_modified")
            previous = groups[-1][0] if groups else self._ts
            if previous is not None and (stamp < previous or (self._strict and not groups and stamp == previous)):
                raise PaginationError(
                    f"the server sent {record.entity} {record.id_or_none} modified {stamp.isoformat()} out of "
                    f"order (after {previous.isoformat()}): it must sort by date_modified and honour the filter"
                )
            if groups and groups[-1][0] == stamp:
                groups[-1][1].append(record)
            else:
                groups.append((stamp, [record]))
        return groups
