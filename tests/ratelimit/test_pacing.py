"""The pacer: spacing from Remaining/Reset, holds from Retry-After and an exhausted budget."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from flexie._pacing import Pacer
from flexie.ratelimit import RateLimit, ServerPacing


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_no_headers_no_pacing(clock: Clock) -> None:
    pacer = Pacer(clock)
    assert pacer.observe(200, {"Content-Type": "application/json"}) is None
    assert [pacer.reserve() for _ in range(5)] == [0.0] * 5
    assert pacer.budget is None


def test_remaining_requests_are_spread_over_the_time_to_reset(clock: Clock) -> None:
    pacer = Pacer(clock)
    pacer.observe(200, {"X-RateLimit-Remaining": "10", "X-RateLimit-Reset": "5"})
    waits = [pacer.reserve() for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.5, 1.0, 1.5], abs=0.01)
    assert pacer.budget is not None
    assert pacer.budget.remaining == 10


def test_a_shrinking_budget_slows_down_before_any_429(clock: Clock) -> None:
    gaps = []
    for remaining in (50, 20, 5, 2):
        pacer = Pacer(clock)
        pacer.observe(200, {"X-RateLimit-Remaining": str(remaining), "X-RateLimit-Reset": "10"})
        gaps.append(-pacer.reserve() + pacer.reserve())
    assert gaps == pytest.approx([0.2, 0.5, 2.0, 5.0], abs=0.02)


def test_retry_after_on_429_holds_every_caller(clock: Clock) -> None:
    pacer = Pacer(clock)
    pacer.observe(429, {"Retry-After": "3"})
    assert [pacer.reserve() for _ in range(3)] == pytest.approx([3.0, 3.0, 3.0])
    assert pacer.held_for() == pytest.approx(3.0)
    clock.now += 3
    assert pacer.reserve() == 0.0
    assert pacer.held_for() == 0.0


def test_retry_after_on_a_success_is_not_a_hold(clock: Clock) -> None:
    pacer = Pacer(clock)
    pacer.observe(200, {"Retry-After": "3"})
    assert pacer.reserve() == 0.0


def test_an_exhausted_budget_holds_until_the_reset(clock: Clock) -> None:
    pacer = Pacer(clock)
    pacer.observe(200, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4"})
    assert pacer.reserve() == pytest.approx(4.0, abs=0.05)


def test_the_spacing_lapses_at_the_reset(clock: Clock) -> None:
    pacer = Pacer(clock)
    pacer.observe(200, {"X-RateLimit-Remaining": "2", "X-RateLimit-Reset": "2"})
    assert pacer.reserve() == 0.0
    clock.now += 2.5  # the stated window is over and nothing new was said
    assert [pacer.reserve(), pacer.reserve()] == [0.0, 0.0]


def test_server_pacing_is_a_rate_limit() -> None:
    assert isinstance(ServerPacing(), RateLimit)
    assert repr(ServerPacing()) == "ServerPacing()"


def test_a_hold_stops_every_thread() -> None:
    limiter = ServerPacing()
    limiter.observe(429, {"Retry-After": "0.3"})
    started = time.monotonic()
    waited: list[float] = []

    def acquire() -> None:
        limiter.acquire()
        waited.append(time.monotonic() - started)

    threads = [threading.Thread(target=acquire) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(waited) == 4
    assert min(waited) >= 0.28


def test_a_hold_learned_while_waiting_still_holds() -> None:
    limiter = ServerPacing()
    limiter.observe(200, {"X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "1"})
    limiter.acquire()  # books the next slot a second from now
    timer = threading.Timer(0.1, limiter.observe, args=(429, {"Retry-After": "1.5"}))
    started = time.monotonic()
    timer.start()
    limiter.acquire()
    timer.join()
    assert time.monotonic() - started >= 1.45  # not 1.0, when the slot it had booked came
    assert limiter.budget is not None
    assert limiter.budget.retry_after == 1.5


def test_acquire_async_waits_without_blocking_the_loop() -> None:
    limiter = ServerPacing()
    limiter.observe(503, {"Retry-After": "0.3"})

    async def main() -> tuple[int, float]:
        ticks = 0
        done = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        started = time.monotonic()
        await asyncio.gather(limiter.acquire_async(), limiter.acquire_async())
        waited = time.monotonic() - started
        done.set()
        await task
        return ticks, waited

    ticks, waited = asyncio.run(main())
    assert waited >= 0.28
    assert ticks >= 10
