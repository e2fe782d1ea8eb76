"""A body cut short: a write that was answered 2xx is never sent again; a read is asked again.

The server sends the head and part of the body (by Content-Length, or chunked without the last
chunk), then closes the connection.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import flexie
from tests.http.clients import CLIENTS, run
from tests.http.raw_server import Connection, Request, contact, raw_server, response

CUTS = ["content-length", "chunked"]


def cut_short(status: int, body: Any, cut: str) -> bytes:
    """An answer whose body stops halfway, as when the connection breaks."""
    full = response(status, body)
    head, _, content = full.partition(b"\r\n\r\n")
    half = content[: len(content) // 2]
    if cut == "content-length":
        return head + b"\r\n\r\n" + half
    head = response(status, b"", length=False, headers=[("Transfer-Encoding", "chunked")])
    return head + b"%x\r\n" % len(half) + half + b"\r\n"  # no further chunk, no terminating 0-chunk


def cutting(cut: str, times: int) -> Any:
    """A handler that cuts the first ``times`` answers short (closing their connection), then answers whole."""
    answered = itertools.count()

    def respond(request: Request) -> tuple[int, Any]:
        if request.method == "POST":
            return 201, contact(5, **request.json())
        return 200, contact(int(request.path.rsplit("/", 1)[1]))

    def handler(connection: Connection) -> None:
        while (request := connection.read_request()) is not None:
            status, body = respond(request)
            if next(answered) < times:
                connection.send(cut_short(status, body, cut))
                return  # the handler's end closes the connection
            connection.send(response(status, body))

    return handler


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("retry_writes", [True, False])
def test_a_201_cut_short_is_one_create_and_a_typed_error(retry_writes: bool, cut: str, kind: str) -> None:
    create = lambda c: c.contacts.create({"first_name": "Once"})  # noqa: E731
    with raw_server(cutting(cut, times=10)) as server, pytest.raises(flexie.IncompleteResponseError) as info:
        run(kind, server.base_url, create, retry_writes=retry_writes)
    assert server.count("POST", "/contacts/new") == 1
    error = info.value
    assert error.status_code == 201
    assert (error.method, error.url) == ("POST", "/api/contacts/new")
    assert "not sent again" in str(error)
    assert isinstance(error, flexie.APIConnectionError)  # caught by handlers of connection trouble, as documented


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("cut", CUTS)
def test_a_get_whose_200_body_is_cut_short_is_asked_again(cut: str, kind: str) -> None:
    with raw_server(cutting(cut, times=1)) as server:
        raw = run(kind, server.base_url, lambda c: c.contacts.with_raw_response.get(8))
    assert raw.parse().id == 8
    assert raw.retries == 1
    assert server.count("GET", "/contacts/8") == 2
    assert len(server.connections) == 2  # the broken connection was not reused


@pytest.mark.parametrize("kind", CLIENTS)
def test_a_get_cut_short_every_time_fails_after_the_retries(kind: str) -> None:
    with raw_server(cutting("content-length", times=10)) as server, pytest.raises(flexie.APIConnectionError) as info:
        run(kind, server.base_url, lambda c: c.contacts.get(8), max_retries=3)
    assert not isinstance(info.value, flexie.IncompleteResponseError)  # a read: nothing to warn about
    assert "RemoteProtocolError" in str(info.value)
    assert server.count("GET") == 4
