"""The one exception tree of the library: everything it raises is a :class:`FlexieError`.

::

    FlexieError
    ├── ConfigurationError          the client was set up wrongly (no key, http:// to a public host, ...)
    ├── InvalidArgumentError        a call got bad input (an id that is not an id, a limit out of range, ...)
    ├── FieldError                  custom-field problems found before any request is sent
    │   ├── UnknownFieldError
    │   └── FieldValueError
    ├── PaginationError             the server paged inconsistently (the same page twice)
    └── APIError                    anything that came back (or failed to come back) from the API
        ├── APIConnectionError
        │   ├── APITimeoutError
        │   └── IncompleteResponseError  a write answered 2xx whose body was cut: not repeated
        ├── ResponseValidationError a response whose body does not match the spec (raw body kept)
        └── APIStatusError          an HTTP error status
            ├── BadRequestError         400
            ├── AuthenticationError     401
            ├── PermissionDeniedError   403
            ├── NotFoundError           404
            ├── ValidationError         422
            ├── RateLimitError          429
            └── ServerError             5xx

Messages name the method and path and carry the server's own message; they never contain the
API key or an OAuth token.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "FieldError",
    "FieldValueError",
    "FlexieError",
    "IncompleteResponseError",
    "InvalidArgumentError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UnknownFieldError",
    "ValidationError",
]


class FlexieError(Exception):
    """Base class of every exception this library raises."""


class ConfigurationError(FlexieError):
    """The client cannot be built as configured; the message says what to change."""


class InvalidArgumentError(FlexieError):
    """A method was called with input that cannot be right; no request was sent."""


class PaginationError(FlexieError):
    """The server returned pages that cannot be stitched together safely."""


class FieldError(FlexieError):
    """A problem with field names or values, found before any request is sent."""

    def __init__(self, message: str, *, entity: str, name: str) -> None:
        super().__init__(message)
        self.entity = entity
        self.name = name


class UnknownFieldError(FieldError):
    """A field name that is neither an alias, a label nor a logical name of the entity."""

    def __init__(
        self, message: str, *, entity: str, name: str, suggestions: Sequence[str] = (), known: Sequence[str] = ()
    ) -> None:
        super().__init__(message, entity=entity, name=name)
        self.suggestions = list(suggestions)
        self.known = list(known)


class FieldValueError(FieldError):
    """A value that cannot be right for its field's type."""

    def __init__(self, message: str, *, entity: str, name: str, field_type: str, value: Any) -> None:
        super().__init__(message, entity=entity, name=name)
        self.field_type = field_type
        self.value = value


class APIError(FlexieError):
    """Something went wrong talking to the API."""

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.method = method
        self.url = url


class APIConnectionError(APIError):
    """The request could not be sent or the response could not be read (refused, reset, dropped)."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired, or the call's deadline passed."""


class IncompleteResponseError(APIConnectionError):
    """A write was answered with a success status, then the connection broke while reading the body.

    The server has processed the write (a record may have been created), so it was not sent again.
    Look the record up before repeating the call yourself. ``status_code`` is the status received.
    """

    def __init__(self, message: str, *, method: str, url: str, status_code: int) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code


class ResponseValidationError(APIError):
    """A response whose body does not have the shape the spec promises. ``body`` keeps it as received."""

    def __init__(self, message: str, *, method: str, url: str, status_code: int, body: bytes) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.body = body


class APIStatusError(APIError):
    """The API answered with an error status.

    Attributes: ``status_code``, ``method``, ``url`` (without credentials), ``body`` (the decoded JSON
    body, or the text when it is not JSON), ``headers`` and ``message`` (the server's own message).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        body: Any,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.body = body
        self.headers = dict(headers)

    @property
    def message(self) -> str:
        """The server's own explanation, when it gave one."""
        return server_message(self.body) or ""

    @property
    def field_errors(self) -> dict[str, str]:
        """Per-field messages of a validation error: ``error.fields`` (the spec's), Mautic's
        ``errors[].details`` or an ``errors`` object keyed by field."""
        from ._error_bodies import field_messages

        return field_messages(self.body)


class BadRequestError(APIStatusError):
    """400: the request was malformed (bad JSON, a parameter out of range)."""


class AuthenticationError(APIStatusError):
    """401: no credentials, or credentials the server does not accept."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials are valid but may not do this."""


class NotFoundError(APIStatusError):
    """404: no such record, list, table or identifier."""


class ValidationError(APIStatusError):
    """422: the body failed validation; see :attr:`field_errors`."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's requested wait in seconds, if it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the server failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an error status; unknown 4xx statuses get :class:`APIStatusError`."""
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)


def decode_body(content: bytes) -> Any:
    """The body as JSON when it is JSON, else as text (invalid UTF-8 replaced)."""
    text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


def server_message(body: Any) -> str | None:
    """The server's own words in an error body, whatever its shape; None when it gave none.

    Reads ``{"error": {"message", "code"}}`` (the spec's), ``{"error": "text"}``, OAuth's
    ``{"error": "invalid_token", "error_description": "..."}``, Mautic's
    ``{"errors": [{"message", "code", "details"}]}``, ``{"errors": {"field": ["..."]}}``, a top-level
    ``message``, RFC 7807's ``title``/``detail``, a list of any of these, and plain text or an HTML
    error page (its ``<title>``, else its text). Several messages are joined with ``"; "``; the result
    is at most 500 characters, with credentials in URLs and ``Bearer`` headers masked.
    """
    from ._error_bodies import messages, tidy

    found = messages(body)
    return tidy("; ".join(dict.fromkeys(found))) if found else None
