"""What both request loops stand on: the state a client shares, and building and judging requests.

The loop itself, the choke point every request goes through, is ``AsyncCore`` in
``flexie/_async/request_loop.py`` (and ``SyncCore``, generated from it, in ``flexie/_sync/``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from . import _generated, reader
from ._calls import Call, Plan, SchemaKey, connection_error, interpret, status_error
from ._config import ClientOptions
from ._retries import SAFE_METHODS, Attempts, redact_url
from ._schema_cache import SchemaCache
from .errors import (
    APITimeoutError,
    ConfigurationError,
    FlexieError,
    IncompleteResponseError,
    InvalidArgumentError,
    decode_body,
)

if TYPE_CHECKING:
    from .fields import Field, FieldSchema
    from .resources._endpoint_types import Endpoint

__all__ = ["MIN_REFRESH_AGE", "Exchange", "Shared", "check_request_parts"]

T = TypeVar("T")
logger = logging.getLogger("flexie")

# A schema fetched this recently is trusted as is: an unknown name is not worth a second fetch.
MIN_REFRESH_AGE = 2.0


class Shared:
    """State every copy of one client shares (``with_options`` copies included).

    The httpx client is made again in a process forked from the one that made it: connections are
    never shared across ``os.fork()``, so a child never reads an answer meant for its parent.
    """

    def __init__(
        self,
        *,
        base_url: str,
        http: httpx.Client | httpx.AsyncClient,
        make_http: Callable[[], httpx.Client | httpx.AsyncClient] | None,
        auth: httpx.Auth,
        headers: Mapping[str, str],
        secrets: Callable[[], tuple[str, ...]],
        schemas: SchemaCache,
        limiter: Any = None,
    ) -> None:
        self.base_url = base_url
        self.base_path = httpx.URL(base_url).path.rstrip("/")
        self.auth = auth
        self.headers = dict(headers)
        self.secrets = secrets
        self.schemas = schemas
        self.limiter = limiter
        self.generated = _generated.module("client").Client(base_url=base_url)
        self._http = http
        self._make_http = make_http
        self._pid = os.getpid()
        self._inherited: list[Any] = []  # a parent's clients: kept, never used or closed in the child

    def http(self) -> httpx.Client | httpx.AsyncClient:
        """The httpx client of this process."""
        if self._pid != os.getpid():
            self._after_fork()
        return self._http

    @property
    def owns_http(self) -> bool:
        """Whether flexie made the httpx client (and so closes it), rather than the caller."""
        return self._make_http is not None

    def _after_fork(self) -> None:
        if self._make_http is None:
            raise ConfigurationError(
                "this client was built with http_client=... before os.fork(); an httpx client's connections "
                "cannot be shared with a child process. Build the Flexie client in the child, or leave "
                "http_client out so that flexie opens connections of the child's own"
            )
        # Closing the parent's client here could shut connections the parent still uses: keep it.
        self._inherited.append(self._http)
        self._http = self._make_http()
        self._pid = os.getpid()


def check_request_parts(method: str, path: str) -> tuple[str, str]:
    """The method and path of an escape-hatch request, checked."""
    if not isinstance(method, str) or method.upper() not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
        raise InvalidArgumentError(f"method must be GET, POST, PUT, PATCH or DELETE, got {method!r}")
    if not isinstance(path, str) or not path.startswith("/") or "://" in path or path.startswith("//"):
        raise InvalidArgumentError(f"path must be relative to the API root, like '/contacts/42', got {path!r}")
    return method.upper(), path


@dataclass(frozen=True)
class Exchange:
    """The HTTP facts of one call: its final response, how many retries it took, how long it took."""

    response: httpx.Response
    retries: int
    elapsed: float


class _Core:
    """What the sync and async cores have in common: options, shared state, building, error shaping."""

    _shared: Shared
    _options: ClientOptions
    _recorder: list[Exchange] | None = None

    def __init__(self, shared: Shared, options: ClientOptions) -> None:
        self._shared = shared
        self._options = options

    @property
    def options(self) -> ClientOptions:
        """This client's settings (retries, timeouts, deadline, headers...); ``with_options`` changes them."""
        return self._options

    @property
    def base_url(self) -> str:
        """The API root this client talks to, such as ``https://acme.flexie.io/api``."""
        return self._shared.base_url

    def _recording(self) -> Any:
        """A copy of this client whose final answers are kept, for ``with_raw_response``."""
        import copy

        clone = copy.copy(self)
        clone._recorder = []
        if hasattr(clone, "_resources"):
            clone._resources = {}
        return clone

    # -- building ----------------------------------------------------------------------------------

    def _build(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        http = self._shared.http()
        return http.build_request(
            method,
            self._shared.base_url + path,
            params=params,
            json=json,
            headers={**self._shared.headers, **self._options.headers, **(headers or {})},
            timeout=self._options.timeout,
        )

    def _call_request(self, call: Call[Any]) -> tuple[Endpoint, httpx.Request]:
        """The request of a call: its generated endpoint's ``request_kwargs`` (bound by the plan), built."""
        try:
            kwargs = call.build()
        except (TypeError, ValueError, AttributeError) as exc:  # the request itself could not be built
            raise InvalidArgumentError(f"{call.operation} could not be sent: {type(exc).__name__}: {exc}") from exc
        method = kwargs["method"].upper()
        request = self._build(
            method, kwargs["url"], params=kwargs.get("params"), json=kwargs.get("json"), headers=kwargs.get("headers")
        )
        return call.endpoint, request

    @staticmethod
    def _where(request: httpx.Request) -> tuple[str, str]:
        """Method and path for messages: never the host's query string, which may hold the key."""
        return request.method, request.url.path

    # -- one attempt's outcome -----------------------------------------------------------------------

    def _failure(self, request: httpx.Request, exc: Exception, status: int | None, attempts: Attempts) -> FlexieError:
        """The typed error for an attempt that failed and will not be repeated."""
        method, url = self._where(request)
        if status is not None and 200 <= status < 300 and not attempts.idempotent:
            return IncompleteResponseError(
                f"{method} {url} answered {status}, then the connection broke while reading the body "
                f"({type(exc).__name__}); the server processed the write, so it was not sent again",
                method=method,
                url=url,
                status_code=status,
            )
        if attempts.expired():
            return APITimeoutError(
                f"{method} {url} did not finish within its deadline of {self._options.call_deadline():g}s "
                f"({attempts.retries} retries; last: {type(exc).__name__})",
                method=method,
                url=url,
            )
        return connection_error(method, url, exc, self._shared.secrets())

    def _settle(self, request: httpx.Request, response: httpx.Response, attempts: Attempts) -> float | None:
        """After a response was read: tell the limiter, and say how long to wait before sending again."""
        limiter = self._shared.limiter
        if limiter is not None:
            limiter.observe(response.status_code, response.headers)
        delay = attempts.after_response(response.status_code, response.headers)
        if delay is not None:
            self._log_retry(request, str(response.status_code), delay, attempts)
        elif self._recorder is not None:
            self._recorder.append(Exchange(response, attempts.retries, time.monotonic() - attempts.started))
        if delay is None and logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s -> %d", request.method, redact_url(request.url), response.status_code)
        return delay

    def _log_retry(self, request: httpx.Request, outcome: str, delay: float, attempts: Attempts) -> None:
        logger.info(
            "retrying %s %s -> %s in %.2fs (retry %d of %d)",
            request.method,
            redact_url(request.url),
            outcome,
            delay,
            attempts.retries,
            self._options.max_retries,
        )

    @staticmethod
    def _rebuilt(response: httpx.Response, raw: list[bytes]) -> httpx.Response:
        """A response holding the body read so far (httpx decodes any content-encoding on read)."""
        out = httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(b"".join(raw)),
            request=response.request,
            extensions=response.extensions,
        )
        out.read()
        return out

    @staticmethod
    def _already_read(response: httpx.Response) -> bool:
        """Whether the transport handed the response over with its body read (``httpx.MockTransport`` does)."""
        try:
            response.content  # noqa: B018 - raises ResponseNotRead for a body still to come
        except httpx.ResponseNotRead:
            return False
        return True

    # -- turning a response into a result --------------------------------------------------------------

    def _result(self, module: Endpoint, call: Call[T], response: httpx.Response) -> T:
        generated = self._shared.generated

        def reparse() -> Any:
            for status in (200, 201):  # parse an undocumented 2xx as the documented success
                copy = httpx.Response(status, headers=response.headers, content=response.content)
                parsed = module.parse_response(client=generated, response=copy)
                if parsed is not None:
                    return parsed
            return None

        return interpret(
            call,
            where=lambda: self._where(response.request),
            status=response.status_code,
            headers=response.headers,
            content=response.content,
            parsed=lambda: reader.parse_success(module, response.content),
            reparse=reparse,
            secrets=self._shared.secrets,  # worked out only for an error
        )

    def _answer(self, response: httpx.Response) -> Any:
        """What ``request()`` returns: the decoded JSON body, or the typed error for an error status."""
        method, url = self._where(response.request)
        if not 200 <= response.status_code < 300:
            raise status_error(
                method, url, response.status_code, response.headers, response.content, self._shared.secrets()
            )
        return decode_body(response.content) if response.content.strip() else None

    def _raw_request(
        self, method: str, path: str, params: Any, json: Any, headers: Mapping[str, str] | None
    ) -> tuple[httpx.Request, Attempts]:
        method, path = check_request_parts(method, path)
        request = self._build(method, path, params=params, json=json, headers=headers)
        return request, Attempts(self._options, idempotent=method in SAFE_METHODS)

    # -- field schemas -------------------------------------------------------------------------------

    def _may_refresh(self, key: SchemaKey | None, schema: FieldSchema | None) -> bool:
        age = self._shared.schemas.age(key.entity) if key is not None and schema is not None else None
        return age is not None and age >= MIN_REFRESH_AGE

    def _validating(self, plan: Plan[Any]) -> bool:
        return plan.schema is not None and (
            plan.validate if plan.validate is not None else self._options.validate_fields
        )

    def _fields_call(self, key: SchemaKey) -> Call[list[Field]]:
        import json

        from .fields import read_fields

        return Call(
            endpoint=key.fields,
            build=key.fields.request_kwargs,
            parse=lambda fields: fields,
            read=lambda content: read_fields(json.loads(content)),
            idempotent=True,
        )
