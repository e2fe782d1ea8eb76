"""The limiters' own budgets (local, SQLite, Redis): bursts, spacing, threads and tasks, bad input."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

import flexie
from flexie.ratelimit import LocalRateLimit, RateLimit, RedisRateLimit, SQLiteRateLimit

Factory = Callable[[float, int], RateLimit]


@pytest.fixture(params=["local", "sqlite", "redis"])
def make_limiter(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Factory]:
    """Builds a limiter of each kind (the Redis one on a fresh redis-server database)."""
    if request.param == "local":
        yield LocalRateLimit
        return
    if request.param == "sqlite":
        yield lambda per_minute, burst: SQLiteRateLimit(tmp_path / "budget.sqlite", per_minute, burst)
        return
    client: redis.Redis = request.getfixturevalue("redis_client")
    yield lambda per_minute, burst: RedisRateLimit(client, per_minute, burst)


def timed(action: Callable[[], None]) -> float:
    started = time.monotonic()
    action()
    return time.monotonic() - started


def test_a_burst_goes_at_once_then_the_pace_holds(make_limiter: Factory) -> None:
    limiter = make_limiter(600, 5)  # one every 0.1 s after 5 at once
    burst = timed(lambda: [limiter.acquire() for _ in range(5)])
    after = timed(lambda: [limiter.acquire() for _ in range(4)])
    assert burst < 0.09
    assert after >= 0.35


def test_threads_share_the_budget(make_limiter: Factory) -> None:
    limiter = make_limiter(1200, 1)  # one every 0.05 s

    def work() -> None:
        for _ in range(4):
            limiter.acquire()

    def run() -> None:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert timed(run) >= 15 * 0.05 * 0.9


def test_tasks_share_the_budget(make_limiter: Factory) -> None:
    limiter = make_limiter(1200, 2)

    async def main() -> None:
        await asyncio.gather(*(limiter.acquire_async() for _ in range(12)))

    assert timed(lambda: asyncio.run(main())) >= 10 * 0.05 * 0.9


def test_every_limiter_is_a_rate_limit(make_limiter: Factory) -> None:
    limiter = make_limiter(60, 1)
    assert isinstance(limiter, RateLimit)
    assert "per_minute=60" in repr(limiter)
    limiter.observe(200, {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "99", "X-RateLimit-Reset": "60"})
    assert getattr(limiter, "budget").remaining == 99  # noqa: B009


@pytest.mark.parametrize(
    ("per_minute", "burst", "message"),
    [
        (0, 1, "per_minute must be a positive number"),
        (-5, 1, "per_minute must be a positive number"),
        (True, 1, "per_minute must be a positive number"),
        ("60", 1, "per_minute must be a positive number"),
        (float("nan"), 1, "per_minute must be a positive number"),
        (float("inf"), 1, "per_minute must be a positive number"),
        (60, 0, "burst must be a whole number"),
        (60, 2.5, "burst must be a whole number"),
        (60, True, "burst must be a whole number"),
    ],
)
def test_a_bad_budget_is_a_configuration_error(
    make_limiter: Factory, per_minute: object, burst: object, message: str
) -> None:
    with pytest.raises(flexie.ConfigurationError, match=message):
        make_limiter(per_minute, burst)  # type: ignore[arg-type]


def test_a_fractional_rate_is_kept(make_limiter: Factory) -> None:
    limiter = make_limiter(1200.5, 1)
    assert timed(lambda: [limiter.acquire() for _ in range(5)]) >= 4 * (60 / 1200.5) * 0.9
