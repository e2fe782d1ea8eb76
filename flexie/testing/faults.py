"""Fault injection and rate limiting.

Fault kinds and when they strike (what the client's retry safety depends on):

- ``"429"``, ``"503"``: answered BEFORE the request is processed; nothing changed on the server.
  Optional ``retry_after`` (seconds) adds a ``Retry-After`` header, as integer seconds or, with
  ``retry_after_http_date=True``, as an HTTP-date.
- ``"500"``, ``"502"``: ``phase="before"`` (default: nothing changed) or ``phase="after"`` (the
  request was processed, e.g. the record was created, and then the error was answered).
- ``"latency"``: ``latency`` seconds of delay BEFORE processing; the request then proceeds.
- ``"drop"``: processed, then the connection is closed without a response.
- ``"truncate"``: processed, then 200 with valid HTTP framing but the JSON body cut in half.
- ``"malformed"``: processed, then 200 with a body that is not JSON.

A rule matches by ``operation_id`` and/or ``method`` (None matches all), fires with
``probability`` using its own random generator seeded from the fake's seed and the rule's id
(the same seed and request sequence give the same faults), and at most ``times`` times. Latency
rules add up; of the other kinds the first rule that fires wins.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from email.utils import formatdate
from typing import Any

KINDS = ("429", "500", "502", "503", "latency", "drop", "truncate", "malformed")
BEFORE_ONLY = frozenset({"429", "503"})
AFTER_ONLY = frozenset({"drop", "truncate", "malformed"})


@dataclass
class FaultRule:
    id: int
    kind: str
    operation_id: str | None = None
    method: str | None = None
    probability: float = 1.0
    times: int | None = None
    retry_after: float | None = None
    retry_after_http_date: bool = False
    latency: float = 0.0
    phase: str = "before"
    fired: int = 0
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def matches(self, operation_id: str | None, method: str) -> bool:
        if self.times is not None and self.fired >= self.times:
            return False
        if self.operation_id is not None and self.operation_id != operation_id:
            return False
        return self.method is None or self.method == method

    def retry_after_header(self) -> str | None:
        if self.retry_after is None:
            return None
        if self.retry_after_http_date:
            return formatdate(time.time() + self.retry_after, usegmt=True)
        return str(max(0, math.ceil(self.retry_after)))

    def to_dict(self) -> dict[str, Any]:
        """The rule as the admin API shows it: every field but the random generator."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rng"}


@dataclass
class Decision:
    latency: float = 0.0
    before: FaultRule | None = None
    after: FaultRule | None = None


def _optional_number(spec: Mapping[str, Any], name: str) -> float | None:
    value = spec.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{name} must be a number >= 0")
    return float(value)


class FaultInjector:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rules: list[FaultRule] = []
        self.counts: Counter[str] = Counter()
        self._next_id = 1

    def clear(self) -> None:
        self.rules.clear()
        self.counts.clear()

    def add(self, spec: Mapping[str, Any]) -> FaultRule:
        kind = str(spec.get("kind"))
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {', '.join(KINDS)}")
        probability = _optional_number(spec, "probability")
        if probability is not None and probability > 1:
            raise ValueError("probability must be from 0 to 1")
        times = spec.get("times")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 0):
            raise ValueError("times must be an integer >= 0")
        phase = spec.get("phase") or ("after" if kind in AFTER_ONLY else "before")
        if phase not in ("before", "after") or (kind in BEFORE_ONLY | {"latency"} and phase != "before"):
            raise ValueError(f"a {kind} fault cannot have phase {phase!r}")
        if kind in AFTER_ONLY and phase != "after":
            raise ValueError(f"a {kind} fault always happens after processing")
        latency = _optional_number(spec, "latency") or 0.0
        if kind == "latency" and latency <= 0:
            raise ValueError("a latency fault needs latency > 0 (seconds)")
        method = spec.get("method")
        seed = spec.get("seed")
        rule = FaultRule(
            id=self._next_id,
            kind=kind,
            operation_id=spec.get("operation_id"),
            method=str(method).upper() if method else None,
            probability=1.0 if probability is None else probability,
            times=times,
            retry_after=_optional_number(spec, "retry_after"),
            retry_after_http_date=bool(spec.get("retry_after_http_date", False)),
            latency=latency,
            phase=phase,
            rng=random.Random(f"{self.seed if seed is None else seed}:{self._next_id}"),
        )
        self._next_id += 1
        self.rules.append(rule)
        return rule

    def decide(self, operation_id: str | None, method: str) -> Decision | None:
        if not self.rules:
            return None
        decision: Decision | None = None
        for rule in self.rules:
            if not rule.matches(operation_id, method):
                continue
            if rule.kind != "latency" and decision is not None and (decision.before or decision.after):
                continue
            if rule.probability < 1.0 and rule.rng.random() >= rule.probability:
                continue
            rule.fired += 1
            self.counts[rule.kind] += 1
            decision = decision or Decision()
            if rule.kind == "latency":
                decision.latency += rule.latency
            elif rule.phase == "before":
                decision.before = rule
            else:
                decision.after = rule
        return decision


class RateLimiter:
    """A token bucket: up to ``burst`` requests at once (default ``per_minute``), refilled at
    ``per_minute / 60`` per second.

    With ``headers`` on, every answer past authentication states the budget, as servers of this
    kind do: ``X-RateLimit-Limit`` (``per_minute``), ``X-RateLimit-Remaining`` (whole requests in
    the bucket after this one) and ``X-RateLimit-Reset`` (whole seconds until the bucket is full
    again). ``limited`` counts the 429s the bucket answered.
    """

    def __init__(self, per_minute: int | None, burst: int | None = None, headers: bool = False) -> None:
        self.limited = 0
        self.set(per_minute, burst, headers)

    def set(self, per_minute: int | None, burst: int | None = None, headers: bool | None = None) -> None:
        """Change the limit; ``headers=None`` keeps the current choice. The bucket starts full."""
        if per_minute is not None and (
            isinstance(per_minute, bool) or not isinstance(per_minute, int) or per_minute < 1
        ):
            raise ValueError("rate limit must be a positive number of requests per minute, or None")
        if burst is not None and (isinstance(burst, bool) or not isinstance(burst, int) or burst < 1):
            raise ValueError("burst must be a whole number of requests >= 1, or None (per_minute)")
        self.per_minute = per_minute
        self.burst = burst
        if headers is not None:
            self.headers = bool(headers)
        self.tokens = float(self.capacity)
        self.updated = time.monotonic()

    @property
    def capacity(self) -> int:
        return self.burst or self.per_minute or 0

    def take(self) -> int | None:
        """None when the request may go ahead, else the whole seconds to wait (>= 1)."""
        if self.per_minute is None:
            return None
        now = time.monotonic()
        rate = self.per_minute / 60.0
        self.tokens = min(float(self.capacity), self.tokens + (now - self.updated) * rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return None
        self.limited += 1
        return max(1, math.ceil((1.0 - self.tokens) / rate))

    def state_headers(self) -> dict[str, str] | None:
        """The ``X-RateLimit-*`` headers as of the last ``take()``, or None when they are off."""
        if not self.headers or self.per_minute is None:
            return None
        reset = (self.capacity - self.tokens) / (self.per_minute / 60.0)
        return {
            "X-RateLimit-Limit": str(self.per_minute),
            "X-RateLimit-Remaining": str(int(self.tokens)),
            "X-RateLimit-Reset": str(max(0, math.ceil(reset))),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"per_minute": self.per_minute, "burst": self.burst, "headers": self.headers, "limited": self.limited}
