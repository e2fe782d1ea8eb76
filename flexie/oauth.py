"""OAuth 2.0 for applications that act on behalf of Flexie users: the authorization-code flow with PKCE.

::

    from flexie import oauth

    request = oauth.authorization_url(subdomain="acme", client_id=CLIENT_ID, redirect_uri=CALLBACK)
    session["oauth"] = (request.state, request.code_verifier)   # then redirect the user to request.url

    # in the callback handler:
    state, verifier = session.pop("oauth")
    code = oauth.code_from_redirect(callback_url, state=state)
    tokens = oauth.exchange_authorization_code(
        subdomain="acme", code=code, code_verifier=verifier, redirect_uri=CALLBACK,
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
    )

Flexie's OAuth server (as the vendor's own port of it shows) requires PKCE with S256, rotates
refresh tokens, and answers errors as ``{"error", "error_description"}``; a refused request raises
:class:`OAuthError` carrying both.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from ._auth import OAuthError, OAuthTokens, parse_token_response, token_request
from .errors import APIConnectionError, FlexieError, InvalidArgumentError

__all__ = [
    "AuthorizationRequest",
    "OAuthError",
    "OAuthRedirectError",
    "OAuthTokens",
    "authorization_url",
    "code_challenge",
    "code_from_redirect",
    "exchange_authorization_code",
    "exchange_authorization_code_async",
    "new_code_verifier",
]

AUTHORIZE_PATH = "/oauth2/authorize"
TOKEN_PATH = "/oauth2/token"
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


class OAuthRedirectError(FlexieError):
    """The redirect back from the authorization page carries an error, or not the expected ``state``.

    ``error`` is the server's code (``access_denied``, ``invalid_request``, ...) or
    ``state_mismatch``; ``error_description`` says why.
    """

    def __init__(self, message: str, *, error: str, error_description: str | None = None) -> None:
        super().__init__(message)
        self.error = error
        self.error_description = error_description


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the user (``url``), and what to keep until the redirect comes back: ``state``
    (compare it with :func:`code_from_redirect`) and ``code_verifier`` (the PKCE secret the code
    exchange must present). ``redirect_uri`` is the one the exchange must repeat."""

    url: str
    state: str
    code_verifier: str
    redirect_uri: str

    def __repr__(self) -> str:
        return f"AuthorizationRequest(url={self.url!r}, state={self.state!r}, code_verifier='***')"


def new_code_verifier() -> str:
    """A fresh PKCE code verifier: 86 random URL-safe characters (RFC 7636 allows 43 to 128)."""
    return secrets.token_urlsafe(64)


def code_challenge(code_verifier: str) -> str:
    """The S256 challenge of a verifier: unpadded base64url of its SHA-256 (RFC 7636 section 4.2)."""
    _check_verifier(code_verifier)
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(
    *,
    client_id: str,
    redirect_uri: str,
    subdomain: str | None = None,
    base_url: str | None = None,
    scope: str | Sequence[str] | None = None,
    state: str | None = None,
    code_verifier: str | None = None,
    authorize_url: str | None = None,
) -> AuthorizationRequest:
    """The workspace's authorization page URL for this client, with a fresh ``state`` and a PKCE
    (S256) challenge; keep the returned ``state`` and ``code_verifier`` for the callback.

    The workspace is ``subdomain`` or ``base_url`` (or FLEXIE_SUBDOMAIN / FLEXIE_BASE_URL), the
    page ``/oauth2/authorize`` on its host unless ``authorize_url`` says otherwise. ``scope`` is a
    string or a list of scopes (joined by spaces).
    """
    _check_text("client_id", client_id)
    _check_redirect_uri(redirect_uri)
    verifier = code_verifier if code_verifier is not None else new_code_verifier()
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state if state is not None else secrets.token_urlsafe(24),
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    _check_text("state", params["state"])
    if scope is not None:
        params["scope"] = scope if isinstance(scope, str) else " ".join(scope)
    page = authorize_url or _endpoint(AUTHORIZE_PATH, subdomain, base_url)
    separator = "&" if "?" in page else "?"
    return AuthorizationRequest(f"{page}{separator}{urlencode(params)}", params["state"], verifier, redirect_uri)


def code_from_redirect(redirect_url: str, *, state: str) -> str:
    """The ``code`` of the URL the authorization page redirected the user to.

    Raises :class:`OAuthRedirectError` when the redirect carries ``error`` (the user refused, or
    the request was wrong), when its ``state`` is not ``state`` (a forged or stale redirect), or
    when it has no code.
    """
    query = {name: values[0] for name, values in parse_qs(urlsplit(redirect_url).query).items()}
    if "error" in query:
        description = query.get("error_description")
        raise OAuthRedirectError(
            f"the authorization was refused: {query['error']}" + (f": {description}" if description else ""),
            error=query["error"],
            error_description=description,
        )
    if not hmac.compare_digest(query.get("state", "").encode(), state.encode()):
        raise OAuthRedirectError(
            "the redirect's state is not the one this authorization request sent: it may be forged or stale; "
            "start the authorization again",
            error="state_mismatch",
        )
    code = query.get("code")
    if not code:
        raise OAuthRedirectError("the redirect has no code", error="invalid_request")
    return code


def exchange_authorization_code(
    *,
    code: str,
    client_id: str,
    client_secret: str | None = None,
    code_verifier: str | None = None,
    redirect_uri: str | None = None,
    subdomain: str | None = None,
    base_url: str | None = None,
    token_url: str | None = None,
    timeout: float = 30.0,
) -> OAuthTokens:
    """Trade the ``code`` your redirect URI received for tokens (the last step of the flow).

    Pass the ``code_verifier`` and ``redirect_uri`` of the :class:`AuthorizationRequest` the code
    answers. Give the result's ``access_token`` and ``refresh_token`` to ``Flexie(...)``. A refused
    exchange raises :class:`OAuthError` with the server's ``error`` and ``error_description``.
    """
    url = token_url or _endpoint(TOKEN_PATH, subdomain, base_url)
    request, hidden = _code_request(code, client_id, client_secret, code_verifier, redirect_uri, url)
    try:
        with httpx.Client(timeout=timeout) as http:
            response = http.send(request)
    except httpx.HTTPError as exc:
        raise _connection_error(request, exc) from exc
    return parse_token_response(response, action="exchanging the authorization code", secrets=hidden)


async def exchange_authorization_code_async(
    *,
    code: str,
    client_id: str,
    client_secret: str | None = None,
    code_verifier: str | None = None,
    redirect_uri: str | None = None,
    subdomain: str | None = None,
    base_url: str | None = None,
    token_url: str | None = None,
    timeout: float = 30.0,
) -> OAuthTokens:
    """:func:`exchange_authorization_code` for asyncio code."""
    url = token_url or _endpoint(TOKEN_PATH, subdomain, base_url)
    request, hidden = _code_request(code, client_id, client_secret, code_verifier, redirect_uri, url)
    try:
        async with httpx.AsyncClient(timeout=timeout) as http:
            response = await http.send(request)
    except httpx.HTTPError as exc:
        raise _connection_error(request, exc) from exc
    return parse_token_response(response, action="exchanging the authorization code", secrets=hidden)


# -- helpers ------------------------------------------------------------------------------------


def _code_request(
    code: str,
    client_id: str,
    client_secret: str | None,
    code_verifier: str | None,
    redirect_uri: str | None,
    url: str,
) -> tuple[httpx.Request, tuple[str | None, ...]]:
    _check_text("code", code)
    _check_text("client_id", client_id)
    data = {"grant_type": "authorization_code", "code": code}
    if code_verifier is not None:
        _check_verifier(code_verifier)
        data["code_verifier"] = code_verifier
    if redirect_uri is not None:
        data["redirect_uri"] = redirect_uri
    return token_request(url, data, client_id, client_secret), (code, code_verifier, client_secret)


def _endpoint(path: str, subdomain: str | None, base_url: str | None) -> str:
    from ._config import resolve_base_url

    return str(httpx.URL(resolve_base_url(base_url, subdomain)).copy_with(path=path, query=None))


def _connection_error(request: httpx.Request, exc: httpx.HTTPError) -> APIConnectionError:
    url = str(request.url)
    return APIConnectionError(f"POST {url} failed: {type(exc).__name__}", method="POST", url=url)


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string, got {type(value).__name__}")


def _check_verifier(verifier: object) -> None:
    if not isinstance(verifier, str) or not _VERIFIER.match(verifier):
        raise InvalidArgumentError(
            "a PKCE code_verifier is 43 to 128 characters of A-Z, a-z, 0-9 and -._~ "
            "(use flexie.oauth.new_code_verifier() or the one authorization_url() returned)"
        )


def _check_redirect_uri(uri: object) -> None:
    _check_text("redirect_uri", uri)
    parts = urlsplit(str(uri))
    if not parts.scheme or not (parts.netloc or parts.scheme not in ("http", "https")) or parts.fragment:
        raise InvalidArgumentError(
            f"redirect_uri must be an absolute URI without a fragment, such as https://yourapp.example/callback; "
            f"got {uri!r}"
        )
