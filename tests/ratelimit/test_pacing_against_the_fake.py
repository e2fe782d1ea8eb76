"""Pacing by the fake's X-RateLimit-* headers alone keeps concurrent callers clear of 429."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import httpx
import pytest

from flexie.ratelimit import ServerPacing
from flexie.testing import FakeFlexie

WORKERS, REQUESTS = 4, 8
PER_MINUTE, BURST = 600, 10


@pytest.fixture
def fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(
        records=1, rate_limit_per_minute=PER_MINUTE, rate_limit_burst=BURST, rate_limit_headers=True
    ) as fake:
        yield fake


def read_in_threads(fake: FakeFlexie, limiter: ServerPacing | None) -> list[int]:
    statuses: list[int] = []
    with httpx.Client(base_url=fake.base_url, headers=fake.headers, trust_env=False) as http:

        def work() -> None:
            for _ in range(REQUESTS):
                if limiter is not None:
                    limiter.acquire()
                response = http.get("/contacts", params={"limit": 1})
                if limiter is not None:
                    limiter.observe(response.status_code, response.headers)
                statuses.append(response.status_code)

        threads = [threading.Thread(target=work) for _ in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return statuses


def test_threads_paced_by_the_headers_stay_clear_of_429(fake: FakeFlexie) -> None:
    limiter = ServerPacing()
    statuses = read_in_threads(fake, limiter)
    assert len(statuses) == WORKERS * REQUESTS
    assert fake.rate_limited_count <= 1  # 0 in practice; one is tolerated for a very late thread
    assert limiter.budget is not None
    assert limiter.budget.limit == PER_MINUTE


def test_without_pacing_the_same_threads_get_429(fake: FakeFlexie) -> None:
    statuses = read_in_threads(fake, None)
    assert statuses.count(429) == fake.rate_limited_count >= WORKERS * REQUESTS - BURST - 10


def test_tasks_paced_by_the_headers_stay_clear_of_429(fake: FakeFlexie) -> None:
    limiter = ServerPacing()

    async def main() -> list[int]:
        async with httpx.AsyncClient(base_url=fake.base_url, headers=fake.headers, trust_env=False) as http:

            async def work() -> list[int]:
                statuses = []
                for _ in range(REQUESTS):
                    await limiter.acquire_async()
                    response = await http.get("/contacts", params={"limit": 1})
                    limiter.observe(response.status_code, response.headers)
                    statuses.append(response.status_code)
                return statuses

            results = await asyncio.gather(*(work() for _ in range(WORKERS)))
        return [status for statuses in results for status in statuses]

    statuses = asyncio.run(main())
    assert len(statuses) == WORKERS * REQUESTS
    assert fake.rate_limited_count <= 1
