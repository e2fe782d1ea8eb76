"""The in-process rate limit that ``rate_limit_per_minute=N`` builds."""

from __future__ import annotations

import threading
import time

from .errors import ConfigurationError

__all__ = ["LocalRateLimit"]


class LocalRateLimit:
    """Spaces requests to at most ``per_minute``, shared by every thread and task of one client.

    A GCRA token bucket: ``burst`` requests may go back to back, then one every ``60/per_minute`` s.
    """

    def __init__(self, per_minute: float, burst: int = 1) -> None:
        if isinstance(per_minute, bool) or not isinstance(per_minute, int | float) or per_minute <= 0:
            raise ConfigurationError(f"rate_limit_per_minute must be a positive number, got {per_minute!r}")
        self.per_minute = float(per_minute)
        self._interval = 60.0 / float(per_minute)
        self._tolerance = self._interval * max(0, burst - 1)
        self._tat = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Book the next slot; return how long to wait for it."""
        with self._lock:
            now = time.monotonic()
            tat = max(self._tat, now)
            self._tat = tat + self._interval
            return max(0.0, tat - now - self._tolerance)

    def acquire(self) -> None:
        """Wait (blocking) until one request may be sent."""
        time.sleep(self.reserve())

    async def acquire_async(self) -> None:
        """Wait (in the event loop) until one request may be sent."""
        import asyncio

        await asyncio.sleep(self.reserve())

    def __repr__(self) -> str:
        return f"LocalRateLimit(per_minute={self.per_minute:g})"
