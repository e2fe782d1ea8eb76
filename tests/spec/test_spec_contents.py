"""spec/flexie-api.json against the vendor's reference: endpoints, tags, ids, shapes."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest
from openapi_spec_validator import validate

from tests.conftest import load_json

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def spec_operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), doc["basePath"] + path): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def test_header_is_as_the_vendor_ships_it(spec: dict[str, Any]) -> None:
    assert spec["swagger"] == "2.0"
    assert spec["info"]["title"] == "Flexie"
    assert spec["info"]["version"] == "1.0.1"
    assert spec["basePath"] == "/api"
    assert spec["schemes"] == ["https"]
    assert spec["consumes"] == ["application/json"]
    assert spec["produces"] == ["application/json"]


def test_exactly_the_documented_endpoints(spec: dict[str, Any], reference: dict[str, Any]) -> None:
    documented = {(e["method"], e["path"]) for e in reference["endpoints"]}
    ours = set(spec_operations(spec))
    assert len(documented) == 142
    assert sorted(ours - documented) == [], "operations the reference page does not document"
    assert sorted(documented - ours) == [], "documented operations missing from the spec"


def test_tags_and_summaries_follow_the_reference(spec: dict[str, Any], reference: dict[str, Any]) -> None:
    ops = spec_operations(spec)
    for endpoint in reference["endpoints"]:
        op = ops[(endpoint["method"], endpoint["path"])]
        assert op["tags"] == [endpoint["group"]], endpoint["path"]
        assert op["summary"] == endpoint["summary"], endpoint["path"]
        assert op["description"], f"{endpoint['path']} has no description"
    counts = Counter(op["tags"][0] for op in ops.values())
    assert counts == {group: info["count"] for group, info in reference["groups"].items()}
    assert dict(counts) == {
        "Contact": 16, "Lead": 16, "Accounts": 16, "Deals": 16, "Cases": 20, "Tasks": 9, "Notes": 4,
        "Emails": 4, "Custom entities": 16, "Workflows": 6, "Forms": 2, "Pages": 3, "Reports": 3,
        "Users": 8, "Roles": 3,
    }  # fmt: skip
    assert [t["name"] for t in spec["tags"]] == list(reference["groups"])


def test_operation_ids_are_the_vendors_verbatim(spec: dict[str, Any], vendor_variant_path: Any) -> None:
    vendor = spec_operations(load_json(vendor_variant_path))
    ours = spec_operations(spec)
    shared = set(ours) & set(vendor)
    assert len(shared) == 118
    for key in shared:
        assert ours[key]["operationId"] == vendor[key]["operationId"], key
    # Typos kept on purpose, so a vendor release regenerates to the same module names.
    ids = {op["operationId"] for op in ours.values()}
    assert {"lisDeals", "lisDealsFiltered", "updateLeadByUnqiueField", "getContacts"} <= ids
    own = {ours[key]["operationId"] for key in set(ours) - set(vendor)}
    assert len(own) == 24
    assert {"listWorkflows", "listWorkflowsFiltered", "getWorkflow", "getSelf", "sendEmail"} <= own
    assert all(re.fullmatch(r"[a-z]+[A-Za-z]*", op_id) for op_id in ids)
    assert len(ids) == 142, "operationIds must be unique"


def test_security_schemes(spec: dict[str, Any]) -> None:
    schemes = spec["securityDefinitions"]
    assert schemes["apikey"] == {**schemes["apikey"], "type": "apiKey", "in": "header", "name": "apikey"}
    assert schemes["apikeyQuery"] == {**schemes["apikeyQuery"], "type": "apiKey", "in": "query", "name": "apikey"}
    oauth = schemes["oauth2"]
    assert oauth["type"] == "oauth2"
    assert oauth["flow"] == "accessCode"
    assert oauth["authorizationUrl"].endswith("/oauth2/authorize")
    assert oauth["tokenUrl"].endswith("/oauth2/token")
    assert {name for entry in spec["security"] for name in entry} == {"apikey", "apikeyQuery", "oauth2"}


def schema_of(spec: dict[str, Any], op: dict[str, Any], status: str) -> Any:
    response = op["responses"][status]
    if "$ref" in response:
        response = spec["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response.get("schema")


def test_response_shapes(spec: dict[str, Any]) -> None:
    ops = spec_operations(spec)
    defs = spec["definitions"]
    for (method, path), op in ops.items():
        codes = set(op["responses"])
        assert {"400", "401", "403", "404", "429", "500"} <= codes, path
        success = sorted(c for c in codes if c.startswith("2"))
        assert len(success) == 1, (method, path)
        for status in ("400", "401", "403", "404", "429", "500") + (("422",) if "422" in codes else ()):
            assert schema_of(spec, op, status) == {"$ref": "#/definitions/error"}, (method, path, status)
        if path.endswith("/new"):
            assert success == ["201"], path
        if method == "DELETE":
            assert success == ["204"], path
            assert schema_of(spec, op, "204") is None, path
        if method in ("PUT", "POST") and not path.endswith(("/add/{entityId}", "/remove/{entityId}", "complete")):
            assert "422" in codes, (method, path)
        schema = schema_of(spec, op, success[0])
        if method == "DELETE":
            continue
        assert schema, (method, path)
        if schema.get("type") == "array":
            bare_arrays = {"field", "field-category", "crm-list", "category"}
            assert schema["items"]["$ref"].rsplit("/", 1)[1] in bare_arrays, path
            continue
        target = defs[schema["$ref"].rsplit("/", 1)[1]]
        assert target["type"] == "object"
        if path.endswith(("/add/{entityId}", "/remove/{entityId}")):
            assert schema == {"$ref": "#/definitions/success"}
        elif "total" in target["properties"]:  # a page: {total, <plural>}
            (plural,) = set(target["properties"]) - {"total"}
            assert target["required"] == ["total", plural]
            item = defs[target["properties"][plural]["items"]["$ref"].rsplit("/", 1)[1]]
            assert item.get("additionalProperties") is True or "id" in item["properties"]
        elif schema["$ref"].startswith("#/definitions/single-"):
            (key,) = target["properties"]
            record = defs[target["properties"][key]["$ref"].rsplit("/", 1)[1]]
            assert record["required"] == ["id"], path
            assert record["additionalProperties"] is True, path
    too_many = spec["responses"]["TooManyRequests"]
    assert "Retry-After" in too_many["headers"]
    field = defs["field"]
    assert {"alias", "label", "type", "category", "required", "custom", "choices"} <= set(field["properties"])
    assert set(field["required"]) == {"alias", "label", "type"}


def test_wrapper_keys_match_the_vendor(spec: dict[str, Any]) -> None:
    defs = spec["definitions"]
    expected = {
        "single-contact": "contact", "single-lead": "lead", "single-account": "account", "single-deal": "deal",
        "single-case": "case", "single-task": "task", "single-note": "note", "single-reply": "reply",
        "single-email": "email", "single-report": "report", "single-user": "user",
        "contact-list": "contacts", "lead-list": "leads", "account-list": "accounts", "deal-list": "deals",
        "case-list": "cases", "task-list": "tasks", "note-list": "notes", "reply-list": "replies",
        "email-list": "emails", "report-list": "reports", "user-list": "users", "workflow-list": "workflows",
        "lists-list": "lists",
    }  # fmt: skip
    for name, key in expected.items():
        assert key in defs[name]["properties"], name
        assert key in defs[name]["required"], name


def test_shared_things_are_defined_once(spec: dict[str, Any]) -> None:
    paging = {"start", "limit", "orderBy", "orderByDir", "search", "entityList"}
    assert paging <= set(spec["parameters"])
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in HTTP_METHODS:
                continue
            for param in op.get("parameters", []):
                # paging parameters are references, never inline copies; bodies reference a definition
                assert "$ref" in param or "$ref" in param.get("schema", {}), (method, path, param)
    assert spec["definitions"]["filter-input"]["properties"]["orderByDir"] == {"$ref": "#/definitions/OrderByDir"}
    assert spec["definitions"]["OrderByDir"]["enum"] == ["ASC", "DESC"]
    assert spec["parameters"]["limit"]["maximum"] == 100
    assert spec["parameters"]["limit"]["minimum"] == 1
    body = spec["definitions"]["filter-input"]["properties"]["limit"]
    assert (body["minimum"], body["maximum"]) == (5, 100)
    assert "like" in spec["definitions"]["filter-value"]["properties"]["operator"]["enum"]


def test_descriptions_are_not_the_vendors(spec: dict[str, Any], vendor_variant_path: Any) -> None:
    vendor_text = json.dumps(load_json(vendor_variant_path))
    sentences: list[str] = []
    for _path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                sentences += [s for s in re.split(r"(?<=\.) ", op["description"]) if len(s) > 40]
    copied = [s for s in sentences if s in vendor_text]
    assert copied == []


def test_spec_validates(spec: dict[str, Any]) -> None:
    validate(spec)


def test_openapi3_conversion_validates(openapi_doc: dict[str, Any]) -> None:
    assert openapi_doc["openapi"].startswith("3.0")
    validate(openapi_doc)


def example_requests(reference: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    return [(e["method"], e["path"], e["example_url"], e.get("example_body")) for e in reference["endpoints"]]


@pytest.fixture(scope="module")
def openapi_validator(openapi_doc: dict[str, Any]) -> OpenAPI:
    return OpenAPI.from_dict(openapi_doc)


def test_every_documented_example_validates(reference: dict[str, Any], openapi_validator: OpenAPI) -> None:
    checked = 0
    for method, _path, url, body in example_requests(reference):
        route, _, query = url.partition("?")
        args = dict(pair.split("=", 1) for pair in query.split("&")) if query else {}
        request = MockRequest(
            "https://acme.flexie.io",
            method.lower(),
            route,
            args=args,
            headers={"apikey": "k", "Content-Type": "application/json"},
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
        )
        openapi_validator.validate_request(request)  # raises on any mismatch
        checked += 1
    assert checked == 142


@pytest.mark.parametrize(
    ("method", "route", "args", "body"),
    [
        ("get", "/api/contacts", {"limit": "101"}, None),
        ("get", "/api/contacts", {"limit": "0"}, None),
        ("get", "/api/contacts", {"orderByDir": "UP"}, None),
        ("get", "/api/contacts/abc", {}, None),
        ("post", "/api/contacts", {}, {"limit": 4}),
        (
            "post",
            "/api/contacts",
            {},
            {"filters": [{"type": "text", "alias": "email", "value": {"operator": "resembles"}}]},
        ),
        ("post", "/api/users/42/permission", {}, {"permissions": []}),
    ],
)
def test_the_spec_rejects_what_the_vendor_forbids(
    openapi_validator: OpenAPI, method: str, route: str, args: dict[str, str], body: Any
) -> None:
    request = MockRequest(
        "https://acme.flexie.io",
        method,
        route,
        args=args,
        headers={"apikey": "k"},
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
    )
    with pytest.raises(Exception, match=r"(?i)invalid|not valid|not found|mismatch|path"):
        openapi_validator.validate_request(request)
