"""``SSL_CERT_FILE`` is honoured as httpx honours it: a CA named there makes an https server trusted,
unless ``trust_env=False``. The server is a real TLS socket on loopback with trustme's throwaway CA."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

import flexie
from tests.http.clients import CLIENTS, run
from tests.reliability.scripted_server import ScriptedServer, scripted


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[ScriptedServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with scripted("ok", tls=context) as server:
        yield server


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    return path


def me(kind: str, base_url: str, **overrides: Any) -> int | None:
    """Who am I, asked with a fresh client of ``kind``."""
    user = run(kind, base_url, lambda c: c.users.me(), max_retries=0, **overrides)
    return user.id  # type: ignore[no-any-return]


@pytest.mark.usefixtures("ca_file")
@pytest.mark.parametrize("kind", CLIENTS)
def test_ssl_cert_file_makes_the_server_trusted(tls_server: ScriptedServer, kind: str) -> None:
    assert tls_server.base_url.startswith("https://")
    assert me(kind, tls_server.base_url) == 1
    assert tls_server.requests == 1


@pytest.mark.usefixtures("ca_file")
@pytest.mark.parametrize("kind", CLIENTS)
def test_trust_env_false_ignores_ssl_cert_file(tls_server: ScriptedServer, kind: str) -> None:
    with pytest.raises(flexie.APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        me(kind, tls_server.base_url, trust_env=False)
    assert tls_server.requests == 0


@pytest.mark.parametrize("kind", CLIENTS)
def test_without_ssl_cert_file_the_throwaway_ca_is_refused(
    tls_server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(flexie.APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        me(kind, tls_server.base_url)
