"""The fake's webhooks: when a request through the API creates, updates or deletes a record, the
payload a Flexie webhook would carry is posted to every subscribed URL.

A payload maps event names to lists of events, the record under its singular name, as the one
public sample shows (Mautic's naming with a `flexie.` prefix):
`{"flexie.contact_post_save_new": [{"contact": {...}, "timestamp": "..."}]}`. The changes of one
request travel in one payload. Posting happens in the background, after the API has answered;
each subscription gets its payloads in order, one at a time, with at most `ATTEMPTS` tries each
(retrying connection failures, 429 and 5xx). Everything runs on the server's event loop.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from flexie.testing.fields import now_utc
from flexie.testing.schema import CORE_ENTITIES, RESOURCES

if TYPE_CHECKING:
    from flexie.testing.context import Ctx, Result
    from flexie.testing.store import Store

PREFIX = "flexie."
SUFFIXES = {"created": "post_save_new", "updated": "post_save_update", "deleted": "post_delete"}
ENTITIES = (*CORE_ENTITIES, "tasks", "notes")  # the kinds of record that send webhooks
EVENTS = tuple(f"{PREFIX}{RESOURCES[key].singular}_{suffix}" for key in ENTITIES for suffix in SUFFIXES.values())
ATTEMPTS = 3
BACKOFF = (0.1, 0.5)  # seconds before the second and third try
TIMEOUT = 5.0
MAX_KEPT = 10_000  # deliveries kept for inspection


@dataclass(frozen=True)
class Subscription:
    id: int
    url: str
    events: tuple[str, ...] | None = None  # None: every event


@dataclass
class Delivery:
    """One payload posted (or given up on): `status` is the receiver's last answer (None when it
    never answered), `error` why the last try failed."""

    subscription: int
    url: str
    events: list[str]
    payload: dict[str, Any]
    attempts: int = 0
    status: int | None = None
    error: str | None = None
    ok: bool = False
    done: bool = False


@dataclass
class _Change:
    key: str
    action: str
    record: dict[str, Any]
    timestamp: str = field(default_factory=now_utc)


def check_subscription(url: Any, events: Any) -> tuple[str, tuple[str, ...] | None]:
    """A URL and event names as given to the admin API, or ValueError saying what is wrong."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a webhook URL is an http(s) URL such as http://127.0.0.1:8000/hook, got {url!r}")
    if events is None:
        return url, None
    if isinstance(events, str) or not isinstance(events, Iterable) or not events:
        raise ValueError("events is a non-empty list of event names, or null for all")
    unknown = [name for name in events if name not in EVENTS]
    if unknown:
        raise ValueError(f"unknown webhook events {unknown}; the fake sends: {', '.join(EVENTS)}")
    return url, tuple(events)


class Webhooks:
    def __init__(self, configured: Iterable[Mapping[str, Any]] = ()) -> None:
        self._ids = itertools.count(1)
        self.subscriptions: list[Subscription] = []
        self.deliveries: list[Delivery] = []
        self._queues: dict[int, asyncio.Queue[Delivery]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self.reset(configured)

    def reset(self, configured: Iterable[Mapping[str, Any]] = ()) -> None:
        """Only the configured subscriptions; payloads not yet posted are dropped."""
        for task in self._workers:
            task.cancel()
        self._workers.clear()
        self._queues.clear()
        self.subscriptions.clear()
        self.deliveries.clear()
        for entry in configured:
            self.add(entry.get("url"), entry.get("events"))

    def add(self, url: Any, events: Any = None) -> Subscription:
        checked_url, checked_events = check_subscription(url, events)
        subscription = Subscription(next(self._ids), checked_url, checked_events)
        self.subscriptions.append(subscription)
        return subscription

    def remove_all(self) -> int:
        count = len(self.subscriptions)
        self.reset()
        return count

    @property
    def pending(self) -> int:
        """Payloads not yet delivered or given up on."""
        return sum(1 for delivery in self.deliveries if not delivery.done)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subscriptions": [asdict(s) for s in self.subscriptions],
            "deliveries": [asdict(d) for d in self.deliveries],
            "pending": self.pending,
        }

    # --- collecting the changes of one API request -------------------------------------------

    def run(self, handler: Callable[[Ctx], Result], ctx: Ctx) -> Result:
        """Run an API handler; when it succeeds, post what it changed. No cost without subscribers."""
        if not self.subscriptions:
            return handler(ctx)
        changes: list[_Change] = []
        store: Store = ctx.store

        def note(key: str, action: str, record: dict[str, Any]) -> None:
            if key in ENTITIES:
                changes.append(_Change(key, action, copy.deepcopy(record)))

        store.on_change = note
        try:
            result = handler(ctx)
        finally:
            store.on_change = None
        if changes and result[0] < 300:
            self._send(changes)
        return result

    def _send(self, changes: list[_Change]) -> None:
        payload: dict[str, list[dict[str, Any]]] = {}
        for change in changes:
            singular = RESOURCES[change.key].singular
            name = f"{PREFIX}{singular}_{SUFFIXES[change.action]}"
            payload.setdefault(name, []).append({singular: change.record, "timestamp": change.timestamp})
        for subscription in self.subscriptions:
            wanted = {name: events for name, events in payload.items() if name in (subscription.events or EVENTS)}
            if wanted:
                delivery = Delivery(subscription.id, subscription.url, list(wanted), wanted)
                self.deliveries.append(delivery)
                del self.deliveries[:-MAX_KEPT]
                self._queue(subscription).put_nowait(delivery)

    def _queue(self, subscription: Subscription) -> asyncio.Queue[Delivery]:
        queue = self._queues.get(subscription.id)
        if queue is None:
            queue = self._queues[subscription.id] = asyncio.Queue()
            task = asyncio.get_running_loop().create_task(self._worker(queue))
            self._workers.add(task)
            task.add_done_callback(self._workers.discard)
        return queue

    # --- posting ------------------------------------------------------------------------------

    async def _worker(self, queue: asyncio.Queue[Delivery]) -> None:
        async with httpx.AsyncClient(timeout=TIMEOUT, trust_env=False) as http:
            while True:
                delivery = await queue.get()
                try:
                    await self._post(http, delivery)
                finally:
                    delivery.done = True

    @staticmethod
    async def _post(http: httpx.AsyncClient, delivery: Delivery) -> None:
        body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "User-Agent": "FakeFlexie-Webhooks"}
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                await asyncio.sleep(BACKOFF[min(attempt - 2, len(BACKOFF) - 1)])
            delivery.attempts = attempt
            try:
                response = await http.post(delivery.url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                delivery.status, delivery.error = None, f"{type(exc).__name__}: {exc}"
                continue
            delivery.status = response.status_code
            if response.is_success:
                delivery.ok, delivery.error = True, None
                return
            delivery.error = f"the receiver answered {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                return  # the receiver refuses this payload: trying again would not change that
