"""Per-request cost: ``client.contacts.get(id)`` vs a plain ``httpx.Client().get(...).json()``.

Both talk to the same ``FakeFlexie(process=True)`` (the server runs in its own process, so the CPU
time of this process is the client's), fetch the same ids in the same order and send the same
headers (``apikey``, ``User-Agent``, ``Accept``). The reference is an ``httpx.Client`` with its
default transport; flexie runs with its default settings (``validate_fields`` on: the contacts
field schema is fetched once, during the warm-up).

Measured: CPU time of this process (``time.process_time``: user + system, all threads) per
request, over blocks of ``block`` sequential requests, blocks of the two clients interleaved
(ABBA), warm-up excluded; the table shows the medians of the per-block figures.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass

import httpx

import flexie

from ._common import Row, cpu_seconds, flexie_headers, interleave, log, process_fake, ratio_row

NAME = "requests"
RATIO_LIMIT = 1.3


@dataclass(frozen=True)
class Config:
    contacts: int = 1000
    block: int = 200  # requests per measured block
    rounds: int = 25  # blocks of each client
    warmup: int = 300  # requests of each client before measuring


CONFIGS = {
    "full": Config(),
    "quick": Config(block=100, rounds=7, warmup=100),
    "tiny": Config(contacts=20, block=5, rounds=2, warmup=3),
}


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    with process_fake(contacts=cfg.contacts) as fake:
        client = flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key)
        raw = httpx.Client(base_url=fake.base_url, headers={"apikey": fake.api_key, **flexie_headers()})
        with client, raw:
            if dict(client.contacts.get(1).raw) != raw.get("/contacts/1").json()["contact"]:
                raise AssertionError("flexie and raw httpx disagree about contact 1")
            ids = [1 + (i * 7919) % cfg.contacts for i in range(cfg.block)]  # spread over the collection

            def ours() -> float:
                gc.collect()
                start = cpu_seconds()
                for record_id in ids:
                    client.contacts.get(record_id)
                return (cpu_seconds() - start) / len(ids)

            def reference() -> float:
                gc.collect()
                start = cpu_seconds()
                for record_id in ids:
                    raw.get(f"/contacts/{record_id}").json()
                return (cpu_seconds() - start) / len(ids)

            log(f"per-request CPU: {cfg.warmup} warm-up requests each, then {cfg.rounds} blocks of {cfg.block}")
            for i in range(cfg.warmup):
                client.contacts.get(ids[i % len(ids)])
                raw.get(f"/contacts/{ids[i % len(ids)]}").json()
            wall = time.perf_counter()
            samples = interleave({"flexie": ours, "httpx": reference}, cfg.rounds)
            wall = time.perf_counter() - wall
    requests = 2 * cfg.rounds * cfg.block
    return [
        ratio_row(
            "requests: CPU per `contacts.get(id)` vs raw httpx get+json",
            samples["flexie"],
            samples["httpx"],
            "us/req",
            RATIO_LIMIT,
            scale=1e6,
            notes=[
                f"time.process_time per request over blocks of {cfg.block}, interleaved ABBA; "
                f"{requests} requests in {wall:.1f} s wall ({wall / requests * 1e6:.0f} us/req incl. server)",
                "flexie defaults: httpx's default transport, validate_fields on (schema fetched during warm-up); "
                "reference: httpx.Client(), default transport",
            ],
        )
    ]
