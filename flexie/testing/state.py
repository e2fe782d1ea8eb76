"""The fake's configuration and its whole mutable state (store, credentials, faults, log)."""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from flexie.testing.auth import Auth
from flexie.testing.examples import seed_examples
from flexie.testing.faults import FaultInjector, RateLimiter
from flexie.testing.routes import Router
from flexie.testing.seed import SEEDABLE, Seeder
from flexie.testing.store import Store
from flexie.testing.webhooks import Webhooks

ADMIN_USER = {
    "username": "admin",
    "email": "admin@example.com",
    "firstName": "Alex",
    "lastName": "Morgan",
    "position": "Workspace administrator",
    "role": 1,
    "timezone": "UTC",
    "locale": "en_US",
    "isPublished": True,
}
ADMIN_ROLE = {"name": "Administrator", "description": "Full access.", "isAdmin": True, "permissions": []}
BASE_TIME = "2024-01-01T08:00:00+00:00"
DEFAULT_RECORDS = 20
MAX_LOGGED = 200_000  # the request log keeps the latest entries; counts stay exact


@dataclass
class FakeConfig:
    api_key: str
    oauth_client_id: str
    oauth_client_secret: str
    custom_fields: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    seed: int = 0
    records: int | None = None
    rate_limit_per_minute: int | None = None
    rate_limit_burst: int | None = None
    rate_limit_headers: bool = False
    access_token_ttl: int = 3600
    oauth_client_credentials: bool = False
    webhooks: list[dict[str, Any]] = field(default_factory=list)  # [{"url": ..., "events": [...] or None}]
    unknown_fields: str = "ignore"  # or "reject": see flexie.testing.records
    seed_examples: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> FakeConfig:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake answered: status 0 means the connection was dropped (fault "drop"),
    499 that the client went away first. `path` has no query string (it may hold a key).
    `ignored_fields` are the body keys the fake dropped under unknown_fields="ignore"."""

    method: str
    path: str
    operation_id: str | None
    status: int
    fault: str | None = None
    ignored_fields: tuple[str, ...] = ()


class FakeState:
    def __init__(self, config: FakeConfig) -> None:
        self.config = config
        self.router = Router()
        self.on_request: Callable[[RecordedRequest], None] | None = None  # kept across resets
        self.webhooks = Webhooks()
        self.reset()

    def reset(self) -> None:
        """Back to the state right after start: constructor fields, tables, key and seed."""
        config = self.config
        self.store = Store()
        self.store.create("roles", dict(ADMIN_ROLE), now=BASE_TIME)
        self.store.create("users", dict(ADMIN_USER), now=BASE_TIME)
        for name, fields in config.tables.items():
            self.store.add_table(name, fields)
        for entity, fields in config.custom_fields.items():
            for data in fields:
                self.store.add_field(entity, data)
        self.auth = Auth(
            client_id=config.oauth_client_id,
            client_secret=config.oauth_client_secret,
            token_ttl=config.access_token_ttl,
            client_credentials=config.oauth_client_credentials,
        )
        self.auth.add_key(config.api_key, user_id=1)
        self.webhooks.reset(config.webhooks)
        self.faults = FaultInjector(config.seed)
        self.rate = RateLimiter(config.rate_limit_per_minute, config.rate_limit_burst, config.rate_limit_headers)
        self.log: deque[RecordedRequest] = deque(maxlen=MAX_LOGGED)
        self.counts: Counter[tuple[str | None, str]] = Counter()
        if config.records:
            self.seed(config.seed, records=config.records)
        if config.seed_examples:
            seed_examples(self)

    def seed(
        self,
        seed: int | None = None,
        *,
        records: int | None = None,
        counts: Mapping[str, int] | None = None,
        custom: Mapping[str, int] | None = None,
    ) -> dict[str, int]:
        """Add seeded records. With nothing given, `records=20`. With `records=N` every resource
        and table gets N unless named; otherwise only what is named is seeded."""
        given = {name: int(count) for name, count in (counts or {}).items() if count is not None}
        unknown = set(given) - set(SEEDABLE)
        if unknown:
            raise ValueError(f"cannot seed {', '.join(sorted(unknown))}; seedable: {', '.join(SEEDABLE)}")
        tables = {name: int(count) for name, count in (custom or {}).items()}
        if records is None and not given and not tables:
            records = DEFAULT_RECORDS
        if records is not None:
            given = {name: given.get(name, records) for name in SEEDABLE}
            tables = {name: tables.get(name, records) for name in self.store.tables} | tables
        return Seeder(self.store, self.config.seed if seed is None else seed).run(given, tables)

    def record(self, entry: RecordedRequest) -> None:
        self.log.append(entry)
        self.counts[(entry.operation_id, entry.method)] += 1
        if self.on_request is not None:
            self.on_request(entry)

    def request_count(self, operation_id: str | None = None, method: str | None = None) -> int:
        return sum(
            count
            for (op, verb), count in self.counts.items()
            if (operation_id is None or op == operation_id) and (method is None or verb == method.upper())
        )

    def entity_key(self, entity: str) -> str:
        """A resource name as the admin API takes it: contacts, ..., users, or a table name."""
        if entity in self.store.collections and not entity.startswith(("lists:", "ce:")):
            return entity
        name = entity[3:] if entity.startswith("ce:") else entity
        if name in self.store.tables:
            return f"ce:{name}"
        raise KeyError(entity)
