"""The httpx clients flexie sends through: httpx's own, doing less work per request.

Why: for a request like ``GET /contacts?start=300&limit=100``, ``httpx.Client.build_request``
parses and validates the URL three times (the path, the path merged with ``base_url``, then the
query merged in), and every response goes through the standard library's cookie machinery even
when it sets no cookie. Paging through records one request per hundred, that is a large share of
the client's CPU. These subclasses change neither behaviour nor API:

- ``build_request`` builds the common request (a path relative to ``base_url``, query parameters,
  the client's own headers and timeout) from one URL parse, and hands anything else (absolute URLs,
  per-request headers or cookies, form data, files) to httpx's own ``build_request``. When the path
  and every query key and value are plain (letters, digits, ``-._~``: what percent-encoding and
  httpx's checks leave unchanged), the URL is ``base_url`` with its path and query replaced, with
  no parse at all.
- Cookies are still kept and sent as httpx does; a response is only read for cookies when it sets
  one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import httpx

__all__ = ["AsyncFlexieHTTPClient", "FlexieHTTPClient"]

if TYPE_CHECKING:  # what the mixin is mixed into; at run time httpx.Client or httpx.AsyncClient
    from httpx._client import BaseClient as _ClientBase
else:
    _ClientBase = object

_USE_CLIENT_DEFAULT: Any = httpx.USE_CLIENT_DEFAULT


class _CookiesWhenSet(httpx.Cookies):
    """httpx's cookie jar, skipping the cookie parser for responses without ``Set-Cookie``."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


def _prefix(base_url: httpx.URL) -> str | None:
    """What a relative path is appended to: ``base_url`` as text, ending in "/" as httpx keeps it.

    None for a base URL with credentials, a query or a fragment: httpx's own merge handles those.
    """
    if base_url.userinfo or base_url.query or base_url.fragment or not base_url.is_absolute_url:
        return None
    return f"{base_url.scheme}://{base_url.netloc.decode('ascii')}{base_url.raw_path.decode('ascii')}"


_plain = re.compile(r"[A-Za-z0-9\-._~]*").fullmatch
_plain_path = re.compile(r"/[A-Za-z0-9\-._~/]*").fullmatch
_PRIMITIVES = {True: "true", False: "false"}


def _plain_query(params: Any) -> str | None:
    """``params`` encoded as httpx would, when every key and value is plain; None otherwise."""
    if type(params) is not dict:
        return None
    pairs = []
    for key, value in params.items():
        if type(value) is bool:
            value = _PRIMITIVES[value]
        elif type(value) in (int, float):
            value = str(value)
        elif type(value) is not str:
            return None  # lists, None, bytes, ...: httpx's own encoding
        if type(key) is not str or not _plain(key) or not _plain(value):
            return None
        pairs.append(f"{key}={value}")
    return "&".join(pairs)


def _url_replacing(base_url: httpx.URL, path: str, query: str | None) -> httpx.URL:
    """``base_url`` with another path and query, both already in their final (encoded) form.

    This reaches into ``httpx.URL``'s parsed form, a named tuple; ``_fast_urls_work`` checks at
    start-up that the result is what parsing the same URL gives, and turns this off if not.
    """
    url = httpx.URL.__new__(httpx.URL)
    url._uri_reference = base_url._uri_reference._replace(path=path, query=query)
    return url


def _fast_urls_work(base_url: httpx.URL, prefix: str, base_path: str) -> bool:
    """Whether :func:`_url_replacing` gives, for this base URL and httpx version, what parsing gives."""
    try:
        fast = _url_replacing(base_url, base_path + "a-b/c.d", "x=1&y_z=t~u")
        parsed = httpx.URL(prefix + "a-b/c.d?x=1&y_z=t~u")
        facts = (str(fast), fast.raw_path, fast.netloc, fast.host, fast.port)
        return facts == (str(parsed), parsed.raw_path, parsed.netloc, parsed.host, parsed.port)
    except Exception:  # an httpx whose URL is built differently: parse every URL instead
        return False


class _LeanRequests(_ClientBase):
    """What both clients add to httpx's: one URL parse per common request, cookies only when set."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cookies = kwargs.get("cookies")
        self._base_text = self._base_facts(self.base_url)

    @staticmethod
    def _base_facts(base_url: httpx.URL) -> tuple[httpx.URL, str | None, str | None]:
        """The base URL, its text prefix, and its path when URLs can be made from it without parsing."""
        prefix = _prefix(base_url)
        base_path = base_url.raw_path.decode("ascii")
        fast = prefix is not None and _fast_urls_work(base_url, prefix, base_path)
        return base_url, prefix, base_path if fast else None

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies_when_set

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._cookies_when_set: httpx.Cookies = _CookiesWhenSet(cookies)

    def build_request(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        content: Any = None,
        data: Any = None,
        files: Any = None,
        json: Any = None,
        params: Any = None,
        headers: Any = None,
        cookies: Any = None,
        timeout: Any = _USE_CLIENT_DEFAULT,
        extensions: Any = None,
    ) -> httpx.Request:
        simple = (
            type(url) is str
            and data is None
            and files is None
            and headers is None
            and cookies is None
            and extensions is None
            and timeout is _USE_CLIENT_DEFAULT
        )
        full = self._relative_url(str(url), params) if simple else None
        if full is None:
            return super().build_request(
                method, url, content=content, data=data, files=files, json=json, params=params,
                headers=headers, cookies=cookies, timeout=timeout, extensions=extensions,
            )  # fmt: skip
        return httpx.Request(
            method,
            full,
            content=content,
            json=json,
            headers=self.headers,
            extensions={"timeout": self.timeout.as_dict()},
        )

    def _relative_url(self, path: str, params: Any) -> httpx.URL | None:
        """``base_url`` + ``path`` + ``params`` from one parse; None when httpx's merge is needed."""
        if not path.startswith("/") or path.startswith("//") or "?" in path or "#" in path:
            return None  # absolute, another host ("//host/x"), or a query of its own
        if self.params or self.cookies:
            return None
        base, prefix, base_path = self._base_text
        if base is not self.base_url:  # base_url was replaced
            base, prefix, base_path = self._base_text = self._base_facts(self.base_url)
        if prefix is None:
            return None
        if base_path is not None and _plain_path(path) and "/." not in path:  # no "." or ".." to resolve
            plain = _plain_query(params) if params else ""
            if plain is not None:
                return _url_replacing(base, base_path + path[1:], plain or None)
        query = httpx.QueryParams(params) if params else None
        # as httpx does: a key with no values still gives a "?" (and an empty query)
        return httpx.URL(prefix + path.lstrip("/") + ("?" + str(query) if query else ""))


class FlexieHTTPClient(_LeanRequests, httpx.Client):
    """``httpx.Client``, with less work per request and the same behaviour."""


class AsyncFlexieHTTPClient(_LeanRequests, httpx.AsyncClient):
    """``httpx.AsyncClient``, with less work per request and the same behaviour."""
