"""Helpers shared by the fake server's tests."""

from __future__ import annotations

from typing import Any

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from flexie.testing.routes import R

# Ids that exist after `fake.seed(records=50)`.
EXISTING = {"id": "42", "entityId": "17", "tableName": "your_table", "identifier": "REF-1042", "entityType": "contact"}


HTTP_METHODS = ("get", "put", "post", "delete")


def spec_operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The spec's operations by (METHOD, path below /api)."""
    return {
        (method.upper(), path): op
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def concrete_path(route: R, **overrides: str) -> str:
    """The route's path below /api with every parameter filled in."""
    values = {**EXISTING, **overrides}
    path = route.path
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def validate(openapi: OpenAPI, response: httpx.Response) -> None:
    """Check `response` against the spec's response for its operation and status (raises)."""
    request = response.request
    url = request.url
    mock_request = MockRequest(
        host_url=f"{url.scheme}://{url.host}:{url.port}",
        method=request.method.lower(),
        path=url.path,
        args=dict(url.params),
        data=request.content or None,
    )
    mock_response = MockResponse(
        data=response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers.get("content-type", "application/json"),
    )
    openapi.validate_response(mock_request, mock_response)


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert the status and the spec's error shape; return the `error` object."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert error["code"] == status
    assert isinstance(error["message"], str)
    assert error["message"]
    return error


def make_filter(alias: str, operator: str, ftype: str = "text", **value: Any) -> dict[str, Any]:
    return {"type": ftype, "alias": alias, "value": {"operator": operator, **value}}
