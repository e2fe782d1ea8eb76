"""Pacing from what the server says, and the base every limiter of :mod:`flexie.ratelimit` shares.

The :class:`Pacer` turns each answer's rate-limit headers into a spacing between requests:

- ``Retry-After`` on a 429 or 503 holds every caller until then;
- ``X-RateLimit-Remaining: 0`` with a known reset holds every caller until the reset;
- otherwise the remaining requests are spread evenly over the time left to the reset, so the
  limiter slows down as the budget shrinks, well before the server answers 429.

Slots are booked under one lock (the next free slot, then the one after it, ...), so any number
of threads and tasks share the spacing fairly. What a booking promises is re-checked after the
wait: a hold learned meanwhile (another caller's 429) still holds the caller back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping

from ._rate_headers import RateBudget, parse_rate_headers

__all__ = ["PacedLimit", "Pacer", "check_budget"]

THROTTLED = frozenset({429, 503})


def check_budget(per_minute: object, burst: object) -> tuple[float, int]:
    """``(per_minute, burst)`` of a limiter, checked: a positive number and an integer >= 1."""
    from .errors import ConfigurationError

    if isinstance(per_minute, bool) or not isinstance(per_minute, (int, float)) or not 0 < per_minute < float("inf"):
        raise ConfigurationError(f"per_minute must be a positive number of requests a minute, got {per_minute!r}")
    if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
        raise ConfigurationError(f"burst must be a whole number of requests >= 1, got {burst!r}")
    return float(per_minute), burst


class Pacer:
    """The spacing learned from the server's answers; thread-safe, shared by sync and async callers."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hold_until = 0.0  # no request before this (monotonic)
        self._next_slot = 0.0  # the next free slot (monotonic)
        self._interval = 0.0  # seconds between slots while the stated window lasts
        self._interval_until = 0.0  # when the stated window ends: the interval lapses then
        self._budget: RateBudget | None = None

    @property
    def budget(self) -> RateBudget | None:
        """The latest budget the server stated, or None before it stated one."""
        return self._budget

    def reserve(self) -> float:
        """Book the next slot; seconds to wait for it (0: go now)."""
        with self._lock:
            now = self._clock()
            if now >= self._interval_until:
                self._interval = 0.0
            slot = max(now, self._hold_until, self._next_slot)
            self._next_slot = slot + self._interval
            return slot - now

    def held_for(self) -> float:
        """Seconds left of a hold (after a Retry-After or an exhausted budget); books nothing."""
        with self._lock:
            return max(0.0, self._hold_until - self._clock())

    def hold(self, seconds: float) -> None:
        """Hold every caller for ``seconds`` from now (a longer hold already set stays)."""
        with self._lock:
            self._hold_until = max(self._hold_until, self._clock() + seconds)

    def observe(self, status: int, headers: Mapping[str, str]) -> RateBudget | None:
        """Learn from one answer; returns the budget it stated, if any."""
        budget = parse_rate_headers(headers)
        if budget is None:
            return None
        with self._lock:
            self._budget = budget
            now = self._clock()
            if status in THROTTLED and budget.retry_after is not None:
                self._hold_until = max(self._hold_until, now + budget.retry_after)
            reset_in = budget.reset_in
            if budget.remaining is not None and reset_in is not None:
                if budget.remaining <= 0:
                    self._hold_until = max(self._hold_until, now + reset_in)
                else:
                    self._interval = reset_in / budget.remaining
                    self._interval_until = now + reset_in
                    # a booking made at a slower pace must not outlive it
                    self._next_slot = min(self._next_slot, now + self._interval)
        return budget


class PacedLimit:
    """A limiter's shared half: pacing from the server, then the limiter's own budget.

    Subclasses implement :meth:`_take` (block until one request of their own budget is free)
    and :meth:`_take_async` (the same without blocking the event loop), and may extend
    :meth:`_held_for` and :meth:`_hold` to share holds beyond this process.
    """

    def __init__(self) -> None:
        self._pacer = Pacer()

    @property
    def budget(self) -> RateBudget | None:
        """The workspace's budget as the server last stated it (None until it does)."""
        return self._pacer.budget

    def acquire(self) -> None:
        """Block until one request may be sent."""
        delay = self._pacer.reserve()
        while delay > 0:
            time.sleep(delay)
            delay = self._held_for()
        self._take()
        delay = self._held_for()
        while delay > 0:
            time.sleep(delay)
            delay = self._held_for()

    async def acquire_async(self) -> None:
        """Wait, without blocking the event loop, until one request may be sent."""

        import asyncio  # already loaded: an event loop is running

        delay = self._pacer.reserve()
        while delay > 0:
            await asyncio.sleep(delay)
            delay = await self._held_for_async()
        await self._take_async()
        delay = await self._held_for_async()
        while delay > 0:
            await asyncio.sleep(delay)
            delay = await self._held_for_async()

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from one answer (any status): its rate-limit headers and ``Retry-After``."""
        budget = self._pacer.observe(status, headers)
        if budget is None or status not in THROTTLED:
            return
        waits = [budget.retry_after, budget.reset_in if budget.remaining == 0 else None]
        longest = max((wait for wait in waits if wait is not None), default=0.0)
        if longest > 0:
            self._hold(longest)

    # --- what subclasses provide ------------------------------------------------------------

    def _take(self) -> None:
        raise NotImplementedError

    async def _take_async(self) -> None:
        raise NotImplementedError

    def _held_for(self) -> float:
        return self._pacer.held_for()

    async def _held_for_async(self) -> float:
        return self._pacer.held_for()

    def _hold(self, seconds: float) -> None:
        """A server's 429 or 503 asked every caller to wait ``seconds`` (the pacer already does)."""
