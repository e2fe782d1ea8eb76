"""Pages of an entity's records are read straight from the body; nothing else may change because of it.

The generated ``Response`` parses its body on first use of ``.parsed``; the facade reads a page of
records (whose models are ``id`` plus the account's fields) directly from the JSON. These tests pin
down that both ways give the same records, and that what the models refuse is refused.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import httpx
import pytest

from flexie import _generated
from flexie.pagination import PageQuery
from flexie.resources._plans import RecordPlans, _is_flat, read_page
from flexie.resources._specs import CRM_ENTITIES, CUSTOM_ENTITY, RESOURCES, ResourceSpec

READ_DIRECTLY = [spec for spec in (*CRM_ENTITIES.values(), CUSTOM_ENTITY, *RESOURCES.values()) if spec.has_fields]
QUERY = PageQuery(start=0, size=100, after_id=None)


def generated_page(spec: ResourceSpec, method: str, body: dict[str, Any]) -> Any:
    """What the generated code makes of a 200 answer to one of the spec's page operations."""
    module = _generated.endpoint(spec.tag, spec.ops[method])
    client = _generated.module("client").Client(base_url="http://127.0.0.1:9/api")
    return module.parse_response(client=client, response=httpx.Response(200, json=body))


def test_generated_response_parses_on_first_use_only() -> None:
    response_cls = _generated.module("types").Response
    calls: list[int] = []

    def parse() -> dict[str, int]:
        calls.append(1)
        return {"parsed": len(calls)}

    response = response_cls(status_code=HTTPStatus.OK, content=b"{}", headers={}, parse=parse)
    assert calls == []  # building the response parsed nothing
    assert response.parsed == {"parsed": 1}
    assert response.parsed == {"parsed": 1}
    assert calls == [1]
    assert response_cls(status_code=HTTPStatus.OK, content=b"", headers={}, parsed=5).parsed == 5
    response.parsed = None
    assert response.parsed is None


def test_generated_endpoint_leaves_the_body_unparsed_until_asked() -> None:
    module = _generated.endpoint("contact", "listContacts")
    client = _generated.module("client").Client(base_url="http://127.0.0.1:9/api")
    broken = module._build_response(client=client, response=httpx.Response(200, content=b'{"total": 1}'))
    assert broken.status_code == 200  # no KeyError yet: nothing was parsed
    with pytest.raises(KeyError):
        _ = broken.parsed


@pytest.mark.parametrize("spec", READ_DIRECTLY, ids=lambda s: s.name)
@pytest.mark.parametrize("method", ["list", "filter"])
def test_records_read_from_the_body_equal_those_from_the_models(spec: ResourceSpec, method: str) -> None:
    objects = [
        {"id": 3, "name": "a", "custom_tier": "gold", "tags": ["x"], "nested": {"k": [1, None]}},
        {"id": 9, "when": "2024-01-01T00:00:00+00:00", "empty": None},
    ]
    body = {"total": 12, spec.list_key: objects}
    model = generated_page(spec, method, json.loads(json.dumps(body)))
    items = getattr(model, spec.list_key)
    assert _is_flat(type(items[0])), f"{type(items[0]).__name__} is no longer id + fields: read_page would differ"

    plans = RecordPlans(spec, "projects" if spec.table else None)
    call = plans.page(getattr(plans.ops, method), dict, QUERY, None)
    assert call.read is not None
    from_body = call.read(json.dumps(body).encode())
    from_models = call.parse(model)
    assert [r.raw for r in from_body.items] == [r.raw for r in from_models.items] == objects
    assert [r.entity for r in from_body.items] == [r.entity for r in from_models.items]
    assert from_body.ids == from_models.ids == [3, 9]
    assert from_body.total == from_models.total == 12


def test_pages_of_attached_things_still_go_through_their_models() -> None:
    plans = RecordPlans(CRM_ENTITIES["contacts"])
    call = plans.page(plans.ops.record_notes, dict, QUERY, None, "notes", "notes")
    assert call.read is None  # a note has typed fields of its own: its model decides what it holds


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b"not json", ValueError, "Expecting value"),
        (b"[]", TypeError, "the page is list"),
        (b'{"contacts": []}', KeyError, "total"),
        (b'{"total": 1}', KeyError, "contacts"),
        (b'{"total": "1", "contacts": []}', TypeError, "total is str"),
        (b'{"total": true, "contacts": []}', TypeError, "total is bool"),
        (b'{"total": 1, "contacts": {"id": 1}}', TypeError, "contacts is dict"),
        (b'{"total": 1, "contacts": [1]}', TypeError, "a contacts in the page is int"),
        (b'{"total": 1, "contacts": [{"email": "x"}]}', KeyError, "id"),
    ],
)
def test_read_page_refuses_what_the_models_refuse(body: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        read_page(body, QUERY, None, "contacts", "contacts")
