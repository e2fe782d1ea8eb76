"""The httpx transport every request goes through: retries, backoff, Retry-After and rate limiting.

One class serves sync and async clients; the decisions (what to retry, how long to wait) are plain
functions shared by both loops. What a facade call allows (its retry budget, whether the operation
is safe to repeat) reaches the transport through a context variable set at the choke point, so
per-call options need no second connection pool.
"""

from __future__ import annotations

import contextvars
import logging
import random
import threading
import time
from dataclasses import dataclass, field

import httpx

from ._auth import QUERY_KEY_EXTENSION
from ._config import ClientOptions

__all__ = ["CallContext", "RateLimiter", "RetryTransport", "current_call", "parse_retry_after", "redact_url"]

logger = logging.getLogger("flexie")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Errors raised before a single byte of the request left: repeating them cannot duplicate anything.
NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Errors after which the request may or may not have been processed.
AMBIGUOUS_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


@dataclass
class CallContext:
    """What one facade call allows, and what happened during it."""

    options: ClientOptions
    idempotent: bool
    retries: int = 0
    last_response: httpx.Response | None = field(default=None, repr=False)

    @property
    def retries_left(self) -> int:
        return self.options.max_retries - self.retries


_current: contextvars.ContextVar[CallContext | None] = contextvars.ContextVar("flexie_call", default=None)


def current_call() -> contextvars.ContextVar[CallContext | None]:
    return _current


def redact_url(url: httpx.URL) -> str:
    """The URL without credentials: the ``apikey`` query parameter is removed."""
    if "apikey" in url.params:
        url = url.copy_remove_param("apikey")
    return str(url)


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        import email.utils  # only for the HTTP-date form

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN or infinite
        return None
    return max(0.0, seconds)


def backoff(options: ClientOptions, retry_number: int) -> float:
    """Exponential backoff (initial, doubling, capped) with up to 25% jitter taken off."""
    delay = min(options.backoff_max, options.backoff_initial * (2**retry_number))
    return float(delay * (1 - 0.25 * random.random()))


def delay_for_response(ctx: CallContext, response: httpx.Response) -> float | None:
    """Seconds to wait before repeating a request that got ``response``, or None to stop."""
    status = response.status_code
    if status not in RETRYABLE_STATUSES or ctx.retries_left <= 0:
        return None
    retry_after = parse_retry_after(response.headers)
    # 429, and 503 with Retry-After, promise the request was not processed: safe even for writes.
    not_processed = status == 429 or (status == 503 and retry_after is not None)
    if not (not_processed or ctx.idempotent or ctx.options.retry_writes):
        return None
    if retry_after is not None:
        return retry_after if retry_after <= ctx.options.max_retry_after else None
    return backoff(ctx.options, ctx.retries)


def delay_for_error(ctx: CallContext, error: Exception) -> float | None:
    if ctx.retries_left <= 0:
        return None
    if isinstance(error, NOT_SENT_ERRORS) or (
        isinstance(error, AMBIGUOUS_ERRORS) and (ctx.idempotent or ctx.options.retry_writes)
    ):
        return backoff(ctx.options, ctx.retries)
    return None


def describe(request: httpx.Request, outcome: httpx.Response | Exception) -> str:
    what = f"{outcome.status_code}" if isinstance(outcome, httpx.Response) else type(outcome).__name__
    return f"{request.method} {redact_url(request.url)} -> {what}"


class RateLimiter:
    """Spaces requests to at most ``per_minute``, shared by every thread and task of one client.

    A GCRA token bucket: ``burst`` requests may go back to back, then one every ``60/per_minute`` s.
    ``reserve()`` books the next slot and says how long to wait for it.
    """

    def __init__(self, per_minute: float, burst: int = 1) -> None:
        if isinstance(per_minute, bool) or not isinstance(per_minute, int | float) or per_minute <= 0:
            from .errors import ConfigurationError

            raise ConfigurationError(f"rate_limit_per_minute must be a positive number, got {per_minute!r}")
        self.per_minute = float(per_minute)
        self._interval = 60.0 / float(per_minute)
        self._tolerance = self._interval * max(0, burst - 1)
        self._tat = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        with self._lock:
            now = time.monotonic()
            tat = max(self._tat, now)
            self._tat = tat + self._interval
            return max(0.0, tat - now - self._tolerance)

    def __repr__(self) -> str:
        return f"RateLimiter(per_minute={self.per_minute:g})"


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps the real transport(s); retries what is safe to retry, waits what the server asks."""

    def __init__(
        self,
        *,
        sync: httpx.BaseTransport | None = None,
        asynchronous: httpx.AsyncBaseTransport | None = None,
        options: ClientOptions,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._sync = sync
        self._async = asynchronous
        self._options = options
        self.limiter = limiter

    @staticmethod
    def _wire(request: httpx.Request) -> httpx.Request:
        """What goes on the wire: with ``?apikey=`` when the key travels in the query.

        The key is added to a copy, so the request httpx logs and keeps stays without it.
        """
        key = request.extensions.get(QUERY_KEY_EXTENSION)
        if key is None:
            return request
        extensions = {k: v for k, v in request.extensions.items() if k != QUERY_KEY_EXTENSION}
        return httpx.Request(
            request.method,
            request.url.copy_merge_params({"apikey": key}),
            headers=request.headers,
            stream=request.stream,
            extensions=extensions,
        )

    def _context(self, request: httpx.Request) -> CallContext:
        ctx = _current.get()
        if ctx is None:  # a request made outside a facade call: judge by the method alone
            ctx = CallContext(options=self._options, idempotent=request.method in SAFE_METHODS)
        # the call's own timeout wins over the one the httpx client stamped on the request
        request.extensions["timeout"] = ctx.options.timeout.as_dict()
        return ctx

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sync is None:
            raise RuntimeError("this transport has no sync transport to wrap")
        ctx = self._context(request)
        wire = self._wire(request)
        while True:
            if self.limiter is not None:
                time.sleep(self.limiter.reserve())
            started = time.perf_counter()
            try:
                response = self._sync.handle_request(wire)
            except Exception as error:
                delay = delay_for_error(ctx, error)
                if delay is None:
                    raise
                self._log_retry(ctx, request, error, delay)
                time.sleep(delay)
                continue
            delay = delay_for_response(ctx, response)
            if delay is None:
                ctx.last_response = response
                self._log_response(request, response, started)
                return response
            response.close()
            self._log_retry(ctx, request, response, delay)
            time.sleep(delay)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import asyncio  # already loaded: we are running in an event loop

        if self._async is None:
            raise RuntimeError("this transport has no async transport to wrap")
        ctx = self._context(request)
        wire = self._wire(request)
        while True:
            if self.limiter is not None:
                await asyncio.sleep(self.limiter.reserve())
            started = time.perf_counter()
            try:
                response = await self._bounded(self._async, wire, ctx)
            except Exception as error:
                delay = delay_for_error(ctx, error)
                if delay is None:
                    raise
                self._log_retry(ctx, request, error, delay)
                await asyncio.sleep(delay)
                continue
            delay = delay_for_response(ctx, response)
            if delay is None:
                ctx.last_response = response
                self._log_response(request, response, started)
                return response
            await response.aclose()
            self._log_retry(ctx, request, response, delay)
            await asyncio.sleep(delay)

    @staticmethod
    async def _bounded(inner: httpx.AsyncBaseTransport, request: httpx.Request, ctx: CallContext) -> httpx.Response:
        """One attempt, body included, within connect + write + read timeouts in all.

        httpx's timeouts bound each network operation; a server trickling a byte at a time could
        otherwise hold a request forever.
        """
        import asyncio

        async def attempt() -> httpx.Response:
            response = await inner.handle_async_request(request)
            try:
                await response.aread()
            except BaseException:
                await response.aclose()
                raise
            return response

        t = ctx.options.timeout
        if t.connect is None or t.write is None or t.read is None:
            return await attempt()
        try:
            return await asyncio.wait_for(attempt(), timeout=t.connect + t.write + t.read)
        except asyncio.TimeoutError as exc:
            raise httpx.ReadTimeout("the attempt took longer than its timeouts allow", request=request) from exc

    @staticmethod
    def _log_retry(ctx: CallContext, request: httpx.Request, outcome: httpx.Response | Exception, delay: float) -> None:
        ctx.retries += 1
        logger.info(
            "retrying %s in %.2fs (retry %d of %d)",
            describe(request, outcome),
            delay,
            ctx.retries,
            ctx.options.max_retries,
        )

    @staticmethod
    def _log_response(request: httpx.Request, response: httpx.Response, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            elapsed = (time.perf_counter() - started) * 1000
            logger.debug("%s (%.1f ms)", describe(request, response), elapsed)

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
