"""FakeFlexie's webhook controls: subscribe a receiver, see what was posted, wait for it.

Like every control of the fake, these go through the admin API (`/_fake/webhooks`), so they work
the same with the server in a thread or in a subprocess.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WebhookDelivery:
    """One payload the fake posted (or is posting): to which subscription and URL, which events,
    the payload itself, how many tries, the receiver's last status, and whether it succeeded
    (`ok`) or is finished at all (`done`)."""

    subscription: int
    url: str
    events: list[str]
    payload: dict[str, Any]
    attempts: int
    status: int | None
    error: str | None
    ok: bool
    done: bool


class WebhookControls:
    """Mixed into FakeFlexie."""

    def _admin(self, method: str, path: str, body: Any = None, params: Mapping[str, str] | None = None) -> Any:
        raise NotImplementedError  # FakeFlexie's

    def add_webhook(self, url: str, *, events: Sequence[str] | None = None) -> int:
        """Post webhook payloads to `url` from now until the next reset; returns the subscription id.

        `events` limits them to some names (`flexie.contact_post_save_new`, ...); by default every
        create, update and delete of contacts, leads, accounts, deals, cases, tasks and notes
        made through the API is sent."""
        body = {"url": url, "events": list(events) if events is not None else None}
        subscription: int = self._admin("POST", "webhooks", body)["id"]
        return subscription

    def remove_webhooks(self) -> int:
        """Stop every subscription (those of the constructor too, until the next reset)."""
        removed: int = self._admin("DELETE", "webhooks")["removed"]
        return removed

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every payload posted since the last reset, oldest first."""
        return [WebhookDelivery(**entry) for entry in self._admin("GET", "webhooks")["deliveries"]]

    def wait_for_webhooks(self, timeout: float = 10.0) -> list[WebhookDelivery]:
        """Wait until every payload is delivered or given up on; return the deliveries.
        Raises TimeoutError if some are still under way after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            state = self._admin("GET", "webhooks")
            if state["pending"] == 0:
                return [WebhookDelivery(**entry) for entry in state["deliveries"]]
            if time.monotonic() > deadline:
                raise TimeoutError(f"{state['pending']} webhook payloads still under way after {timeout} s")
            time.sleep(0.01)
