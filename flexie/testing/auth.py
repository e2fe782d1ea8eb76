"""Credentials: API keys, OAuth 2.0 codes and tokens, and role permissions.

A request authenticates with the `apikey` header, an `Authorization: Bearer <access token>`
header, or the `?apikey=` query parameter (checked in that order: the first one present decides).
Every credential belongs to a user; `users/self` answers that user. Read-only keys get 403 on
writes. No message ever repeats a credential.

The OAuth server follows the vendor's own port of its OAuth server: `"token_type": "Bearer"`,
access tokens for an hour, refresh tokens for 30 days, codes for 60 seconds; PKCE (S256) on every
code the authorization page issues; refresh tokens that rotate, a used one presented again
revoking every token of its authorization (its "family"); errors as
`{"error": <code>, "error_description": <text>}`; no `client_credentials` grant unless the fake
was started with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from flexie.testing.errors import ApiError

CODE_TTL = 60.0
REFRESH_TTL = 30 * 24 * 3600.0


@dataclass
class Principal:
    user_id: int
    read_only: bool = False
    via: str = "apikey"


@dataclass
class _Token:
    user_id: int
    expires_at: float
    family: int


@dataclass
class _Refresh:
    user_id: int
    expires_at: float
    family: int
    scope: str | None
    used: bool = False


@dataclass
class _Code:
    user_id: int
    redirect_uri: str | None
    expires_at: float
    challenge: str | None
    scope: str | None
    family: int
    used: bool = False


class OAuthApiError(ApiError):
    """An answer of the token endpoint: RFC 6749's `{"error", "error_description"}`."""

    def __init__(self, status: int, code: str, description: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, description, headers=headers)
        self.code = code

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "error_description": self.message}


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a code verifier (RFC 7636 section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def has_permission(role: Mapping[str, Any] | None, permission: str) -> bool:
    """Admins hold everything; otherwise the exact permission, or `bundle:level:full`."""
    if role is None:
        return False
    if role.get("isAdmin"):
        return True
    held = set(role.get("permissions") or ())
    if permission in held:
        return True
    bundle_level = permission.rsplit(":", 1)[0]
    return f"{bundle_level}:full" in held


class Auth:
    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        token_ttl: int,
        admin_user_id: int = 1,
        client_credentials: bool = False,
    ) -> None:
        self.keys: dict[str, Principal] = {}
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl
        self.admin_user_id = admin_user_id
        self.client_credentials = client_credentials
        self._families = itertools.count(1)
        self._codes: dict[str, _Code] = {}
        self._access: dict[str, _Token] = {}
        self._refresh: dict[str, _Refresh] = {}
        self.token_requests = 0
        self.revoked_families = 0

    def reset_tokens(self) -> None:
        self._codes.clear()
        self._access.clear()
        self._refresh.clear()
        self.token_requests = 0
        self.revoked_families = 0

    # --- API keys ---------------------------------------------------------------------------

    def add_key(self, key: str, *, user_id: int, read_only: bool = False) -> None:
        if not key:
            raise ValueError("an API key cannot be empty")
        self.keys[key] = Principal(user_id=user_id, read_only=read_only, via="apikey")

    def remove_key(self, key: str) -> bool:
        return self.keys.pop(key, None) is not None

    def authenticate(self, header_key: str | None, authorization: str | None, query_key: str | None) -> Principal:
        if header_key is not None:
            return self._by_key(header_key)
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "Unsupported Authorization header: send `Bearer <access token>`.")
            found = self._access.get(token.strip())
            if found is None:
                raise _bearer_error("The access token is not valid.")
            if found.expires_at <= time.time():
                raise _bearer_error("The access token has expired.")
            return Principal(user_id=found.user_id, via="oauth")
        if query_key is not None:
            return self._by_key(query_key)
        raise ApiError(401, "No credentials: send the apikey header or an OAuth bearer token.")

    def _by_key(self, key: str) -> Principal:
        found = self.keys.get(key)
        if found is None:
            raise ApiError(401, "The API key is not valid.")
        return found

    # --- OAuth 2.0: codes ---------------------------------------------------------------------

    def issue_code(
        self,
        user_id: int,
        redirect_uri: str | None = None,
        *,
        code_challenge: str | None = None,
        scope: str | None = None,
    ) -> str:
        """A single-use code. With `code_challenge` (S256) the token request must prove the verifier."""
        code = secrets.token_urlsafe(18)
        self._codes[code] = _Code(
            user_id, redirect_uri, time.time() + CODE_TTL, code_challenge, scope, next(self._families)
        )
        return code

    def authorization_error(self, params: Mapping[str, str]) -> tuple[str, str] | None:
        """Why the authorization page refuses a request whose client and redirect URI are valid."""
        if params.get("response_type", "code") != "code":
            return "unsupported_response_type", "Only response_type=code is supported."
        challenge = params.get("code_challenge")
        if not challenge:
            return "invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256."
        if params.get("code_challenge_method") != "S256":
            return "invalid_request", "Only code_challenge_method=S256 is supported."
        if not 43 <= len(challenge) <= 128:
            return "invalid_request", "code_challenge must be 43 to 128 characters."
        return None

    def expire_access_tokens(self) -> int:
        count = len(self._access)
        for token in self._access.values():
            token.expires_at = 0.0
        return count

    # --- OAuth 2.0: the token endpoint ---------------------------------------------------------

    def token(self, form: Mapping[str, str], authorization: str | None) -> dict[str, Any]:
        """The token endpoint: a token response, or OAuthApiError (400 / 401)."""
        self.token_requests += 1
        self._check_client(form, authorization)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            return self._code_grant(form)
        if grant == "refresh_token":
            return self._refresh_grant(form.get("refresh_token") or "")
        if grant == "client_credentials" and self.client_credentials:
            return self._grant(self.admin_user_id, next(self._families), None, refresh=False)
        if not grant:
            raise OAuthApiError(400, "invalid_request", "grant_type is required.")
        supported = "authorization_code, refresh_token" + (", client_credentials" if self.client_credentials else "")
        raise OAuthApiError(400, "unsupported_grant_type", f"This server supports {supported}.")

    def _check_client(self, form: Mapping[str, str], authorization: str | None) -> None:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:].strip()).decode()
            except (ValueError, UnicodeDecodeError):
                raise _client_error("Malformed Basic credentials.") from None
            user, _, password = decoded.partition(":")
            client_id, client_secret = unquote(user), unquote(password)
        if client_id != self.client_id or not hmac.compare_digest(client_secret or "", self.client_secret):
            raise _client_error("Unknown client or wrong client secret.")

    def _code_grant(self, form: Mapping[str, str]) -> dict[str, Any]:
        found = self._codes.get(form.get("code") or "")
        if found is None or found.expires_at < time.time():
            raise OAuthApiError(400, "invalid_grant", "The authorization code is unknown or expired.")
        if found.used:
            raise OAuthApiError(400, "invalid_grant", "The authorization code was already used.")
        found.used = True
        if found.redirect_uri is not None and form.get("redirect_uri") != found.redirect_uri:
            raise OAuthApiError(400, "invalid_grant", "redirect_uri does not match the authorization request.")
        if found.challenge is not None:
            verifier = form.get("code_verifier")
            if not verifier:
                raise OAuthApiError(400, "invalid_request", "code_verifier is required (PKCE).")
            if not hmac.compare_digest(s256(verifier), found.challenge):
                raise OAuthApiError(400, "invalid_grant", "code_verifier does not match the code_challenge.")
        return self._grant(found.user_id, found.family, found.scope)

    def _refresh_grant(self, refresh: str) -> dict[str, Any]:
        found = self._refresh.get(refresh)
        if found is None:
            raise OAuthApiError(400, "invalid_grant", "The refresh token is unknown or revoked.")
        if found.used:
            self._revoke(found.family)
            raise OAuthApiError(
                400,
                "invalid_grant",
                "The refresh token was already used; every token of this authorization is now revoked.",
            )
        if found.expires_at <= time.time():
            raise OAuthApiError(400, "invalid_grant", "The refresh token has expired.")
        found.used = True
        return self._grant(found.user_id, found.family, found.scope)

    def _revoke(self, family: int) -> None:
        self.revoked_families += 1
        self._access = {token: found for token, found in self._access.items() if found.family != family}
        self._refresh = {token: found for token, found in self._refresh.items() if found.family != family}

    def _grant(self, user_id: int, family: int, scope: str | None, *, refresh: bool = True) -> dict[str, Any]:
        access = secrets.token_urlsafe(24)
        self._access[access] = _Token(user_id=user_id, expires_at=time.time() + self.token_ttl, family=family)
        answer: dict[str, Any] = {"access_token": access, "token_type": "Bearer", "expires_in": self.token_ttl}
        if refresh:
            token = secrets.token_urlsafe(24)
            self._refresh[token] = _Refresh(user_id, time.time() + REFRESH_TTL, family, scope)
            answer["refresh_token"] = token
        answer["scope"] = scope
        return answer


def _bearer_error(message: str) -> ApiError:
    challenge = f'Bearer realm="flexie", error="invalid_token", error_description="{message}"'
    return ApiError(401, message, headers={"WWW-Authenticate": challenge}, extra={"oauth_error": "invalid_token"})


def _client_error(message: str) -> OAuthApiError:
    return OAuthApiError(401, "invalid_client", message, headers={"WWW-Authenticate": 'Basic realm="oauth2"'})
