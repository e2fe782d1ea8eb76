"""The fake against spec/flexie-api.json: the route table, and every operation's success and
documented error responses validated with openapi-core. (The reference page's example requests
are in test_vendor_examples.py.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from flexie.testing import FakeFlexie
from flexie.testing.routes import ROUTES, WRITE_HANDLERS, R
from tests.testing._support import concrete_path, error_of, spec_operations, validate


def test_the_route_table_is_exactly_the_spec(spec: dict[str, Any]) -> None:
    theirs = {key: op["operationId"] for key, op in spec_operations(spec).items()}
    ours = {(route.method, route.path): route.operation_id for route in ROUTES}
    assert len(ROUTES) == len(ours) == len(theirs) == 142
    assert ours == theirs


def test_the_validator_rejects_bodies_that_break_the_spec(openapi: OpenAPI) -> None:
    """Guard: the checks below would catch a wrong shape."""
    request = MockRequest(host_url="http://127.0.0.1:1", method="get", path="/api/contacts/1")
    with pytest.raises(Exception, match=r"(?i)invalid|fail|error"):
        openapi.validate_response(request, MockResponse(data=b'{"contact": {"name": "no id"}}'))
    listing = MockRequest(host_url="http://127.0.0.1:1", method="get", path="/api/contacts")
    with pytest.raises(Exception, match=r"(?i)invalid|fail|error"):
        openapi.validate_response(listing, MockResponse(data=b'{"total": "3", "contacts": []}'))


def _bad_body(route: R) -> Any:
    """A body that is well-formed JSON but fails validation (422) for this route."""
    if route.handler == "list_filtered":
        return {"filters": [{"type": "number", "alias": "id", "value": {"operator": "gt", "input": "abc"}}]}
    if route.handler in ("case_reply_add", "case_reply_add_by_identifier"):
        return {}
    if route.handler == "email_send":
        return {"limit": 0}
    if route.handler == "user_permission":
        return {"permissions": []}
    return {"no_such_alias": 1}


def _good_body(route: R) -> Any:
    if route.handler == "user_permission":
        return {"permissions": ["lead:leads:viewown"]}
    if route.method in ("POST", "PUT") and route.handler not in ("list_add", "list_remove"):
        return {"limit": 10} if route.handler == "email_send" else {}
    return None


def _send(http: httpx.Client, route: R, path: str, body: Any = None, raw: bytes | None = None) -> httpx.Response:
    if raw is not None:
        return http.request(route.method, path, content=raw, headers={"content-type": "application/json"})
    return http.request(route.method, path, json=body) if body is not None else http.request(route.method, path)


def test_every_operation_answers_its_documented_errors_in_the_spec_shape(
    strict_fake: FakeFlexie, strict_client: httpx.Client, spec: dict[str, Any], openapi: OpenAPI
) -> None:
    """On a fake that refuses unknown keys (422), so that every documented 422 can be provoked."""
    fake, client = strict_fake, strict_client
    fake.seed(records=50)
    fake.add_api_key("read-only-key", read_only=True)
    operations = spec_operations(spec)
    counted: dict[str, int] = {}
    with (
        httpx.Client(base_url=fake.base_url, headers={"apikey": "read-only-key"}, trust_env=False) as reader,
        httpx.Client(base_url=fake.base_url, trust_env=False) as anon,
    ):
        for route in ROUTES:
            documented = operations[(route.method, route.path)]["responses"]
            path = concrete_path(route)
            checks: list[tuple[int, httpx.Response]] = [(401, _send(anon, route, path, _good_body(route)))]
            if "{id}" in route.path or "{entityId}" in route.path or "{identifier}" in route.path:
                missing = concrete_path(route, id="999999", entityId="999999", identifier="REF-0")
                checks.append((404, _send(client, route, missing, _good_body(route))))
            if "{tableName}" in route.path:
                checks.append((404, _send(client, route, concrete_path(route, tableName="nope"), _good_body(route))))
            if route.handler in ("list", "filter_lists", "record_lists", "record_notes", "record_workflows"):
                checks.append((400, client.request(route.method, path, params={"limit": 0})))
            if route.handler == "list_filtered":
                checks.append((400, _send(client, route, path, {"limit": 4})))
            if "422" in documented:
                checks.append((400, _send(client, route, path, raw=b'{"broken": ')))
                checks.append((422, _send(client, route, path, _bad_body(route))))
            if route.handler in WRITE_HANDLERS:
                checks.append((403, _send(reader, route, path, _good_body(route))))
            for status, response in checks:
                assert str(status) in documented, (route.operation_id, status)
                error_of(response, status)
                validate(openapi, response)
                counted[str(status)] = counted.get(str(status), 0) + 1
    assert counted["401"] == 142
    with_ids = sum(1 for r in ROUTES if any(p in r.path for p in ("{id}", "{entityId}", "{identifier}")))
    assert counted["404"] == with_ids + sum(1 for route in ROUTES if "{tableName}" in route.path)
    assert counted["422"] == sum(1 for op in operations.values() if "422" in op["responses"])
    assert counted["403"] == sum(1 for route in ROUTES if route.handler in WRITE_HANDLERS)


@pytest.mark.parametrize(("kind", "retry_after"), [("429", 3), ("500", None)])
def test_every_operation_can_answer_injected_429_and_500_in_the_spec_shape(
    fake: FakeFlexie, client: httpx.Client, openapi: OpenAPI, kind: str, retry_after: int | None
) -> None:
    fake.seed(records=50)
    fake.inject(kind, retry_after=retry_after)
    for route in ROUTES:
        response = _send(client, route, concrete_path(route), _good_body(route))
        error_of(response, int(kind))
        if kind == "429":
            assert response.headers["Retry-After"] == "3"
        validate(openapi, response)
    assert fake.fault_counts == {kind: 142}
    assert fake.count("contacts") == 50  # injected before processing: the deletes did not happen


def test_errors_never_echo_the_credentials(fake: FakeFlexie, anon: httpx.Client) -> None:
    secret = "sk_live_do_not_echo_me"
    responses = [
        anon.get("/contacts", headers={"apikey": secret}),
        anon.get("/contacts", params={"apikey": secret}),
        anon.get("/contacts", headers={"Authorization": f"Bearer {secret}"}),
    ]
    for response in responses:
        error_of(response, 401)
        assert secret not in response.text
        assert secret not in json.dumps(dict(response.headers))
    assert all(secret not in entry.path for entry in fake.requests)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
ALIASES = st.sampled_from(["id", "email", "points", "tags", "birthday", "last_active", "status", "nope", "name"])
FILTERS = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["text", "number", "date", "datetime", "select", "selectIn", "boolean", "lookup"]),
        "alias": ALIASES,
        "value": st.fixed_dictionaries(
            {"operator": st.sampled_from(["eq", "neq", "gt", "lte", "like", "between", "in", "notIn", "isNull"])},
            optional={"input": JSON_VALUES, "from": JSON_VALUES, "to": JSON_VALUES, "id": JSON_VALUES},
        ),
    },
    optional={"strict": st.booleans(), "starts": st.booleans(), "ends": st.booleans()},
)
BODIES = (
    JSON_VALUES
    | st.dictionaries(ALIASES, JSON_VALUES, max_size=4)
    | st.fixed_dictionaries(
        {},
        optional={
            "filters": st.lists(FILTERS, max_size=3),
            "start": JSON_VALUES,
            "limit": st.integers(0, 120),
            "orderBy": ALIASES,
            "orderByDir": st.sampled_from(["ASC", "DESC", "asc"]),
            "search": st.text(max_size=5),
            "entityList": st.integers(0, 3),
        },
    )
)


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[httpx.Client]:
    """A seeded fake of its own (the fuzzing deletes and changes records) and a client on it."""
    tables = {"your_table": [{"alias": "name", "type": "text", "unique": True}, {"alias": "email", "type": "email"}]}
    with (
        FakeFlexie(seed=3, records=50, tables=tables) as fake,
        httpx.Client(base_url=fake.base_url, headers=fake.headers, trust_env=False) as http,
    ):
        yield http


@settings(max_examples=200, deadline=None)
@given(route=st.sampled_from(ROUTES), body=BODIES)
def test_any_body_on_any_operation_gets_a_spec_conformant_answer(
    fuzz_client: httpx.Client, openapi: OpenAPI, route: R, body: Any
) -> None:
    """Never a 5xx, and every answer (success or error) matches the spec."""
    if route.method in ("GET", "DELETE"):
        params = body if isinstance(body, dict) else {"search": str(body)}
        query = {key: str(value) for key, value in params.items()}
        response = fuzz_client.request(route.method, concrete_path(route), params=query)
    else:
        response = fuzz_client.request(route.method, concrete_path(route), json=body)
    assert response.status_code < 500, (route.operation_id, body, response.text)
    if response.status_code >= 400:
        error_of(response, response.status_code)
    validate(openapi, response)
