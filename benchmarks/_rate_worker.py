"""One process of a run that shares a rate-limit budget: ``python -m benchmarks._rate_worker ...``.

It builds its own limiter (local, or on a SQLite file or Redis shared with the other workers),
waits until ``--start-at`` (Unix time) so that every worker starts together, then sends
``--requests`` GETs through a ``flexie.Flexie(rate_limit=limiter, max_retries=0)`` client, so
every request waits for the budget and every answer is shown to the limiter, as in an
application; with no retries, each 429 is counted as it came. An httpx event hook notes when
each request leaves. It prints one JSON line: the statuses, the seconds it took and when each
request was sent. The API key comes from the FLEXIE_API_KEY environment variable, never from
the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

import flexie
from flexie.ratelimit import LocalRateLimit, RateLimit, RedisRateLimit, SQLiteRateLimit

ROOT = Path(__file__).resolve().parent.parent


def build(kind: str, target: str, per_minute: float, burst: int) -> RateLimit:
    if kind == "local":
        return LocalRateLimit(per_minute, burst)
    if kind == "sqlite":
        return SQLiteRateLimit(target, per_minute, burst)
    if kind == "redis":
        return RedisRateLimit(target, per_minute, burst)
    raise SystemExit(f"unknown limiter {kind!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks._rate_worker")
    parser.add_argument("--limiter", choices=["local", "sqlite", "redis"], required=True)
    parser.add_argument("--target", default="", help="the SQLite file or the Redis URL")
    parser.add_argument("--per-minute", type=float, required=True)
    parser.add_argument("--burst", type=int, default=1)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--requests", type=int, required=True)
    parser.add_argument("--start-at", type=float, default=0.0)
    args = parser.parse_args(argv)
    limiter = build(args.limiter, args.target, args.per_minute, args.burst)
    statuses: list[int] = []
    sent: list[float] = []  # Unix time of each request, as it left
    http = httpx.Client(event_hooks={"request": [lambda request: sent.append(time.time())]}, timeout=60)
    client = flexie.Flexie(
        base_url=args.base_url, rate_limit=limiter, max_retries=0, validate_fields=False, http_client=http
    )
    with http, client:
        time.sleep(max(0.0, args.start_at - time.time()))
        started = time.perf_counter()
        for number in range(args.requests):
            try:
                client.request("GET", "/contacts", params={"limit": 1, "start": number})
                statuses.append(200)
            except flexie.APIStatusError as error:
                statuses.append(error.status_code)
        elapsed = time.perf_counter() - started
    print(json.dumps({"statuses": statuses, "seconds": elapsed, "sent": sent}), flush=True)
    return 0


def run_workers(
    processes: int,
    *,
    limiter: str,
    target: str,
    per_minute: float,
    burst: int,
    base_url: str,
    api_key: str,
    requests: int,
    lead_time: float = 3.0,
) -> list[dict[str, Any]]:
    """Start ``processes`` workers together; their results (statuses, seconds, sent), in order.

    The workers start ``lead_time`` seconds from now (enough to import flexie and connect).
    """
    start_at = time.time() + lead_time
    command = [
        sys.executable, "-m", "benchmarks._rate_worker", "--limiter", limiter, "--target", target,
        "--per-minute", str(per_minute), "--burst", str(burst), "--base-url", base_url,
        "--requests", str(requests), "--start-at", str(start_at),
    ]  # fmt: skip
    env = {**os.environ, "FLEXIE_API_KEY": api_key}
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        if worker.returncode != 0:
            raise RuntimeError(f"a worker failed ({worker.returncode}): {err[-2000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


if __name__ == "__main__":
    sys.exit(main())
