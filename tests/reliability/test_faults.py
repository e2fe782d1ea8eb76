"""Under 20% injected faults, records arrive exactly once and in order, or a typed error says why.

The fake injects, seeded and counted: 429 with and without Retry-After, 500/502/503, dropped
connections, latency beyond the client's timeout, truncated and malformed JSON.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

import flexie
from flexie.testing import FakeFlexie

N = 10_000
KINDS: list[tuple[Any, dict[str, Any]]] = [
    (429, {}),
    (429, {"retry_after": 1}),
    (500, {}),
    (502, {}),
    (503, {}),
    ("drop", {}),
    ("latency", {"latency": 1.5}),  # beyond the 0.5 s read timeout below
    ("truncate", {}),
    ("malformed", {}),
]
RATE = 0.20 / len(KINDS)  # about one request in five gets a fault


def inject_faults(fake: FakeFlexie, operation_id: str, seed: int) -> None:
    fake.clear_faults()
    for kind, extra in KINDS:
        fake.inject(kind, operation_id=operation_id, probability=RATE, seed=seed, **extra)


def resilient(fake: FakeFlexie, **kwargs: Any) -> dict[str, Any]:
    return {
        "base_url": fake.base_url, "api_key": fake.api_key, "timeout": 0.5, "backoff": (0.01, 0.05),
        "max_retries": 8, **kwargs,
    }  # fmt: skip


@pytest.fixture(scope="module")
def big_fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(process=True, seed=7) as fake:
        fake.seed(7, contacts=N)
        yield fake


@pytest.mark.parametrize(("method", "operation_id"), [("list", "listContacts"), ("filter", "listContactsFiltered")])
def test_every_record_exactly_once_and_in_order(big_fake: FakeFlexie, method: str, operation_id: str) -> None:
    inject_faults(big_fake, operation_id, seed=11)
    with flexie.Flexie(**resilient(big_fake)) as client:
        ids = [r.id for r in getattr(client.contacts, method)(page_size=100)]
    assert ids == list(range(1, N + 1))
    counts = big_fake.fault_counts
    assert sum(counts.values()) >= 10, counts  # faults really happened...
    assert len(counts) >= 6, counts  # ...of most kinds


def test_async_iteration_under_faults(big_fake: FakeFlexie) -> None:
    inject_faults(big_fake, "listContactsFiltered", seed=12)

    async def scenario() -> list[int | None]:
        async with flexie.AsyncFlexie(**resilient(big_fake)) as client:
            return [r.id async for r in client.contacts.filter(page_size=100)]

    assert asyncio.run(scenario()) == list(range(1, N + 1))
    assert sum(big_fake.fault_counts.values()) >= 10


@pytest.mark.parametrize("method", ["list", "filter"])
def test_never_a_silent_short_result(big_fake: FakeFlexie, method: str) -> None:
    """With almost no retries, iteration fails loudly, after a correct prefix."""
    inject_faults(big_fake, "listContacts" if method == "list" else "listContactsFiltered", seed=13)
    delivered: list[int | None] = []
    outcome: BaseException | None = None
    with flexie.Flexie(**resilient(big_fake, max_retries=0)) as client:
        try:
            for record in getattr(client.contacts, method)(page_size=100):
                delivered.append(record.id)
        except flexie.FlexieError as exc:
            outcome = exc
    assert delivered == list(range(1, len(delivered) + 1))  # in order, no gap, no repeat
    assert outcome is not None, "20% faults and no retries, yet no error: something was swallowed"
    assert len(delivered) < N


def test_create_many_under_faults_never_duplicates(big_fake: FakeFlexie) -> None:
    big_fake.clear_faults()
    for kind, extra in KINDS:
        phase = {"phase": "after"} if kind in (500, 502) else {}
        big_fake.inject(kind, operation_id="createContact", probability=RATE, seed=21, **extra, **phase)
    rows = [{"first_name": "Bulk", "email": f"bulk{i}@faults.example"} for i in range(1000)]
    with flexie.Flexie(**resilient(big_fake, validate_fields=False)) as client:
        result = client.contacts.create_many(rows, concurrency=8)
        big_fake.clear_faults()
        stored = [
            r["email"] for r in client.contacts.filter(flexie.F("email").ends_with("@faults.example"), page_size=100)
        ]
    assert len(result) == 1000
    indexes = sorted([s.index for s in result.succeeded] + [f.index for f in result.failed])
    assert indexes == list(range(1000)), "every record is in exactly one of successful and failed"
    assert len(stored) == len(set(stored)), "a record was created twice"
    assert {r["email"] for r in result.successful} <= set(stored)
    assert result.failed, "with faults after processing, some creates cannot be confirmed"
    for failure in result.failed:
        assert isinstance(failure.error, flexie.APIError)
    assert big_fake.request_count(operation_id="createContact") >= 1000
