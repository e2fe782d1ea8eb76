"""Concurrency: ``AsyncFlexie`` bulk calls at concurrency 8 vs the same calls one after another.

With 50 ms of latency injected into every API request of a ``FakeFlexie(process=True)``
(``fake.inject("latency", latency=0.05)``), one ``AsyncFlexie`` client fetches the same ``ids``
with ``await client.contacts.get_many(ids, concurrency=8)`` and with ``await client.contacts.get(i)``
in a loop, and creates as many contacts with ``create_many(..., concurrency=8)`` and with
``create`` in a loop. Wall time (``perf_counter``) of each; rounds alternate the order (ABBA);
medians. The ideal speedup is 8x (latency-bound); the target is 5x.

The warm-up (before the latency is injected) makes one get and one create, so imports, the
field-schema fetch and the first connection are out of the measurement.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from typing import Any

import flexie

from ._common import Row, log, process_fake, ratio_row

NAME = "concurrency"
SPEEDUP_LIMIT = 5.0
CONCURRENCY = 8


@dataclass(frozen=True)
class Config:
    records: int = 200
    latency: float = 0.05
    rounds: int = 3


CONFIGS = {
    "full": Config(),
    "quick": Config(records=48, rounds=1),
    "tiny": Config(records=8, latency=0.01, rounds=1),
}


async def _measure(cfg: Config, fake: Any) -> dict[str, list[float]]:
    ids = list(range(1, cfg.records + 1))
    serial = itertools.count(1)

    def new_contacts() -> list[dict[str, str]]:
        numbers = [next(serial) for _ in range(cfg.records)]
        return [{"first_name": "Bench", "last_name": f"Run {n}", "email": f"bench.{n}@example.com"} for n in numbers]

    async def sequential_get() -> float:
        start = time.perf_counter()
        for record_id in ids:
            await client.contacts.get(record_id)
        return time.perf_counter() - start

    async def concurrent_get() -> float:
        start = time.perf_counter()
        result = await client.contacts.get_many(ids, concurrency=CONCURRENCY)
        elapsed = time.perf_counter() - start
        result.raise_on_failure()
        return elapsed

    async def sequential_create() -> float:
        values = new_contacts()
        start = time.perf_counter()
        for one in values:
            await client.contacts.create(one)
        return time.perf_counter() - start

    async def concurrent_create() -> float:
        values = new_contacts()
        start = time.perf_counter()
        result = await client.contacts.create_many(values, concurrency=CONCURRENCY)
        elapsed = time.perf_counter() - start
        result.raise_on_failure()
        return elapsed

    pairs = {"get": (concurrent_get, sequential_get), "create": (concurrent_create, sequential_create)}
    samples: dict[str, list[float]] = {f"{kind} {how}": [] for kind in pairs for how in ("concurrent", "sequential")}
    async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=fake.api_key) as client:
        await client.contacts.get(1)
        await client.contacts.create(new_contacts()[0])
        fake.inject("latency", latency=cfg.latency)  # a blocking admin call, before anything is in flight
        for i in range(cfg.rounds):
            for kind, (concurrent, sequential) in pairs.items():
                order = [("concurrent", concurrent), ("sequential", sequential)]
                for how, measure in order if i % 2 == 0 else order[::-1]:
                    samples[f"{kind} {how}"].append(await measure())
            log(f"round {i + 1}/{cfg.rounds} done")
    return samples


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    per_round = f"{cfg.records} gets and {cfg.records} creates per round"
    log(f"{per_round}, {cfg.latency * 1000:g} ms latency, {cfg.rounds} rounds")
    with process_fake(contacts=cfg.records) as fake:
        samples = asyncio.run(_measure(cfg, fake))
    rows = []
    for kind, call in (("get", "get_many(ids, concurrency=8)"), ("create", "create_many(values, concurrency=8)")):
        rows.append(
            ratio_row(
                f"concurrency: AsyncFlexie `{call}` vs sequential {kind}s ({cfg.records} records)",
                samples[f"{kind} concurrent"],
                samples[f"{kind} sequential"],
                "s",
                SPEEDUP_LIMIT,
                speedup=True,
                notes=[
                    f"wall time; {cfg.latency * 1000:g} ms injected latency per request; "
                    f"ideal speedup {CONCURRENCY}x; ours = concurrent, reference = sequential"
                ],
            )
        )
    return rows
