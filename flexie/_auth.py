"""Authentication as httpx ``Auth`` flows: the API key, or OAuth 2.0 bearer tokens with refresh.

Refresh tokens may rotate (Flexie's OAuth server issues a new one on every refresh and revokes
every token of the authorization when a used one comes back): the new one always replaces the
old, and ``on_refresh`` is told. Secrets live only in these objects; their reprs hide them.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .errors import AuthenticationError, decode_body

if TYPE_CHECKING:  # asyncio costs ~80 ms to import and sync users never need it: it is imported where used.
    import asyncio

__all__ = ["APIKeyAuth", "OAuth2Auth", "OAuthError", "OAuthTokens", "RedactQueryKey", "parse_token_response"]

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
    """A token set as the token endpoint returned it. ``expires_at`` is a ``time.time()`` value;
    ``scope`` is what the server granted, when it said."""

    access_token: str
    refresh_token: str | None = None
    expires_at: float | None = None
    scope: str | None = None

    def __repr__(self) -> str:
        refresh = "'***'" if self.refresh_token else None
        scope = f", scope={self.scope!r}" if self.scope else ""
        return f"OAuthTokens(access_token='***', refresh_token={refresh}, expires_at={self.expires_at}{scope})"


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
        return token_request(self._token_url, data, self._client_id, self._client_secret)

    def _accept(self, response: httpx.Response, used: OAuthTokens) -> None:
        secrets = (used.refresh_token, used.access_token, self._client_secret)
        self._tokens = parse_token_response(
            response, previous=used, action="refreshing the OAuth token", secrets=secrets
        )
        if self._on_refresh is not None:
            self._on_refresh(self._tokens)


class OAuthError(AuthenticationError):
    """The OAuth server refused a token request.

    ``error`` is the server's code (``invalid_grant``, ``invalid_client``, ...) and
    ``error_description`` its explanation, when it gave them; ``message`` is the explanation.
    Neither ever holds a token, code or secret of the request.
    """

    def __init__(self, message: str, *, error: str | None, error_description: str | None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.error = error
        self.error_description = error_description

    @property
    def message(self) -> str:
        """The token server's own explanation (``error_description``), or its error code."""
        return self.error_description or self.error or ""


def token_request(
    token_url: str, data: dict[str, str], client_id: str | None, client_secret: str | None
) -> httpx.Request:
    """A form POST to the token endpoint, with the client's credentials in the body when given."""
    if client_id:
        data["client_id"] = client_id
    if client_secret:
        data["client_secret"] = client_secret
    return httpx.Request("POST", token_url, data=data, headers={"Accept": "application/json"})


def parse_token_response(
    response: httpx.Response,
    *,
    previous: OAuthTokens | None = None,
    action: str = "the OAuth token request",
    secrets: Iterable[str | None] = (),
) -> OAuthTokens:
    """Read a token endpoint answer; on failure raise :class:`OAuthError` carrying the server's
    ``error`` and ``error_description``, with every string of ``secrets`` masked out."""
    body = decode_body(response.content)
    url = str(response.request.url.copy_with(query=None))
    token = body.get("access_token") if isinstance(body, dict) else None
    token_type = body.get("token_type") if isinstance(body, dict) else None
    if response.status_code == 200 and isinstance(token, str) and token:
        if token_type is None or (isinstance(token_type, str) and token_type.lower() == "bearer"):
            return _tokens(body, previous)
        reason: tuple[str | None, str | None] = (None, f"token_type {token_type!r} is not supported (only Bearer)")
    elif response.status_code == 200:
        reason = (None, "the answer holds no access_token")
    else:
        reason = oauth_reason(body)
    hidden = tuple(secrets)
    code, description = (_mask(text, hidden) for text in reason)
    said = ": ".join(part for part in (code, description) if part)
    raise OAuthError(
        f"{action} failed: POST {url} answered {response.status_code}" + (f": {said}" if said else ""),
        error=code,
        error_description=description,
        status_code=response.status_code if response.status_code >= 400 else 401,
        method="POST",
        url=url,
        body={key: value for key, value in (("error", code), ("error_description", description)) if value},
        headers={},
    )


def _tokens(body: dict[str, Any], previous: OAuthTokens | None) -> OAuthTokens:
    expires_in = body.get("expires_in")
    if isinstance(expires_in, str) and expires_in.strip().isdigit():
        expires_in = int(expires_in)
    refresh, scope = body.get("refresh_token"), body.get("scope")
    if not (isinstance(refresh, str) and refresh):  # no new refresh token: the old one stays valid
        refresh = previous.refresh_token if previous else None
    return OAuthTokens(
        access_token=body["access_token"],
        refresh_token=refresh,
        expires_at=time.time() + float(expires_in) if isinstance(expires_in, int | float) else None,
        scope=scope if isinstance(scope, str) and scope else None,
    )


def oauth_reason(body: Any) -> tuple[str | None, str | None]:
    """``(error code, description)`` from any error body shape: RFC 6749's
    ``{"error", "error_description"}``, ``{"error": {"message"}}``, ``{"errors": [{"message"}]}``,
    ``{"message"}``, or the text of a page (tags dropped, shortened)."""
    if isinstance(body, dict):
        error, description = body.get("error"), body.get("error_description")
        if isinstance(error, dict):
            code = error.get("oauth_error") or error.get("type")
            return (str(code) if code else None), _text(error.get("message"))
        errors = body.get("errors")
        if not description and isinstance(errors, list) and errors and isinstance(errors[0], dict):
            description = errors[0].get("message")
        return _text(error), _text(description) or _text(body.get("message"))
    if isinstance(body, str) and body.strip():
        return None, _text(re.sub(r"<[^>]*>", " ", body))
    return None, None


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= 300 else text[:297] + "..."


def _mask(text: str | None, secrets: Iterable[str | None]) -> str | None:
    if text is None:
        return None
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
