"""The plan of a changes scan, step by step, on pages written here: the cases a live server can only
produce by chance of timing (a group that closes while it is walked, a server that breaks the order)."""

from __future__ import annotations

import datetime as dt

import pytest

import flexie
from flexie._change_scan import Position, Scan, Step
from flexie.changes import format_cursor, parse_cursor


def at(second: int) -> dt.datetime:
    return dt.datetime(2026, 1, 1, 0, 0, second, tzinfo=dt.timezone.utc)


def rec(record_id: int, second: int | None) -> flexie.Record:
    stamp = None if second is None else at(second).isoformat()
    return flexie.Record({"id": record_id, "date_modified": stamp}, None, "contacts")


def wire(step: Step | None) -> list[tuple[str, str, object]]:
    assert step is not None
    return [(c.name, c.operator, c.input) for c in step.conditions]


def test_a_first_scan_reads_the_newest_stamp_then_everything_by_id() -> None:
    scan = Scan(None, page_size=5)
    probe = scan.step()
    assert probe is not None
    assert probe.descending
    assert not probe.walk
    assert wire(probe) == []
    assert scan.take_page([rec(7, 9), rec(3, 8), rec(4, None)]) == []  # the newest date_modified: second 9
    walk = scan.step()
    assert walk is not None
    assert walk.walk
    assert wire(walk) == []
    delivered = scan.take_walk([rec(3, 8), rec(4, None), rec(7, 9), rec(8, 12)])  # 8: created meanwhile
    assert [(r.id, p) for r, p in delivered] == [(3, None), (4, None), (7, None), (8, None)]  # restart if cut
    scan.end_walk()
    assert scan.step() is None
    assert scan.position == Position(at(9))  # the next scan reads second 9 again, and everything after


def test_a_first_scan_of_an_empty_workspace_leaves_no_cursor() -> None:
    scan = Scan(None, page_size=5)
    scan.take_page([])
    scan.take_walk([])
    scan.end_walk()
    assert scan.step() is None
    assert scan.position is None


def test_the_last_group_of_a_full_page_is_read_again_with_the_next_page() -> None:
    scan = Scan(Position(at(0)), page_size=5)
    assert wire(scan.step()) == [("date_modified", "gte", at(0))]
    page = [rec(9, 1), rec(8, 1), rec(3, 2), rec(5, 3), rec(4, 3)]
    delivered = scan.take_page(page)
    assert [r.id for r, _ in delivered] == [8, 9, 3]  # by (date_modified, id); the group at 3 may go on
    assert scan.position == Position(at(2), 3)
    assert wire(scan.step()) == [("date_modified", "gte", at(3))]


def test_a_resumed_cursor_skips_the_ids_it_covers_at_its_own_second() -> None:
    scan = Scan(parse_cursor(format_cursor(Position(at(1), 8))), page_size=5)
    delivered = scan.take_page([rec(9, 1), rec(8, 1), rec(7, 1), rec(3, 2)])
    assert [r.id for r, _ in delivered] == [9, 3]


def test_a_group_open_during_its_walk_is_walked_again_once_it_closes() -> None:
    scan = Scan(Position(at(0)), page_size=5)
    assert scan.take_page([rec(i, 7) for i in range(1, 6)]) == []  # a full page, one second: walk it
    assert wire(scan.step()) == [("date_modified", "gt", at(7))]  # first: is anything later?
    assert scan.take_page([]) == []  # no: the group may still grow
    step = scan.step()
    assert step is not None
    assert step.walk
    assert wire(step) == [("date_modified", "eq", at(7))]
    first = scan.take_walk([rec(i, 7) for i in range(1, 7)])
    assert {p for _, p in first} == {Position(at(7))}  # open: a resume reads the whole second again
    scan.end_walk()
    assert wire(scan.step()) == [("date_modified", "gt", at(7))]
    assert scan.take_page([rec(20, 8)]) == []  # later records now: the group closed during the walk
    step = scan.step()
    assert step is not None
    assert step.walk
    assert wire(step) == [("date_modified", "eq", at(7))]
    again = scan.take_walk([rec(i, 7) for i in (1, 2, 3, 4, 5, 6, 11)])  # 11 joined it meanwhile
    assert [r.id for r, _ in again] == [1, 2, 3, 4, 5, 6, 11]
    assert again[-1][1] == Position(at(7), 11)
    scan.end_walk()
    assert wire(scan.step()) == [("date_modified", "gt", at(7))]
    assert [r.id for r, _ in scan.take_page([rec(20, 8)])] == [20]
    assert scan.step() is None


def test_a_group_closed_before_its_walk_is_walked_once_from_the_cursor() -> None:
    scan = Scan(Position(at(7), 2), page_size=5)
    scan.take_page([rec(i, 7) for i in range(3, 8)])
    scan.step()
    scan.take_page([rec(30, 9)])  # the peek: closed already
    step = scan.step()
    assert step is not None
    assert step.walk
    assert wire(step) == [("date_modified", "eq", at(7)), ("id", "gt", 2)]
    walked = scan.take_walk([rec(i, 7) for i in range(3, 10)])
    assert walked[-1][1] == Position(at(7), 9)
    scan.end_walk()
    assert wire(scan.step()) == [("date_modified", "gt", at(7))]


@pytest.mark.parametrize(
    "page",
    [
        [rec(1, 5), rec(2, 4)],  # not ordered by date_modified
        [rec(1, 0)],  # before the cursor: the filter was ignored
        [rec(1, 3), rec(2, None)],  # no date_modified in a page that is ordered by it
    ],
)
def test_a_server_that_breaks_the_order_or_the_filter_is_an_error(page: list[flexie.Record]) -> None:
    scan = Scan(Position(at(2)), page_size=5)
    with pytest.raises(flexie.PaginationError):
        scan.take_page(page)
