"""The fake accepts what the vendor documents and what real integrations send.

Every `curl` example of the vendor's reference page (the 142 endpoint examples and the two of the
quickstart) is read from the page's text and sent as written, over HTTP, to a fake built with
`seed_examples=True`: all succeed, under either unknown-fields policy. Then the requests of the
public WordPress integration (evidence.md): its filters, its list and field reads.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest

from flexie.testing import FakeFlexie
from flexie.testing.routes import ROUTES, Router
from tests.conftest import REFERENCE
from tests.testing._support import spec_operations, validate

PAGE = REFERENCE / "flexie-api-reference.txt"
HOST = "https://your-subdomain.flexie.io"
QUICKSTART_CREATE = ("POST", "/api/contacts/new", {"firstname": "Jane", "lastname": "Doe", "email": "jane@acme.com"})


@dataclass(frozen=True)
class Example:
    method: str
    url: str  # from /api on, query included
    headers: tuple[tuple[str, str], ...]
    body: str | None  # the text after -d, as the page writes it

    def key(self) -> tuple[str, str, Any]:
        return self.method, self.url, None if self.body is None else json.loads(self.body)


def parse_curl(command: str) -> Example:
    words = shlex.split(command.replace("\\\n", " "))
    assert words[0] == "curl", command
    method, url, headers, body = "GET", "", [], None
    rest = iter(words[1:])
    for word in rest:
        if word == "-X":
            method = next(rest)
        elif word == "-H":
            name, _, value = next(rest).partition(":")
            headers.append((name.strip(), value.strip()))
        elif word == "-d":
            body = next(rest)
        elif word.startswith(HOST):
            url = word[len(HOST) :]
        else:
            raise AssertionError(f"unexpected curl word {word!r} in {command!r}")
    assert url.startswith("/api/"), command
    return Example(method, url, tuple(headers), body)


def page_examples() -> list[Example]:
    """Every curl command of the page: lines joined on a trailing backslash, and a quoted -d body
    read to its closing quote."""
    if not PAGE.exists():
        pytest.fail(f"{PAGE} is missing: the suite expects ../shared/reference beside the checkout")
    examples, command = [], ""
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if not command and not line.startswith("curl "):
            continue
        command += line + "\n"
        if line.endswith("\\") or command.count("'") % 2:
            continue
        examples.append(parse_curl(command))
        command = ""
    assert not command, "a curl command runs to the end of the page"
    return examples


EXAMPLES = page_examples()


def test_the_page_holds_the_142_endpoint_examples_and_the_quickstart(reference: dict[str, Any]) -> None:
    documented = [(e["method"], e["example_url"], e.get("example_body")) for e in reference["endpoints"]]
    on_page = [example.key() for example in EXAMPLES]
    assert len(documented) == 142
    assert len(EXAMPLES) == 144
    assert all(key in on_page for key in documented)
    quickstart = [key for key in on_page if key not in documented]
    assert quickstart == [("GET", "/api/contacts", None), QUICKSTART_CREATE]
    assert all(("apikey", "YOUR_API_KEY") in example.headers for example in EXAMPLES)


def send(http: httpx.Client, fake: FakeFlexie, example: Example) -> httpx.Response:
    """The example as the page writes it, with the fake's host and key put in."""
    headers = {name: value.replace("YOUR_API_KEY", fake.api_key) for name, value in example.headers}
    content = None if example.body is None else example.body.encode()
    return http.request(example.method, fake.url + example.url, headers=headers, content=content)


@pytest.mark.parametrize("unknown_fields", ["ignore", "reject"])
def test_every_example_request_of_the_page_succeeds(
    unknown_fields: str, spec: dict[str, Any], openapi: OpenAPI
) -> None:
    """Each answers the success status the spec documents, in the documented shape; and every
    field the page sends is a field of the seeded workspace (nothing is ignored)."""
    operations = spec_operations(spec)
    router = Router()
    ordered = sorted(EXAMPLES, key=lambda example: example.method == "DELETE")  # deletes last
    failures: dict[str, tuple[int, str]] = {}
    jane: dict[str, Any] | None = None
    with (
        FakeFlexie(seed_examples=True, unknown_fields=unknown_fields) as fake,
        httpx.Client(trust_env=False, timeout=30.0) as http,
    ):
        for example in ordered:
            response = send(http, fake, example)
            route, _ = router.match(example.method, example.url.partition("?")[0][len("/api") :])
            success = next(code for code in operations[(route.method, route.path)]["responses"] if code < "300")
            if response.status_code != int(success):
                failures[f"{example.method} {example.url}"] = (response.status_code, response.text[:300])
                continue
            if response.status_code == 204:
                assert response.content == b""
            validate(openapi, response)
            if example.key() == QUICKSTART_CREATE:
                jane = fake.get_record("contacts", response.json()["contact"]["id"])
        assert failures == {}
        log = fake.requests
    assert len(log) == 144
    assert {entry.operation_id for entry in log} == {route.operation_id for route in ROUTES}
    assert [entry for entry in log if entry.ignored_fields] == []
    assert jane is not None
    assert (jane["firstname"], jane["lastname"], jane["email"]) == ("Jane", "Doe", "jane@acme.com")


# --- what the WordPress integration sends and reads (evidence.md) ------------------------------


@pytest.fixture
def wp(fake: FakeFlexie) -> Iterator[httpx.Client]:
    """A client as the integration makes its requests: the key in the `apikey` query parameter."""
    with httpx.Client(base_url=fake.url, params={"apikey": fake.api_key}, trust_env=False) as http:
        yield http


def wp_filter(alias: str, value: Any, ftype: str = "boolean") -> dict[str, Any]:
    """A filter built as the integration builds one: `type` whatever the field, `label` a
    boolean, `strict` true, no `starts` or `ends`."""
    return {"type": ftype, "alias": alias, "value": {"input": value, "operator": "eq", "label": False}, "strict": True}


def test_finding_a_contact_by_email_as_the_integration_does(
    fake: FakeFlexie, wp: httpx.Client, openapi: OpenAPI
) -> None:
    body = {"filters": [wp_filter("email", "a@b.c")]}
    sent = MockRequest(fake.url, "post", "/api/contacts", args={"apikey": "k"}, data=json.dumps(body).encode())
    openapi.validate_request(sent)  # the spec accepts it too (a boolean label included)
    fake.seed(contacts=30)
    wanted = fake.create_record("contacts", {"firstname": "Ann", "email": "a@b.c"})
    found = wp.post("/api/contacts", json=body)
    assert found.status_code == 200, found.text
    assert found.json()["total"] == 1
    assert found.json()["contacts"][0]["id"] == wanted["id"]
    missing = wp.post("/api/contacts", json={"filters": [wp_filter("email", "nobody@b.c")]})
    assert missing.json() == {"total": 0, "contacts": []}


@pytest.mark.parametrize(
    ("alias", "value", "ftype"),
    [("points", "12", "text"), ("points", 12, "boolean"), ("city", "Oslo", "number"), ("tags", "VIP", "date")],
)
def test_the_filter_type_does_not_have_to_match_the_field(
    fake: FakeFlexie, wp: httpx.Client, alias: str, value: Any, ftype: str
) -> None:
    record = fake.create_record("contacts", {"points": 12, "city": "Oslo", "tags": ["VIP"]})
    fake.create_record("contacts", {"points": 7, "city": "Bergen", "tags": []})
    found = wp.post("/api/contacts", json={"filters": [wp_filter(alias, value, ftype)]})
    assert found.status_code == 200, found.text
    assert [contact["id"] for contact in found.json()["contacts"]] == [record["id"]]


def test_the_integrations_reads_find_what_it_expects(fake: FakeFlexie, wp: httpx.Client) -> None:
    fake.seed(contacts=20, lists=3)
    lists = wp.get("/api/contact/lists").json()["lists"]
    assert all(isinstance(item["id"], int) and isinstance(item["name"], str) for item in lists)
    fields = wp.get("/api/contacts/list/fields").json()
    labels = {field["alias"]: field["label"] for field in fields}  # read as alias -> label
    assert {"firstname", "lastname", "email"} <= set(labels)
    created = wp.post("/api/contacts/new", json={"firstname": "Wp", "lastname": "User", "email": "wp@example.org"})
    contact_id = created.json()["contact"]["id"]
    assert wp.put(f"/api/contacts/{contact_id}", json={"lastname": "Press"}).status_code == 200
    assert wp.post(f"/api/contact/lists/{lists[0]['id']}/add/{contact_id}").json() == {"success": 1}
    assert [item["id"] for item in wp.get(f"/api/contacts/{contact_id}/lists").json()["lists"]] == [lists[0]["id"]]
    members = wp.get("/api/contacts", params={"entityList": lists[0]["id"], "limit": 100}).json()["contacts"]
    assert contact_id in [member["id"] for member in members]
    assert fake.get_record("contacts", contact_id)["lastname"] == "Press"


def test_seed_examples_tops_the_workspace_up_once(fake: FakeFlexie) -> None:
    fake.seed(contacts=60)
    created = fake.seed_examples()
    assert created["contacts"] == 1  # 60 already: only the record the `edit` example looks up
    assert created["leads"] == 51  # 50, and the record the `edit` example looks up
    assert created["users"] == 49  # the admin user is the 50th
    assert fake.get_record("cases", 42)["identifier"] == "REF-1042"
    assert fake.get_record("contacts", 61)["email"] == "david.okafor@example.com"
    assert fake.seed_examples() == {}  # nothing left to add


def test_seed_examples_declares_its_table_and_survives_reset() -> None:
    with FakeFlexie(seed_examples=True) as fake:
        assert fake.count("your_table") == 51
        fake.create_record("contacts", {"email": "extra@example.org"})
        fake.reset()
        assert fake.count("contacts") == 51
        assert fake.get_record("your_table", 42) is not None
