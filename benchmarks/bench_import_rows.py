"""Import rows: ``import_records(client.contacts, "contacts.csv", upsert_by="email", concurrency=8)`` of
5,000 CSV rows against a server that takes 50 ms per request.

A ``FakeFlexie(process=True)`` gets 50 ms of latency injected into every API request
(``fake.inject("latency", latency=0.05)``) after a warm-up (the field list and one create). The import
reads a CSV of 5,000 new contacts, checks every row, then writes them: one lookup request per 100 rows
(``F("email").in_([...])``) and one create per row. The bound is what the requests cost at best with
8 in flight: ``requests x 50 ms / 8``, where ``requests`` is the fake's own count of the requests the
import made. The target is a wall time (``perf_counter``, the whole call: both passes, the journal, the
threads) within 1.3x of that bound. This file is unrelated to ``bench_import`` (the cost of ``import flexie``).
"""

from __future__ import annotations

import csv
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import flexie
from flexie.imports import import_records

from ._common import Row, describe, log, process_fake

NAME = "import_rows"
CONCURRENCY = 8
LIMIT = 1.3


@dataclass(frozen=True)
class Config:
    rows: int = 5000
    latency: float = 0.05
    rounds: int = 1


CONFIGS = {
    "full": Config(),
    "quick": Config(rows=1000),
    "tiny": Config(rows=40, latency=0.01),
}


def write_rows(path: Path, rows: int, tag: str) -> None:
    """A spreadsheet export of ``rows`` new contacts (UTF-8 with a byte order mark, as Excel saves it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Email", "First name", "Last name", "City", "Points", "Birthday"])
        for i in range(rows):
            writer.writerow([f"bench.{tag}.{i}@import.example", "Bench", f"Row {i}", "Lisbon", i, "1990-01-31"])


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    log(f"{cfg.rows} rows, {cfg.latency * 1000:g} ms latency, concurrency {CONCURRENCY}, {cfg.rounds} rounds")
    walls: list[float] = []
    bounds: list[float] = []
    requests: list[int] = []
    with (
        process_fake() as fake,
        tempfile.TemporaryDirectory() as scratch,
        flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key) as client,
    ):
        client.contacts.create({"email": "warm.up@import.example"})  # the field list, a connection
        fake.inject("latency", latency=cfg.latency)
        for i in range(cfg.rounds):
            source = Path(scratch) / f"contacts-{i}.csv"
            write_rows(source, cfg.rows, str(i))
            before = fake.request_count()
            start = time.perf_counter()
            report = import_records(client.contacts, source, upsert_by="email", concurrency=CONCURRENCY)
            walls.append(time.perf_counter() - start)
            requests.append(fake.request_count() - before)
            bounds.append(requests[-1] * cfg.latency / CONCURRENCY)
            if (report.created, report.rejected) != (cfg.rows, 0):
                raise RuntimeError(f"the import did not create every row: {report.summary()}")
            log(f"round {i + 1}/{cfg.rounds}: {walls[-1]:.2f} s for {requests[-1]} requests")
    ratios = sorted(w / b for w, b in zip(walls, bounds, strict=True))
    ratio = ratios[len(ratios) // 2]
    wall, bound = sorted(walls)[len(walls) // 2], sorted(bounds)[len(bounds) // 2]
    return [
        Row(
            f"import: {cfg.rows} CSV rows, upsert by email, concurrency {CONCURRENCY}, "
            f"{cfg.latency * 1000:g} ms per request",
            wall,
            bound,
            "s",
            ratio,
            f"ratio <= {LIMIT:g}",
            ratio <= LIMIT,
            [
                f"ours: wall time of import_records {describe(walls, unit='s')}; reference: the bound, requests x "
                f"{cfg.latency * 1000:g} ms / {CONCURRENCY} ({requests[0]} requests: {cfg.rows} creates, "
                f"{requests[0] - cfg.rows} lookups by 100 keys)",
                f"{cfg.rows / wall:,.0f} rows/s",
            ],
        )
    ]
