"""Listing: paging edges, parameter checks, ordering, search, entityList, every filter operator
and type, and the fast paths benchmarks rely on."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from flexie.testing import FakeFlexie
from flexie.testing.collection import Collection
from flexie.testing.listing import Page, run
from flexie.testing.schema import RESOURCES, default_fields
from tests.testing._support import error_of, make_filter


def ids(response: httpx.Response, key: str = "contacts") -> list[int]:
    assert response.status_code == 200, response.text
    return [record["id"] for record in response.json()[key]]


def filtered(client: httpx.Client, *filters: dict[str, Any], path: str = "/contacts", **body: Any) -> httpx.Response:
    return client.post(path, json={"filters": list(filters), "limit": 100, **body})


def make_contacts(fake: FakeFlexie, rows: list[dict[str, Any]]) -> list[int]:
    return [fake.create_record("contacts", row)["id"] for row in rows]


# --- paging -------------------------------------------------------------------------------


def test_paging_edges(fake: FakeFlexie, client: httpx.Client) -> None:
    empty = client.get("/contacts")
    assert empty.json() == {"total": 0, "contacts": []}
    fake.seed(contacts=65)
    default = client.get("/contacts").json()
    assert default["total"] == 65
    assert [c["id"] for c in default["contacts"]] == list(range(1, 31))  # limit 30, id ascending
    assert ids(client.get("/contacts", params={"limit": 65})) == list(range(1, 66))  # exactly one page
    assert ids(client.get("/contacts", params={"start": 60, "limit": 10})) == [61, 62, 63, 64, 65]  # last, partial
    beyond = client.get("/contacts", params={"start": 500}).json()
    assert beyond == {"total": 65, "contacts": []}
    assert client.get("/contacts", params={"start": 65}).json()["contacts"] == []
    assert ids(client.get("/contacts", params={"limit": 3, "orderByDir": "DESC"})) == [65, 64, 63]
    assert ids(client.get("/contacts", params={"start": 2, "limit": 3, "orderByDir": "DESC"})) == [63, 62, 61]
    body = client.post("/contacts", json={"start": 60, "limit": 5}).json()
    assert body["total"] == 65
    assert [c["id"] for c in body["contacts"]] == [61, 62, 63, 64, 65]
    assert client.post("/contacts").json()["total"] == 65  # the filter body is optional


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "abc"},
        {"limit": "1.5"},
        {"start": "-1"},
        {"start": "x"},
        {"orderByDir": "asc"},
        {"orderByDir": "UP"},
        {"orderBy": "no_such_field"},
        {"entityList": "0"},
    ],
)
def test_get_lists_refuse_bad_parameters_with_400(client: httpx.Client, params: dict[str, str]) -> None:
    error_of(client.get("/contacts", params=params), 400)


@pytest.mark.parametrize(
    "body",
    [
        {"limit": 4},
        {"limit": 101},
        {"limit": "10"},
        {"limit": True},
        {"start": -1},
        {"orderByDir": "desc"},
        {"orderBy": "nope"},
        {"filters": {"alias": "email"}},
        {"filters": [{"alias": "email", "value": {"operator": "eq", "input": "x"}}]},  # no type
        {"filters": [make_filter("email", "approximately", input="x")]},
        {"filters": [{"type": "text", "alias": "email"}]},  # no value
        {"filters": [make_filter("points", "between", "number", **{"from": 1})]},  # no `to`
        {"filters": [make_filter("points", "in", "number", input=3)]},  # in needs a list
        {"filters": [make_filter("points", "gt", "number")]},  # no input
        [1, 2, 3],
    ],
)
def test_filtered_lists_refuse_malformed_bodies_with_400(client: httpx.Client, body: Any) -> None:
    error_of(client.post("/contacts", json=body), 400)


def test_limits_at_the_edges_are_accepted(client: httpx.Client) -> None:
    assert client.get("/contacts", params={"limit": 1}).status_code == 200
    assert client.get("/contacts", params={"limit": 100}).status_code == 200
    assert client.post("/contacts", json={"limit": 5}).status_code == 200
    assert client.post("/contacts", json={"limit": 100}).status_code == 200


def test_non_json_bodies_are_400(client: httpx.Client) -> None:
    for content in (b"{not json", b"limit=10", b"\xff\xfe"):
        error_of(client.post("/contacts", content=content, headers={"content-type": "application/json"}), 400)


def test_unknown_entity_list_is_404(client: httpx.Client) -> None:
    error_of(client.get("/contacts", params={"entityList": 9}), 404)
    error_of(client.post("/contacts", json={"entityList": 9}), 404)
    error_of(client.post("/tasks", json={"entityList": 1}), 404)  # tasks have no lists


# --- ordering and search ------------------------------------------------------------------


def test_ordering_follows_the_field_type(fake: FakeFlexie, client: httpx.Client) -> None:
    made = make_contacts(
        fake,
        [
            {"last_name": "beta", "points": 100, "birthday": "1990-05-01", "last_active": "2026-01-01T10:00:00+05:00"},
            {"last_name": "Alpha", "points": 9, "birthday": "1985-12-31", "last_active": "2026-01-01T06:00:00Z"},
            {"last_name": "gamma", "points": 10, "birthday": None, "last_active": "2025-12-31 23:00"},
            {"last_name": "alpha", "points": 10},
        ],
    )
    a, b, c, d = made

    def order(alias: str, direction: str = "ASC") -> list[int]:
        return ids(client.get("/contacts", params={"orderBy": alias, "orderByDir": direction}))

    assert order("points") == [b, c, d, a]  # numerically (9 < 10 < 100), ties by id
    assert order("points", "DESC") == [a, c, d, b]
    assert order("last_name") == [b, d, a, c]  # case-insensitively
    assert order("birthday") == [c, d, b, a]  # nulls first, then chronologically
    assert order("birthday", "DESC") == [a, b, c, d]
    # 05:00Z, 06:00Z, 23:00Z the day before: chronological after conversion to UTC
    assert order("last_active") == [d, c, a, b]
    assert order("id", "DESC") == [d, c, b, a]
    assert order("date_added") == [a, b, c, d]
    body = client.post("/contacts", json={"orderBy": "points", "orderByDir": "DESC", "limit": 5}).json()
    assert [r["id"] for r in body["contacts"]] == [a, c, d, b]


def test_search_is_a_case_insensitive_substring_over_text_fields(fake: FakeFlexie, client: httpx.Client) -> None:
    make_contacts(
        fake,
        [
            {"first_name": "Ann", "company": "ACME Corp", "email": "ann@acme.example"},
            {"first_name": "Bob", "company": "Globex", "email": "bob@globex.example", "points": 4242},
            {"first_name": "Cid", "city": "Acmeville"},
        ],
    )
    found = client.get("/contacts", params={"search": "acme"}).json()
    assert found["total"] == 2
    assert [c["first_name"] for c in found["contacts"]] == ["Ann", "Cid"]
    assert client.get("/contacts", params={"search": "4242"}).json()["total"] == 0  # numbers are not text
    assert client.post("/contacts", json={"search": "GLOBEX"}).json()["total"] == 1


def test_entity_list_limits_to_members(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=10, lists=2)
    members = [
        row["contacts"]
        for row in [client.get("/contacts", params={"entityList": n, "limit": 100}).json() for n in (1, 2)]
    ]
    baseline = [len(m) for m in members]
    for contact_id in (3, 5, 7):
        client.post(f"/contact/lists/1/add/{contact_id}")
    after = client.get("/contacts", params={"entityList": 1, "limit": 100}).json()
    assert {3, 5, 7} <= {c["id"] for c in after["contacts"]}
    assert after["total"] == len(after["contacts"]) >= baseline[0]
    in_list_1 = {c["id"] for c in after["contacts"]}
    body = {"entityList": 1, "filters": [make_filter("id", "lte", "number", input=5)]}
    narrowed = client.post("/contacts", json=body).json()
    assert {c["id"] for c in narrowed["contacts"]} == {i for i in in_list_1 if i <= 5}


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def people(fake: FakeFlexie) -> dict[str, int]:
    rows: dict[str, dict[str, Any]] = {
        "ann": {
            "first_name": "Ann",
            "email": "ann@acme.com",
            "points": 9,
            "status": "New",
            "tags": ["VIP", "Partner"],
            "owner_id": 1,
            "do_not_contact": True,
            "birthday": "1990-01-15",
            "last_active": "2026-06-23T14:00:00+00:00",
            "preferred_call_time": "09:30",
            "country": "United Kingdom",
            "state": "England",
            "timezone": "Europe/London",
            "website": "https://acme.com",
        },
        "bob": {
            "first_name": "bob",
            "email": "bob@globex.com",
            "points": 100,
            "status": "Qualify",
            "tags": ["Newsletter"],
            "owner_id": 2,
            "birthday": "1985-06-30",
            "last_active": "2026-06-24T01:00:00+02:00",
            "preferred_call_time": "14:00",
            "country": "Germany",
        },
        "cid": {"first_name": "Cid", "points": 10, "status": "Customer", "tags": []},
        "dee": {"first_name": "Dee", "email": "dee@ACME.org", "company": "Acme Labs"},
    }
    fake.seed(users=2)
    return {name: fake.create_record("contacts", row)["id"] for name, row in rows.items()}


CASES: list[tuple[dict[str, Any], set[str]]] = [
    # text (email, first_name): case-insensitive unless strict; neq/not_contains/notIn keep empty values
    (make_filter("first_name", "eq", input="BOB"), {"bob"}),
    ({**make_filter("first_name", "eq", input="BOB"), "strict": True}, set()),
    ({**make_filter("first_name", "eq", input="bob"), "strict": True}, {"bob"}),
    (make_filter("first_name", "neq", input="ann"), {"bob", "cid", "dee"}),
    (make_filter("email", "like", input="ACME"), {"ann", "dee"}),
    ({**make_filter("email", "like", input="acme"), "strict": True}, set()),
    ({**make_filter("email", "like", input="ann@acme.com"), "strict": True}, {"ann"}),
    ({**make_filter("email", "like", input="ann"), "starts": True}, {"ann"}),
    ({**make_filter("email", "like", input=".com"), "ends": True}, {"ann", "bob"}),
    ({**make_filter("email", "like", input="ann@acme.com"), "starts": True, "ends": True}, {"ann"}),
    (make_filter("email", "contains", input="acme"), {"ann", "dee"}),
    (make_filter("email", "not_contains", input="acme"), {"bob", "cid"}),
    (make_filter("email", "starts_with", input="B"), {"bob"}),
    (make_filter("email", "ends_with", input=".ORG"), {"dee"}),
    (make_filter("first_name", "in", input=["ann", "CID"]), {"ann", "cid"}),
    (make_filter("first_name", "notIn", input=["ann", "cid"]), {"bob", "dee"}),
    (make_filter("email", "isNull"), {"cid"}),
    (make_filter("email", "isNotNull"), {"ann", "bob", "dee"}),
    (make_filter("company", "isNull"), {"ann", "bob", "cid"}),
    # number: numerically, numeric strings accepted
    (make_filter("points", "gt", "number", input=9), {"bob", "cid"}),
    (make_filter("points", "gte", "number", input="10"), {"bob", "cid"}),
    (make_filter("points", "lt", "number", input=10), {"ann"}),
    (make_filter("points", "lte", "number", input=10.0), {"ann", "cid"}),
    (make_filter("points", "eq", "number", input=100), {"bob"}),
    (make_filter("points", "neq", "number", input=100), {"ann", "cid", "dee"}),
    (make_filter("points", "between", "number", **{"from": 9, "to": 10}), {"ann", "cid"}),
    (make_filter("points", "in", "number", input=[9, 100]), {"ann", "bob"}),
    (make_filter("points", "notIn", "number", input=[9, 100]), {"cid", "dee"}),
    (make_filter("points", "isNull", "number"), {"dee"}),
    # date: chronologically
    (make_filter("birthday", "gt", "date", input="1986-01-01"), {"ann"}),
    (make_filter("birthday", "between", "date", **{"from": "1985-06-30", "to": "1990-01-15"}), {"ann", "bob"}),
    (make_filter("birthday", "lt", "date", input="1990-01-15"), {"bob"}),
    # datetime: inputs in any offset, date-only bounds cover the whole UTC day
    (make_filter("last_active", "gt", "datetime", input="2026-06-23T16:30:00+02:00"), {"bob"}),
    (make_filter("last_active", "lte", "datetime", input="2026-06-23 14:00"), {"ann"}),
    (make_filter("last_active", "eq", "datetime", input="2026-06-23"), {"ann", "bob"}),  # bob: 23:00 UTC
    (make_filter("last_active", "eq", "datetime", input="2026-06-23T16:00:00+02:00"), {"ann"}),
    (make_filter("last_active", "between", "datetime", **{"from": "2026-06-23", "to": "2026-06-23"}), {"ann", "bob"}),
    (make_filter("last_active", "gte", "datetime", input="2026-06-24"), set()),
    # time
    (make_filter("preferred_call_time", "gt", "time", input="12:00"), {"bob"}),
    (make_filter("preferred_call_time", "eq", "time", input="09:30:00"), {"ann"}),
    # boolean: true/false and 1/0
    (make_filter("do_not_contact", "eq", "boolean", input=True), {"ann"}),
    (make_filter("do_not_contact", "eq", "boolean", input=0), {"bob", "cid", "dee"}),
    # select and multiselect
    (make_filter("status", "eq", "select", input="qualify"), {"bob"}),
    (make_filter("status", "in", "selectIn", input=["New", "Customer"]), {"ann", "cid"}),
    (make_filter("tags", "eq", "select", input="VIP"), {"ann"}),
    (make_filter("tags", "in", "selectIn", input=["Partner", "Newsletter"]), {"ann", "bob"}),
    (make_filter("tags", "notIn", "selectIn", input=["VIP"]), {"bob", "cid", "dee"}),
    (make_filter("tags", "isNull", "selectIn"), {"cid", "dee"}),
    # lookup: by input or by value.id
    (make_filter("owner_id", "eq", "lookup", input=2), {"bob"}),
    (make_filter("owner_id", "eq", "lookup", id=1, label="Alex Morgan"), {"ann"}),
    # country, region, timezone, url
    (make_filter("country", "eq", "country", input="germany"), {"bob"}),
    (make_filter("state", "like", "region", input="eng"), {"ann"}),
    (make_filter("timezone", "eq", "timezone", input="Europe/London"), {"ann"}),
    (make_filter("website", "contains", "url", input="acme"), {"ann"}),
    # system keys
    (make_filter("date_added", "isNotNull", "datetime"), {"ann", "bob", "cid", "dee"}),
]


@pytest.mark.parametrize(("condition", "expected"), CASES)
def test_every_filter_operator_and_type(
    client: httpx.Client, people: dict[str, int], condition: dict[str, Any], expected: set[str]
) -> None:
    response = filtered(client, condition)
    names = {name for name, record_id in people.items() if record_id in ids(response)}
    assert names == expected
    assert response.json()["total"] == len(expected)


def test_filters_combine_with_and(client: httpx.Client, people: dict[str, int]) -> None:
    response = filtered(
        client, make_filter("email", "like", input="acme"), make_filter("points", "isNotNull", "number")
    )
    assert ids(response) == [people["ann"]]


def test_operator_list_covers_the_spec_enum(spec: dict[str, Any]) -> None:
    used = {case[0]["value"]["operator"] for case in CASES}
    assert used == set(spec["definitions"]["filter-value"]["properties"]["operator"]["enum"])
    types = {case[0]["type"] for case in CASES}
    assert types == set(spec["definitions"]["dynamic-grid-filter"]["properties"]["type"]["enum"])


def test_filter_problems_on_field_defined_entities_are_422(client: httpx.Client) -> None:
    error = error_of(filtered(client, make_filter("no_such_alias", "eq", input="x")), 422)
    assert error["fields"] == {"no_such_alias": "is not a field of this resource"}
    error = error_of(filtered(client, make_filter("points", "gt", "number", input="lots")), 422)
    assert set(error["fields"]) == {"points"}
    error_of(filtered(client, make_filter("birthday", "gt", "date", input="yesterday")), 422)
    error_of(filtered(client, make_filter("email", "like", input=["a"])), 422)
    error_of(filtered(client, make_filter("nope", "eq", input=1), path="/ce/projects"), 422)


def test_fixed_shape_resources_treat_absent_keys_as_null(fake: FakeFlexie, client: httpx.Client) -> None:
    """Tasks have no `email`; the reference example filters tasks on it: no match, not an error."""
    fake.seed(tasks=5)
    response = filtered(client, make_filter("email", "like", input="acme.com"), path="/tasks")
    assert response.json() == {"total": 0, "tasks": []}
    assert filtered(client, make_filter("email", "isNull"), path="/tasks").json()["total"] == 5
    error_of(client.get("/tasks", params={"orderBy": "email"}), 400)  # but ordering is checked


def test_keyset_pages_walk_the_whole_collection(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=250)
    seen: list[int] = []
    last = 0
    while True:
        body = {"filters": [make_filter("id", "gt", "number", input=last)], "limit": 100, "orderBy": "id"}
        page = client.post("/contacts", json={**body, "orderByDir": "ASC"}).json()
        assert page["total"] == 250 - len(seen)
        if not page["contacts"]:
            break
        seen += [c["id"] for c in page["contacts"]]
        last = seen[-1]
    assert seen == list(range(1, 251))
    down = client.post(
        "/contacts", json={"filters": [make_filter("id", "lt", "number", input=11)], "limit": 5, "orderByDir": "DESC"}
    )
    assert ids(down) == [10, 9, 8, 7, 6]
    assert down.json()["total"] == 10


class CountingRecords(dict[int, dict[str, Any]]):
    """The collection's records, counting how many are looked at."""

    lookups = 0

    def __getitem__(self, key: int) -> dict[str, Any]:
        self.lookups += 1
        return super().__getitem__(key)


def test_keyset_and_plain_pages_do_not_scan_every_record() -> None:
    """100,000 records: 1,000 keyset pages and 1,000 offset pages each look at their 100 records only."""
    collection = Collection(RESOURCES["contacts"], default_fields("contacts"))
    template = {fdef.alias: None for fdef in collection.stored_fields}
    collection.insert_many([{"id": n, **template, "date_added": "x", "date_modified": "x"} for n in range(1, 100_001)])
    counting = CountingRecords(collection.records)
    collection.records = counting
    last = 0
    for _ in range(1000):
        page = Page(limit=100, filters=[make_filter("id", "gt", "number", input=last)])
        total, records = run(collection, page)
        last = records[-1]["id"]
    for start in range(0, 100_000, 100):
        run(collection, Page(start=start, limit=100))
    assert last == 100_000
    assert total == 100
    assert counting.lookups == 2 * 100_000, "a page looked at records outside itself"
