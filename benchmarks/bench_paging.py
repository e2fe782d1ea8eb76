"""Concurrent paging: 10,000 records at 100 ms per request, eight pages in flight, against the bound.

A ``FakeFlexie(process=True)`` seeded with ``records`` contacts answers every API request after
``latency`` seconds (``fake.inject("latency", ...)``). ``client.contacts.list(concurrency=8)`` and
``client.contacts.filter(concurrency=8)`` are iterated to the end; each run checks that every
record came exactly once and in the order a sequential iteration gives. Wall time (perf_counter);
rounds alternate the order; medians.

The bound is what latency alone allows: ``pages x latency / concurrency`` (pages = records /
page size). ``list()`` needs the first page before it can fan out, and ``filter()`` also asks for
the highest id beside it and reads segments that hold a little under a page each, so both sit a
little above the bound; the targets are 1.25x and 1.5x of it. One sequential ``list()`` is
timed for comparison (informational).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

import flexie

from ._common import Row, describe, log, process_fake

NAME = "paging"
LIST_LIMIT = 1.25
FILTER_LIMIT = 1.5


@dataclass(frozen=True)
class Config:
    records: int = 10_000
    page_size: int = 100
    latency: float = 0.1
    concurrency: int = 8
    rounds: int = 3


CONFIGS = {
    "full": Config(),
    "quick": Config(records=4_000, rounds=1),
    "tiny": Config(records=300, latency=0.01, rounds=1),
}


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    bound = cfg.records / cfg.page_size * cfg.latency / cfg.concurrency
    times: dict[str, list[float]] = {"list": [], "filter": []}
    log(f"seeding {cfg.records:,} contacts in a process-mode fake")
    with process_fake(contacts=cfg.records) as fake:
        client = flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key)
        with client:
            expected = {
                "list": [r.id for r in client.contacts.list(page_size=cfg.page_size)],
                "filter": [r.id for r in client.contacts.filter(page_size=cfg.page_size)],
            }
            fake.inject("latency", latency=cfg.latency)

            def iterate(name: str) -> float:
                pager: Any = getattr(client.contacts, name)(page_size=cfg.page_size, concurrency=cfg.concurrency)
                start = time.perf_counter()
                ids = [r.id for r in pager]
                elapsed = time.perf_counter() - start
                if ids != expected[name]:
                    raise AssertionError(
                        f"{name}(concurrency={cfg.concurrency}) did not give every record once, in order"
                    )
                return elapsed

            for i in range(cfg.rounds):
                log(f"round {i + 1}/{cfg.rounds}: list() and filter() at concurrency {cfg.concurrency}")
                for name in ("list", "filter") if i % 2 == 0 else ("filter", "list"):
                    times[name].append(iterate(name))
            start = time.perf_counter()
            sequential = sum(1 for _ in client.contacts.list(page_size=cfg.page_size))
            sequential_time = time.perf_counter() - start
            if sequential != cfg.records:
                raise AssertionError(f"a sequential list() gave {sequential} records")

    rows = []
    for name, limit in (("list", LIST_LIMIT), ("filter", FILTER_LIMIT)):
        ours = statistics.median(times[name])
        ratio = ours / bound
        rows.append(
            Row(
                f"paging: `contacts.{name}(concurrency={cfg.concurrency})`, {cfg.records:,} records at "
                f"{cfg.latency * 1000:g} ms/request vs pages x latency / {cfg.concurrency}",
                ours,
                bound,
                "s",
                ratio,
                f"ratio <= {limit:g}",
                ratio <= limit,
                [
                    f"wall time: {describe(times[name], 1, 's')}; every record once, in sequential order",
                    f"(info) one sequential list(): {sequential_time:.2f} s",
                ],
            )
        )
    return rows
