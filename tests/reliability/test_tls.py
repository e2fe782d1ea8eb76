"""httpx's default transport under the client, over TLS: certificates are verified by default, a custom CA or
`verify=False` is honoured, keep-alive works, and a server that never answers the handshake is
bounded by the connect timeout. The server is a real TLS socket on loopback with trustme's throwaway CA."""

from __future__ import annotations

import ssl
import time

import httpx
import pytest
import trustme

import flexie
from tests.reliability.scripted_server import scripted


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


@pytest.fixture
def trusting(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_a_trusted_certificate_serves_requests_over_one_connection(ca: trustme.CA, trusting: ssl.SSLContext) -> None:
    with (
        scripted("ok", tls=server_context(ca, "127.0.0.1")) as server,
        flexie.Flexie(
            base_url=server.base_url, api_key="k", validate_fields=False, http_client=httpx.Client(verify=trusting)
        ) as client,
    ):
        assert server.base_url.startswith("https://")
        assert [client.users.me().id for _ in range(3)] == [1, 1, 1]
    assert (server.requests, server.connections) == (3, 1)


def test_by_default_an_unknown_certificate_authority_is_refused(ca: trustme.CA) -> None:
    with (
        scripted("ok", tls=server_context(ca, "127.0.0.1")) as server,
        flexie.Flexie(base_url=server.base_url, api_key="k", max_retries=0) as client,
        pytest.raises(flexie.APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.users.me()
    assert server.requests == 0  # nothing was sent over the unverified connection


def test_a_certificate_for_another_host_is_refused(ca: trustme.CA, trusting: ssl.SSLContext) -> None:
    with (
        scripted("ok", tls=server_context(ca, "flexie.example")) as server,
        flexie.Flexie(
            base_url=server.base_url, api_key="k", max_retries=0, http_client=httpx.Client(verify=trusting)
        ) as client,
        pytest.raises(flexie.APIConnectionError, match=r"not valid for '127\.0\.0\.1'"),
    ):
        client.users.me()
    assert server.requests == 0


def test_verify_false_accepts_any_certificate(ca: trustme.CA) -> None:
    with (
        scripted("ok", tls=server_context(ca, "flexie.example")) as server,
        flexie.Flexie(
            base_url=server.base_url, api_key="k", validate_fields=False, http_client=httpx.Client(verify=False)
        ) as client,
    ):
        assert client.users.me().id == 1


def test_a_server_that_never_starts_the_handshake_is_a_bounded_timeout(ca: trustme.CA) -> None:
    with (
        scripted("silent", tls=server_context(ca, "127.0.0.1")) as server,
        flexie.Flexie(base_url=server.base_url, api_key="k", timeout=0.5, max_retries=0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(flexie.APITimeoutError, match="ConnectTimeout"):
            client.users.me()
        elapsed = time.monotonic() - started
    assert elapsed < 2.0  # bound: the 0.5 s connect timeout, with slack for a busy machine
