"""Custom fields end to end: two workspaces, one piece of code, logical names, typed round trips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import flexie
from flexie import F
from flexie.testing import FakeFlexie

UTC = dt.timezone.utc
TOKYO = dt.timezone(dt.timedelta(hours=9))
NEW_YORK = dt.timezone(dt.timedelta(hours=-5))

# The same business fields, named differently by two accounts.
STAGING = {
    "tier": ("customer_tier", "select"),
    "renewal": ("renewal_date", "date"),
    "last_call": ("last_call_at", "datetime"),
    "seats": ("seat_count", "number"),
    "vip": ("is_vip", "boolean"),
    "channels": ("channels", "multiselect"),
}
PRODUCTION = {
    "tier": ("tier_2", "select"),
    "renewal": ("cf_renews_on", "date"),
    "last_call": ("cf_last_call", "datetime"),
    "seats": ("licences", "number"),
    "vip": ("vip_flag", "boolean"),
    "channels": ("preferred_channels", "multiselect"),
}
CHOICES = {"select": ["Gold", "Silver", "Bronze"], "multiselect": ["email", "phone", "sms"]}


def custom_fields(naming: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "alias": alias,
            "label": logical.title(),
            "type": kind,
            **({"choices": CHOICES[kind]} if kind in CHOICES else {}),
        }
        for logical, (alias, kind) in naming.items()
    ]


@pytest.fixture(scope="module")
def workspaces() -> Iterator[dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]]]:
    with (
        FakeFlexie(custom_fields={"contacts": custom_fields(STAGING)}) as staging,
        FakeFlexie(custom_fields={"contacts": custom_fields(PRODUCTION)}, unknown_fields="reject") as production,
    ):
        yield {"staging": (staging, STAGING), "production": (production, PRODUCTION)}


def client_for(fake: FakeFlexie, naming: dict[str, tuple[str, str]], **kwargs: Any) -> flexie.Flexie:
    logical = {name: alias for name, (alias, _) in naming.items()}
    return flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, field_aliases={"contacts": logical}, **kwargs)


def integration_code(client: flexie.Flexie) -> dict[str, Any]:
    """Written once against logical names; runs unchanged on either workspace."""
    created = client.contacts.create(
        {
            "first_name": "Ada",
            "email": "ada@acme.example",
            "tier": "Gold",
            "renewal": dt.date(2027, 3, 31),
            "last_call": dt.datetime(2026, 11, 20, 9, 30, tzinfo=TOKYO),
            "seats": 25,
            "vip": True,
            "channels": ["email", "sms"],
        }
    )
    read = client.contacts.get(created.id)  # type: ignore[arg-type]
    found = client.contacts.filter(
        F("tier") == "Gold",
        F("seats") >= 20,
        F("renewal").between(dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
        F("last_call") > dt.datetime(2026, 11, 19, 19, 0, tzinfo=NEW_YORK),  # = 00:00 UTC on the 20th
        F("vip") == True,  # noqa: E712
        F("channels").in_(["sms"]),
    ).to_list()
    updated = client.contacts.update(created.id, {"seats": 30.5, "vip": False, "channels": ["phone"]})  # type: ignore[arg-type]
    return {"created": created, "read": read, "found": found, "updated": updated}


@pytest.mark.parametrize("workspace", ["staging", "production"])
def test_one_piece_of_code_runs_on_both_workspaces(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]], workspace: str
) -> None:
    fake, naming = workspaces[workspace]
    with client_for(fake, naming) as client:
        out = integration_code(client)
    read = out["read"]
    for rec in (out["created"], read):
        assert rec["tier"] == "Gold"
        assert rec["renewal"] == dt.date(2027, 3, 31)
        assert rec["last_call"] == dt.datetime(2026, 11, 20, 0, 30, tzinfo=UTC)
        assert rec["last_call"].tzinfo is not None
        assert rec["seats"] == 25
        assert rec["vip"] is True
        assert rec["channels"] == ["email", "sms"]
    # the wire carries this workspace's aliases, in UTC
    assert read.raw[naming["last_call"][0]] == "2026-11-20T00:30:00+00:00"
    assert read.raw[naming["renewal"][0]] == "2027-03-31"
    assert read["tier"] == read[naming["tier"][0]]
    assert [r.id for r in out["found"]] == [read.id]
    updated = out["updated"]
    assert updated["seats"] == 30.5
    assert updated["vip"] is False
    assert updated["channels"] == ["phone"]
    stored = fake.get_record("contacts", read.id)  # type: ignore[arg-type]
    assert stored is not None
    assert stored[naming["seats"][0]] == 30.5


def test_unknown_names_and_bad_values_send_nothing(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]],
) -> None:
    fake, naming = workspaces["staging"]
    with client_for(fake, naming) as client:
        client.contacts.fields()  # warm the schema cache
        before = fake.request_count()
        with pytest.raises(flexie.UnknownFieldError) as unknown:
            client.contacts.create({"first_name": "Bo", "teir": "Gold"})
        assert "did you mean 'tier'" in str(unknown.value)
        assert unknown.value.suggestions[0] == "tier"
        with pytest.raises(flexie.UnknownFieldError, match="customer_tiers"):
            client.contacts.update(1, {"customer_tiers": "Gold"})
        with pytest.raises(flexie.FieldValueError) as bad:
            client.contacts.create({"first_name": "Bo", "tier": "Platinum"})
        assert "customer_tier" in str(bad.value)
        assert "select" in str(bad.value)
        assert "'Platinum'" in str(bad.value)
        with pytest.raises(flexie.FieldValueError, match="naive"):
            client.contacts.update(1, {"last_call": dt.datetime(2026, 1, 1, 9, 0)})
        with pytest.raises(flexie.FieldValueError, match="must be a number"):
            client.contacts.filter(F("seats") > "many").first_page()
        with pytest.raises(flexie.InvalidArgumentError, match="cannot be filtered with 'like'"):
            client.contacts.filter(F("vip").like("t")).first_page()
        with pytest.raises(flexie.UnknownFieldError):
            client.contacts.list(order_by="no_such_field").first_page()
        assert fake.request_count() == before


def test_a_logical_name_for_a_missing_alias_fails_at_first_use(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]],
) -> None:
    fake, _ = workspaces["production"]
    with (
        flexie.Flexie(
            base_url=fake.base_url, api_key=fake.api_key, field_aliases={"contacts": {"tier": "customer_tier"}}
        ) as client,
        pytest.raises(flexie.UnknownFieldError) as info,
    ):
        client.contacts.get(1)
    message = str(info.value)
    assert "'contacts'" in message
    assert "'tier'" in message
    assert "tier_2" in message  # the aliases it does have


def test_the_schema_is_fetched_once_per_entity_per_ttl(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, naming = workspaces["staging"]
    fake.clear_requests()
    clock = [1000.0]
    monkeypatch.setattr("flexie._schema_cache.time.monotonic", lambda: clock[0])
    with client_for(fake, naming, field_cache_ttl=60) as client:
        for _ in range(3):
            client.contacts.create({"first_name": "C", "tier": "Silver"})
            client.contacts.list(limit=1).to_list()
            client.contacts.fields()
        client.leads.fields()
        assert fake.request_count(operation_id="listContactFields") == 1
        assert fake.request_count(operation_id="listLeadFields") == 1
        clock[0] += 61
        client.contacts.get(1)
        assert fake.request_count(operation_id="listContactFields") == 2
        client.contacts.refresh_fields()
        assert fake.request_count(operation_id="listContactFields") == 3
        # another client has its own cache
        with client_for(fake, naming) as other:
            other.contacts.fields()
        assert fake.request_count(operation_id="listContactFields") == 4


def test_a_field_added_later_is_found_by_one_refresh(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, naming = workspaces["staging"]
    monkeypatch.setattr("flexie._base_client.MIN_REFRESH_AGE", 0.0)
    with client_for(fake, naming) as client:
        client.contacts.fields()
        fake.add_field("contacts", {"alias": "nps_score", "label": "NPS", "type": "number"})
        before = fake.request_count(operation_id="listContactFields")
        created = client.contacts.create({"first_name": "D", "NPS": 9})
        assert created["nps_score"] == 9
        assert fake.request_count(operation_id="listContactFields") == before + 1
        with pytest.raises(flexie.UnknownFieldError):
            client.contacts.create({"first_name": "E", "csat": 3})
        assert fake.request_count(operation_id="listContactFields") == before + 2  # one refresh, then unknown


def test_validate_fields_false_sends_what_it_is_given(
    workspaces: dict[str, tuple[FakeFlexie, dict[str, tuple[str, str]]]],
) -> None:
    fake, _ = workspaces["production"]
    fake.clear_requests()
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, validate_fields=False) as client:
        rec = client.contacts.create({"first_name": "F", "tier_2": "Gold"})
        assert rec["tier_2"] == "Gold"
        assert client.contacts.filter(F("tier_2") == "Gold").first_page().total >= 1
        with pytest.raises(flexie.ValidationError):  # the server, not the client, refuses it
            client.contacts.create({"first_name": "G", "tier": "Gold"})
    assert fake.request_count(operation_id="listContactFields") == 0
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        rec = client.contacts.create({"first_name": "H", "tier_2": "Gold"}, validate_fields=False)
        assert rec.id is not None
    assert fake.request_count(operation_id="listContactFields") == 0


def test_custom_entity_tables_work_the_same() -> None:
    projects = [
        {"alias": "title", "label": "Title", "type": "text", "required": True, "unique": True},
        {"alias": "budget_eur", "label": "Budget", "type": "number"},
        {"alias": "kickoff", "label": "Kickoff", "type": "date"},
        {"alias": "phase", "label": "Phase", "type": "select", "choices": ["plan", "build", "run"]},
    ]
    with (
        FakeFlexie(tables={"projects": projects}) as fake,
        flexie.Flexie(
            base_url=fake.base_url, api_key=fake.api_key, field_aliases={"projects": {"budget": "budget_eur"}}
        ) as client,
    ):
        table = client.custom_entity("projects")
        rec = table.create({"Title": "Website", "budget": 1200, "kickoff": dt.date(2027, 1, 4), "phase": "plan"})
        assert rec["budget"] == 1200
        assert rec["kickoff"] == dt.date(2027, 1, 4)
        assert [r.id for r in table.filter(F("budget") > 1000, F("phase") == "plan")] == [rec.id]
        assert table.update_by_unique_field({"title": "Website", "phase": "build"})["phase"] == "build"
        with pytest.raises(flexie.UnknownFieldError, match="did you mean 'budget"):
            table.create({"title": "X", "budgte": 1})
        assert {f.alias for f in table.fields()} >= {"title", "budget_eur", "kickoff", "phase"}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (F("seats") == 10, {"ten"}),
        (F("seats") != 10, {"twenty", "thirty"}),
        (F("seats") > 10, {"twenty", "thirty"}),
        (F("seats") >= 20, {"twenty", "thirty"}),
        (F("seats") < 20, {"ten"}),
        (F("seats") <= 20, {"ten", "twenty"}),
        (F("seats").between(15, 25), {"twenty"}),
        (F("seats").in_([10, 30]), {"ten", "thirty"}),
        (F("seats").not_in([10, 30]), {"twenty"}),
        (F("first_name").like("wen"), {"twenty"}),
        (F("first_name").contains("hir"), {"thirty"}),
        (F("first_name").not_contains("t"), set()),
        (F("first_name").starts_with("t"), {"ten", "twenty", "thirty"}),
        (F("first_name").ends_with("y"), {"twenty", "thirty"}),
        (F("tier") == "Gold", {"ten"}),
        (F("tier").in_(["Silver", "Bronze"]), {"twenty"}),
        (F("tier").is_null(), {"thirty"}),
        (F("tier").is_not_null(), {"ten", "twenty"}),
        (F("vip") == True, {"thirty"}),  # noqa: E712
        (F("renewal") < dt.date(2027, 6, 1), {"ten"}),
        (F("renewal").between(dt.date(2027, 1, 1), dt.date(2027, 12, 31)), {"ten", "twenty"}),
        (F("last_call") >= dt.datetime(2026, 6, 1, tzinfo=UTC), {"twenty", "thirty"}),
        (F("channels").in_(["sms"]), {"thirty"}),
    ],
)
def test_each_operator_returns_the_right_records(
    operator_client: flexie.Flexie, condition: flexie.Condition, expected: set[str]
) -> None:
    assert {r["first_name"] for r in operator_client.contacts.filter(condition)} == expected


@pytest.fixture(scope="module")
def operator_client() -> Iterator[flexie.Flexie]:
    with FakeFlexie(custom_fields={"contacts": custom_fields(STAGING)}) as fake, client_for(fake, STAGING) as client:
        rows = [
            {"first_name": "ten", "seats": 10, "tier": "Gold", "renewal": dt.date(2027, 3, 1),
             "last_call": dt.datetime(2026, 1, 5, tzinfo=UTC), "vip": False, "channels": ["email"]},
            {"first_name": "twenty", "seats": 20, "tier": "Silver", "renewal": dt.date(2027, 9, 1),
             "last_call": dt.datetime(2026, 7, 5, tzinfo=UTC), "vip": False, "channels": ["phone"]},
            {"first_name": "thirty", "seats": 30, "renewal": dt.date(2028, 1, 1),
             "last_call": dt.datetime(2026, 12, 5, tzinfo=UTC), "vip": True, "channels": ["sms", "email"]},
        ]  # fmt: skip
        for row in rows:
            client.contacts.create(row)
        yield client
