"""Errors the fake answers with, all in the spec's `error` shape.

Every error body is `{"error": {"code": <status>, "message": "..."}}`; validation errors (422) add
`error.fields`, a message per offending alias. Messages never repeat a credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REASONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def error_body(
    status: int,
    message: str,
    fields: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The spec's `error` object for `status`; `extra` adds keys to `error` (the spec allows it)."""
    detail: dict[str, Any] = {"code": status, "message": message}
    if fields:
        detail["fields"] = dict(fields)
    if extra:
        detail.update(extra)
    return {"error": detail}


class ApiError(Exception):
    """Raised anywhere while handling a request; the app turns it into an error response."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = dict(fields) if fields else None
        self.headers = dict(headers) if headers else {}
        self.extra = dict(extra) if extra else None

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.message, self.fields, self.extra)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def forbidden(message: str) -> ApiError:
    return ApiError(403, message)


def unprocessable(message: str, fields: Mapping[str, str] | None = None) -> ApiError:
    return ApiError(422, message, fields=fields)
