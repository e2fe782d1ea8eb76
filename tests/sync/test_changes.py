"""flexie.changes against the fake over HTTP: cursors, ties on date_modified, changes during a scan,
deletions, sync and async."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math

import pytest

import flexie
from flexie.changes import async_changes, async_deleted_ids, changes, deleted_ids
from flexie.testing import FakeFlexie
from tests.sync.conftest import make_tie


def order_key(record: flexie.Record) -> tuple[str, int]:
    return (record.raw["date_modified"], record.id)


def test_a_first_scan_delivers_every_record_once_then_changes_come_in_change_order(
    client: flexie.Flexie, fake: FakeFlexie
) -> None:
    fake.seed(contacts=57)
    feed = changes(client.contacts, page_size=10)
    assert feed.cursor is None  # nothing delivered yet
    fake.clear_requests()
    delivered = list(feed)
    assert [r.id for r in delivered] == list(range(1, 58))  # the first scan reads by id
    assert fake.request_count("listContactsFiltered") == 1 + 6  # the newest stamp, then 6 pages by id
    newest = max(dt.datetime.fromisoformat(r.raw["date_modified"]) for r in delivered)
    assert feed.cursor == newest.isoformat()

    for record_id in (40, 2, 33):
        client.contacts.update(record_id, {"city": "Changed"})
    later = list(changes(client.contacts, since=feed.cursor, page_size=10))
    assert [order_key(r) for r in later] == sorted(order_key(r) for r in later)
    assert {2, 33, 40} <= {r.id for r in later}


def test_the_cursor_round_trips_and_brings_only_what_changed(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(contacts=120)
    first = changes(client.contacts, page_size=25)
    list(first)
    saved = json.loads(json.dumps({"cursor": first.cursor}))["cursor"]

    quiet = [r.id for r in changes(client.contacts, since=saved, page_size=25)]
    assert len(quiet) <= 2  # at most the records at the cursor's own second, delivered again

    changed = {3, 17, 44, 90, 118}
    for record_id in changed:
        client.contacts.update(record_id, {"city": "Changed"})
    created = {client.contacts.create({"first_name": "New", "email": f"new{i}@example.org"}).id for i in range(3)}
    fake.clear_requests()
    again = changes(client.contacts, since=saved, page_size=25)
    got = {r.id for r in again}
    assert changed | created <= got <= changed | created | set(quiet)
    assert fake.request_count("listContactsFiltered") == 1  # one short page: nothing else was read
    assert again.cursor is not None
    assert again.cursor > saved


def test_records_sharing_one_date_modified_beyond_a_page_are_all_delivered(
    client: flexie.Flexie, fake: FakeFlexie
) -> None:
    fake.seed(contacts=40)
    before = changes(client.contacts, page_size=5)
    list(before)
    tie = make_tie(client, list(range(1, 41)), size=12)  # >= 12 records in one second: more than two pages

    walked = [r.id for r in changes(client.contacts, since=before.cursor, page_size=5)]
    assert set(tie) <= set(walked)
    assert len(walked) == len(set(walked))  # within one scan, each record once
    everything = [r.id for r in changes(client.contacts, page_size=5)]
    assert sorted(everything) == list(range(1, 41))

    # stop in the middle of the group, save the cursor, resume: nothing of the group is lost
    feed = changes(client.contacts, since=before.cursor, page_size=5)
    taken: list[int] = []
    for record in feed:
        taken.append(record.id)
        if len(set(taken) & set(tie)) == 3:
            break
    rest = [r.id for r in changes(client.contacts, since=feed.cursor, page_size=5)]
    assert set(tie) <= set(taken) | set(rest)


LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # a scan by date_modified over every record


def test_records_changed_during_the_scan_are_not_skipped(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(contacts=40)
    order = [r.id for r in changes(client.contacts, since=LONG_AGO, page_size=5)]
    early, late, doomed = order[0], order[-1], order[-2]
    delivered: dict[int, list[str | None]] = {}
    new_id = None
    for count, record in enumerate(changes(client.contacts, since=LONG_AGO, page_size=5), start=1):
        delivered.setdefault(record.id, []).append(record.raw.get("city"))
        if count == 10:
            client.contacts.update(early, {"city": "Moved on"})  # already delivered: comes again
            client.contacts.update(late, {"city": "Moved too"})  # not yet: moves ahead, still comes
            client.contacts.delete(doomed)
            new_id = client.contacts.create({"first_name": "Late", "email": "late@example.org"}).id
    assert new_id is not None
    assert set(delivered) == (set(order) - {doomed}) | {new_id}
    assert delivered[early][-1] == "Moved on"
    assert delivered[late] == ["Moved too"]


def test_changes_during_a_first_scan_come_with_the_next_one(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(contacts=40)
    first = changes(client.contacts, page_size=5)
    for count, _record in enumerate(first, start=1):
        if count == 10:
            client.contacts.update(3, {"city": "Moved on"})  # delivered already
            client.contacts.update(38, {"city": "Moved too"})  # not yet
    following = {r.id: r.raw["city"] for r in changes(client.contacts, since=first.cursor, page_size=5)}
    assert following[3] == "Moved on"
    assert following[38] == "Moved too"


def test_deleted_ids_compares_held_ids_with_a_full_id_scan(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(contacts=230)
    client.contacts.delete(5)
    client.contacts.delete(200)
    fake.clear_requests()
    gone = deleted_ids(client.contacts, [*range(1, 231), 999], page_size=50)
    assert gone == [5, 200, 999]
    assert fake.request_count("listContactsFiltered") == math.ceil(228 / 50)  # a full pass of pages
    assert deleted_ids(client.contacts, []) == []


def test_since_a_datetime_and_bad_arguments(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(contacts=30)
    records = list(changes(client.contacts))
    middle = dt.datetime.fromisoformat(records[15].raw["date_modified"])
    later = [r.id for r in changes(client.contacts, since=middle)]
    wanted = [r for r in records if dt.datetime.fromisoformat(r.raw["date_modified"]) >= middle]
    assert later == [r.id for r in sorted(wanted, key=order_key)]

    with pytest.raises(flexie.InvalidArgumentError, match="not a changes cursor"):
        changes(client.contacts, since="yesterday")
    with pytest.raises(flexie.InvalidArgumentError, match="naive"):
        changes(client.contacts, since=dt.datetime(2026, 1, 1))
    with pytest.raises(flexie.InvalidArgumentError, match="not a changes cursor"):
        changes(client.contacts, since="2026-01-01T00:00:00+00:00#-4")
    with pytest.raises(flexie.InvalidArgumentError, match="page_size"):
        changes(client.contacts, page_size=3)
    with pytest.raises(flexie.InvalidArgumentError, match="page_size"):
        deleted_ids(client.contacts, [1], page_size=500)


def test_custom_tables_and_tasks_have_changes_too(client: flexie.Flexie, fake: FakeFlexie) -> None:
    fake.seed(custom={"projects": 12}, tasks=9)
    assert len(list(changes(client.custom_entity("projects"), page_size=5))) == 12
    assert len(list(changes(client.tasks, page_size=5))) == 9


def test_async_feed_round_trip_ties_and_changes_during_the_scan(fake: FakeFlexie) -> None:
    fake.seed(contacts=30)
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as sync_client:
        before = changes(sync_client.contacts, page_size=5)
        list(before)
        tie = make_tie(sync_client, list(range(1, 31)), size=8)

    async def main() -> None:
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            everything = [r.id async for r in async_changes(client.contacts, page_size=5)]
            assert sorted(everything) == list(range(1, 31))

            feed = async_changes(client.contacts, since=before.cursor, page_size=5)
            seen: list[int] = []
            async for batch in feed.pages():
                seen.extend(r.id for r in batch)
                if len(seen) <= 5:
                    await client.contacts.update(seen[0], {"city": "Again"})
            assert set(tie) <= set(seen)
            # changed during the scan: delivered again, in this scan (when the change got a later second)
            # or in the next one (when it landed in the tie's own second, which the cursor reads again)
            following = [r async for r in async_changes(client.contacts, since=feed.cursor, page_size=5)]
            assert [r.raw["city"] for r in following if r.id == seen[0]] == ["Again"] or seen.count(seen[0]) == 2

            await client.contacts.delete(7)
            assert await async_deleted_ids(client.contacts, [7, 8, 31], page_size=5) == [7, 31]

    asyncio.run(main())
