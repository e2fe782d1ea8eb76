"""flexie's httpx clients build exactly the requests httpx's own would, and keep cookies alike."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flexie._http_client import AsyncFlexieHTTPClient, FlexieHTTPClient

BASES = ["http://127.0.0.1:8080/api", "https://acme.flexie.io/api/", "http://[::1]:9000", "https://h.example/a b/"]

segment = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
paths = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/" + "/".join(parts))
scalars = st.one_of(st.integers(), st.text(max_size=10), st.booleans(), st.none(), st.floats(allow_nan=False))
params = st.one_of(
    st.none(), st.dictionaries(st.text(min_size=1, max_size=8), st.one_of(scalars, st.lists(scalars, max_size=3)))
)


# Plain paths and queries: the ones built without any URL parse (see flexie/_http_client.py).
plain_text = st.text(st.sampled_from("aZ09-._~"), max_size=6)
plain_paths = st.lists(st.one_of(plain_text, st.sampled_from([".", "..", ""])), min_size=1, max_size=4).map(
    lambda parts: "/" + "/".join(parts)
)
plain_scalars = st.one_of(st.integers(), plain_text, st.booleans(), st.floats(allow_nan=False))
plain_params = st.one_of(st.none(), st.dictionaries(plain_text, plain_scalars, max_size=4))


def describe(request: httpx.Request) -> tuple[Any, ...]:
    url = request.url
    return (request.method, str(url), url.raw_path, url.netloc, url.host, url.port, url.path, url.query,
            request.headers.raw, request.read(), request.extensions)  # fmt: skip


def both(base: str, **kwargs: Any) -> tuple[httpx.Client, httpx.Client]:
    """httpx's client and ours, alike (a mock transport: building an SSL context takes time)."""
    kwargs.setdefault("transport", httpx.MockTransport(lambda request: httpx.Response(200)))
    return httpx.Client(base_url=base, **kwargs), FlexieHTTPClient(base_url=base, **kwargs)


PAIRS = {base: both(base, headers={"apikey": "k", "Accept": "application/json"}, timeout=7) for base in BASES}


@settings(max_examples=500, deadline=None)
@given(
    base=st.sampled_from(BASES),
    method=st.sampled_from(["GET", "post", "DELETE", "PATCH"]),
    path=paths,
    query=params,
    body=st.one_of(st.none(), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3)),
)
def test_same_request_as_httpx(base: str, method: str, path: str, query: Any, body: Any) -> None:
    ours_and_httpx = PAIRS[base]
    try:
        reference, ours = (c.build_request(method, path, params=query, json=body) for c in ours_and_httpx)
    except httpx.InvalidURL:  # httpx refuses some paths (control characters): so must we
        with pytest.raises(httpx.InvalidURL):
            ours_and_httpx[1].build_request(method, path, params=query, json=body)
        return
    assert describe(ours) == describe(reference)


@settings(max_examples=500, deadline=None)
@given(base=st.sampled_from(BASES), path=plain_paths, query=plain_params)
def test_same_plain_request_as_httpx(base: str, path: str, query: Any) -> None:
    try:
        reference = PAIRS[base][0].build_request("GET", path, params=query)
    except httpx.InvalidURL:  # "//x" is another host to httpx, and refused without one: so must it be
        with pytest.raises(httpx.InvalidURL):
            PAIRS[base][1].build_request("GET", path, params=query)
        return
    ours = PAIRS[base][1].build_request("GET", path, params=query)
    assert describe(ours) == describe(reference)
    assert ours.url == reference.url


@pytest.mark.parametrize("base", BASES)
def test_plain_urls_are_built_without_parsing_on_this_httpx(base: str) -> None:
    """The parse-free URL is in use (were httpx to change, it would quietly turn off: this notices)."""
    from flexie._http_client import _fast_urls_work, _prefix

    url = httpx.URL(base if base.endswith("/") else base + "/")
    prefix = _prefix(url)
    assert prefix is not None
    assert _fast_urls_work(url, prefix, url.raw_path.decode("ascii"))


@pytest.mark.parametrize(
    ("url", "kwargs"),
    [
        ("https://other.example/x", {}),  # absolute
        ("//evil.example/x", {}),  # another host, relative to the scheme
        ("/contacts?start=1", {"params": {"limit": 2}}),  # query in the path
        ("/contacts", {"headers": {"X-One": "1"}}),
        ("/contacts", {"cookies": {"c": "1"}}),
        ("/contacts", {"data": {"a": "1"}}),
        ("/contacts", {"timeout": 3}),
        ("/contacts", {"extensions": {"trace": None}}),
        (httpx.URL("/contacts"), {}),
    ],
)
def test_other_requests_are_httpx_own(url: Any, kwargs: dict[str, Any]) -> None:
    reference, ours = both("http://127.0.0.1:8080/api", params={"fixed": "1"} if "params" in kwargs else None)
    assert describe(ours.build_request("GET", url, **kwargs)) == describe(reference.build_request("GET", url, **kwargs))


def test_base_url_and_headers_changes_are_seen() -> None:
    client = FlexieHTTPClient(base_url="http://127.0.0.1:1/a")
    assert str(client.build_request("GET", "/x").url) == "http://127.0.0.1:1/a/x"
    client.base_url = httpx.URL("http://127.0.0.1:2/b")
    client.headers["X-New"] = "yes"
    request = client.build_request("GET", "/x")
    assert str(request.url) == "http://127.0.0.1:2/b/x"
    assert request.headers["X-New"] == "yes"


def test_cookies_are_kept_and_sent_when_a_response_sets_one() -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie"))
        if request.url.path == "/login":
            return httpx.Response(200, headers={"Set-Cookie": "session=abc; Path=/"})
        return httpx.Response(200)

    with FlexieHTTPClient(base_url="http://127.0.0.1:1", transport=httpx.MockTransport(handler)) as client:
        client.get("/before")
        client.get("/login")
        client.get("/after")
        assert client.cookies["session"] == "abc"
    assert seen == [None, None, "session=abc"]


def test_async_client_builds_the_same_requests() -> None:
    ours = AsyncFlexieHTTPClient(base_url="http://127.0.0.1:8080/api", headers={"apikey": "k"})
    reference = httpx.AsyncClient(base_url="http://127.0.0.1:8080/api", headers={"apikey": "k"})
    built = [c.build_request("GET", "/contacts/7", params={"a": [1, 2]}) for c in (ours, reference)]
    assert describe(built[0]) == describe(built[1])
    assert isinstance(ours.cookies, httpx.Cookies)
