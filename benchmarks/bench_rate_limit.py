"""Rate limits: reading at the workspace's limit, and one budget shared by several processes.

**Reading under a limit.** A ``FakeFlexie(process=True)`` with 20,000 contacts is limited to 600
requests a minute with a burst of 20 (a token bucket) and states its budget in
``X-RateLimit-Limit/-Remaining/-Reset``. The contacts are read 100 a page (200 requests), once
with :class:`flexie.ratelimit.ServerPacing` (pacing by those headers alone, no budget given) and
once with ``LocalRateLimit(600, burst=20)`` (the budget given, plus pacing). The rate bound is
the least time the fake's bucket allows for the requests that were answered:
``(answered - burst) / (600 / 60)`` seconds. Targets: within 1.15x of the bound, every record
exactly once, no error, at most 5 answers of 429.

While ``flexie.Flexie`` does not take ``rate_limit=`` yet, the read drives the limiter by hand
with plain httpx (``acquire()``, GET, ``observe()``, and the request again after a 429); the
notes say which path ran.

**One budget for four processes.** Four worker processes (``benchmarks._rate_worker``) send
GETs with plain httpx against a fake limited to 300 a minute with a burst of 10, each after
``acquire()`` on a :class:`flexie.ratelimit.RedisRateLimit` sharing one budget of 300 a
minute (burst 5) in a redis-server started for the run. Target: 0 answers of 429. For
comparison, the same with one ``LocalRateLimit(300, burst=5)`` per process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

import flexie
from flexie.ratelimit import LocalRateLimit, RateLimit, ServerPacing

from ._common import Row, log, process_fake
from ._rate_worker import run_workers
from ._redis import redis_server

NAME = "rate_limit"
BOUND_LIMIT = 1.15
MAX_429 = 5
PAGE = 100


@dataclass(frozen=True)
class Config:
    records: int = 20_000
    per_minute: int = 600
    burst: int = 20
    processes: int = 4
    shared_per_minute: int = 300
    shared_fake_burst: int = 10
    shared_burst: int = 5
    requests_per_process: int = 30
    lead_time: float = 3.0  # seconds for the workers to start before they send together


CONFIGS = {
    "full": Config(),
    "quick": Config(records=5_000, requests_per_process=10),
    "tiny": Config(
        records=300,
        per_minute=6000,
        burst=5,
        processes=2,
        shared_per_minute=3000,
        requests_per_process=3,
        lead_time=1.5,
    ),
}


def _read_with_client(fake: Any, limiter: RateLimit) -> list[int] | None:
    """Every contact id through ``flexie.Flexie(rate_limit=...)``; None while it takes no such argument."""
    try:
        client = flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, rate_limit=limiter)  # type: ignore[call-arg]
    except TypeError as exc:
        if "rate_limit" not in str(exc):
            raise
        return None
    with client:
        return [record.id for record in client.contacts.list(page_size=PAGE)]


def _read_with_httpx(fake: Any, limiter: RateLimit, records: int) -> list[int]:
    """Every contact id, page by page, each request after ``acquire()``; a 429 is asked again."""
    ids: list[int] = []
    with httpx.Client(base_url=fake.base_url, headers=fake.headers, timeout=60) as http:
        start = 0
        while start < records:
            limiter.acquire()
            response = http.get("/contacts", params={"start": start, "limit": PAGE, "orderBy": "id"})
            limiter.observe(response.status_code, response.headers)
            if response.status_code == 429:
                continue
            response.raise_for_status()
            page = [int(record["id"]) for record in response.json()["contacts"]]
            if not page:
                break
            ids.extend(page)
            start += len(page)
    return ids


def _read(cfg: Config, fake: Any, name: str, limiter: RateLimit) -> Row:
    fake.set_rate_limit(cfg.per_minute, burst=cfg.burst, headers=True)  # a full bucket
    limited_before, requests_before = fake.rate_limited_count, fake.request_count()
    started = time.perf_counter()
    ids = _read_with_client(fake, limiter)
    path = "flexie.Flexie(rate_limit=...)"
    if ids is None:
        ids = _read_with_httpx(fake, limiter, cfg.records)
        path = "httpx driving the limiter (the client takes no rate_limit= yet)"
    seconds = time.perf_counter() - started
    limited = fake.rate_limited_count - limited_before
    answered = fake.request_count() - requests_before - limited
    bound = max(0, answered - cfg.burst) / (cfg.per_minute / 60)
    ratio = seconds / bound if bound > 0 else float("inf")
    exact = ids == sorted(set(ids)) and len(ids) == cfg.records
    passed = ratio <= BOUND_LIMIT and limited <= MAX_429 and exact
    log(f"{name}: {seconds:.1f} s for {answered} answers (bound {bound:.1f} s), {limited} x 429")
    return Row(
        f"rate limit: {cfg.records:,} records at {cfg.per_minute}/min, burst {cfg.burst}, {name}",
        seconds,
        bound,
        "s",
        ratio,
        f"ratio <= {BOUND_LIMIT:g}, <= {MAX_429} x 429",
        passed,
        [
            f"wall time of one read; reference = rate bound (answered - burst) / rate, {answered} answered",
            f"429 answers: {limited}; records delivered {len(ids):,}, each exactly once and in order: {exact}",
            f"path: {path}",
        ],
    )


def _shared(cfg: Config, fake: Any) -> Row:
    statuses: dict[str, list[int]] = {}
    seconds: dict[str, float] = {}
    with redis_server() as url:
        for kind, target in (("redis", url), ("local", "")):
            fake.set_rate_limit(cfg.shared_per_minute, burst=cfg.shared_fake_burst, headers=False)
            results = run_workers(
                cfg.processes, limiter=kind, target=target, per_minute=cfg.shared_per_minute,
                burst=cfg.shared_burst, base_url=fake.base_url, api_key=fake.api_key,
                requests=cfg.requests_per_process, lead_time=cfg.lead_time,
            )  # fmt: skip
            statuses[kind] = [status for result in results for status in result["statuses"]]
            seconds[kind] = max(result["seconds"] for result in results)
            log(f"{kind}: {statuses[kind].count(429)} x 429 in {seconds[kind]:.1f} s")
    shared, per_process = statuses["redis"].count(429), statuses["local"].count(429)
    total = cfg.processes * cfg.requests_per_process
    bound = (total - cfg.shared_burst) / (cfg.shared_per_minute / 60)
    return Row(
        f"shared budget: {cfg.processes} processes, one Redis budget, fake at {cfg.shared_per_minute}/min: 429 answers",
        shared,
        per_process,
        "x 429",
        None,
        "0 x 429",
        shared == 0 and len(statuses["redis"]) == total,
        [
            f"ours = one RedisRateLimit({cfg.shared_per_minute}/min, burst {cfg.shared_burst}) shared by the "
            f"processes; reference = a LocalRateLimit of the same per process; the fake's burst is "
            f"{cfg.shared_fake_burst}",
            f"{total} requests in all; shared: {seconds['redis']:.1f} s (rate bound {bound:.1f} s), "
            f"per process: {seconds['local']:.1f} s with {per_process} of them answered 429",
        ],
    )


def run(config: Config | str = "full") -> list[Row]:
    cfg = CONFIGS[config] if isinstance(config, str) else config
    log(f"{cfg.records:,} records at {cfg.per_minute}/min (burst {cfg.burst}); {cfg.processes} processes")
    with process_fake(contacts=cfg.records) as fake:
        rows = [
            _read(cfg, fake, "pacing by headers only (ServerPacing)", ServerPacing()),
            _read(
                cfg,
                fake,
                f"LocalRateLimit({cfg.per_minute}, burst={cfg.burst})",
                LocalRateLimit(cfg.per_minute, cfg.burst),
            ),
        ]
        rows.append(_shared(cfg, fake))
    return rows
