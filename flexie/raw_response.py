"""The HTTP facts of a call beside its parsed result: ``client.contacts.with_raw_response.get(42)``.

Every method of every resource, and ``request()`` on the client, is reachable through
``with_raw_response``; it runs exactly as usual (same retries, errors and result) and returns a
:class:`RawResponse` with the status, headers, elapsed time and retries of the final answer, and
``parse()`` for the usual result. A method that returns a pager gives the raw response of its first
page, and ``parse()`` gives that :class:`~flexie.Page`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._retries import redact_url

if TYPE_CHECKING:
    from ._base_client import Exchange
    from ._rate_headers import RateBudget

__all__ = ["AsyncWithRawResponse", "RawResponse", "WithRawResponse"]

T = TypeVar("T")


class RawResponse(Generic[T]):
    """One call's final HTTP answer and its parsed result."""

    def __init__(self, exchange: Exchange, parsed: T) -> None:
        self.http_response: httpx.Response = exchange.response
        #: how many times the request was sent again before this answer
        self.retries: int = exchange.retries
        #: from the first attempt to the end of this answer's body, retries and waits included
        self.elapsed = dt.timedelta(seconds=exchange.elapsed)
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        """The HTTP status of the final answer."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the final answer (rate-limit headers included, when the server sends them)."""
        return self.http_response.headers

    @property
    def http_version(self) -> str:
        """``HTTP/1.1`` or ``HTTP/2``."""
        return self.http_response.http_version

    @property
    def url(self) -> str:
        """The URL that was requested, without credentials."""
        return redact_url(self.http_response.request.url)

    @property
    def rate_limit(self) -> RateBudget | None:
        """The budget this answer's ``X-RateLimit-*`` and ``Retry-After`` headers state, or None."""
        from ._rate_headers import parse_rate_headers

        return parse_rate_headers(self.http_response.headers)

    @property
    def content(self) -> bytes:
        """The body as received (decompressed)."""
        return self.http_response.content

    def parse(self) -> T:
        """What the method returns when called without ``with_raw_response``."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] retries={self.retries}>"


def _recording_target(target: Any) -> tuple[Any, list[Exchange]]:
    """A copy of ``target`` (a resource or a client) whose requests are recorded."""
    core = target._core if hasattr(target, "_core") else target
    recording = core._recording()
    copy = type(target)(recording, target._plans) if hasattr(target, "_core") else recording
    return copy, recording._recorder


def _method(target: Any, name: str) -> Callable[..., Any]:
    if name.startswith("_") or not callable(getattr(target, name, None)):
        raise AttributeError(f"{type(target).__name__} has no method {name!r}")
    return getattr(target, name)  # type: ignore[no-any-return]


class WithRawResponse:
    """``x.with_raw_response.method(...)`` runs ``x.method(...)`` and returns a :class:`RawResponse`."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Callable[..., RawResponse[Any]]:
        _method(self._target, name)

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            copy, recorder = _recording_target(self._target)
            result = getattr(copy, name)(*args, **kwargs)
            if hasattr(result, "first_page"):  # a lazy pager: its first page
                result = result.first_page()
            return RawResponse(_last(recorder, name), result)

        return call


class AsyncWithRawResponse:
    """``await x.with_raw_response.method(...)`` for the async client and its resources."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Callable[..., Awaitable[RawResponse[Any]]]:
        _method(self._target, name)

        async def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            copy, recorder = _recording_target(self._target)
            result = getattr(copy, name)(*args, **kwargs)
            if inspect.isawaitable(result):  # a coroutine, or an async pager (awaiting gives its first page)
                result = await result
            return RawResponse(_last(recorder, name), result)

        return call


def _last(recorder: list[Exchange], name: str) -> Exchange:
    if not recorder:
        raise TypeError(f"{name}() sent no request, so it has no raw response")
    return recorder[-1]
