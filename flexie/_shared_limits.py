"""Limiters whose budget is shared between processes: in a SQLite file, or in Redis.

Both are built on pyrate-limiter: its GCRA algorithm (a token bucket kept as one number, with a
burst) decides; its Redis store runs that decision as one Lua script, atomic across clients;
our SQLite store runs it as one transaction. pyrate-limiter (and redis) are imported when a
limiter is built, so ``import flexie`` never needs them.

Each acquire asks the store once; when it says no, it tells how long until a request is free,
and the caller sleeps that long before asking again. Async acquires ask from a worker thread,
so a slow store never blocks the event loop. After a server's ``Retry-After``, the hold is
written to the store too, so every process waits, not only the one that was told.
"""

from __future__ import annotations

import math
import os
import time
from typing import TYPE_CHECKING, Any, cast

from ._pacing import PacedLimit, check_budget
from .errors import ConfigurationError, FlexieError

if TYPE_CHECKING:
    from pyrate_limiter import Decision, Rate, StateStore

__all__ = ["RateLimitStoreError", "RedisRateLimit", "SQLiteRateLimit"]

DEFAULT_KEY = "flexie:rate-limit"
# The wait a store gives is rounded to whole milliseconds: sleep a little past it.
SLACK = 0.002


class RateLimitStoreError(FlexieError):
    """The store of a shared rate limit (the SQLite file, or Redis) failed to answer."""


def _import_pyrate(extra: str) -> Any:
    try:
        import pyrate_limiter
    except ImportError as exc:
        raise ConfigurationError(
            f"this rate limit needs pyrate-limiter ({exc.name} is missing): pip install 'flexie[{extra}]'"
        ) from None
    return pyrate_limiter


def _rate(pyrate: Any, per_minute: float, burst: int) -> Rate:
    """pyrate-limiter's Rate for ``per_minute`` (it counts whole requests per whole milliseconds)."""
    if per_minute.is_integer():
        return pyrate.Rate(int(per_minute), 60_000, burst=burst)  # type: ignore[no-any-return]
    return pyrate.Rate(1, math.ceil(60_000 / per_minute), burst=burst)  # type: ignore[no-any-return]


class _SharedLimit(PacedLimit):
    """GCRA over a shared store, plus a shared hold. Subclasses set ``_store``."""

    _store: StateStore
    _errors: tuple[type[BaseException], ...]

    def __init__(self, pyrate: Any, per_minute: float, burst: int, key: str) -> None:
        super().__init__()
        if not isinstance(key, str) or not key:
            raise ConfigurationError(f"key must be a non-empty string, got {key!r}")
        self.per_minute, self.burst = check_budget(per_minute, burst)
        self.key = key
        self._rate = _rate(pyrate, self.per_minute, self.burst)
        self._algorithm = pyrate.GCRA()

    def _fail(self, exc: BaseException) -> RateLimitStoreError:
        return RateLimitStoreError(f"the rate-limit store of {self!r} failed: {type(exc).__name__}: {exc}")

    def _try(self) -> float:
        """Take one request from the shared budget: 0, or the seconds to wait before asking again."""
        try:
            held = self._hold_until() - time.time()
            if held > 0:
                return held
            now_ms = time.time_ns() // 1_000_000
            decision = self._store.check(self._algorithm, [self._rate], now_ms, 1)
        except self._errors as exc:
            raise self._fail(exc) from exc
        decision = cast("Decision", decision)  # a sync store answers at once, never an awaitable
        if decision.allowed:
            return 0.0
        return (decision.retry_after_ms or 1) / 1000 + SLACK

    def _take(self) -> None:
        while (wait := self._try()) > 0:
            time.sleep(wait)

    async def _take_async(self) -> None:
        import asyncio  # already loaded: an event loop is running

        while True:
            wait = await asyncio.to_thread(self._try)
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def _hold(self, seconds: float) -> None:
        try:
            self._extend_hold(time.time() + seconds)
        except self._errors as exc:
            raise self._fail(exc) from exc

    def _hold_until(self) -> float:
        raise NotImplementedError

    def _extend_hold(self, until: float) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection to the store."""
        self._store.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(key={self.key!r}, per_minute={self.per_minute:g}, burst={self.burst})"


class SQLiteRateLimit(_SharedLimit):
    """One budget for every process of one host that opens the same SQLite file.

    At most ``per_minute`` requests a minute in all, bursts of up to ``burst``; plus pacing by
    the server's headers. ``key`` names the budget, so one file can hold several (one per
    workspace, say). The file is created if missing; put it on a local disk (SQLite's locking is
    unreliable on network file systems). Needs ``pip install 'flexie[sqlite]'``.

    Raises:
        ConfigurationError: a bad ``per_minute``, ``burst`` or ``key``, the extra is missing, or
            the file cannot be opened.
    """

    def __init__(
        self, path: str | os.PathLike[str], per_minute: float, burst: int = 1, *, key: str = DEFAULT_KEY
    ) -> None:
        import sqlite3

        super().__init__(_import_pyrate("sqlite"), per_minute, burst, key)
        from ._sqlite_store import SQLiteStateStore

        self.path = os.fspath(path)
        self._errors = (sqlite3.Error,)
        try:
            self._sqlite = SQLiteStateStore(self.path, key)
        except sqlite3.Error as exc:
            raise ConfigurationError(f"cannot use {self.path!r} for a rate limit: {exc}") from None
        self._store = self._sqlite

    def _hold_until(self) -> float:
        return self._sqlite.hold_until()

    def _extend_hold(self, until: float) -> None:
        self._sqlite.extend_hold(until)

    def __repr__(self) -> str:
        return f"SQLiteRateLimit({self.path!r}, key={self.key!r}, per_minute={self.per_minute:g}, burst={self.burst})"


HOLD_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 0
"""


class RedisRateLimit(_SharedLimit):
    """One budget for every process, on any host, that uses the same Redis and ``key``.

    ``redis`` is a URL (``redis://host:6379/0``, ``rediss://...`` for TLS) or a ``redis.Redis``
    client. At most ``per_minute`` requests a minute in all, bursts of up to ``burst``; plus
    pacing by the server's headers. The hosts' clocks should agree (NTP): each decides by its
    own. Needs ``pip install 'flexie[redis]'``. The URL, which may hold a password, is never
    shown in a repr or an error.

    Raises:
        ConfigurationError: a bad ``per_minute``, ``burst``, ``key`` or URL, or the extra is missing.
    """

    def __init__(self, redis: Any, per_minute: float, burst: int = 1, *, key: str = DEFAULT_KEY) -> None:
        pyrate = _import_pyrate("redis")
        super().__init__(pyrate, per_minute, burst, key)
        try:
            import redis as redis_lib
        except ImportError:
            raise ConfigurationError("RedisRateLimit needs redis: pip install 'flexie[redis]'") from None
        self._owns_client = isinstance(redis, str)
        if isinstance(redis, str):
            try:
                redis = redis_lib.Redis.from_url(redis)
            except ValueError as exc:
                scheme = redis.split("://", 1)[0] if "://" in redis else "?"
                raise ConfigurationError(
                    f"not a Redis URL (scheme {scheme!r}): use redis://host:port/db or rediss://... ({exc})"
                ) from None
        elif not isinstance(redis, redis_lib.Redis):
            raise ConfigurationError(
                f"redis must be a URL or a redis.Redis client (sync; async acquires use it from a worker "
                f"thread), got {type(redis).__name__}"
            )
        self._redis = redis
        self._errors = (redis_lib.RedisError,)
        self._hold_key = f"{key}:hold"
        self._hold_script = redis.register_script(HOLD_SCRIPT)
        self._store = pyrate.RedisStateStore(redis, key)

    def _hold_until(self) -> float:
        stored = self._redis.get(self._hold_key)
        return int(stored) / 1000 if stored else 0.0

    def _extend_hold(self, until: float) -> None:
        ttl_ms = max(1, math.ceil((until - time.time()) * 1000))
        self._hold_script(keys=[self._hold_key], args=[math.ceil(until * 1000), ttl_ms], client=self._redis)

    def close(self) -> None:
        """Close this limiter's connections to Redis (a client you passed in is yours to close)."""
        if self._owns_client:
            self._redis.close()
