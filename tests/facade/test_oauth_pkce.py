"""The authorization-code flow with PKCE, and rotating refresh tokens, against the fake's OAuth server."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

import flexie
from flexie import oauth
from flexie.testing import FakeFlexie

CALLBACK = "https://yourapp.example/callback"


def s256(verifier: str) -> str:
    """RFC 7636's S256, written out here independently of flexie.oauth."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def approve(request: oauth.AuthorizationRequest) -> str:
    """The user's browser: open the authorization page, return where it redirects to (the fake approves)."""
    response = httpx.get(request.url, follow_redirects=False, trust_env=False)
    assert response.status_code == 302, response.text
    return response.headers["location"]


def start(fake: FakeFlexie, **kwargs: object) -> oauth.AuthorizationRequest:
    return oauth.authorization_url(
        base_url=fake.base_url,
        client_id=fake.oauth_client_id,
        redirect_uri=CALLBACK,
        **kwargs,  # type: ignore[arg-type]
    )


def exchange_kwargs(fake: FakeFlexie, code: str, verifier: str) -> dict[str, str]:
    return {
        "base_url": fake.base_url, "code": code, "code_verifier": verifier, "redirect_uri": CALLBACK,
        "client_id": fake.oauth_client_id, "client_secret": fake.oauth_client_secret,
    }  # fmt: skip


def client_for(fake: FakeFlexie, tokens: flexie.OAuthTokens, **kwargs: object) -> flexie.Flexie:
    return flexie.Flexie(
        base_url=fake.base_url, access_token=tokens.access_token, refresh_token=tokens.refresh_token,
        client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_authorization_url_carries_state_and_an_s256_challenge() -> None:
    request = oauth.authorization_url(subdomain="acme", client_id="app-1", redirect_uri=CALLBACK, scope=["a", "b"])
    url = urlsplit(request.url)
    assert (url.scheme, url.netloc, url.path) == ("https", "acme.flexie.io", "/oauth2/authorize")
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert query == {
        "response_type": "code", "client_id": "app-1", "redirect_uri": CALLBACK, "state": request.state,
        "code_challenge": s256(request.code_verifier), "code_challenge_method": "S256", "scope": "a b",
    }  # fmt: skip
    assert 43 <= len(request.code_verifier) <= 128
    assert len(request.state) >= 16
    again = oauth.authorization_url(subdomain="acme", client_id="app-1", redirect_uri=CALLBACK)
    assert again.state != request.state
    assert again.code_verifier != request.code_verifier
    assert request.code_verifier not in repr(request)
    with pytest.raises(flexie.InvalidArgumentError, match="redirect_uri"):
        oauth.authorization_url(subdomain="acme", client_id="app-1", redirect_uri="/callback")
    with pytest.raises(flexie.InvalidArgumentError, match="code_verifier"):
        oauth.authorization_url(subdomain="acme", client_id="app-1", redirect_uri=CALLBACK, code_verifier="short")


def test_code_with_pkce_then_calls(fake: FakeFlexie) -> None:
    request = start(fake, state="my-state-123")
    code = oauth.code_from_redirect(approve(request), state="my-state-123")
    tokens = flexie.exchange_authorization_code(**exchange_kwargs(fake, code, request.code_verifier))
    assert tokens.access_token
    assert tokens.refresh_token
    assert tokens.expires_at is not None
    with client_for(fake, tokens) as client:
        assert client.users.me().id == 1


def test_code_with_pkce_async(fake: FakeFlexie) -> None:
    async def scenario() -> int:
        request = start(fake)
        location = await asyncio.to_thread(approve, request)
        code = oauth.code_from_redirect(location, state=request.state)
        tokens = await oauth.exchange_authorization_code_async(**exchange_kwargs(fake, code, request.code_verifier))
        async with flexie.AsyncFlexie(base_url=fake.base_url, access_token=tokens.access_token) as client:
            return (await client.users.me()).id

    assert asyncio.run(scenario()) == 1


def test_a_wrong_verifier_is_refused_with_the_servers_words(fake: FakeFlexie) -> None:
    request = start(fake)
    code = oauth.code_from_redirect(approve(request), state=request.state)
    wrong = oauth.new_code_verifier()
    with pytest.raises(flexie.OAuthError) as info:
        flexie.exchange_authorization_code(**exchange_kwargs(fake, code, wrong))
    error = info.value
    assert isinstance(error, flexie.AuthenticationError)
    assert (error.error, error.status_code) == ("invalid_grant", 400)
    assert error.error_description == "code_verifier does not match the code_challenge."
    assert str(error).startswith("exchanging the authorization code failed: POST ")
    assert "invalid_grant: code_verifier does not match" in str(error)
    assert error.message == error.error_description
    for secret in (wrong, code, fake.oauth_client_secret):
        assert secret not in str(error) + repr(error.body)


def test_a_wrong_verifier_is_refused_async(fake: FakeFlexie) -> None:
    request = start(fake)
    code = oauth.code_from_redirect(approve(request), state=request.state)

    async def scenario() -> None:
        await oauth.exchange_authorization_code_async(**exchange_kwargs(fake, code, oauth.new_code_verifier()))

    with pytest.raises(flexie.OAuthError) as info:
        asyncio.run(scenario())
    assert info.value.error == "invalid_grant"


def test_the_redirect_is_checked(fake: FakeFlexie) -> None:
    request = start(fake)
    location = approve(request)
    with pytest.raises(oauth.OAuthRedirectError) as forged:
        oauth.code_from_redirect(location, state="someone-elses-state")
    assert forged.value.error == "state_mismatch"
    assert isinstance(forged.value, flexie.FlexieError)
    # an authorization request without PKCE: the page sends the user back with an error
    bare = httpx.get(
        fake.authorize_url,
        params={"response_type": "code", "client_id": fake.oauth_client_id, "redirect_uri": CALLBACK, "state": "s"},
        trust_env=False,
    )
    with pytest.raises(oauth.OAuthRedirectError, match="code_challenge") as refused:
        oauth.code_from_redirect(bare.headers["location"], state="s")
    assert refused.value.error == "invalid_request"


def test_rotation_the_client_keeps_the_newest_refresh_token(fake: FakeFlexie) -> None:
    request = start(fake)
    code = oauth.code_from_redirect(approve(request), state=request.state)
    first = flexie.exchange_authorization_code(**exchange_kwargs(fake, code, request.code_verifier))
    told: list[flexie.OAuthTokens] = []
    with client_for(fake, first, on_token_refresh=told.append) as client:
        for round_ in (1, 2, 3):  # a client that kept a used refresh token would revoke itself in round 2
            fake.expire_access_tokens()
            assert client.contacts.get(1).id == 1
            assert len(told) == round_
        assert len({first.refresh_token, *(t.refresh_token for t in told)}) == 4
    assert fake.revoked_token_families == 0

    # the application stored what on_token_refresh told it: after a restart, it carries on
    stored = told[-1]
    with client_for(fake, stored, on_token_refresh=told.append) as restarted:
        fake.expire_access_tokens()
        assert restarted.contacts.get(2).id == 2
    assert len(told) == 4

    # one that restarts from a stale refresh token is refused, and revokes every token of the grant
    with client_for(fake, first, max_retries=0) as stale:
        fake.expire_access_tokens()
        with pytest.raises(flexie.OAuthError) as info:
            stale.contacts.get(1)
    assert info.value.error == "invalid_grant"
    assert "already used" in str(info.value)
    assert str(first.refresh_token) not in str(info.value)
    assert fake.revoked_token_families == 1
    with client_for(fake, told[-1], max_retries=0) as newest, pytest.raises(flexie.AuthenticationError):
        newest.contacts.get(1)


def test_rotation_async(fake: FakeFlexie) -> None:
    request = start(fake)
    code = oauth.code_from_redirect(approve(request), state=request.state)
    first = flexie.exchange_authorization_code(**exchange_kwargs(fake, code, request.code_verifier))
    told: list[flexie.OAuthTokens] = []

    async def scenario() -> None:
        async with flexie.AsyncFlexie(
            base_url=fake.base_url, access_token=first.access_token, refresh_token=first.refresh_token,
            client_id=fake.oauth_client_id, client_secret=fake.oauth_client_secret, on_token_refresh=told.append,
        ) as client:  # fmt: skip
            for _ in range(2):
                await asyncio.to_thread(fake.expire_access_tokens)
                await asyncio.gather(*(client.contacts.get(i) for i in (1, 2, 3)))

    asyncio.run(scenario())
    assert len(told) == 2
    assert told[0].refresh_token != told[1].refresh_token != first.refresh_token
    assert fake.revoked_token_families == 0
