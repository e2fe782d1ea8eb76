"""A real redis-server for the tests of the shared rate limits, started here on a free port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from benchmarks._redis import redis_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """``redis://127.0.0.1:<port>/0`` of a redis-server of its own (no persistence), stopped after the session."""
    try:
        with redis_server() as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    """A client of the session's redis-server, emptied before each test."""
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()
