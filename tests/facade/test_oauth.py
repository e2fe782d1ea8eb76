"""OAuth 2.0: code exchange, bearer tokens, one refresh on a 401, shared by threads and tasks."""

from __future__ import annotations

import asyncio
import threading

import pytest

import flexie
from flexie.testing import FakeFlexie


def tokens(fake: FakeFlexie) -> flexie.OAuthTokens:
    return flexie.exchange_authorization_code(
        base_url=fake.base_url,
        code=fake.issue_authorization_code(),
        client_id=fake.oauth_client_id,
        client_secret=fake.oauth_client_secret,
    )


def oauth_client(fake: FakeFlexie, got: flexie.OAuthTokens, **kwargs: object) -> flexie.Flexie:
    return flexie.Flexie(
        base_url=fake.base_url,
        access_token=got.access_token,
        refresh_token=got.refresh_token,
        client_id=fake.oauth_client_id,
        client_secret=fake.oauth_client_secret,
        **kwargs,  # type: ignore[arg-type]
    )


def test_code_exchange_and_bearer_calls(fake: FakeFlexie) -> None:
    got = tokens(fake)
    assert got.access_token
    assert got.refresh_token
    assert got.expires_at is not None
    with oauth_client(fake, got) as client:
        assert client.users.me().id == 1
    assert got.access_token not in repr(got)


def test_a_401_refreshes_once_and_repeats_the_request(fake: FakeFlexie) -> None:
    got = tokens(fake)
    seen: list[flexie.OAuthTokens] = []
    with oauth_client(fake, got, on_token_refresh=seen.append) as client:
        client.users.me()
        fake.expire_access_tokens()
        before = fake.token_request_count
        assert client.contacts.get(1).id == 1
        assert fake.token_request_count == before + 1
        assert len(seen) == 1
        assert seen[0].access_token != got.access_token
        client.contacts.get(2)  # the new token keeps working
        assert fake.token_request_count == before + 1


def test_threads_share_one_refresh(fake: FakeFlexie) -> None:
    got = tokens(fake)
    with oauth_client(fake, got) as client:
        client.users.me()
        fake.expire_access_tokens()
        before = fake.token_request_count
        errors: list[BaseException] = []

        def work() -> None:
            try:
                client.contacts.get(1)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert fake.token_request_count == before + 1


def test_tasks_share_one_refresh(fake: FakeFlexie) -> None:
    got = tokens(fake)

    async def scenario() -> int:
        async with flexie.AsyncFlexie(
            base_url=fake.base_url, access_token=got.access_token, refresh_token=got.refresh_token,
            client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret,
        ) as client:  # fmt: skip
            await client.users.me()
            await asyncio.get_running_loop().run_in_executor(None, fake.expire_access_tokens)
            before = await asyncio.get_running_loop().run_in_executor(None, lambda: fake.token_request_count)
            await asyncio.gather(*(client.contacts.get(i) for i in range(1, 9)))
            after = await asyncio.get_running_loop().run_in_executor(None, lambda: fake.token_request_count)
            return after - before

    assert asyncio.run(scenario()) == 1


def test_a_failed_refresh_is_an_authentication_error_without_secrets(fake: FakeFlexie) -> None:
    got = tokens(fake)
    with flexie.Flexie(
        base_url=fake.base_url, access_token=got.access_token, refresh_token="bogus-refresh-token",
        client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret, max_retries=0,
    ) as client:  # fmt: skip
        fake.expire_access_tokens()
        with pytest.raises(flexie.AuthenticationError) as info:
            client.contacts.get(1)
    text = str(info.value) + repr(info.value.body)
    assert "bogus-refresh-token" not in text
    assert got.access_token not in text
    assert fake.oauth_client_secret not in text
    assert "refreshing the OAuth token failed" in str(info.value)


def test_without_a_refresh_token_a_401_is_final(fake: FakeFlexie) -> None:
    got = tokens(fake)
    with flexie.Flexie(base_url=fake.base_url, access_token=got.access_token) as client:
        fake.expire_access_tokens()
        with pytest.raises(flexie.AuthenticationError):
            client.contacts.get(1)


def test_access_token_from_the_environment(fake: FakeFlexie, monkeypatch: pytest.MonkeyPatch) -> None:
    got = tokens(fake)
    monkeypatch.delenv("FLEXIE_API_KEY", raising=False)
    monkeypatch.setenv("FLEXIE_BASE_URL", fake.base_url)
    monkeypatch.setenv("FLEXIE_ACCESS_TOKEN", got.access_token)
    with flexie.Flexie() as client:
        assert client.users.me().id == 1
