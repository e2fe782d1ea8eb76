"""Authentication as httpx ``Auth`` flows: the API key, or OAuth 2.0 bearer tokens with refresh.

Secrets live only in these objects; their reprs hide them.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from .errors import AuthenticationError, decode_body, server_message

if TYPE_CHECKING:  # asyncio costs ~80 ms to import and sync users never need it: it is imported where used.
    import asyncio

__all__ = ["APIKeyAuth", "OAuth2Auth", "OAuthTokens", "RedactQueryKey"]

# Refresh a little before the stated expiry, so a request does not race the clock.
_EXPIRY_MARGIN = 30.0


class APIKeyAuth(httpx.Auth):
    """Sends the workspace API key in the ``apikey`` header, or as ``?apikey=`` when asked.

    With the query form, the key is in the URL httpx sends and logs: a filter on the ``httpx``
    logger (:class:`RedactQueryKey`) takes it out of every log line.
    """

    def __init__(self, api_key: str, *, in_query: bool = False) -> None:
        self._api_key = api_key
        self._in_query = in_query
        if in_query:
            RedactQueryKey.install()

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._in_query:
            request.url = request.url.copy_set_param("apikey", self._api_key)
        else:
            request.headers["apikey"] = self._api_key
        yield request

    def __repr__(self) -> str:
        return f"APIKeyAuth(api_key='***', in_query={self._in_query})"


class RedactQueryKey(logging.Filter):
    """Removes ``apikey=...`` from the URLs in httpx's and httpcore's log records."""

    _installed = False
    _pattern = re.compile(r"([?&]apikey=)[^&\s\"']*", re.IGNORECASE)

    @classmethod
    def install(cls) -> None:
        if not cls._installed:
            for name in ("httpx", "httpcore"):
                logging.getLogger(name).addFilter(cls())
            cls._installed = True

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(self._pattern.sub(r"\1***", str(a)) if "apikey" in str(a) else a for a in args)
        if isinstance(record.msg, str) and "apikey" in record.msg:
            record.msg = self._pattern.sub(r"\1***", record.msg)
        return True


@dataclass(frozen=True)
class OAuthTokens:
    """A token set as the token endpoint returned it. ``expires_at`` is a ``time.time()`` value."""

    access_token: str
    refresh_token: str | None = None
    expires_at: float | None = None

    def __repr__(self) -> str:
        refresh = "'***'" if self.refresh_token else None
        return f"OAuthTokens(access_token='***', refresh_token={refresh}, expires_at={self.expires_at})"


class OAuth2Auth(httpx.Auth):
    """Bearer tokens, refreshed through the token endpoint when they expire or the server answers 401.

    A request is retried at most once after a refresh. Concurrent requests that hit the same expired
    token share one refresh: a lock guards it, and whoever waited finds the new token already there.
    """

    def __init__(
        self,
        tokens: OAuthTokens,
        *,
        token_url: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        on_refresh: Callable[[OAuthTokens], None] | None = None,
    ) -> None:
        self._tokens = tokens
        self._token_url = token_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._on_refresh = on_refresh
        self._thread_lock = threading.Lock()
        self._async_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    @property
    def tokens(self) -> OAuthTokens:
        return self._tokens

    def __repr__(self) -> str:
        return f"OAuth2Auth(token_url={self._token_url!r}, tokens={self._tokens!r})"

    # -- the flows: identical but for the lock ------------------------------------------------

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._expired(self._tokens):
            with self._thread_lock:
                if self._expired(self._tokens):
                    used = self._tokens
                    token_response = yield self._token_request(used)
                    token_response.read()
                    self._accept(token_response, used)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401 and self._tokens.refresh_token:
            with self._thread_lock:
                if self._tokens is used:  # nobody refreshed while we waited
                    token_response = yield self._token_request(used)
                    token_response.read()
                    self._accept(token_response, used)
            self._authorize(request)
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._expired(self._tokens):
            async with self._async_lock():
                if self._expired(self._tokens):
                    used = self._tokens
                    token_response = yield self._token_request(used)
                    await token_response.aread()
                    self._accept(token_response, used)
        used = self._authorize(request)
        response = yield request
        if response.status_code == 401 and self._tokens.refresh_token:
            async with self._async_lock():
                if self._tokens is used:
                    token_response = yield self._token_request(used)
                    await token_response.aread()
                    self._accept(token_response, used)
            self._authorize(request)
            yield request

    # -- helpers --------------------------------------------------------------------------------

    def _async_lock(self) -> asyncio.Lock:
        import asyncio

        loop = asyncio.get_running_loop()
        lock = self._async_locks.get(loop)
        if lock is None:
            self._async_locks = {loop: asyncio.Lock()}  # locks of finished loops are dropped
            lock = self._async_locks[loop]
        return lock

    @staticmethod
    def _expired(tokens: OAuthTokens) -> bool:
        return (
            tokens.expires_at is not None
            and tokens.refresh_token is not None
            and time.time() >= tokens.expires_at - _EXPIRY_MARGIN
        )

    def _authorize(self, request: httpx.Request) -> OAuthTokens:
        tokens = self._tokens
        request.headers["Authorization"] = f"Bearer {tokens.access_token}"
        return tokens

    def _token_request(self, used: OAuthTokens) -> httpx.Request:
        """The request that exchanges the refresh token for a new token set."""
        data = {"grant_type": "refresh_token", "refresh_token": used.refresh_token or ""}
        if self._client_id:
            data["client_id"] = self._client_id
        if self._client_secret:
            data["client_secret"] = self._client_secret
        return httpx.Request("POST", self._token_url, data=data, headers={"Accept": "application/json"})

    def _accept(self, response: httpx.Response, used: OAuthTokens) -> None:
        self._tokens = parse_token_response(response, previous=used)
        if self._on_refresh is not None:
            self._on_refresh(self._tokens)


def parse_token_response(response: httpx.Response, *, previous: OAuthTokens | None = None) -> OAuthTokens:
    """Read a token endpoint answer, raising :class:`AuthenticationError` (without any token) on failure."""
    body = decode_body(response.content)
    url = str(response.request.url.copy_with(query=None))
    if response.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
        reason = server_message(body) or (body.get("error_description") if isinstance(body, dict) else None)
        raise AuthenticationError(
            f"refreshing the OAuth token failed: POST {url} answered {response.status_code}"
            + (f": {reason}" if reason else ""),
            status_code=response.status_code if response.status_code >= 400 else 401,
            method="POST",
            url=url,
            body={"error": {"message": str(reason or "token refresh failed")}},
            headers={},
        )
    expires_in = body.get("expires_in")
    refresh = body.get("refresh_token")
    return OAuthTokens(
        access_token=body["access_token"],
        refresh_token=refresh if isinstance(refresh, str) else (previous.refresh_token if previous else None),
        expires_at=time.time() + float(expires_in) if isinstance(expires_in, int | float) else None,
    )


def exchange_authorization_code(
    *,
    code: str,
    client_id: str,
    client_secret: str,
    subdomain: str | None = None,
    base_url: str | None = None,
    redirect_uri: str | None = None,
    timeout: float = 30.0,
) -> OAuthTokens:
    """Trade the ``code`` your redirect URI received for tokens (the last step of the OAuth 2.0 flow).

    Pass the result's ``access_token`` and ``refresh_token`` to ``Flexie(...)``.
    """
    from ._config import resolve_base_url

    api_root = httpx.URL(resolve_base_url(base_url, subdomain))
    token_url = str(api_root.copy_with(path="/oauth2/token", query=None))
    data = {"grant_type": "authorization_code", "code": code, "client_id": client_id, "client_secret": client_secret}
    if redirect_uri is not None:
        data["redirect_uri"] = redirect_uri
    try:
        response = httpx.post(token_url, data=data, headers={"Accept": "application/json"}, timeout=timeout)
    except httpx.HTTPError as exc:
        from .errors import APIConnectionError

        message = f"POST {token_url} failed: {type(exc).__name__}"
        raise APIConnectionError(message, method="POST", url=token_url) from exc
    return parse_token_response(response)
