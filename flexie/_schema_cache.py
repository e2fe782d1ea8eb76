"""Per-client cache of field schemas, one per entity (and custom entity table), with a TTL.

Concurrent first uses of an entity share one fetch: a lock per entity (a thread lock for the sync
client, an asyncio lock per event loop for the async one) makes the others wait for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the sync client never needs asyncio
    import asyncio

    from .fields import Field, FieldSchema

__all__ = ["SchemaCache"]


class SchemaCache:
    def __init__(self, logical_names: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._logical = {entity: dict(names) for entity, names in (logical_names or {}).items()}
        self._entries: dict[str, tuple[FieldSchema, float]] = {}
        self._guard = threading.Lock()
        self._thread_locks: dict[str, threading.Lock] = {}
        self._async_locks: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Lock] = {}

    def get(self, entity: str, ttl: float) -> FieldSchema | None:
        """The cached schema, unless it is older than ``ttl`` seconds."""
        entry = self._entries.get(entity)
        if entry is None or time.monotonic() - entry[1] > ttl:
            return None
        return entry[0]

    def age(self, entity: str) -> float | None:
        entry = self._entries.get(entity)
        return None if entry is None else time.monotonic() - entry[1]

    def put(self, entity: str, fields: list[Field]) -> FieldSchema:
        """Store a freshly fetched field list; its logical names are checked against it first."""
        from .fields import FieldSchema

        schema = FieldSchema(entity, fields, self._logical.get(entity))
        schema.check_logical_names()
        self._entries[entity] = (schema, time.monotonic())
        return schema

    def invalidate(self, entity: str | None = None) -> None:
        if entity is None:
            self._entries.clear()
        else:
            self._entries.pop(entity, None)

    def thread_lock(self, entity: str) -> threading.Lock:
        with self._guard:
            return self._thread_locks.setdefault(entity, threading.Lock())

    def async_lock(self, entity: str) -> asyncio.Lock:
        import asyncio

        loop = asyncio.get_running_loop()
        with self._guard:
            lock = self._async_locks.get((loop, entity))
            if lock is None:
                # drop locks of event loops that are gone, then make this loop's
                self._async_locks = {k: v for k, v in self._async_locks.items() if not k[0].is_closed()}
                lock = self._async_locks[(loop, entity)] = asyncio.Lock()
            return lock

    def logical_names(self, entity: str) -> dict[str, str]:
        return dict(self._logical.get(entity, {}))
