"""One budget shared by real processes (SQLite file, Redis), the shared hold, and the stores' errors."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

import flexie
from benchmarks._rate_worker import run_workers
from benchmarks._redis import free_port
from flexie.ratelimit import RateLimitStoreError, RedisRateLimit, SQLiteRateLimit
from flexie.testing import FakeFlexie

PROCESSES, REQUESTS = 4, 6
FAKE_PER_MINUTE, FAKE_BURST = 600, 10  # the workspace: 10 a second, 10 at once
OUR_BURST = 3  # well below the server's, so that a late request never costs a 429


@pytest.fixture(scope="module")
def limited_fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(records=REQUESTS) as fake:
        yield fake


@pytest.fixture
def fake(limited_fake: FakeFlexie) -> FakeFlexie:
    limited_fake.reset()
    limited_fake.set_rate_limit(FAKE_PER_MINUTE, burst=FAKE_BURST)
    return limited_fake


def run(fake: FakeFlexie, limiter: str, target: str) -> tuple[list[int], list[float]]:
    """The statuses of every worker's requests, and when each was sent (sorted)."""
    results = run_workers(
        PROCESSES, limiter=limiter, target=target, per_minute=FAKE_PER_MINUTE, burst=OUR_BURST,
        base_url=fake.base_url, api_key=fake.api_key, requests=REQUESTS, lead_time=2.0,
    )  # fmt: skip
    statuses = [status for result in results for status in result["statuses"]]
    return statuses, sorted(when for result in results for when in result["sent"])


def overruns(sent: list[float], per_minute: float, burst: int) -> list[int]:
    """Requests sent before one budget of ``per_minute`` with ``burst`` allowed them (by index)."""
    interval = 60 / per_minute
    return [i for i, when in enumerate(sent) if when < sent[0] + (i - burst + 1) * interval - 0.01]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_processes_sharing_one_budget_get_no_429(
    backend: str, fake: FakeFlexie, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "redis":
        request.getfixturevalue("redis_client")  # an empty database
        target = request.getfixturevalue("redis_url")
    else:
        target = str(tmp_path / "budget.sqlite")
    statuses, sent = run(fake, backend, target)
    assert statuses == [200] * PROCESSES * REQUESTS
    assert fake.rate_limited_count == 0
    assert overruns(sent, FAKE_PER_MINUTE, OUR_BURST) == []  # all four kept to one budget together


@pytest.mark.slow
def test_a_budget_per_process_overruns_the_workspace(fake: FakeFlexie) -> None:
    statuses, sent = run(fake, "local", "")
    assert statuses.count(429) == fake.rate_limited_count > 0
    assert overruns(sent, FAKE_PER_MINUTE, OUR_BURST)  # what the check above would catch


@pytest.fixture(params=["sqlite", "redis"])
def two_limiters(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[SQLiteRateLimit | RedisRateLimit, SQLiteRateLimit | RedisRateLimit]]:
    """Two limiters on one store, as two processes would have."""
    if request.param == "sqlite":
        path = tmp_path / "budget.sqlite"
        pair = SQLiteRateLimit(path, 6000, 10), SQLiteRateLimit(path, 6000, 10)
    else:
        url = request.getfixturevalue("redis_url")
        request.getfixturevalue("redis_client")
        pair = RedisRateLimit(url, 6000, 10), RedisRateLimit(url, 6000, 10)
    yield pair
    for limiter in pair:
        limiter.close()


def test_a_retry_after_holds_the_other_processes_too(two_limiters: tuple[SQLiteRateLimit, SQLiteRateLimit]) -> None:
    told, other = two_limiters
    told.observe(429, {"Retry-After": "1"})
    started = time.monotonic()
    other.acquire()
    assert time.monotonic() - started >= 0.9
    assert other.budget is None  # what the server said went to the other one


def test_separate_keys_are_separate_budgets(redis_url: str, redis_client: redis.Redis) -> None:
    first = RedisRateLimit(redis_url, 60, 1, key="workspace-a")
    second = RedisRateLimit(redis_url, 60, 1, key="workspace-b")
    started = time.monotonic()
    first.acquire()
    second.acquire()
    assert time.monotonic() - started < 0.5
    assert redis_client.exists("workspace-a")
    assert redis_client.exists("workspace-b")


def test_an_unreachable_redis_is_a_store_error_without_the_password() -> None:
    limiter = RedisRateLimit(f"redis://:hunter2@127.0.0.1:{free_port()}/0", 60)
    assert "hunter2" not in repr(limiter)
    with pytest.raises(RateLimitStoreError) as caught:
        limiter.acquire()
    assert isinstance(caught.value, flexie.FlexieError)
    assert "hunter2" not in str(caught.value)
    assert "ConnectionError" in str(caught.value)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("http://127.0.0.1:6379", "not a Redis URL"),
        (42, "redis must be a URL or a redis.Redis client"),
    ],
)
def test_a_bad_redis_is_a_configuration_error(target: object, message: str) -> None:
    with pytest.raises(flexie.ConfigurationError, match=message):
        RedisRateLimit(target, 60)


def test_an_empty_key_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(flexie.ConfigurationError, match="key must be a non-empty string"):
        SQLiteRateLimit(tmp_path / "budget.sqlite", 60, key="")


def test_an_unusable_sqlite_path_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(flexie.ConfigurationError, match=r"cannot use .* for a rate limit"):
        SQLiteRateLimit(tmp_path / "no-such-dir" / "budget.sqlite", 60)


@pytest.mark.parametrize(
    ("missing", "build", "extra"),
    [
        ("pyrate_limiter", lambda path: SQLiteRateLimit(path, 60), "sqlite"),
        ("pyrate_limiter", lambda path: RedisRateLimit("redis://127.0.0.1", 60), "redis"),
        ("redis", lambda path: RedisRateLimit("redis://127.0.0.1", 60), "redis"),
    ],
)
def test_a_missing_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, missing: str, build: object, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # `import` of it now raises ImportError
    with pytest.raises(flexie.ConfigurationError, match=rf"pip install 'flexie\[{extra}\]'"):
        build(tmp_path / "budget.sqlite")  # type: ignore[operator]
