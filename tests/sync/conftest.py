"""Fixtures of the changes and sync tests: a fake workspace over loopback and clients of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

import flexie
from flexie.testing import FakeFlexie

PROJECTS = [
    {"alias": "title", "label": "Title", "type": "text", "required": True, "unique": True},
    {"alias": "budget_eur", "label": "Budget", "type": "number"},
    {"alias": "kickoff", "label": "Kickoff", "type": "date"},
    {"alias": "labels", "label": "Labels", "type": "multiselect", "choices": ["red", "green", "blue"]},
]
CONTACT_FIELDS = [
    {"alias": "customer_tier_2", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver", "Bronze"]},
]


@pytest.fixture(autouse=True)
def no_dlt_telemetry(monkeypatch: pytest.MonkeyPatch) -> None:
    """dlt reports usage over the network by default; tests reach 127.0.0.1 only."""
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeFlexie]:
    with FakeFlexie(seed=3, tables={"projects": PROJECTS}, custom_fields={"contacts": CONTACT_FIELDS}) as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeFlexie) -> FakeFlexie:
    """An empty workspace (the fields and the projects table only), reset for each test."""
    fake_server.reset()
    return fake_server


@pytest.fixture
def client(fake: FakeFlexie) -> Iterator[flexie.Flexie]:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, max_retries=0) as c:
        yield c


def make_tie(client: flexie.Flexie, ids: list[int], *, size: int) -> list[int]:
    """Update ``ids`` in a tight loop until at least ``size`` of them share one date_modified (the fake
    stamps whole seconds); returns the ids of that group."""
    for _ in range(5):
        stamps = {i: client.contacts.update(i, {"city": f"Tie {i}"}).raw["date_modified"] for i in ids}
        stamp, count = Counter(stamps.values()).most_common(1)[0]
        if count >= size:
            return sorted(i for i, s in stamps.items() if s == stamp)
    raise AssertionError(f"could not get {size} updates into one second")
