"""What truly differs between the sync and the async flavour, as two small twins.

Everything else is written once, as async code in ``flexie/_async/``, and ``scripts/unasync.py``
makes the sync code from it; there, ``AsyncIO`` becomes ``SyncIO`` and every ``await`` goes. So
each method here exists in both classes with the same name and meaning: how to sleep, wait for the
rate limit, send, read a body within the call's deadline, and hold a per-entity lock.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from ._retries import Attempts
    from ._schema_cache import SchemaCache

__all__ = ["AsyncIO", "SyncIO"]


def _overdue(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the answer was still arriving when the call's deadline passed", request=request)


class SyncIO:
    """Blocking waits, for ``Flexie``: threads share a client."""

    @staticmethod
    def _sleep(seconds: float) -> None:
        time.sleep(seconds)

    @staticmethod
    def _acquire(limiter: Any) -> None:
        limiter.acquire()

    @staticmethod
    def _send(http: Any, request: httpx.Request, auth: httpx.Auth, attempts: Attempts) -> httpx.Response:
        """Send, and wait for the status line and headers.

        Each network wait is bounded by the attempt's timeouts (never longer than what was left of
        the deadline when the attempt began); a head that trickles in faster than that is not cut
        short in the sync flavour, as httpx offers no way to stop a blocking read from outside.
        """
        response: httpx.Response = http.send(request, auth=auth, stream=True)
        return response

    @staticmethod
    def _read_raw(response: httpx.Response, attempts: Attempts) -> list[bytes]:
        """The body as sent (before any decoding), given up on when the call's deadline passes.

        A chunk that has started arriving is bounded by the read timeout, which never exceeds
        what was left of the deadline when the attempt began.
        """
        try:
            raw = []
            for chunk in response.iter_raw():
                raw.append(chunk)
                if attempts.expired():
                    raise _overdue(response.request)
            return raw
        finally:
            response.close()

    @staticmethod
    @contextlib.contextmanager
    def _entity_lock(cache: SchemaCache, entity: str) -> Iterator[None]:
        with cache.thread_lock(entity):
            yield


class AsyncIO:
    """Waits in the event loop, for ``AsyncFlexie``: tasks share a client."""

    @staticmethod
    async def _sleep(seconds: float) -> None:
        import asyncio  # loaded already: we run in an event loop

        await asyncio.sleep(seconds)

    @staticmethod
    async def _acquire(limiter: Any) -> None:
        await limiter.acquire_async()

    @staticmethod
    async def _send(http: Any, request: httpx.Request, auth: httpx.Auth, attempts: Attempts) -> httpx.Response:
        """Send, and wait for the status line and headers, cut off exactly when the call's deadline passes."""
        import asyncio

        try:
            response: httpx.Response = await asyncio.wait_for(
                http.send(request, auth=auth, stream=True), attempts.remaining()
            )
        except asyncio.TimeoutError:
            raise _overdue(request) from None
        return response

    @staticmethod
    async def _read_raw(response: httpx.Response, attempts: Attempts) -> list[bytes]:
        """The body as sent (before any decoding), cut off exactly when the call's deadline passes."""
        import asyncio

        async def body() -> list[bytes]:
            return [chunk async for chunk in response.aiter_raw()]

        try:
            return await asyncio.wait_for(body(), attempts.remaining())
        except asyncio.TimeoutError:
            raise _overdue(response.request) from None
        finally:
            await response.aclose()

    @staticmethod
    @contextlib.asynccontextmanager
    async def _entity_lock(cache: SchemaCache, entity: str) -> AsyncIterator[None]:
        async with cache.async_lock(entity):
            yield
