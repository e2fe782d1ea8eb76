"""Throughput of the fake Flexie server, measured over loopback from another process.

Starts FakeFlexie(process=True) (the server in its own process, so this process's CPU is the
client's), seeds 100,000 contacts, then drives it at a fixed concurrency with two clients:

- `loadgen`: a minimal asyncio HTTP/1.1 keep-alive client (a few microseconds per request), so
  the number is the server's capacity. This is the number the 1,000/s floor applies to.
- `httpx`: httpx.AsyncClient, what a Python client sees. On a 2-core machine httpx itself is
  the bottleneck (its pure-Python HTTP stack costs ~2 ms of client CPU per request), so this row
  measures httpx more than the server; it is printed for comparison.

Scenarios: GET /contacts/{id} (random ids), GET /contacts?limit=100 (random offsets), and the
client's keyset page (POST /contacts, one `id gt` filter, ordered by id, 100 records).

Prints a table and exits 1 if GET-by-id (loadgen) is under 1,000 requests/second.

    .venv/bin/python benchmarks/bench_fake_server.py [--seconds 4] [--concurrency 12] [--records 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections.abc import Callable

import httpx

from flexie.testing import FakeFlexie

MINIMUM_GET_PER_SECOND = 1000.0
# A request as (method, path with query, JSON body or None), drawn from a seeded generator.
Scenario = Callable[[random.Random], tuple[str, str, object]]


def scenarios(records: int) -> dict[str, tuple[Scenario, int]]:
    """name -> (request maker, records per response)."""

    def get_by_id(rng: random.Random) -> tuple[str, str, object]:
        return "GET", f"/api/contacts/{rng.randint(1, records)}", None

    def page_of_100(rng: random.Random) -> tuple[str, str, object]:
        return "GET", f"/api/contacts?limit=100&start={rng.randrange(0, records - 100)}", None

    def keyset_page(rng: random.Random) -> tuple[str, str, object]:
        last = rng.randrange(0, records - 100)
        body = {
            "filters": [{"type": "number", "alias": "id", "value": {"operator": "gt", "input": last}}],
            "limit": 100,
            "orderBy": "id",
            "orderByDir": "ASC",
        }
        return "POST", "/api/contacts", body

    return {
        "GET /contacts/{id}": (get_by_id, 1),
        "GET /contacts?limit=100": (page_of_100, 100),
        "POST /contacts (keyset page)": (keyset_page, 100),
    }


async def loadgen(port: int, api_key: str, make: Scenario, seconds: float, concurrency: int) -> tuple[int, int]:
    """(ok, failed) responses in `seconds` from `concurrency` keep-alive connections."""
    ok = failed = 0
    deadline = time.perf_counter() + seconds

    async def connection(seed: int) -> None:
        nonlocal ok, failed
        rng = random.Random(seed)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                method, path, body = make(rng)
                payload = b"" if body is None else json.dumps(body).encode()
                head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: {api_key}\r\n"
                if payload:
                    head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                writer.write(head.encode() + b"\r\n" + payload)
                response_head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in response_head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                if response_head.startswith(b"HTTP/1.1 200"):
                    ok += 1
                else:
                    failed += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection(n) for n in range(concurrency)))
    return ok, failed


async def with_httpx(base_url: str, api_key: str, make: Scenario, seconds: float, concurrency: int) -> tuple[int, int]:
    ok = failed = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base_url, headers={"apikey": api_key}, limits=limits, trust_env=False, timeout=30.0
    ) as client:

        async def worker(seed: int) -> None:
            nonlocal ok, failed
            rng = random.Random(seed)
            while time.perf_counter() < deadline:
                method, path, body = make(rng)
                response = await client.request(method, path, json=body)
                if response.status_code == 200:
                    ok += 1
                else:
                    failed += 1

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return ok, failed


def main() -> int:
    parser = argparse.ArgumentParser(description="Throughput of the fake Flexie server.")
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of each measurement")
    parser.add_argument("--concurrency", type=int, default=12, help="requests in flight")
    parser.add_argument("--records", type=int, default=100_000, help="contacts to seed")
    args = parser.parse_args()

    with FakeFlexie(process=True, seed=1) as fake:
        started = time.perf_counter()
        fake.seed(contacts=args.records)
        print(f"seeded {args.records:,} contacts server-side in {time.perf_counter() - started:.2f} s")
        print(f"concurrency {args.concurrency}, {args.seconds:g} s per row; server in pid-separate process\n")
        print(f"{'scenario':<30} {'client':<8} {'requests/s':>11} {'records/s':>11} {'errors':>7}")
        rates: dict[tuple[str, str], float] = {}
        for name, (make, per_response) in scenarios(args.records).items():
            for client in ("loadgen", "httpx"):
                if client == "loadgen":
                    asyncio.run(loadgen(fake.port, fake.api_key, make, 0.5, args.concurrency))
                    ok, failed = asyncio.run(loadgen(fake.port, fake.api_key, make, args.seconds, args.concurrency))
                else:
                    ok, failed = asyncio.run(with_httpx(fake.url, fake.api_key, make, args.seconds, args.concurrency))
                rate = ok / args.seconds
                rates[(name, client)] = rate
                print(f"{name:<30} {client:<8} {rate:>11,.0f} {rate * per_response:>11,.0f} {failed:>7}")
    get_rate = rates[("GET /contacts/{id}", "loadgen")]
    print()
    if get_rate < MINIMUM_GET_PER_SECOND:
        print(f"FAIL: GET by id at {get_rate:,.0f}/s is under {MINIMUM_GET_PER_SECOND:,.0f}/s")
        return 1
    print(f"OK: GET by id at {get_rate:,.0f}/s (floor {MINIMUM_GET_PER_SECOND:,.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
