"""What a request is, and what its answer means: pure code shared by the sync and async clients.

A :class:`Call` names one generated endpoint, its arguments, and how to turn the generated model
it returns (or, for a page of records, its body) into what the facade hands back. A :class:`Plan`
is a call that still needs an entity's field schema to be built (to resolve field names and check
values). :func:`interpret` is the one place where a response becomes a result or a typed error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    RateLimitError,
    ResponseValidationError,
    decode_body,
    server_message,
    status_error_class,
)

if TYPE_CHECKING:
    from .fields import FieldSchema
    from .resources._endpoint_types import Endpoint, NoArgs

__all__ = ["Call", "Plan", "SchemaKey", "connection_error", "interpret", "status_error"]

T = TypeVar("T")

# What a generated model can fail with when a body does not have the promised shape.
PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


@dataclass(frozen=True)
class SchemaKey:
    """Which field schema a plan needs: an entity, or one custom entity table, and where to fetch it."""

    entity: str  # "contacts", or the table name for custom entities
    fields: NoArgs[()]  # the entity's list/fields endpoint (a custom entity's with its table bound)


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request to a generated endpoint and the conversion of its parsed answer.

    ``build`` is the endpoint's ``request_kwargs`` with the call's arguments bound (a zero-argument
    callable, so that the choke point turns a bad argument into a typed error); ``endpoint`` is the
    module whose ``parse_response`` reads the answer.

    ``read``, when set, makes the result from a success body directly, and the generated model is
    never built. Pages of records use it: their models are ``id`` plus free-form fields, so building
    them first would only copy every record.
    """

    endpoint: Endpoint
    build: Callable[[], dict[str, Any]]
    parse: Callable[[Any], T]
    idempotent: bool
    read: Callable[[bytes], T] | None = None

    @property
    def operation(self) -> str:
        """The spec's operationId of the endpoint, for messages: ``getContacts``."""
        from ._generated import operation_id

        return operation_id(self.endpoint)


@dataclass(frozen=True)
class Plan(Generic[T]):
    """A call built from an entity's field schema (None when fields are not validated)."""

    build: Callable[[FieldSchema | None], Call[T]]
    schema: SchemaKey | None = None
    validate: bool | None = None  # per-call override of the client's validate_fields


def immediate(call: Call[T]) -> Plan[T]:
    """A plan for a call that needs no schema."""
    return Plan(build=lambda _schema: call)


# A secret this long is replaced wherever it occurs; a shorter one (a test key such as "k") only where
# it stands as a token of its own, so that the other words of a message stay readable.
_SUBSTRING_SCRUB_LENGTH = 8
_TOKEN_CHARS = r"A-Za-z0-9_.~\-"


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every credential replaced by ``***``."""
    import re

    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        if len(secret) >= _SUBSTRING_SCRUB_LENGTH:
            text = text.replace(secret, "***")
        else:
            text = re.sub(rf"(?<![{_TOKEN_CHARS}]){re.escape(secret)}(?![{_TOKEN_CHARS}])", "***", text)
    return text


def status_error(
    method: str, url: str, status: int, headers: Mapping[str, str], content: bytes, secrets: tuple[str, ...] = ()
) -> APIError:
    """The typed exception for an error status, with the server's message, method and path.

    A server may quote a credential back (``the key ... is not valid``): ``secrets`` are scrubbed
    from the message.
    """
    body = decode_body(content)
    message = server_message(body)
    if message:
        message = scrub(message, secrets)
    summary = f"{method} {url} answered {status}" + (f": {message}" if message else "")
    cls = status_error_class(status)
    if cls is RateLimitError:
        from ._retries import parse_retry_after

        retry_after = parse_retry_after(httpx.Headers(headers))
        if retry_after is not None:
            summary += f" (retry after {retry_after:g}s)"
        return RateLimitError(
            summary, retry_after=retry_after, status_code=status, method=method, url=url, body=body, headers=headers
        )
    return cls(summary, status_code=status, method=method, url=url, body=body, headers=headers)


def invalid_body(method: str, url: str, status: int, content: bytes, why: str) -> ResponseValidationError:
    return ResponseValidationError(
        f"{method} {url} answered {status} with a body that does not match the spec ({why})",
        method=method,
        url=url,
        status_code=status,
        body=content,
    )


def connection_error(method: str, url: str, exc: Exception, secrets: tuple[str, ...]) -> APIConnectionError:
    detail = scrub(str(exc) or type(exc).__name__, secrets)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{method} {url} timed out ({type(exc).__name__}: {detail})", method=method, url=url)
    return APIConnectionError(f"{method} {url} failed: {type(exc).__name__}: {detail}", method=method, url=url)


def interpret(
    call: Call[T],
    *,
    where: Callable[[], tuple[str, str]],
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    parsed: Callable[[], Any],
    reparse: Callable[[], Any],
    secrets: Callable[[], tuple[str, ...]] = tuple,
) -> T:
    """Turn one answer into the call's result, or raise the typed error it amounts to.

    ``parsed`` gives what the generated code makes of the body (worked out only when needed); for a
    success status the spec does not list (a 200 where it says 201), ``reparse`` parses the body as
    the documented success instead. ``where`` names the method and path for messages, and
    ``secrets`` the credentials to keep out of them; both are only worked out when one is needed.
    """
    if not 200 <= status < 300:
        raise status_error(*where(), status, headers, content, secrets())
    try:
        if call.read is not None:
            return call.read(content)
        model = parsed()
        if model is None and content.strip():
            model = reparse()
    except PARSE_ERRORS as exc:
        raise invalid_body(*where(), status, content, f"{type(exc).__name__}: {exc}") from None
    if model is not None and type(model).__name__ == "Error":
        raise invalid_body(*where(), status, content, "an error body with a success status")
    try:
        return call.parse(model)
    except PARSE_ERRORS as exc:
        raise invalid_body(*where(), status, content, f"{type(exc).__name__}: {exc}") from None
