"""An error status the server sends before it has read a 5 MB upload reaches the caller as that status.

The server answers as soon as it has the request's head, then either reads and discards the rest
(a lingering close, as nginx does) or closes at once with the upload unread (the kernel then
resets the connection). Either way the caller gets the typed status error, not a connection
error, and with OAuth an early 401 refreshes the token once and the upload is sent again.

One combination cannot work, in flexie or in plain ``httpx.AsyncClient``: an abrupt close under the
async client. asyncio drops a connection whose write failed before its reader has taken the
answer waiting in the socket, so httpx usually reports a ``ReadError``. The last test pins what the
caller gets then: a typed error at once (the status when asyncio read it in time), the upload sent once.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs

import pytest

import flexie
from tests.http.clients import CLIENTS, run
from tests.http.raw_server import Connection, Request, contact, raw_server, response

UPLOAD = {"x": "a" * 5_000_000}
ENDINGS = ["lingering-close", "abrupt-close"]
# (ending, client) pairs where the early answer can be read; see the module docstring for the other one
READABLE = [(ending, kind) for ending in ENDINGS for kind in CLIENTS if (ending, kind) != ("abrupt-close", "async")]


def answer_early(connection: Connection, status: int, message: str, ending: str) -> None:
    """Answer before reading the body, then end the connection the way ``ending`` says."""
    connection.send(response(status, {"error": {"message": message}}, headers=[("Connection", "close")]))
    if ending == "lingering-close":
        connection.sock.shutdown(1)  # FIN after the answer; keep reading what the client still sends
        connection.drain()
    connection.close()  # abrupt: the unread upload makes the kernel answer with RST


def refusing(status: int, ending: str) -> Any:
    def handler(connection: Connection) -> None:
        if connection.read_head() is not None:
            answer_early(connection, status, "the upload is refused", ending)

    return handler


def upload(client: Any) -> Any:
    return client.request("POST", "/contacts/new", json=UPLOAD)


@pytest.mark.parametrize(("ending", "kind"), READABLE)
@pytest.mark.parametrize(("status", "error"), [(413, flexie.APIStatusError), (401, flexie.AuthenticationError)])
def test_an_early_status_to_a_large_upload_is_that_status(
    status: int, error: type[flexie.APIStatusError], ending: str, kind: str
) -> None:
    with raw_server(refusing(status, ending)) as server:
        started = time.monotonic()
        with pytest.raises(flexie.APIError) as info:
            run(kind, server.base_url, upload, retry_writes=True)
        elapsed = time.monotonic() - started
    assert type(info.value) is error, repr(info.value)  # 413 has no class of its own: the generic one
    assert isinstance(info.value, flexie.APIStatusError)
    assert info.value.status_code == status
    assert info.value.message == "the upload is refused"
    assert server.count("POST") == 1  # a 4xx answer is final, even with retry_writes
    assert elapsed < 5.0  # no timeout was waited for


class TokenServer:
    """An API that refuses the old token early, and its token endpoint, on one raw server."""

    def __init__(self, ending: str) -> None:
        self.ending = ending
        self.refreshes: list[dict[str, list[str]]] = []
        self.accepted: list[Any] = []  # uploads accepted with the new token

    def __call__(self, connection: Connection) -> None:
        while (request := connection.read_head()) is not None:
            if request.path == "/oauth2/token":
                self.token(connection, request)
            elif request.headers.get("authorization") == "Bearer new-access":
                connection.read_body(request)
                self.accepted.append(request.json())
                connection.send(response(201, contact(9)))
            else:
                answer_early(connection, 401, "the access token expired", self.ending)
                return

    def token(self, connection: Connection, request: Request) -> None:
        connection.read_body(request)
        self.refreshes.append(parse_qs(request.body.decode()))
        tokens = {"access_token": "new-access", "refresh_token": "new-refresh", "expires_in": 3600}
        connection.send(response(200, tokens))


@pytest.mark.parametrize(("ending", "kind"), READABLE)
def test_an_early_401_refreshes_the_token_once_and_the_upload_succeeds(ending: str, kind: str) -> None:
    tokens = TokenServer(ending)
    refreshed: list[flexie.OAuthTokens] = []
    with raw_server(tokens) as server:
        oauth = {
            "api_key": None, "access_token": "old-access", "refresh_token": "old-refresh", "client_id": "cid",
            "on_token_refresh": refreshed.append,
        }  # fmt: skip
        created = run(kind, server.base_url, upload, **oauth)
    assert created == contact(9)
    sent = {"grant_type": ["refresh_token"], "refresh_token": ["old-refresh"], "client_id": ["cid"]}
    assert tokens.refreshes == [sent]
    assert [t.access_token for t in refreshed] == ["new-access"]
    assert tokens.accepted == [UPLOAD]  # the whole upload, once, with the new token
    assert server.count("POST", "/contacts/new") == 2  # refused early, then accepted


@pytest.mark.parametrize("status", [413, 401])
def test_async_after_an_abrupt_close_the_error_is_typed_and_the_upload_sent_once(status: int) -> None:
    with raw_server(refusing(status, "abrupt-close")) as server:
        started = time.monotonic()
        with pytest.raises(flexie.APIError) as info:
            run("async", server.base_url, upload)
        elapsed = time.monotonic() - started
    if isinstance(info.value, flexie.APIStatusError):  # asyncio happened to read the answer in time
        assert info.value.status_code == status
    else:  # the usual outcome on Linux: the answer was dropped with the connection
        assert type(info.value) is flexie.APIConnectionError, repr(info.value)
        assert "ReadError" in str(info.value)
    assert server.count("POST") == 1  # a write whose fate is unknown is not sent again without retry_writes
    assert elapsed < 5.0
