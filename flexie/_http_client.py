"""The httpx clients flexie sends through: httpx's own, doing less work per request.

Why: for a request like ``GET /contacts?start=300&limit=100``, ``httpx.Client.build_request``
parses and validates the URL three times (the path, the path merged with ``base_url``, then the
query merged in), and every response goes through the standard library's cookie machinery even
when it sets no cookie. Paging through records one request per hundred, that is a large share of
the client's CPU. These subclasses change neither behaviour nor API:

- ``build_request`` builds the common request (a path relative to ``base_url``, query parameters,
  the client's own headers and timeout) from one URL parse, and hands anything else (absolute URLs,
  per-request headers or cookies, form data, files) to httpx's own ``build_request``.
- Cookies are still kept and sent as httpx does; a response is only read for cookies when it sets
  one.
"""

from __future__ import annotations

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


class _LeanRequests(_ClientBase):
    """What both clients add to httpx's: one URL parse per common request, cookies only when set."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cookies = kwargs.get("cookies")
        self._base_text = (self.base_url, _prefix(self.base_url))

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
        base, prefix = self._base_text
        if base is not self.base_url:  # base_url was replaced
            base, prefix = self._base_text = (self.base_url, _prefix(self.base_url))
        if prefix is None:
            return None
        query = httpx.QueryParams(params) if params else None
        # as httpx does: a key with no values still gives a "?" (and an empty query)
        return httpx.URL(prefix + path.lstrip("/") + ("?" + str(query) if query else ""))


class FlexieHTTPClient(_LeanRequests, httpx.Client):
    """``httpx.Client``, with less work per request and the same behaviour."""


class AsyncFlexieHTTPClient(_LeanRequests, httpx.AsyncClient):
    """``httpx.AsyncClient``, with less work per request and the same behaviour."""
