"""Rate limits: what ``Flexie(rate_limit=...)`` accepts, and the limiters that come with flexie.

Every limiter has two jobs. It keeps to a budget of its own (so many requests a minute, with a
burst), and it paces by what the server says: the ``X-RateLimit-Limit``, ``-Remaining`` and
``-Reset`` headers and ``Retry-After``, so it slows down before the server answers 429.

- :class:`LocalRateLimit`: a budget for one process (its threads and tasks).
- :class:`ServerPacing`: no budget of its own; paces by the server's headers only.
- :class:`SQLiteRateLimit`: one budget shared by the processes of one host, in a SQLite file
  (``pip install 'flexie[sqlite]'``).
- :class:`RedisRateLimit`: one budget shared by processes on many hosts, in Redis
  (``pip install 'flexie[redis]'``).

The client calls :meth:`RateLimit.acquire` (or ``acquire_async``) before each request is sent,
retries included, and :meth:`RateLimit.observe` with each answer. Anything with those three
methods can be given as ``rate_limit=``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from ._pacing import PacedLimit, check_budget
from ._rate_headers import RateBudget, parse_rate_headers
from ._shared_limits import RateLimitStoreError, RedisRateLimit, SQLiteRateLimit

__all__ = [
    "LocalRateLimit",
    "RateBudget",
    "RateLimit",
    "RateLimitStoreError",
    "RedisRateLimit",
    "SQLiteRateLimit",
    "ServerPacing",
    "parse_rate_headers",
]


@runtime_checkable
class RateLimit(Protocol):
    """What ``rate_limit=`` accepts: anything with these three methods.

    ``acquire`` is called once before every request is sent (each retry too), ``acquire_async``
    instead of it by ``AsyncFlexie``, and ``observe`` with the status and headers of every
    answer, whatever its status.
    """

    def acquire(self) -> None:
        """Block until one request may be sent."""

    async def acquire_async(self) -> None:
        """Wait until one request may be sent, without blocking the event loop."""

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from one answer: its status and headers."""


class ServerPacing(PacedLimit):
    """A limiter with no budget of its own: it paces by the server's rate-limit headers only.

    After ``Retry-After`` on a 429 or 503 it holds every caller until then; with the server's
    remaining requests and reset time it spreads the remaining requests over the time to reset.
    A server that sends no such headers is not slowed down at all.
    """

    def _take(self) -> None:
        return None

    async def _take_async(self) -> None:
        return None

    def __repr__(self) -> str:
        return "ServerPacing()"


class LocalRateLimit(PacedLimit):
    """At most ``per_minute`` requests a minute from this process, bursts of up to ``burst``.

    A token bucket (GCRA) shared by every thread and task that uses this object, plus pacing by
    the server's headers (see :class:`ServerPacing`). ``burst`` requests may go back to back,
    then one every ``60 / per_minute`` seconds. Callers are served in the order they asked.

    Raises:
        ConfigurationError: ``per_minute`` is not a positive number or ``burst`` not an integer >= 1.
    """

    def __init__(self, per_minute: float, burst: int = 1) -> None:
        super().__init__()
        self.per_minute, self.burst = check_budget(per_minute, burst)
        self._interval = 60.0 / self.per_minute
        self._tolerance = self._interval * (self.burst - 1)
        self._tat = 0.0  # theoretical arrival time of the next request (monotonic)
        self._lock = threading.Lock()

    def _reserve(self) -> float:
        with self._lock:
            now = time.monotonic()
            tat = max(self._tat, now)
            self._tat = tat + self._interval
            return max(0.0, tat - now - self._tolerance)

    def _take(self) -> None:
        delay = self._reserve()
        if delay > 0:
            time.sleep(delay)

    async def _take_async(self) -> None:
        import asyncio  # already loaded: an event loop is running

        delay = self._reserve()
        if delay > 0:
            await asyncio.sleep(delay)

    def __repr__(self) -> str:
        return f"LocalRateLimit(per_minute={self.per_minute:g}, burst={self.burst})"
