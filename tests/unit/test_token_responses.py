"""Reading token endpoint answers: tokens, and the server's own words from every error shape."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import flexie
from flexie._auth import parse_token_response

TOKEN_URL = "https://acme.flexie.io/oauth2/token"


def answer(status: int, body: Any) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    return httpx.Response(status, content=content, request=httpx.Request("POST", TOKEN_URL))


def refused(status: int, body: Any, **kwargs: Any) -> flexie.OAuthError:
    with pytest.raises(flexie.OAuthError) as info:
        parse_token_response(answer(status, body), **kwargs)
    return info.value


def test_a_token_response() -> None:
    body = {"access_token": "a1", "token_type": "Bearer", "expires_in": "3600", "refresh_token": "r2", "scope": "api"}
    tokens = parse_token_response(answer(200, body), previous=flexie.OAuthTokens("a0", "r1"))
    assert (tokens.access_token, tokens.refresh_token, tokens.scope) == ("a1", "r2", "api")
    assert tokens.expires_at is not None  # "3600" as a string is read too
    kept = parse_token_response(answer(200, {"access_token": "a1"}), previous=flexie.OAuthTokens("a0", "r1"))
    assert kept.refresh_token == "r1"  # no new refresh token: the old one stays


@pytest.mark.parametrize(
    ("body", "code", "description"),
    [
        ({"error": "invalid_grant", "error_description": "The refresh token has expired."}, "invalid_grant",
         "The refresh token has expired."),
        ({"error": "invalid_client"}, "invalid_client", None),
        ({"error": {"code": 400, "message": "Bad code.", "oauth_error": "invalid_grant"}}, "invalid_grant",
         "Bad code."),
        ({"errors": [{"message": "Token revoked.", "code": 401}]}, None, "Token revoked."),
        ({"message": "Nope."}, None, "Nope."),
        ("<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>", None, "502 Bad Gateway nginx"),
        ("", None, None),
    ],
)  # fmt: skip
def test_error_shapes_keep_the_servers_words(body: Any, code: str | None, description: str | None) -> None:
    error = refused(400, body, action="refreshing the OAuth token")
    assert (error.error, error.error_description) == (code, description)
    assert str(error).startswith(f"refreshing the OAuth token failed: POST {TOKEN_URL} answered 400")
    for said in (code, description):
        if said:
            assert said in str(error)


def test_secrets_echoed_by_the_server_are_masked() -> None:
    body = {"error": "invalid_grant", "error_description": "refresh token rt-SECRET-123 is revoked"}
    error = refused(400, body, secrets=("rt-SECRET-123", None))
    assert "rt-SECRET-123" not in str(error) + repr(error.body) + str(error.error_description)
    assert "refresh token *** is revoked" in str(error)


def test_an_answer_that_is_no_token_is_refused() -> None:
    assert "holds no access_token" in str(refused(200, {"token_type": "Bearer"}))
    assert "only Bearer" in str(refused(200, {"access_token": "a", "token_type": "mac"}))
    assert refused(200, {"access_token": "a", "token_type": "mac"}).status_code == 401
