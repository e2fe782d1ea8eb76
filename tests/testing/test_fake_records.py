"""Records: shape, wire formats per field type, validation (422), create/update/delete/edit,
custom fields and tables, and two fakes with different aliases."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from flexie.testing import FakeFlexie, FakeFlexieError
from tests.testing._support import error_of

ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")


def field_aliases(client: httpx.Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return [field["alias"] for field in response.json()]


def test_a_created_record_has_id_every_alias_and_system_dates(client: httpx.Client) -> None:
    created = client.post("/contacts/new", json={"first_name": "Ann", "email": "ann@example.com"})
    assert created.status_code == 201
    contact = created.json()["contact"]
    assert set(created.json()) == {"contact"}
    aliases = field_aliases(client, "/contacts/list/fields")
    assert set(contact) == {"id", "date_added", "date_modified", *aliases}
    assert contact["id"] >= 1
    assert contact["first_name"] == "Ann"
    assert contact["last_name"] is None
    assert contact["customer_tier"] is None  # a custom field of the session fake
    assert ISO_UTC.match(contact["date_added"])
    assert contact["date_modified"] == contact["date_added"]
    assert client.get(f"/contacts/{contact['id']}").json() == {"contact": contact}


@pytest.mark.parametrize(
    ("alias", "given", "stored"),
    [
        ("last_active", "2026-06-23T16:00:00+02:00", "2026-06-23T14:00:00+00:00"),
        ("last_active", "2026-06-23T14:00:00", "2026-06-23T14:00:00+00:00"),
        ("last_active", "2026-06-23T14:00:00Z", "2026-06-23T14:00:00+00:00"),
        ("last_active", "2026-06-23 14:00", "2026-06-23T14:00:00+00:00"),
        ("last_active", "2026-06-23 09:15:30", "2026-06-23T09:15:30+00:00"),
        ("last_active", "2026-06-23T14:00:00.123456-05:30", "2026-06-23T19:30:00+00:00"),
        ("birthday", "1990-01-15", "1990-01-15"),
        ("preferred_call_time", "09:30", "09:30:00"),
        ("preferred_call_time", "23:59:59", "23:59:59"),
        ("points", 12, 12),
        ("points", 12.5, 12.5),
        ("points", "42", 42),
        ("points", " 4.25 ", 4.25),
        ("do_not_contact", True, True),
        ("do_not_contact", 0, False),
        ("do_not_contact", 1, True),
        ("status", "Nurture", "Nurture"),
        ("tags", ["VIP", "Partner", "VIP"], ["VIP", "Partner"]),
        ("owner_id", 3, 3),
        ("owner_id", "3", 3),
        ("email", "  Ann@Example.com ", "Ann@Example.com"),
        ("phone", "+44 20 7183 8750", "+44 20 7183 8750"),
        ("website", "https://www.example.com/a?b=c", "https://www.example.com/a?b=c"),
        ("locale", "en_US", "en_US"),
        ("country", "United Kingdom", "United Kingdom"),
        ("customer_tier", "Gold", "Gold"),
        ("company", None, None),
    ],
)
def test_values_are_stored_in_wire_form(client: httpx.Client, alias: str, given: Any, stored: Any) -> None:
    response = client.post("/contacts/new", json={alias: given})
    assert response.status_code == 201, response.text
    assert response.json()["contact"][alias] == stored


@pytest.mark.parametrize(
    ("alias", "given"),
    [
        ("last_active", "yesterday"),
        ("last_active", "2026-13-01T00:00:00"),
        ("last_active", 1718000000),
        ("birthday", "2026-02-30"),
        ("birthday", "15/01/1990"),
        ("preferred_call_time", "9:30"),
        ("preferred_call_time", "25:00"),
        ("points", "many"),
        ("points", True),
        ("points", [1]),
        ("do_not_contact", "yes"),
        ("do_not_contact", 2),
        ("status", "Dormant"),
        ("customer_tier", "Bronze"),
        ("tags", ["VIP", "Nope"]),
        ("tags", {"VIP": True}),
        ("owner_id", 0),
        ("owner_id", -3),
        ("owner_id", 1.5),
        ("owner_id", True),
        ("email", "not-an-email"),
        ("phone", "call me"),
        ("website", "not a url"),
        ("locale", "English"),
        ("first_name", {"a": 1}),
        ("first_name", ["Ann"]),
        ("no_such_alias", 1),
        ("id", 5),
        ("date_added", "2026-01-01"),
    ],
)
def test_values_of_the_wrong_type_are_422_naming_the_alias(strict_client: httpx.Client, alias: str, given: Any) -> None:
    error = error_of(strict_client.post("/contacts/new", json={alias: given}), 422)
    assert list(error["fields"]) == [alias]


def test_every_offending_alias_is_reported_at_once(strict_client: httpx.Client) -> None:
    body = {"points": "x", "email": "y", "zzz": 1, "city": "Ok"}
    error = error_of(strict_client.post("/contacts/new", json=body), 422)
    assert set(error["fields"]) == {"points", "email", "zzz"}


def test_by_default_unknown_aliases_are_ignored_and_logged(fake: FakeFlexie, client: httpx.Client) -> None:
    created = client.post("/contacts/new", json={"first_name": "Ann", "zzz": 1, "shoe_size": 44})
    assert created.status_code == 201
    contact = created.json()["contact"]
    assert contact["first_name"] == "Ann"
    assert "zzz" not in contact
    assert "shoe_size" not in contact
    assert fake.requests[-1].ignored_fields == ("zzz", "shoe_size")
    updated = client.put(f"/contacts/{contact['id']}", json={"city": "Oslo", "zzz": 2})
    assert updated.json()["contact"]["city"] == "Oslo"
    assert fake.requests[-1].ignored_fields == ("zzz",)
    assert fake.get_record("contacts", contact["id"]) == updated.json()["contact"]
    # Known fields are still checked, and read-only keys still refused, whatever the policy.
    error = error_of(client.post("/contacts/new", json={"points": "x", "zzz": 1, "id": 5}), 422)
    assert set(error["fields"]) == {"points", "id"}
    assert fake.requests[-1].ignored_fields == ()  # a refused request ignored nothing


def test_the_unknown_fields_policy_is_checked() -> None:
    with pytest.raises(FakeFlexieError, match="unknown_fields must be one of ignore, reject"):
        FakeFlexie(unknown_fields="drop")


def test_required_fields_and_defaults(client: httpx.Client) -> None:
    error = error_of(client.post("/accounts/new", json={"industry": "Retail"}), 422)
    assert error["fields"] == {"name": "is required"}
    account = client.post("/accounts/new", json={"name": "Acme"}).json()["account"]
    error = error_of(client.put(f"/accounts/{account['id']}", json={"name": None}), 422)
    assert set(error["fields"]) == {"name"}
    deal = client.post("/deals/new", json={"name": "Renewal"}).json()["deal"]
    assert deal["status"] == "open"  # default_value
    case = client.post("/cases/new", json={"title": "Broken"}).json()["case"]
    assert (case["priority"], case["public_status"], case["internalStatus"]) == ("Medium", "New Opened", "open")
    assert case["identifier"] == f"REF-{1000 + case['id']}"
    error_of(client.post("/contacts/new"), 400)  # the body is required
    error_of(client.post("/contacts/new", json=[1, 2]), 422)  # and must be an object


def test_update_delete_and_missing_ids(client: httpx.Client) -> None:
    contact = client.post("/contacts/new", json={"first_name": "Ann", "city": "Tirana"}).json()["contact"]
    path = f"/contacts/{contact['id']}"
    updated = client.put(path, json={"city": "Durres", "points": 5}).json()["contact"]
    assert (updated["first_name"], updated["city"], updated["points"]) == ("Ann", "Durres", 5)
    assert updated["date_modified"] >= contact["date_modified"]
    error_of(client.put(path, json={"points": "x"}), 422)
    assert client.get(path).json()["contact"]["points"] == 5  # a refused update changes nothing
    deleted = client.delete(path)
    assert deleted.status_code == 204
    assert deleted.content == b""
    for response in (client.get(path), client.put(path, json={"city": "x"}), client.delete(path)):
        error_of(response, 404)
    error_of(client.get("/contacts/0"), 400)


def test_edit_finds_the_record_by_a_unique_field(strict_client: httpx.Client) -> None:
    client = strict_client
    first = client.post("/contacts/new", json={"email": "David.Okafor@example.com", "city": "London"}).json()
    client.post("/contacts/new", json={"email": "someone@example.com"})
    edited = client.put("/contacts/edit", json={"email": "david.okafor@example.com", "city": "Manchester"})
    assert edited.status_code == 200
    assert edited.json()["contact"]["id"] == first["contact"]["id"]
    assert edited.json()["contact"]["city"] == "Manchester"
    error_of(client.put("/contacts/edit", json={"email": "nobody@example.com", "city": "x"}), 404)
    error = error_of(client.put("/contacts/edit", json={"city": "x"}), 422)
    assert "email" in error["fields"]
    error_of(client.put("/contacts/edit", json={"email": "david.okafor@example.com", "bogus": 1}), 422)
    accounts = client.post("/accounts/new", json={"name": "Northwind Trading LLC"}).json()["account"]
    assert client.put("/accounts/edit", json={"name": "Northwind Trading LLC", "employees": 145}).json()["account"] == {
        **accounts,
        "employees": 145,
        "date_modified": client.get(f"/accounts/{accounts['id']}").json()["account"]["date_modified"],
    }


def test_edit_on_cases_prefers_the_identifier_and_tables_need_a_unique_field(
    fake: FakeFlexie, client: httpx.Client
) -> None:
    one = client.post("/cases/new", json={"title": "Same title"}).json()["case"]
    two = client.post("/cases/new", json={"title": "Same title"}).json()["case"]
    by_title = client.put("/cases/edit", json={"title": "Same title", "priority": "High"}).json()["case"]
    assert by_title["id"] == one["id"]  # several match: the oldest
    by_identifier = client.put("/cases/edit", json={"identifier": two["identifier"], "title": "Renamed"})
    assert by_identifier.json()["case"]["id"] == two["id"]
    assert by_identifier.json()["case"]["title"] == "Renamed"
    client.post("/ce/projects/new", json={"code": "P-1", "budget": 10})
    assert client.put("/ce/projects/edit", json={"code": "P-1", "budget": 20}).json()["entity"]["budget"] == 20
    fake.add_table("plain", [{"alias": "label", "type": "text"}])
    error_of(client.put("/ce/plain/edit", json={"label": "x"}), 422)


def test_custom_fields_are_served_and_used(client: httpx.Client) -> None:
    fields = {f["alias"]: f for f in client.get("/contacts/list/fields").json()}
    tier = fields["customer_tier"]
    assert tier["custom"] is True
    assert tier["type"] == "select"
    assert tier["choices"] == [{"value": "Gold", "label": "Gold"}, {"value": "Silver", "label": "Silver"}]
    assert fields["email"]["unique"] is True
    assert fields["email"]["custom"] is False
    categories = [c["alias"] for c in client.get("/contacts/list/fields/categories").json()]
    assert categories == ["core", "address", "personal", "custom", "billing"]
    made = client.post("/contacts/new", json={"customer_tier": "Silver", "renewal_date": "2026-09-01"})
    assert made.json()["contact"]["renewal_date"] == "2026-09-01"


def test_fields_added_at_run_time(fake: FakeFlexie, client: httpx.Client) -> None:
    before = client.post("/leads/new", json={"first_name": "Old"}).json()["lead"]
    field = fake.add_field(
        "leads", {"alias": "budget_band", "label": "Budget", "type": "select", "choices": ["S", "M"], "required": True}
    )
    assert field["choices"] == [{"value": "S", "label": "S"}, {"value": "M", "label": "M"}]
    assert client.get(f"/leads/{before['id']}").json()["lead"]["budget_band"] is None
    error = error_of(client.post("/leads/new", json={"first_name": "New"}), 422)
    assert error["fields"] == {"budget_band": "is required"}
    assert client.post("/leads/new", json={"budget_band": "M"}).status_code == 201
    with pytest.raises(FakeFlexieError, match="already has"):
        fake.add_field("leads", {"alias": "budget_band", "type": "text"})
    with pytest.raises(FakeFlexieError):
        fake.add_field("tasks", {"alias": "x", "type": "text"})
    fake.reset()
    assert "budget_band" not in field_aliases(client, "/leads/list/fields")  # reset drops run-time fields


def test_tables(strict_fake: FakeFlexie, strict_client: httpx.Client) -> None:
    fake, client = strict_fake, strict_client
    for path in ("/ce/missing", "/ce/missing/1", "/ce/missing/list/fields", "/ce/missing/lists"):
        error_of(client.get(path), 404)
    error_of(client.post("/ce/missing/new", json={"name": "x"}), 404)
    fake.add_table(
        "shipments", [{"alias": "tracking", "type": "text", "unique": True}, {"alias": "kg", "type": "number"}]
    )
    created = client.post("/ce/shipments/new", json={"tracking": "TRK1", "kg": "2.5"})
    assert created.status_code == 201
    assert set(created.json()) == {"entity"}
    assert created.json()["entity"]["kg"] == 2.5
    listing = client.get("/ce/shipments").json()
    assert listing["total"] == 1
    assert set(listing) == {"total", "entities"}
    assert field_aliases(client, "/ce/shipments/list/fields") == ["tracking", "kg"]
    error_of(client.post("/ce/shipments/new", json={"tracking": "x", "weight": 1}), 422)
    with pytest.raises(FakeFlexieError):
        fake.add_table("contacts", [])


def test_two_fakes_model_accounts_that_named_the_same_field_differently() -> None:
    field_a = {"alias": "customer_tier", "label": "Tier", "type": "select", "choices": ["Gold", "Silver"]}
    field_b = {"alias": "cf_level", "label": "Tier", "type": "select", "choices": ["Gold", "Silver"]}
    with (
        FakeFlexie(custom_fields={"contacts": [field_a]}, unknown_fields="reject") as one,
        FakeFlexie(custom_fields={"contacts": [field_b]}, unknown_fields="reject") as two,
        httpx.Client(base_url=one.base_url, headers=one.headers, trust_env=False) as client_one,
        httpx.Client(base_url=two.base_url, headers=two.headers, trust_env=False) as client_two,
    ):
        assert one.api_key != two.api_key
        assert client_one.post("/contacts/new", json={"customer_tier": "Gold"}).status_code == 201
        assert client_two.post("/contacts/new", json={"cf_level": "Gold"}).status_code == 201
        error_of(client_one.post("/contacts/new", json={"cf_level": "Gold"}), 422)
        error_of(client_two.post("/contacts/new", json={"customer_tier": "Gold"}), 422)
        assert "customer_tier" in field_aliases(client_one, "/contacts/list/fields")
        assert "customer_tier" not in field_aliases(client_two, "/contacts/list/fields")
        error_of(client_one.get("/contacts", headers={"apikey": two.api_key}), 401)
