"""Authentication: API keys (header and query), read-only keys, OAuth 2.0 codes, tokens, refresh
and expiry, as the vendor's OAuth server port shows them (PKCE, rotation, RFC 6749 error bodies)."""

from __future__ import annotations

import base64
import hashlib
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from flexie.testing import FakeFlexie
from tests.testing._support import error_of


def token_client(fake: FakeFlexie) -> httpx.Client:
    return httpx.Client(base_url=fake.url, trust_env=False, timeout=30.0)


def credentials(fake: FakeFlexie) -> dict[str, str]:
    return {"client_id": fake.oauth_client_id, "client_secret": fake.oauth_client_secret}


def oauth_error_of(response: httpx.Response, status: int) -> str:
    """Assert the status and RFC 6749's error body; return the error code."""
    assert response.status_code == status, (response.status_code, response.text)
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "error_description"}, body
    assert isinstance(body["error_description"], str)
    assert body["error_description"]
    code: str = body["error"]
    return code


def challenge_of(verifier: str) -> str:
    """RFC 7636's S256, written out here independently of the code under test."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def test_api_key_in_header_or_query(fake: FakeFlexie, anon: httpx.Client) -> None:
    assert anon.get("/contacts", headers={"apikey": fake.api_key}).status_code == 200
    assert anon.get("/contacts", params={"apikey": fake.api_key}).status_code == 200
    error_of(anon.get("/contacts"), 401)
    error_of(anon.get("/contacts", headers={"apikey": "wrong"}), 401)
    error_of(anon.get("/contacts", params={"apikey": "wrong"}), 401)
    # the header decides when both are sent
    error_of(anon.get("/contacts", headers={"apikey": "wrong"}, params={"apikey": fake.api_key}), 401)
    error_of(anon.get("/contacts", headers={"Authorization": f"Basic {fake.api_key}"}), 401)


def test_read_only_keys_may_read_but_not_write(fake: FakeFlexie, client: httpx.Client) -> None:
    fake.seed(contacts=3, lists=1)
    fake.add_api_key("ro-key", read_only=True)
    with httpx.Client(base_url=fake.base_url, headers={"apikey": "ro-key"}, trust_env=False) as reader:
        assert reader.get("/contacts/1").status_code == 200
        assert reader.post("/contacts", json={"limit": 5}).status_code == 200  # a filtered list reads
        assert reader.post("/users/1/permission", json={"permissions": ["a:b:c"]}).status_code == 200
        for response in (
            reader.post("/contacts/new", json={"first_name": "No"}),
            reader.put("/contacts/1", json={"first_name": "No"}),
            reader.delete("/contacts/1"),
            reader.post("/contact/lists/1/add/1"),
            reader.post("/notes/contact/1", json={"text": "No"}),
        ):
            error_of(response, 403)
    assert fake.count("contacts") == 3
    assert fake.remove_api_key("ro-key") is True
    assert fake.remove_api_key("ro-key") is False
    error_of(client.get("/contacts", headers={"apikey": "ro-key"}), 401)


def test_authorization_code_grant_then_bearer(fake: FakeFlexie, anon: httpx.Client) -> None:
    fake.seed(users=3)
    code = fake.issue_authorization_code(user_id=2, redirect_uri="https://app.example/cb")
    with token_client(fake) as http:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": "https://app.example/cb"}
        response = http.post("/oauth2/token", data={**form, **credentials(fake)})
        assert response.status_code == 200
        token = response.json()
        assert set(token) >= {"access_token", "token_type", "expires_in", "refresh_token"}
        assert token["token_type"] == "Bearer"  # as the vendor's OAuth server port answers
        assert token["expires_in"] == 3600
        again = http.post("/oauth2/token", data={**form, **credentials(fake)})  # codes are single-use
        assert oauth_error_of(again, 400) == "invalid_grant"
        assert code not in again.text
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    assert anon.get("/users/self", headers=bearer).json()["user"]["id"] == 2
    assert anon.post("/contacts/new", headers=bearer, json={"first_name": "Via OAuth"}).status_code == 201
    error_of(anon.get("/users/self", headers={"Authorization": "Bearer not-a-token"}), 401)


def test_expired_tokens_get_401_and_refresh_rotates(fake: FakeFlexie, anon: httpx.Client) -> None:
    with token_client(fake) as http:
        code = fake.issue_authorization_code()
        grant = {"grant_type": "authorization_code", "code": code, **credentials(fake)}
        token = http.post("/oauth2/token", json=grant).json()  # a JSON body works too
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        assert anon.get("/contacts", headers=bearer).status_code == 200
        assert fake.expire_access_tokens() == 1
        expired = anon.get("/contacts", headers=bearer)
        error_of(expired, 401)
        assert expired.headers["WWW-Authenticate"].startswith("Bearer")
        refresh = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]}
        fresh = http.post("/oauth2/token", data=refresh, auth=(fake.oauth_client_id, fake.oauth_client_secret))
        assert fresh.status_code == 200
        new = fresh.json()
        assert new["access_token"] != token["access_token"]
        assert new["refresh_token"] != token["refresh_token"]
        assert anon.get("/contacts", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200
        reused = http.post("/oauth2/token", data={**refresh, **credentials(fake)})  # the old one is spent
        assert oauth_error_of(reused, 400) == "invalid_grant"
    assert fake.token_request_count == 3
    assert fake.request_count(operation_id="oauth2Token") == 3


def test_token_endpoint_refuses_bad_clients_and_grants(fake: FakeFlexie) -> None:
    with token_client(fake) as http:
        wrong = {"grant_type": "client_credentials", "client_id": fake.oauth_client_id, "client_secret": "nope"}
        refused = http.post("/oauth2/token", data=wrong)
        assert oauth_error_of(refused, 401) == "invalid_client"
        assert refused.headers["WWW-Authenticate"] == 'Basic realm="oauth2"'
        unsupported = {"grant_type": "password", **credentials(fake)}
        assert oauth_error_of(http.post("/oauth2/token", data=unsupported), 400) == "unsupported_grant_type"
        mismatch = {"grant_type": "authorization_code", "code": fake.issue_authorization_code(redirect_uri="https://a")}
        oauth_error_of(
            http.post("/oauth2/token", data={**mismatch, "redirect_uri": "https://b", **credentials(fake)}), 400
        )
        error_of(http.get("/oauth2/token"), 405)
        # no client_credentials grant unless the fake is started with it (see the slow test below)
        machine = http.post("/oauth2/token", data={"grant_type": "client_credentials", **credentials(fake)})
        assert oauth_error_of(machine, 400) == "unsupported_grant_type"
        assert oauth_error_of(http.post("/oauth2/token", data=credentials(fake)), 400) == "invalid_request"


def test_authorize_redirects_back_with_a_code(fake: FakeFlexie) -> None:
    with token_client(fake) as http:
        verifier = "v" * 43
        pkce = {"code_challenge": challenge_of(verifier), "code_challenge_method": "S256"}
        params = {"client_id": fake.oauth_client_id, "redirect_uri": "https://app.example/cb", "state": "xyz", **pkce}
        response = http.get("/oauth2/authorize", params={**params, "response_type": "code"})
        assert response.status_code == 302
        location = urlsplit(response.headers["location"])
        query = parse_qs(location.query)
        assert (location.netloc, query["state"]) == ("app.example", ["xyz"])
        form = {"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": params["redirect_uri"]}
        assert (
            http.post("/oauth2/token", data={**form, "code_verifier": verifier, **credentials(fake)}).status_code == 200
        )
        error_of(http.get("/oauth2/authorize", params={**params, "client_id": "other"}), 400)


@pytest.mark.slow
def test_access_tokens_also_expire_with_time() -> None:
    with FakeFlexie(access_token_ttl=1, oauth_client_credentials=True) as fake, token_client(fake) as http:
        token = http.post("/oauth2/token", data={"grant_type": "client_credentials", **credentials(fake)}).json()
        assert token["expires_in"] == 1
        assert "refresh_token" not in token  # a client_credentials token is not refreshed
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        assert http.get("/api/contacts", headers=bearer).status_code == 200
        assert http.get("/api/users/self", headers=bearer).json()["user"]["id"] == 1  # the admin user
        time.sleep(1.1)
        error_of(http.get("/api/contacts", headers=bearer), 401)
