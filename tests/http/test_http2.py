"""``http2=True``: with the ``http2`` extra installed, the client speaks HTTP/2 to a server that offers
it (ALPN over TLS) and keeps to HTTP/1.1 where HTTP/2 is not offered: over TLS without ``h2`` in ALPN,
and over plain http on loopback (no ALPN there, and httpx does not try prior knowledge)."""

from __future__ import annotations

import ssl
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

import flexie
from tests.http.clients import CLIENTS, run_all, settings
from tests.http.h2_server import echo, h2_server
from tests.http.raw_server import RawServer, keep_alive, raw_server

IDS = [1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RawServer]:
    """An https server offering h2 and http/1.1, whose CA the clients trust through SSL_CERT_FILE."""
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with h2_server(context) as server:
        yield server


def raw_gets(kind: str, base_url: str, **options: Any) -> list[Any]:
    """``with_raw_response.get`` of each of IDS with one client."""
    uses = [lambda c, i=i: c.contacts.with_raw_response.get(i) for i in IDS]
    return run_all(kind, base_url, uses, max_retries=0, **options)


def https(server: RawServer) -> str:
    return f"https://127.0.0.1:{server.port}/api"


@pytest.mark.parametrize("kind", CLIENTS)
def test_http2_true_speaks_http2_where_it_is_offered(tls_server: RawServer, kind: str) -> None:
    answers = raw_gets(kind, https(tls_server), http2=True)
    assert [a.parse().id for a in answers] == IDS
    assert {a.http_version for a in answers} == {"HTTP/2"}
    assert [r.path for r in tls_server.requests] == [f"/api/contacts/{i}" for i in IDS]
    assert len(tls_server.connections) == 1  # the streams of one connection
    assert tls_server.requests[0].headers["apikey"] == "k"


@pytest.mark.parametrize("kind", CLIENTS)
def test_without_http2_the_same_server_is_spoken_to_in_http1(tls_server: RawServer, kind: str) -> None:
    answers = raw_gets(kind, https(tls_server))
    assert {a.http_version for a in answers} == {"HTTP/1.1"}
    assert [a.parse().id for a in answers] == IDS


@pytest.mark.parametrize("kind", CLIENTS)
def test_http2_true_over_plain_http_on_loopback_is_http1(kind: str) -> None:
    with raw_server(keep_alive(echo)) as server:
        answers = raw_gets(kind, server.base_url, http2=True)
    assert {a.http_version for a in answers} == {"HTTP/1.1"}
    assert [a.parse().id for a in answers] == IDS
    assert len(server.connections) == 1


@pytest.mark.parametrize("cls", [flexie.Flexie, flexie.AsyncFlexie])
def test_http2_true_without_the_h2_package_says_which_extra_to_install(
    cls: type[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "h2" or m.startswith("h2.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "h2", None)  # as if the package were not installed: import h2 fails
    with pytest.raises(flexie.ConfigurationError, match=r"pip install 'flexie\[http2\]'"):
        cls(**settings("http://127.0.0.1:9/api"), http2=True)
