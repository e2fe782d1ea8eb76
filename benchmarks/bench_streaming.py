"""Streaming: iterate 100,000 records (1,000 pages of 100) with the pager, in flat memory.

Against a ``FakeFlexie(process=True)`` seeded with 100,000 contacts, ``client.contacts.list(page_size=100)``
(offset paging, GET) and ``client.contacts.filter(page_size=100)`` (keyset paging, POST) are iterated
to the end, counting records and keeping none.

Memory: peak RSS growth of this process during one whole iteration, relative to its RSS just before
(after a warm-up iteration and ``gc.collect()``). Method: on Linux, the kernel's high-water mark is
reset by writing "5" to /proc/self/clear_refs and VmHWM is read from /proc/self/status at the end
(exact, no sampling); elsewhere a thread samples VmRSS every 5 ms. The target applies to ``list()``;
``filter()`` is reported alongside. CPU per record is noted for information only: this library is
bound by the network, and its CPU figures are guards against bloat, not goals.
"""

from __future__ import annotations

import gc
import statistics
from dataclasses import dataclass

import flexie

from ._common import PeakRSS, Row, cpu_seconds, describe, log, process_fake

NAME = "streaming"
RSS_LIMIT_MB = 10.0


@dataclass(frozen=True)
class Config:
    records: int = 100_000
    page_size: int = 100
    rounds: int = 3


CONFIGS = {
    "full": Config(),
    "quick": Config(records=20_000, rounds=1),
    "tiny": Config(records=500, rounds=1),
}


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    log(f"seeding {cfg.records:,} contacts in a process-mode fake")
    whole: dict[str, list[float]] = {"list": [], "filter": []}
    growth: dict[str, list[float]] = {"list": [], "filter": []}
    probe = PeakRSS()
    with (
        process_fake(contacts=cfg.records) as fake,
        flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client,
    ):
        pagers = {
            "list": lambda limit=None: client.contacts.list(page_size=cfg.page_size, limit=limit),
            "filter": lambda limit=None: client.contacts.filter(page_size=cfg.page_size, limit=limit),
        }
        for make in pagers.values():  # imports, field schema, connection, allocator warm
            sum(1 for _ in make(limit=5 * cfg.page_size))

        def memory(name: str) -> None:
            gc.collect()
            count = 0
            with probe:
                start = cpu_seconds()
                for _ in pagers[name]():
                    count += 1
                elapsed = cpu_seconds() - start
            if count != cfg.records:
                raise AssertionError(f"{name}() delivered {count} records, not {cfg.records}")
            whole[name].append(elapsed / count)
            growth[name].append(probe.growth / 2**20)

        for i in range(cfg.rounds):
            log(f"round {i + 1}/{cfg.rounds}: a memory pass of list() and of filter()")
            for name in ("list", "filter") if i % 2 == 0 else ("filter", "list"):
                memory(name)

    rows = []
    for name in ("list", "filter"):
        gated = name == "list"
        peak = statistics.median(growth[name])
        call = f"contacts.{name}(page_size={cfg.page_size})"
        rows.append(
            Row(
                f"streaming: peak RSS growth, `{call}` over {cfg.records:,} records",
                peak,
                None,
                "MB",
                None,
                f"<= {RSS_LIMIT_MB:g} MB" if gated else f"(<= {RSS_LIMIT_MB:g} MB)",
                peak <= RSS_LIMIT_MB if gated else None,
                [
                    f"{describe(growth[name], 1, 'MB')}; method: {probe.method}, relative to VmRSS at the start",
                    f"(info) CPU per record over these whole iterations: {describe(whole[name], 1e6, 'us')}",
                ],
            )
        )
    return rows
