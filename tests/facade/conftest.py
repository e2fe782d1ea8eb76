"""Fixtures for facade tests: fake Flexie workspaces over loopback, and clients pointed at them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import flexie
from flexie.testing import FakeFlexie
from tests.facade.operations import TABLE, Ids

TIER_CHOICES = ["Gold", "Silver", "Bronze"]
TABLE_FIELDS = [
    {"alias": "name", "label": "Name", "type": "text", "required": True, "unique": True},
    {"alias": "status", "label": "Status", "type": "select", "choices": ["open", "won", "lost"]},
    {"alias": "amount", "label": "Amount", "type": "number"},
]
FAST_RETRIES = {"backoff": (0.01, 0.05)}


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeFlexie]:
    with FakeFlexie(tables={TABLE: TABLE_FIELDS}, seed=1, records=20) as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeFlexie) -> FakeFlexie:
    """A seeded workspace (20 of everything, the reference page's custom table), reset for each test."""
    fake_server.reset()
    return fake_server


@pytest.fixture
def client(fake: FakeFlexie) -> Iterator[flexie.Flexie]:
    with flexie.Flexie(base_url=fake.base_url, api_key=fake.api_key, **FAST_RETRIES) as c:
        yield c


def existing_ids(fake: FakeFlexie) -> Ids:
    """Ids of seeded records, and values that name them by unique field."""
    unique_keys = {"contacts": "email", "leads": "email", "accounts": "name", "deals": "name", "cases": "identifier"}
    unique: dict[str, dict[str, Any]] = {}
    for entity, key in unique_keys.items():
        record = fake.get_record(entity, 1)
        assert record is not None
        unique[entity] = {key: record[key], "description" if entity != "cases" else "priority": "Medium"}
    table_record = fake.get_record(TABLE, 1)
    assert table_record is not None
    unique["custom_entity"] = {"name": table_record["name"], "status": "won"}
    case = fake.get_record("cases", 1)
    assert case is not None
    return Ids(
        identifier=case["identifier"],
        values={
            "contacts": {"first_name": "David", "last_name": "Okafor", "email": "david.okafor@example.com"},
            "leads": {"first_name": "Maria", "last_name": "Hernandez", "email": "maria.h@example.com"},
            "accounts": {"name": "Bluewave Logistics Test Ltd", "employees": 120},
            "deals": {"name": "Enterprise licence test", "amount": 12500, "close_date": "2026-09-30"},
            "cases": {"title": "Login page returns 500 (test)", "priority": "High"},
            "custom_entity": {"name": "Acme Renewal 2026", "status": "open", "amount": 4500},
        },
        changes={
            "contacts": {"city": "Manchester"},
            "leads": {"city": "Dallas"},
            "accounts": {"employees": 145},
            "deals": {"amount": 15000},
            "cases": {"priority": "Medium"},
            "custom_entity": {"status": "won", "amount": 5200},
        },
        unique=unique,
    )
