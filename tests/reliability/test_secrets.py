"""Secrets stay secret: with DEBUG logging on and every error path taken, no key or token leaks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import flexie
from flexie.testing import FakeFlexie

KEY = "sk_live_SECRET_api_key_0123456789"
READ_ONLY_KEY = "sk_live_SECRET_read_only_key_987"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(api_key=KEY, seed=3, records=10) as server:
        server.add_api_key(READ_ONLY_KEY, read_only=True)
        yield server


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):  # root: flexie, httpx, httpcore, everything
        yield caplog


def error_paths(fake: FakeFlexie) -> list[Callable[[flexie.Flexie], Any]]:
    return [
        lambda c: c.contacts.get(99999),  # 404
        lambda c: c.contacts.create({"first_name": "x", "nope": 1}, validate_fields=False),  # 422
        lambda c: c.request("GET", "/contacts", params={"limit": 999}),  # 400
        lambda c: c.contacts.create({"nope": 1}),  # unknown field, client side
        lambda c: c.contacts.create({"email": "not-an-email"}),  # bad value, client side
        lambda c: c.contacts.get(1),  # with faults injected below
        lambda c: c.contacts.list().to_list(),
    ]


def exercise(client: flexie.Flexie, fake: FakeFlexie) -> list[str]:
    seen: list[str] = [repr(client), str(client.__dict__)]
    rec = client.contacts.get(1)
    seen += [repr(rec), str(rec.to_dict()), repr(client.contacts)]
    for kind in (500, "drop", "malformed", 429):
        fake.clear_faults()
        fake.inject(kind, operation_id="getContacts", times=1)
        try:
            client.with_options(max_retries=0).contacts.get(1)
        except flexie.FlexieError as exc:
            seen += [str(exc), repr(exc), repr(getattr(exc, "body", ""))]
    fake.clear_faults()
    for path in error_paths(fake):
        try:
            path(client)
        except flexie.FlexieError as exc:
            seen += [str(exc), repr(exc), repr(getattr(exc, "body", "")), str(getattr(exc, "headers", ""))]
    return seen


@pytest.mark.parametrize("in_query", [False, True])
def test_api_key_never_leaks(fake: FakeFlexie, debug_logs: pytest.LogCaptureFixture, in_query: bool) -> None:
    seen: list[str] = []
    with flexie.Flexie(base_url=fake.base_url, api_key=KEY, api_key_in_query=in_query, backoff=(0.01, 0.02)) as c:
        seen += exercise(c, fake)
    with flexie.Flexie(base_url=fake.base_url, api_key=READ_ONLY_KEY, api_key_in_query=in_query) as ro:
        with pytest.raises(flexie.PermissionDeniedError) as denied:
            ro.contacts.update(1, {"city": "x"})
        seen += [str(denied.value), repr(denied.value.body)]
    with flexie.Flexie(base_url=fake.base_url, api_key=KEY + "x", api_key_in_query=in_query) as wrong:
        with pytest.raises(flexie.AuthenticationError) as refused:
            wrong.contacts.get(1)
        seen += [str(refused.value), repr(refused.value.body)]
    assert any("HTTP Request" in r.getMessage() or r.name == "flexie" for r in debug_logs.records)  # logs were on
    for secret in (KEY, READ_ONLY_KEY, KEY + "x"):
        assert secret not in debug_logs.text
        for text in seen:
            assert secret not in text


def test_oauth_tokens_never_leak(fake: FakeFlexie, debug_logs: pytest.LogCaptureFixture) -> None:
    tokens = flexie.exchange_authorization_code(
        base_url=fake.base_url, code=fake.issue_authorization_code(),
        client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret,
    )  # fmt: skip
    refreshed: list[flexie.OAuthTokens] = []
    seen: list[str] = [repr(tokens)]
    with flexie.Flexie(
        base_url=fake.base_url, access_token=tokens.access_token, refresh_token=tokens.refresh_token,
        client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret,
        on_token_refresh=refreshed.append, backoff=(0.01, 0.02),
    ) as client:  # fmt: skip
        seen += exercise(client, fake)
        fake.expire_access_tokens()
        client.contacts.get(2)  # refreshes
        seen += [repr(client), repr(client._auth)]
    with flexie.Flexie(
        base_url=fake.base_url, access_token=tokens.access_token, refresh_token="not-a-refresh-token-SECRET",
        client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret, max_retries=0,
    ) as broken:  # fmt: skip
        fake.expire_access_tokens()
        with pytest.raises(flexie.AuthenticationError) as failed:
            broken.contacts.get(1)
        seen += [str(failed.value), repr(failed.value.body)]
    assert refreshed
    secrets = [
        tokens.access_token, tokens.refresh_token, refreshed[0].access_token, refreshed[0].refresh_token,
        fake.oauth_client_secret, "not-a-refresh-token-SECRET",
    ]  # fmt: skip
    for secret in secrets:
        assert secret
        assert secret not in debug_logs.text
        for text in seen:
            assert secret not in text


def test_async_client_with_debug_logs(fake: FakeFlexie, debug_logs: pytest.LogCaptureFixture) -> None:
    async def scenario() -> list[str]:
        seen: list[str] = []
        async with flexie.AsyncFlexie(base_url=fake.base_url, api_key=KEY, api_key_in_query=True) as client:
            seen.append(repr(client))
            await client.contacts.get(1)
            try:
                await client.contacts.get(99999)
            except flexie.NotFoundError as exc:
                seen.append(str(exc))
        return seen

    seen = asyncio.run(scenario())
    assert any(r.name.startswith(("httpx", "httpcore")) for r in debug_logs.records)
    assert KEY not in debug_logs.text
    assert all(KEY not in text for text in seen)
