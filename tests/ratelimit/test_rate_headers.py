"""parse_rate_headers and RateBudget: what a response says about the workspace's budget."""

from __future__ import annotations

import dataclasses
import time
from email.utils import formatdate

import httpx
import pytest

from flexie.ratelimit import RateBudget, parse_rate_headers


def test_limit_remaining_and_reset_in_seconds() -> None:
    headers = httpx.Headers({"X-RateLimit-Limit": "600", "X-RateLimit-Remaining": "17", "X-RateLimit-Reset": "30"})
    budget = parse_rate_headers(headers)
    assert budget is not None
    assert (budget.limit, budget.remaining, budget.retry_after) == (600, 17, None)
    assert budget.reset_at == pytest.approx(time.time() + 30, abs=1)
    assert budget.reset_in == pytest.approx(30, abs=1)


@pytest.mark.parametrize("scale", [1, 1000], ids=["unix-seconds", "unix-milliseconds"])
def test_reset_as_a_point_in_time(scale: int) -> None:
    when = time.time() + 45
    budget = parse_rate_headers({"x-ratelimit-reset": str(int(when * scale))})
    assert budget is not None
    assert budget.reset_at == pytest.approx(when, abs=1)


def test_retry_after_in_seconds_and_as_an_http_date() -> None:
    seconds = parse_rate_headers({"Retry-After": "7"})
    dated = parse_rate_headers({"Retry-After": formatdate(time.time() + 20, usegmt=True)})
    past = parse_rate_headers({"Retry-After": formatdate(time.time() - 60, usegmt=True)})
    assert seconds == RateBudget(retry_after=7.0)
    assert dated is not None
    assert dated.retry_after == pytest.approx(20, abs=1.5)
    assert past == RateBudget(retry_after=0.0)


def test_names_are_case_insensitive_and_the_draft_names_count() -> None:
    budget = parse_rate_headers({"RATELIMIT-LIMIT": "100", "ratelimit-remaining": "0", "RateLimit-Reset": "5"})
    assert budget is not None
    assert (budget.limit, budget.remaining) == (100, 0)
    assert budget.reset_in == pytest.approx(5, abs=1)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Content-Type": "application/json"},
        {"X-RateLimit-Limit": "lots", "X-RateLimit-Remaining": "-3", "Retry-After": "soon"},
        {"X-RateLimit-Reset": "nan", "Retry-After": "inf"},
    ],
)
def test_nothing_usable_is_none(headers: dict[str, str]) -> None:
    assert parse_rate_headers(headers) is None


def test_a_garbled_header_is_ignored_the_others_kept() -> None:
    budget = parse_rate_headers({"X-RateLimit-Limit": "abc", "X-RateLimit-Remaining": "4"})
    assert budget == RateBudget(remaining=4)


def test_the_budget_is_frozen() -> None:
    budget = RateBudget(limit=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        budget.limit = 2  # type: ignore[misc]
    assert RateBudget().reset_in is None
