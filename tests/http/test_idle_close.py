"""A kept-alive connection the server closed while it sat idle, with FIN or with RST, is not reused:
the next call opens a new one and succeeds without needing a retry (retries are off), and a create
sent after it reaches the server once."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from tests.http.clients import CLIENTS, run_all
from tests.http.raw_server import Connection, RawServer, contact, raw_server, response

CLOSES = ["FIN", "RST"]


def close_when_idle(how: str) -> Any:
    """Answer one request per connection with keep-alive, then close the idle connection."""
    ids = itertools.count(1)

    def handler(connection: Connection) -> None:
        request = connection.read_request()
        if request is None:
            return
        if request.method == "POST":
            connection.send(response(201, contact(next(ids), **request.json())))
        else:
            connection.send(response(200, contact(int(request.path.rsplit("/", 1)[1]))))
        time.sleep(0.05)  # the client has the answer and put the connection back in its pool
        connection.close() if how == "FIN" else connection.reset()

    return handler


def after_the_close(server: RawServer) -> Any:
    """A step between two calls: wait until the server has closed the first connection."""

    def wait(client: Any) -> Any:
        assert server.connections[0].closed.wait(5)
        time.sleep(0.05)  # let the FIN or RST arrive

    async def wait_async(client: Any) -> None:
        wait(client)

    return wait, wait_async


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("how", CLOSES)
@pytest.mark.parametrize("operation", ["get", "create"])
def test_the_next_call_reconnects_and_a_write_is_sent_once(operation: str, how: str, kind: str) -> None:
    def call(n: int) -> Any:
        if operation == "get":
            return lambda c: c.contacts.get(n)
        return lambda c: c.contacts.create({"first_name": f"N{n}"})

    with raw_server(close_when_idle(how)) as server:
        wait, wait_async = after_the_close(server)
        pause = wait if kind == "sync" else wait_async
        first, _, second = run_all(kind, server.base_url, [call(1), pause, call(2)], max_retries=0)
    if operation == "get":
        assert (first.id, second.id) == (1, 2)
        assert server.count("GET") == 2
    else:
        assert [(r.id, r["first_name"]) for r in (first, second)] == [(1, "N1"), (2, "N2")]
        assert server.count("POST", "/contacts/new") == 2  # each create exactly once
    assert [r.connection for r in server.requests] == [1, 2]  # the second call on a new connection
