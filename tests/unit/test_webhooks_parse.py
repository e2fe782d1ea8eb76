"""flexie.webhooks.parse: the public sample, Mautic-lineage shapes, typing by fields, and clear
errors for payloads that are not Flexie events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import flexie
from flexie.webhooks import WebhookPayloadError, parse

FIELDS = [
    flexie.Field(alias="email", label="Email", type="email"),
    flexie.Field(alias="seats", label="Seats", type="number"),
    flexie.Field(alias="renewal_on", label="Renewal", type="date"),
    flexie.Field(alias="tags", label="Tags", type="multiselect"),
]


def test_the_public_sample_with_a_string_id() -> None:
    body = b'{"flexie.lead_post_save_update": [{"lead": {"id": "123", "email": "a@b.c"}}]}'
    (event,) = parse(body)
    assert (event.name, event.entity, event.action, event.id) == (
        "flexie.lead_post_save_update",
        "lead",
        "updated",
        123,
    )
    assert event.record.raw == {"id": 123, "email": "a@b.c"}
    assert event.raw == {"lead": {"id": "123", "email": "a@b.c"}}  # as received
    assert event.timestamp is None
    assert isinstance(event.record, flexie.Record)


def test_values_are_typed_by_the_fields_given() -> None:
    record = {"id": 7, "seats": "12", "renewal_on": "2025-03-01", "tags": "a|b", "date_added": "2024-01-02 03:04:05"}
    event = {"contact": record, "timestamp": "2024-05-06T07:08:09+02:00"}
    body = json.dumps({"flexie.contact_post_save_new": [event]})
    schema = flexie.FieldSchema("contacts", FIELDS, {"size": "seats"})
    for fields in ({"contacts": schema}, {"contact": FIELDS}):
        (parsed,) = parse(body, fields=fields, field_aliases={"contacts": {"renews": "renewal_on"}})
        assert parsed.action == "created"
        assert parsed.record["seats"] == 12
        assert parsed.record["renews"] == dt.date(2025, 3, 1)
        assert parsed.record["tags"] == ["a", "b"]
        assert parsed.record["date_added"] == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
        assert parsed.timestamp == dt.datetime(2024, 5, 6, 5, 8, 9, tzinfo=dt.timezone.utc)
    assert parse(body, fields={"contacts": schema})[0].record["size"] == 12
    untyped = parse(body)[0]
    assert untyped.record["seats"] == "12"  # without fields only id and the dates are typed
    assert isinstance(untyped.record["date_added"], dt.datetime)


def test_several_events_and_mautic_shapes() -> None:
    body: dict[str, Any] = {
        "flexie.lead_post_save_new": [
            {"lead": {"id": 1, "points": 0, "fields": {"core": {"email": {"alias": "email", "value": "x@y.z"}}}},
             "contact": {"id": 1}},
        ],
        "flexie.lead_post_delete": [{"id": "5", "lead": {"id": None, "email": "gone@y.z"}}],
        "flexie.company_post_save": {"company": {"id": 9, "fields": {"all": {"companyname": "Acme"}}}},
        "flexie.lead_points_change": [{"lead": {"id": 2}, "points": {"old_points": 1, "new_points": 5}}],
    }  # fmt: skip
    events = parse(body)
    assert [(e.entity, e.action, e.id) for e in events] == [
        ("lead", "created", 1), ("lead", "deleted", 5), ("company", "saved", 9), ("lead", "points_change", 2),
    ]  # fmt: skip
    assert events[0].record.raw == {"id": 1, "points": 0, "email": "x@y.z"}
    assert events[1].record["email"] == "gone@y.z"
    assert events[2].record["companyname"] == "Acme"
    assert parse({}) == []


CONFLICT = {"alias": "email", "value": "b"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\xff\xfe", "not UTF-8"),
        ("<html>Bad gateway</html>", "not JSON"),
        ("[1, 2]", "got list"),
        ({"flexie.lead_post_save_new": "lead 1"}, "flexie.lead_post_save_new: expected a list of events"),
        ({"flexie.lead_post_save_new": [3]}, r"flexie.lead_post_save_new\[0\]: an event is an object"),
        ({"flexie.lead_post_save_new": [{"timestamp": "x"}]}, "cannot tell which object is the record"),
        ({"flexie.x_y": [{"a": {"id": 1}, "b": {"id": 2}}]}, "cannot tell which object"),
        ({"flexie.lead_post_save_new": [{"lead": {"email": "a@b.c"}}]}, "the lead has no whole-number id: None"),
        ({"flexie.lead_post_save_new": [{"lead": {"id": "7a"}}]}, "no whole-number id: '7a'"),
        ({"flexie.lead_post_save_new": [{"lead": {"id": 1, "email": "a", "fields": {"core": {"email": CONFLICT}}}}]},
         "email is both 'a' and, in fields, 'b'"),
    ],
)  # fmt: skip
def test_malformed_payloads_raise_a_typed_error(body: Any, message: str) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as info:
        parse(body)
    assert isinstance(info.value, flexie.FlexieError)
    assert isinstance(info.value, ValueError)


def test_wrong_fields_are_an_argument_error() -> None:
    with pytest.raises(flexie.InvalidArgumentError, match=r"fields\['contacts'\]"):
        parse({}, fields={"contacts": [{"alias": "email"}]})  # type: ignore[list-item]
    body = {"flexie.contact_post_save_new": [{"contact": {"id": 1}}]}
    with pytest.raises(flexie.UnknownFieldError, match="renewal"):
        parse(body, fields={"contacts": FIELDS}, field_aliases={"contacts": {"renews": "renewal"}})
