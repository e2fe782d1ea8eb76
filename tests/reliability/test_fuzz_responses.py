"""Fuzz the response-handling path: whatever the server answers, only FlexieError escapes.

Arbitrary statuses, headers and bodies (random bytes, random JSON, and valid answers with parts
replaced by junk) are fed through the real client stack (httpx client, auth, retry transport,
generated parsing, the facade's choke point) via httpx's MockTransport in place of the socket.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flexie

EXAMPLES = 5000

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63), st.floats(allow_nan=False), st.text(max_size=20)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=15,
)

VALID: dict[str, Any] = {
    "contact": {"contact": {"id": 1, "email": "a@b.co"}},
    "page": {"total": 2, "contacts": [{"id": 1}, {"id": 2}]},
    "fields": [{"alias": "email", "label": "Email", "type": "email", "choices": [{"value": "a", "label": "A"}]}],
    "success": {"success": 1},
    "task": {"task": {"id": 3, "task": "x", "is_completed": True}},
    "permissions": {"permissions": {"a:b:c": True}},
    "send": {"success": 1, "sentCount": 3, "failedRecipients": 0},
    "error": {"error": {"code": 400, "message": "bad"}},
}


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid answer with one part replaced by junk."""
    doc = json.loads(json.dumps(VALID[draw(st.sampled_from(sorted(VALID)))]))
    node: Any = doc
    for _ in range(draw(st.integers(0, 3))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            if draw(st.booleans()) or not isinstance(node[key], dict | list):
                node[key] = draw(json_value)
                break
            node = node[key]
        elif isinstance(node, list) and node:
            index = draw(st.integers(0, len(node) - 1))
            if draw(st.booleans()) or not isinstance(node[index], dict | list):
                node[index] = draw(json_value)
                break
            node = node[index]
    return doc


bodies = st.one_of(
    st.binary(max_size=200),
    json_value.map(lambda v: json.dumps(v).encode()),
    mutated().map(lambda v: json.dumps(v).encode()),
)
statuses = st.one_of(
    st.sampled_from([200, 201, 204, 400, 401, 403, 404, 422, 429, 500, 502, 503]), st.integers(100, 999)
)
header_values = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30)
headers = st.dictionaries(
    st.sampled_from(["retry-after", "content-type", "x-extra", "content-encoding", "www-authenticate"]),
    header_values,
    max_size=3,
)

CALLS: dict[str, Callable[[Any], Any]] = {
    "get": lambda c: c.contacts.get(1),
    "list": lambda c: c.contacts.list(page_size=2).first_page(),
    "iterate": lambda c: list(c.contacts.filter(limit=10)),
    "create": lambda c: c.contacts.create({"email": "a@b.co"}),
    "update_unique": lambda c: c.contacts.update_by_unique_field({"email": "a@b.co"}),
    "delete": lambda c: c.contacts.delete(1),
    "fields": lambda c: c.contacts.refresh_fields(),
    "typed_read": lambda c: c.with_options(validate_fields=True).contacts.get(1).to_dict(),
    "add_to_list": lambda c: c.contacts.add_to_list(1, 2),
    "complete": lambda c: c.tasks.complete(3),
    "categories": lambda c: c.tasks.categories(),
    "permissions": lambda c: c.users.check_permissions(1, ["a:b:c"]),
    "send": lambda c: c.emails.send(1, limit=5),
    "replies": lambda c: c.cases.replies_by_identifier("REF-1").first_page(),
    "raw": lambda c: c.request("GET", "/contacts/1"),
}


class Scripted:
    def __init__(self) -> None:
        self.status, self.headers, self.body = 200, {}, b""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, content=self.body)


SCRIPT = Scripted()
CLIENT = flexie.Flexie(
    base_url="http://127.0.0.1:9/api", api_key="fuzz-key", validate_fields=False, max_retries=0,
    transport=httpx.MockTransport(SCRIPT),
)  # fmt: skip


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(call=st.sampled_from(sorted(CALLS)), status=statuses, head=headers, body=bodies)
def test_only_flexie_errors_escape(call: str, status: int, head: dict[str, str], body: bytes) -> None:
    SCRIPT.status, SCRIPT.headers, SCRIPT.body = status, head, body
    try:
        result = CALLS[call](CLIENT)
    except flexie.FlexieError as exc:
        message = str(exc)
    else:
        message = ""
    assert "fuzz-key" not in message
    # a call that returned must have returned something coherent
    if not message and isinstance(result, flexie.Record):
        repr(result)
        result.to_dict()


ASYNC_SCRIPT = Scripted()


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=statuses, head=headers, body=bodies)
def test_only_flexie_errors_escape_async(status: int, head: dict[str, str], body: bytes) -> None:
    ASYNC_SCRIPT.status, ASYNC_SCRIPT.headers, ASYNC_SCRIPT.body = status, head, body

    async def scenario() -> None:
        async with flexie.AsyncFlexie(
            base_url="http://127.0.0.1:9/api", api_key="k", validate_fields=False, max_retries=0,
            transport=httpx.MockTransport(ASYNC_SCRIPT),
        ) as client:  # fmt: skip
            try:
                await client.contacts.list(page_size=2)
                await client.contacts.get(1)
            except flexie.FlexieError:
                pass

    asyncio.run(scenario())
