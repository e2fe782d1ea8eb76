"""Streaming: iterate 100,000 records (1,000 pages of 100) with the pager.

Against a ``FakeFlexie(process=True)`` seeded with 100,000 contacts, ``client.contacts.list(page_size=100)``
(offset paging, GET) and ``client.contacts.filter(page_size=100)`` (keyset paging, POST) are iterated
to the end, counting records and keeping none.

- Memory: peak RSS growth of this process during one whole iteration, relative to its RSS just
  before (after a warm-up iteration and ``gc.collect()``). Method: on Linux, the kernel's high-water
  mark is reset by writing "5" to /proc/self/clear_refs and VmHWM is read from /proc/self/status at
  the end (exact, no sampling); elsewhere a thread samples VmRSS every 5 ms.
- CPU: ``time.process_time`` of this process per record. The reference is ``json.loads`` of the same
  pages: the 1,000 ``GET /contacts?start=..&limit=100`` bodies are fetched once with a raw httpx
  client and kept in memory. To pair the two closely in time, an iteration is consumed in chunks
  of ``chunk`` records, each followed by ``json.loads`` of the same pages, both timed the same way;
  the ratio is the median of the per-chunk ratios (robust to the machine's speed drifting).

Each round makes, per pager, one memory iteration and one chunked CPU iteration. The targets apply
to ``list()``; ``filter()`` is reported alongside against the same limits.
"""

from __future__ import annotations

import gc
import json
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import httpx

import flexie
from flexie._stdlib_transport import StdlibTransport

from ._common import PeakRSS, Row, cpu_seconds, describe, flexie_headers, log, process_fake, ratio_row

NAME = "streaming"
RSS_LIMIT_MB = 10.0
CPU_RATIO_LIMIT = 2.0


@dataclass(frozen=True)
class Config:
    records: int = 100_000
    page_size: int = 100
    chunk: int = 5_000  # records per paired CPU sample (a multiple of page_size)
    rounds: int = 3


CONFIGS = {
    "full": Config(),
    "quick": Config(records=20_000, chunk=2_000, rounds=1),
    "tiny": Config(records=500, chunk=200, rounds=1),
}


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    log(f"seeding {cfg.records:,} contacts in a process-mode fake")
    with process_fake(contacts=cfg.records) as fake:
        client = flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key)
        raw = httpx.Client(base_url=fake.base_url, headers={"apikey": fake.api_key, **flexie_headers()})
        # the leanest httpx path: flexie's own transport, no models, no records
        lean = httpx.Client(
            base_url=fake.base_url, headers={"apikey": fake.api_key, **flexie_headers()}, transport=StdlibTransport()
        )
        with client, raw, lean:
            pagers = {
                "list": lambda limit=None: client.contacts.list(page_size=cfg.page_size, limit=limit),
                "filter": lambda limit=None: client.contacts.filter(page_size=cfg.page_size, limit=limit),
            }
            for make in pagers.values():  # imports, field schema, connection, allocator warm
                sum(1 for _ in make(limit=5 * cfg.page_size))

            log(f"fetching the {cfg.records // cfg.page_size:,} reference pages with raw httpx")
            bodies = [
                raw.get("/contacts", params={"start": start, "limit": cfg.page_size}).content
                for start in range(0, cfg.records, cfg.page_size)
            ]
            page_records = sum(len(json.loads(body)["contacts"]) for body in bodies)
            if page_records != cfg.records:
                raise AssertionError(f"the reference pages hold {page_records} records, not {cfg.records}")

            cpu: dict[str, list[float]] = {
                "list": [], "filter": [], "json list": [], "json filter": [], "raw": [], "json raw": [],
            }  # fmt: skip
            whole: dict[str, list[float]] = {"list": [], "filter": []}
            growth: dict[str, list[float]] = {"list": [], "filter": []}
            probe = PeakRSS()
            per_chunk = cfg.chunk // cfg.page_size

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

            def paired(name: str) -> None:
                records: Iterator[Any] = iter(pagers[name]())
                for first in range(0, len(bodies), per_chunk):
                    pages = bodies[first : first + per_chunk]  # the last chunk may be shorter
                    expected = len(pages) * cfg.page_size
                    gc.collect()
                    start = cpu_seconds()
                    count = sum(1 for _ in islice(records, expected))
                    ours = cpu_seconds() - start
                    start = cpu_seconds()
                    for body in pages:
                        json.loads(body)
                    reference = cpu_seconds() - start
                    if count != expected:
                        raise AssertionError(f"{name}() delivered {count} records in a chunk, not {expected}")
                    cpu[name].append(ours / count)
                    cpu[f"json {name}"].append(reference / count)
                if next(records, None) is not None:
                    raise AssertionError(f"{name}() delivered more than {cfg.records} records")

            def floor(_: str) -> None:
                """Plain httpx fetching and decoding the same pages: what any httpx-based client starts from."""
                for first in range(0, len(bodies), per_chunk):
                    pages = bodies[first : first + per_chunk]
                    gc.collect()
                    start = cpu_seconds()
                    for index in range(first, first + len(pages)):
                        lean.get("/contacts", params={"start": index * cfg.page_size, "limit": cfg.page_size}).json()
                    fetched = cpu_seconds() - start
                    start = cpu_seconds()
                    for body in pages:
                        json.loads(body)
                    reference = cpu_seconds() - start
                    count = len(pages) * cfg.page_size
                    cpu["raw"].append(fetched / count)
                    cpu["json raw"].append(reference / count)

            steps: list[tuple[str, Callable[[str], None]]] = [
                ("list", memory),
                ("list", paired),
                ("filter", memory),
                ("filter", paired),
                ("raw", floor),
            ]
            for i in range(cfg.rounds):
                log(f"round {i + 1}/{cfg.rounds}: list and filter, a memory pass and a chunked CPU pass each")
                for name, step in steps if i % 2 == 0 else steps[::-1]:
                    step(name)

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
                    f"CPU per record over these whole iterations: {describe(whole[name], 1e6, 'us')}",
                ],
            )
        )
        row = ratio_row(
            f"streaming: CPU per record, `{call}` vs json.loads of the pages",
            cpu[name],
            cpu[f"json {name}"],
            "us/rec",
            CPU_RATIO_LIMIT,
            scale=1e6,
            notes=[
                f"time.process_time per record over chunks of {cfg.chunk:,} records, each paired with json.loads "
                f"of {cfg.chunk // cfg.page_size} reference pages right after it"
            ],
        )
        if not gated:
            row.target, row.passed = f"({row.target})", None
        rows.append(row)
    floor_row = ratio_row(
        "streaming: CPU per record, bare `httpx.Client.get(...).json()` over flexie's transport vs json.loads",
        cpu["raw"],
        cpu["json raw"],
        "us/rec",
        CPU_RATIO_LIMIT,
        scale=1e6,
        notes=[
            "the floor for a client built on httpx: the same pages fetched and decoded, with no generated models, "
            "no records, no pager, over flexie's http.client transport (httpx's default transport costs more: "
            "see the per-request row)"
        ],
    )
    floor_row.target, floor_row.passed = "info", None
    rows.append(floor_row)
    return rows
