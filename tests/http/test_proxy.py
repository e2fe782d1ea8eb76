"""Proxies from the environment are honoured as httpx honours them (``trust_env``).

With ``HTTP_PROXY`` naming a logging forward proxy, every request of both clients (the field
schema fetch included) reaches the fake Flexie through it. With ``NO_PROXY`` naming the host, or
with ``trust_env=False``, none does. httpx has no built-in exception for loopback hosts, so the
fake on 127.0.0.1 stands in for a remote workspace.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from flexie.testing import FakeFlexie
from tests.http.clients import CLIENTS, run_all
from tests.http.forward_proxy import ForwardProxy, forward_proxy

PROXY_VARIABLES = ["http_proxy", "https_proxy", "all_proxy", "no_proxy"]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(seed=5) as server:
        server.seed(contacts=5)
        yield server


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ForwardProxy]:
    for name in PROXY_VARIABLES:  # whatever the machine has set, in either case
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    with forward_proxy() as (server, logging_proxy):
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
        yield logging_proxy


def work(kind: str, fake: FakeFlexie, **options: Any) -> list[Any]:
    """A get, a page of a list and a create (with its schema fetch), with a fresh client."""
    row = {"first_name": "Proxied", "email": f"{kind}@proxy.example"}
    uses = [lambda c: c.contacts.get(1), lambda c: c.contacts.list().first_page(), lambda c: c.contacts.create(row)]
    return run_all(kind, fake.base_url, uses, api_key=fake.api_key, validate_fields=True, max_retries=0, **options)


@pytest.mark.parametrize("kind", CLIENTS)
def test_with_http_proxy_every_request_passes_through_the_proxy(
    proxy: ForwardProxy, fake: FakeFlexie, kind: str
) -> None:
    fake.clear_requests()
    assert work(kind, fake)[0].id == 1
    arrived = [(r.method, r.path) for r in fake.requests]
    assert ("POST", "/api/contacts/new") in arrived
    assert len(arrived) >= 4
    assert all(entry.split(" ", 1)[1].startswith(fake.url + "/api/") for entry in proxy.log)  # absolute URIs
    through = [(entry.split(" ", 1)[0], urlsplit(entry.split(" ", 1)[1]).path) for entry in proxy.log]
    assert through == arrived  # each request the fake answered came through the proxy, in order


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "localhost,127.0.0.1:9,127.0.0.1", "*"])
def test_no_proxy_naming_the_host_bypasses_the_proxy(
    proxy: ForwardProxy, fake: FakeFlexie, monkeypatch: pytest.MonkeyPatch, no_proxy: str, kind: str
) -> None:
    monkeypatch.setenv("NO_PROXY", no_proxy)
    fake.clear_requests()
    assert work(kind, fake)[0].id == 1
    assert len(fake.requests) >= 4
    assert proxy.log == []


@pytest.mark.parametrize("kind", CLIENTS)
def test_trust_env_false_ignores_the_proxy_variables(proxy: ForwardProxy, fake: FakeFlexie, kind: str) -> None:
    fake.clear_requests()
    assert work(kind, fake, trust_env=False)[0].id == 1
    assert len(fake.requests) >= 4
    assert proxy.log == []
