"""The fake's OAuth server as the vendor's port of its OAuth server shows it: PKCE (S256) on every
code of the authorization page, refresh tokens that rotate, a reused one revoking the whole family,
RFC 6749 error bodies, `Bearer` tokens with the documented lifetimes."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from flexie.testing import FakeFlexie
from tests.testing.test_fake_auth import challenge_of, credentials, oauth_error_of, token_client

REDIRECT = "https://app.example/cb"


def authorize(http: httpx.Client, fake: FakeFlexie, **extra: str) -> dict[str, str]:
    """Ask the authorization page; return the query of the redirect back."""
    params = {"response_type": "code", "client_id": fake.oauth_client_id, "redirect_uri": REDIRECT, **extra}
    response = http.get("/oauth2/authorize", params=params)
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    return {name: values[0] for name, values in parse_qs(location.query).items()}


def exchange(http: httpx.Client, fake: FakeFlexie, code: str, **extra: str) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, **extra}
    return http.post("/oauth2/token", data={**form, **credentials(fake)})


def refresh(http: httpx.Client, fake: FakeFlexie, token: str) -> httpx.Response:
    return http.post("/oauth2/token", data={"grant_type": "refresh_token", "refresh_token": token, **credentials(fake)})


def grant(http: httpx.Client, fake: FakeFlexie) -> dict[str, Any]:
    verifier = secrets.token_urlsafe(48)
    query = authorize(http, fake, code_challenge=challenge_of(verifier), code_challenge_method="S256")
    response = exchange(http, fake, query["code"], code_verifier=verifier)
    assert response.status_code == 200, response.text
    token: dict[str, Any] = response.json()
    return token


def works(http: httpx.Client, access_token: str) -> bool:
    response = http.get("/api/users/self", headers={"Authorization": f"Bearer {access_token}"})
    assert response.status_code in (200, 401), response.text
    return response.status_code == 200


def test_the_authorization_page_requires_pkce_s256(fake: FakeFlexie) -> None:
    with token_client(fake) as http:
        missing = authorize(http, fake, state="s1")
        assert (missing["error"], missing["state"]) == ("invalid_request", "s1")
        assert "code_challenge" in missing["error_description"]
        assert "code" not in missing
        plain = authorize(http, fake, code_challenge="p" * 43, code_challenge_method="plain")
        assert plain["error"] == "invalid_request"
        assert "S256" in plain["error_description"]
        assert authorize(http, fake, response_type="token")["error"] == "unsupported_response_type"


def test_the_token_endpoint_checks_the_verifier(fake: FakeFlexie) -> None:
    verifier = secrets.token_urlsafe(48)
    with token_client(fake) as http:
        pkce = {"code_challenge": challenge_of(verifier), "code_challenge_method": "S256"}
        no_verifier = exchange(http, fake, authorize(http, fake, **pkce)["code"])
        assert oauth_error_of(no_verifier, 400) == "invalid_request"
        assert "code_verifier" in no_verifier.json()["error_description"]
        wrong = exchange(http, fake, authorize(http, fake, **pkce)["code"], code_verifier=secrets.token_urlsafe(48))
        assert oauth_error_of(wrong, 400) == "invalid_grant"
        assert verifier not in wrong.text
        right = exchange(http, fake, authorize(http, fake, **pkce)["code"], code_verifier=verifier)
        assert right.status_code == 200
        assert right.headers["Cache-Control"] == "no-store"
        token = right.json()
        assert (token["token_type"], token["expires_in"]) == ("Bearer", 3600)  # one hour, as documented
        assert set(token) == {"access_token", "token_type", "expires_in", "refresh_token", "scope"}
        # a code bound to a challenge by the admin shortcut is checked the same way
        bound = fake.issue_authorization_code(redirect_uri=REDIRECT, code_challenge=challenge_of(verifier))
        assert oauth_error_of(exchange(http, fake, bound, code_verifier="x" * 43), 400) == "invalid_grant"


def test_refresh_tokens_rotate_and_a_reused_one_revokes_the_family(fake: FakeFlexie) -> None:
    with token_client(fake) as http:
        first = grant(http, fake)
        other = grant(http, fake)  # another authorization: a family of its own
        second = refresh(http, fake, first["refresh_token"]).json()
        third = refresh(http, fake, second["refresh_token"]).json()
        assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
        assert works(http, third["access_token"])
        before = fake.revoked_token_families
        replay = refresh(http, fake, first["refresh_token"])  # already used: a stolen copy, perhaps
        assert oauth_error_of(replay, 400) == "invalid_grant"
        assert "revoked" in replay.json()["error_description"]
        assert first["refresh_token"] not in replay.text
        assert fake.revoked_token_families == before + 1
        # every token of that authorization is gone, the newest included ...
        assert not works(http, third["access_token"])
        assert oauth_error_of(refresh(http, fake, third["refresh_token"]), 400) == "invalid_grant"
        # ... and nothing of the other one
        assert works(http, other["access_token"])
        assert refresh(http, fake, other["refresh_token"]).status_code == 200


def test_a_bearer_401_says_why_in_www_authenticate(fake: FakeFlexie) -> None:
    with token_client(fake) as http:
        token = grant(http, fake)
        fake.expire_access_tokens()
        expired = http.get("/api/contacts", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert expired.status_code == 401
        challenge = expired.headers["WWW-Authenticate"]
        assert challenge.startswith("Bearer ")
        assert 'error="invalid_token"' in challenge
        assert "expired" in challenge
        assert token["access_token"] not in expired.text + challenge
