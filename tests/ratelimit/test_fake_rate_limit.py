"""The fake's rate limit: a burst, X-RateLimit-* headers on request, and a count of its 429s."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from flexie.testing import FakeFlexie
from flexie.testing.server import FakeFlexieError


@pytest.fixture(scope="module")
def module_fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(records=3) as fake:
        yield fake


@pytest.fixture
def fake(module_fake: FakeFlexie) -> FakeFlexie:
    module_fake.reset()
    return module_fake


@pytest.fixture
def http(fake: FakeFlexie) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fake.base_url, headers=fake.headers, trust_env=False) as client:
        yield client


def rate_headers(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if "ratelimit" in name or name == "retry-after"}


def test_a_burst_then_429_counted(fake: FakeFlexie, http: httpx.Client) -> None:
    fake.set_rate_limit(60, burst=3)
    statuses = [http.get("/contacts").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert fake.rate_limited_count == 2
    fake.inject(429, times=1)  # an injected 429 is a fault, not the rate limit's
    assert http.get("/contacts").status_code == 429
    assert fake.rate_limited_count == 2
    assert fake.fault_counts == {"429": 1}
    fake.reset()
    assert fake.rate_limited_count == 0


def test_no_rate_headers_unless_asked(fake: FakeFlexie, http: httpx.Client) -> None:
    fake.set_rate_limit(60, burst=1)
    assert rate_headers(http.get("/contacts")) == {}
    assert rate_headers(http.get("/contacts")) == {"retry-after": "1"}


def test_rate_headers_state_the_bucket(fake: FakeFlexie, http: httpx.Client) -> None:
    fake.set_rate_limit(60, burst=3, headers=True)
    answers = [http.get("/contacts") for _ in range(4)]
    assert [rate_headers(a)["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert {rate_headers(a)["x-ratelimit-limit"] for a in answers} == {"60"}
    assert [rate_headers(a)["x-ratelimit-reset"] for a in answers[:3]] == ["1", "2", "3"]  # seconds until full
    assert answers[3].status_code == 429
    assert answers[3].headers["retry-after"] == "1"
    fake.set_rate_limit(120)  # a full bucket again; headers stay on unless told otherwise
    missing = http.get("/contacts/999999")
    assert missing.status_code == 404
    assert missing.headers["x-ratelimit-remaining"] == "119"  # past the limiter: a 404 states it too
    fake.set_rate_limit(120, headers=False)
    assert "x-ratelimit-remaining" not in http.get("/contacts").headers


def test_unauthenticated_answers_state_nothing(fake: FakeFlexie) -> None:
    fake.set_rate_limit(60, headers=True)
    with httpx.Client(base_url=fake.base_url, trust_env=False) as anonymous:
        assert "x-ratelimit-limit" not in anonymous.get("/contacts").headers


@pytest.mark.parametrize("burst", [0, -1, 2.5, True])
def test_a_bad_burst_is_refused(fake: FakeFlexie, burst: object) -> None:
    with pytest.raises(FakeFlexieError, match="burst must be a whole number"):
        fake.set_rate_limit(60, burst=burst)  # type: ignore[arg-type]


@pytest.mark.slow
def test_process_mode_takes_the_burst_and_headers() -> None:
    limit = {"rate_limit_per_minute": 60, "rate_limit_burst": 2, "rate_limit_headers": True}
    with (
        FakeFlexie(records=1, process=True, **limit) as fake,  # type: ignore[arg-type]
        httpx.Client(base_url=fake.base_url, headers=fake.headers, trust_env=False) as http,
    ):
        answers = [http.get("/contacts") for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[0].headers["x-ratelimit-remaining"] == "1"
        assert fake.rate_limited_count == 1
