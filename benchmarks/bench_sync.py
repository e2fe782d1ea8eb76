"""Sync: ``flexie.dlt_sync.sync`` of 20,000 records (4,000 of each of the five entities) into a new
DuckDB file, the entities side by side (``parallel=True``, dlt's threads) and one after another.

A ``FakeFlexie(process=True)`` holds the records, with ``latency`` seconds injected into every API
request (a remote workspace: 50 ms by default). Each round syncs into a fresh file twice, once each
way (alternating which goes first), and records the wall time (``perf_counter``) and this process's
peak resident memory during the run (:class:`PeakRSS`: growth over the RSS at the start), after a
warm-up sync of one entity has imported dlt and DuckDB and fetched the field lists. A no-op
run afterwards (nothing changed) shows what an incremental run costs when there is nothing to do.

Within one entity the changes scan is sequential (each page starts where the previous ended), so
the parallel figure is bounded by the five entities. TODO(concurrency): when ``filter()`` gets
``concurrency=``, a first full load (no cursor) can page by id concurrently and start the changes
cursor at the newest ``date_modified`` read before it; add that figure here as a third column.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import flexie

from ._common import PeakRSS, Row, cpu_seconds, describe, log, ratio_row

NAME = "sync"
ENTITIES = ("contacts", "leads", "accounts", "deals", "cases")


@dataclass(frozen=True)
class Config:
    per_entity: int = 4_000
    latency: float = 0.05
    rounds: int = 2


CONFIGS = {
    "full": Config(),
    "quick": Config(per_entity=1_000, rounds=1),
    "tiny": Config(per_entity=60, latency=0.0, rounds=1),
}


def _run_once(client: flexie.Flexie, workdir: Path, label: str, *, parallel: bool) -> tuple[float, float, int, Any]:
    """(wall seconds, CPU seconds of this process, peak RSS growth in bytes, the sync's result)."""
    from flexie.dlt_sync import sync

    database = workdir / f"{label}.duckdb"
    with PeakRSS() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        result = sync(client, duckdb_file=database, parallel=parallel)
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return elapsed, cpu, memory.growth, result


def run(config: Config | str = "full") -> list[Row]:
    from flexie.dlt_sync import sync
    from flexie.testing import FakeFlexie

    cfg = CONFIGS[config] if isinstance(config, str) else config
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    total = cfg.per_entity * len(ENTITIES)
    log(f"{total:,} records ({cfg.per_entity:,} x {len(ENTITIES)} entities), {cfg.latency * 1000:g} ms latency")
    times: dict[str, list[float]] = {"parallel": [], "sequential": []}
    memory: dict[str, list[float]] = {"parallel": [], "sequential": []}
    cpu: dict[str, list[float]] = {"parallel": [], "sequential": []}
    noop: list[float] = []
    with FakeFlexie(process=True, seed=1) as fake, tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        fake.seed(**dict.fromkeys(ENTITIES, cfg.per_entity))
        with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client:
            sync(client, ["contacts"], duckdb_file=Path(tmp) / "warm-up.duckdb")  # imports and field lists
            if cfg.latency:
                fake.inject("latency", latency=cfg.latency)
            for i in range(cfg.rounds):
                order = ["parallel", "sequential"] if i % 2 == 0 else ["sequential", "parallel"]
                for how in order:
                    elapsed, used, growth, result = _run_once(
                        client, Path(tmp), f"{how}{i}", parallel=how == "parallel"
                    )
                    loaded = sum(result.changed.values())
                    if loaded != total:
                        raise RuntimeError(f"the {how} sync loaded {loaded} records, not {total}")
                    times[how].append(elapsed)
                    cpu[how].append(used)
                    memory[how].append(growth / 2**20)
                    log(f"round {i + 1}: {how} {elapsed:.2f} s (CPU {used:.2f} s), peak RSS +{growth / 2**20:.0f} MiB")
                start = time.perf_counter()
                sync(client, duckdb_file=Path(tmp) / f"{order[-1]}{i}.duckdb")
                noop.append(time.perf_counter() - start)
    setting = f"{cfg.latency * 1000:g} ms injected latency per request; a new DuckDB file each run"
    return [
        ratio_row(
            f"sync: {total:,} records into DuckDB, 5 entities side by side vs one after another",
            times["parallel"],
            times["sequential"],
            "s",
            None,
            speedup=True,
            notes=[
                f"wall time; {setting}; ours = parallel, reference = sequential; ratio = speedup",
                f"CPU of this process (client, dlt, DuckDB): parallel {describe(cpu['parallel'], unit='s')}, "
                f"sequential {describe(cpu['sequential'], unit='s')}",
                f"latency bound of the requests: about {(total // 100 + 2 * len(ENTITIES)) * cfg.latency:.1f} s "
                f"one after another, a fifth of that side by side",
            ],
        ),
        Row(
            f"sync: peak RSS growth during the {total:,}-record sync",
            statistics.median(memory["parallel"]),
            statistics.median(memory["sequential"]),
            "MiB",
            None,
            "-",
            None,
            [
                f"parallel {describe(memory['parallel'], unit='MiB')}",
                f"sequential {describe(memory['sequential'], unit='MiB')}",
                "this process's peak RSS over its RSS at the start of the run (dlt, DuckDB and the client)",
            ],
        ),
        Row(
            "sync: an incremental run with nothing changed (5 entities)",
            statistics.median(noop),
            None,
            "s",
            None,
            "-",
            None,
            [f"wall time; {describe(noop, unit='s')}; one request per entity, plus dlt's start and commit"],
        ),
    ]
