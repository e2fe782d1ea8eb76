"""Run one scenario with the sync or the async client, so that each test covers both."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flexie

CLIENTS = ["sync", "async"]


def settings(base_url: str, **overrides: Any) -> dict[str, Any]:
    """Client arguments for a scripted server: no schema fetches, short timeouts, quick backoff."""
    return {
        "base_url": base_url, "api_key": "k", "validate_fields": False, "timeout": 5.0,
        "backoff": (0.01, 0.02), **overrides,
    }  # fmt: skip


def run(kind: str, base_url: str, use: Callable[[Any], Any], **overrides: Any) -> Any:
    """``use(client)`` with a fresh ``Flexie`` (kind "sync") or ``AsyncFlexie`` (kind "async", awaited).

    Whatever ``use`` raises propagates, from either client.
    """
    options = settings(base_url, **overrides)
    if kind == "sync":
        with flexie.Flexie(**options) as client:
            return use(client)

    async def scenario() -> Any:
        async with flexie.AsyncFlexie(**options) as client:
            return await use(client)

    return asyncio.run(scenario())


def run_all(kind: str, base_url: str, uses: list[Callable[[Any], Any]], **overrides: Any) -> list[Any]:
    """Each of ``uses`` in turn, with one client (and so one connection pool)."""

    def each(client: Any) -> list[Any]:
        return [use(client) for use in uses]

    async def each_awaited(client: Any) -> list[Any]:
        return [await use(client) for use in uses]

    results: list[Any] = run(kind, base_url, each if kind == "sync" else each_awaited, **overrides)
    return results
