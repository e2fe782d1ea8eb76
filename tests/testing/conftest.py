"""Fixtures for the fake server's tests: one fake per session, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI

from flexie.testing import FakeFlexie

# Declared in every session fake: the table the reference examples use, and one for tests.
YOUR_TABLE: list[dict[str, Any]] = [
    {"alias": "name", "label": "Name", "type": "text", "required": True, "unique": True},
    {"alias": "status", "label": "Status", "type": "select", "choices": ["open", "won", "lost"]},
    {"alias": "amount", "label": "Amount", "type": "number"},
    {"alias": "email", "label": "Email", "type": "email"},
    {"alias": "due", "label": "Due", "type": "date"},
]
PROJECTS: list[dict[str, Any]] = [
    {"alias": "code", "label": "Code", "type": "text", "unique": True},
    {"alias": "budget", "label": "Budget", "type": "number"},
    {"alias": "kickoff", "label": "Kick-off", "type": "datetime"},
]
CUSTOM_FIELDS: dict[str, list[dict[str, Any]]] = {
    "contacts": [
        {"alias": "customer_tier", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver"]},
        {"alias": "renewal_date", "label": "Renewal", "type": "date", "category": "billing"},
    ]
}


def _session_fake(unknown_fields: str) -> Iterator[FakeFlexie]:
    tables = {"your_table": YOUR_TABLE, "projects": PROJECTS}
    with FakeFlexie(seed=7, custom_fields=CUSTOM_FIELDS, tables=tables, unknown_fields=unknown_fields) as fake:
        yield fake


@pytest.fixture(scope="session")
def session_fake() -> Iterator[FakeFlexie]:
    yield from _session_fake("ignore")


@pytest.fixture(scope="session")
def session_strict_fake() -> Iterator[FakeFlexie]:
    yield from _session_fake("reject")


@pytest.fixture
def fake(session_fake: FakeFlexie) -> FakeFlexie:
    """The session's fake, back to its initial state (no records but the admin user and role)."""
    session_fake.reset()
    return session_fake


@pytest.fixture
def strict_fake(session_strict_fake: FakeFlexie) -> FakeFlexie:
    """Like `fake`, but refusing (422) keys that are no field of the resource."""
    session_strict_fake.reset()
    return session_strict_fake


@pytest.fixture
def strict_client(strict_fake: FakeFlexie) -> Iterator[httpx.Client]:
    """An httpx client on the (reset) strict fake's /api with the default API key."""
    with httpx.Client(base_url=strict_fake.base_url, headers=strict_fake.headers, trust_env=False) as http:
        yield http


@pytest.fixture(scope="session")
def session_client(session_fake: FakeFlexie) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=session_fake.base_url, headers=session_fake.headers, trust_env=False, timeout=30.0
    ) as http:
        yield http


@pytest.fixture(scope="session")
def session_anon(session_fake: FakeFlexie) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=session_fake.base_url, trust_env=False, timeout=30.0) as http:
        yield http


@pytest.fixture
def client(fake: FakeFlexie, session_client: httpx.Client) -> httpx.Client:
    """An httpx client on the (reset) fake's /api with the default API key."""
    return session_client


@pytest.fixture
def anon(fake: FakeFlexie, session_anon: httpx.Client) -> httpx.Client:
    """An httpx client on the (reset) fake's /api without credentials."""
    return session_anon


@pytest.fixture(scope="session")
def openapi(openapi_doc: dict[str, Any]) -> OpenAPI:
    """The OpenAPI 3 document the client is generated from, as an openapi-core validator."""
    return OpenAPI.from_dict(openapi_doc)
