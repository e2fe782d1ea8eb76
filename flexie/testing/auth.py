"""Credentials: API keys, OAuth 2.0 codes and tokens, and role permissions.

A request authenticates with the `apikey` header, an `Authorization: Bearer <access token>`
header, or the `?apikey=` query parameter (checked in that order: the first one present decides).
Every credential belongs to a user; `users/self` answers that user. Read-only keys get 403 on
writes. No message ever repeats a credential.
"""

from __future__ import annotations

import base64
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from flexie.testing.errors import ApiError

CODE_TTL = 600.0


@dataclass
class Principal:
    user_id: int
    read_only: bool = False
    via: str = "apikey"


@dataclass
class _Token:
    user_id: int
    expires_at: float


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
    def __init__(self, *, client_id: str, client_secret: str, token_ttl: int, admin_user_id: int = 1) -> None:
        self.keys: dict[str, Principal] = {}
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl
        self.admin_user_id = admin_user_id
        self._codes: dict[str, tuple[int, str | None, float]] = {}
        self._access: dict[str, _Token] = {}
        self._refresh: dict[str, int] = {}
        self.token_requests = 0

    def reset_tokens(self) -> None:
        self._codes.clear()
        self._access.clear()
        self._refresh.clear()
        self.token_requests = 0

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

    # --- OAuth 2.0 --------------------------------------------------------------------------

    def issue_code(self, user_id: int, redirect_uri: str | None = None) -> str:
        code = secrets.token_urlsafe(18)
        self._codes[code] = (user_id, redirect_uri, time.time() + CODE_TTL)
        return code

    def expire_access_tokens(self) -> int:
        count = len(self._access)
        for token in self._access.values():
            token.expires_at = 0.0
        return count

    def token(self, form: Mapping[str, str], authorization: str | None) -> dict[str, Any]:
        """The token endpoint: a token response, or ApiError (400 / 401) in the spec's error shape."""
        self.token_requests += 1
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(authorization[6:].strip()).decode()
            except (ValueError, UnicodeDecodeError):
                raise _oauth_error(401, "invalid_client", "Malformed Basic credentials.") from None
            user, _, password = decoded.partition(":")
            client_id, client_secret = unquote(user), unquote(password)
        if client_id != self.client_id or client_secret != self.client_secret:
            raise _oauth_error(401, "invalid_client", "Unknown client or wrong client secret.")
        grant = form.get("grant_type")
        if grant == "authorization_code":
            code = form.get("code") or ""
            found = self._codes.pop(code, None)
            if found is None or found[2] < time.time():
                raise _oauth_error(400, "invalid_grant", "The authorization code is unknown, used or expired.")
            user_id, redirect_uri, _ = found
            if redirect_uri is not None and form.get("redirect_uri") != redirect_uri:
                raise _oauth_error(400, "invalid_grant", "redirect_uri does not match the authorization request.")
            return self._grant(user_id)
        if grant == "refresh_token":
            refresh = form.get("refresh_token") or ""
            owner = self._refresh.pop(refresh, None)
            if owner is None:
                raise _oauth_error(400, "invalid_grant", "The refresh token is unknown or was already used.")
            return self._grant(owner)
        if grant == "client_credentials":
            return self._grant(self.admin_user_id)
        if not grant:
            raise _oauth_error(400, "invalid_request", "grant_type is required.")
        raise _oauth_error(
            400, "unsupported_grant_type", "Use authorization_code, refresh_token or client_credentials."
        )

    def _grant(self, user_id: int) -> dict[str, Any]:
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        self._access[access] = _Token(user_id=user_id, expires_at=time.time() + self.token_ttl)
        self._refresh[refresh] = user_id
        return {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": self.token_ttl,
            "refresh_token": refresh,
            "scope": None,
        }


def _bearer_error(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def _oauth_error(status: int, code: str, message: str) -> ApiError:
    """The spec's error shape, with the RFC 6749 error code added as `error.oauth_error`."""
    return ApiError(status, f"{code}: {message}", extra={"oauth_error": code})
