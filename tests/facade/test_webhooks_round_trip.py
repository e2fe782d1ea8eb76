"""Webhooks end to end: the fake posts to a receiver the test runs on 127.0.0.1, and
flexie.webhooks.parse() gives typed records equal to what the fake stores."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

import flexie
from flexie.testing import FakeFlexie
from tests.facade.receiver import receiver

CUSTOM = [
    {"alias": "renewal_on", "label": "Renewal", "type": "date"},
    {"alias": "seats", "label": "Seats", "type": "number"},
    {"alias": "vip", "label": "VIP", "type": "boolean"},
]


def events_of(bodies: list[bytes], **kwargs: object) -> list[flexie.webhooks.WebhookEvent]:
    return [event for body in bodies for event in flexie.webhooks.parse(body, **kwargs)]  # type: ignore[arg-type]


def test_creates_updates_and_deletes_arrive_typed(fake: FakeFlexie, client: flexie.Flexie) -> None:
    for field in CUSTOM:
        fake.add_field("contacts", field)
    with receiver() as hooks:
        fake.add_webhook(hooks.url)
        created = client.contacts.create(
            {"first_name": "Ada", "email": "ada@example.com", "renewal_on": dt.date(2025, 3, 1), "seats": 12}
        )
        client.contacts.update(created.id, {"vip": True, "seats": 15})
        client.contacts.delete(3)
        lead = client.leads.create({"first_name": "Lin", "email": "lin@example.com"})
        client.contacts.get(1)  # reads send nothing
        deliveries = fake.wait_for_webhooks()
        schema = client.contacts.describe()

    assert [d.ok for d in deliveries] == [True] * 4
    assert [d.attempts for d in deliveries] == [1] * 4
    assert set(hooks.content_types) == {"application/json"}
    events = events_of(hooks.bodies, fields={"contacts": schema}, field_aliases={"contacts": {"size": "seats"}})
    assert [(e.name, e.entity, e.action, e.id) for e in events] == [
        ("flexie.contact_post_save_new", "contact", "created", created.id),
        ("flexie.contact_post_save_update", "contact", "updated", created.id),
        ("flexie.contact_post_delete", "contact", "deleted", 3),
        ("flexie.lead_post_save_new", "lead", "created", lead.id),
    ]
    new, updated, deleted, lead_event = events
    assert new.record["renewal_on"] == dt.date(2025, 3, 1)
    assert new.record["seats"] == 12
    assert updated.record["size"] == 15  # a logical name
    assert updated.record["vip"] is True
    assert isinstance(updated.record["date_modified"], dt.datetime)
    assert updated.timestamp is not None
    assert updated.timestamp.tzinfo is not None
    # exactly the fake's store, and what the API answers
    assert updated.record.raw == fake.get_record("contacts", created.id)
    assert updated.record.to_dict() == client.contacts.get(created.id).to_dict()
    assert deleted.record["email"]
    assert fake.get_record("contacts", 3) is None
    assert lead_event.record.raw == fake.get_record("leads", lead.id)


def test_only_the_events_asked_for_and_only_successful_writes(fake: FakeFlexie, client: flexie.Flexie) -> None:
    with receiver() as hooks:
        fake.add_webhook(hooks.url, events=["flexie.deal_post_delete"])
        with pytest.raises(flexie.NotFoundError):
            client.deals.delete(99_999)
        client.deals.update(1, {"name": "Renamed"})
        client.deals.delete(2)
        deliveries = fake.wait_for_webhooks()
    assert [d.events for d in deliveries] == [["flexie.deal_post_delete"]]
    assert [e.id for e in events_of(hooks.bodies)] == [2]
    with pytest.raises(flexie.testing.FakeFlexieError, match="unknown webhook events"):
        fake.add_webhook(hooks.url, events=["flexie.contact_changed"])
    with pytest.raises(flexie.testing.FakeFlexieError, match="http"):
        fake.add_webhook("ftp://127.0.0.1/x")


def test_the_api_answers_before_the_receiver_does(fake: FakeFlexie, client: flexie.Flexie) -> None:
    with receiver() as hooks:
        fake.add_webhook(hooks.url)
        hooks.gate.clear()  # the receiver hangs until released
        created = client.contacts.create({"first_name": "Quick", "email": "quick@example.com"})
        assert client.contacts.get(created.id).id == created.id  # answered while the post is in flight
        assert [d.done for d in fake.webhook_deliveries] == [False]
        hooks.gate.set()
        assert [d.ok for d in fake.wait_for_webhooks()] == [True]


def test_retries_are_bounded(fake: FakeFlexie, client: flexie.Flexie) -> None:
    with receiver() as hooks:
        fake.add_webhook(hooks.url)
        hooks.script("Call back", [503, 500])  # two failures, then success
        hooks.script("Call again", [500, 500, 500])  # never succeeds
        hooks.script("Gone", [410])  # refused: not tried again
        for task in ("Call back", "Call again", "Gone"):
            client.tasks.create({"task": task})
        first, second, third = fake.wait_for_webhooks()
    assert (first.ok, first.attempts, first.status) == (True, 3, 200)
    assert (second.ok, second.attempts, second.status) == (False, 3, 500)
    assert second.error == "the receiver answered 500"
    assert (third.ok, third.attempts, third.status) == (False, 1, 410)
    assert [e.record["task"] for e in events_of(hooks.bodies)] == ["Call back"]


def test_a_receiver_that_is_down(fake: FakeFlexie, client: flexie.Flexie) -> None:
    with receiver() as hooks:
        url = hooks.url
    fake.add_webhook(url)  # nothing listens there any more
    client.tasks.create({"task": "Nobody listens"})
    (delivery,) = fake.wait_for_webhooks()
    assert (delivery.ok, delivery.attempts, delivery.status) == (False, 3, None)
    assert delivery.error is not None
    assert "Connect" in delivery.error


def test_round_trip_with_the_async_client(fake: FakeFlexie) -> None:
    async def scenario(url: str) -> list[int]:
        await asyncio.to_thread(fake.add_webhook, url)
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            made = await asyncio.gather(*(client.accounts.create({"name": f"Acme {n}"}) for n in range(3)))
            return sorted(record.id for record in made)

    with receiver() as hooks:
        ids = asyncio.run(scenario(hooks.url))
        fake.wait_for_webhooks()
    events = events_of(hooks.bodies)
    assert sorted(e.id for e in events) == ids
    for event in events:
        assert event.record.raw == fake.get_record("accounts", event.id)


def test_the_constructor_subscribes_and_reset_keeps_it() -> None:
    with receiver() as hooks, FakeFlexie(webhook_url=hooks.url) as fake:
        with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            client.cases.create({"title": "Broken", "email": "c@example.com"})
            fake.wait_for_webhooks()  # reset() drops payloads not yet posted
            fake.reset()
            assert fake.webhook_deliveries == []
            client.cases.create({"title": "Still broken", "email": "c@example.com"})
        fake.wait_for_webhooks()
    payloads = [json.loads(body) for body in hooks.bodies]
    assert [list(p) for p in payloads] == [["flexie.case_post_save_new"]] * 2
    assert [p["flexie.case_post_save_new"][0]["case"]["title"] for p in payloads] == ["Broken", "Still broken"]
