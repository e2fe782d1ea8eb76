"""Secrets are kept out of messages, reprs and logs, without garbling the other words of a message.

The server here is deliberately indiscreet, as some frameworks are: its 404 for an unknown route
repeats the request line, query string (and so ``?apikey=``) included, and its 401 repeats the key
it was sent. Logs are captured at DEBUG from the flexie, httpx and httpcore loggers.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

import flexie
from tests.http.clients import CLIENTS, run, settings
from tests.http.raw_server import Connection, Request, contact, raw_server, response

KEY = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
LOGGERS = ["flexie", "httpx", "httpcore"]


def indiscreet(request: Request) -> bytes:
    """Answers that quote what the client sent, secrets included."""
    record_id = request.path.rsplit("/", 1)[1]
    if record_id == "401":
        sent = request.headers.get("apikey") or request.target.partition("apikey=")[2]
        return response(401, {"error": {"message": f"the key {sent} is not valid for bucket eu-1; check the key"}})
    if record_id == "404":
        return response(404, {"error": {"message": f'No route found for "{request.method} {request.target}"'}})
    return response(200, contact(int(record_id)))


def cut_chunked(connection: Connection) -> None:
    """The head of a chunked answer and one chunk, then the connection closes."""
    if connection.read_request() is not None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        connection.send(head + b'5\r\n{"con\r\n')


def serve(connection: Connection) -> None:
    while (request := connection.read_request()) is not None:
        connection.send(indiscreet(request))


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def failures(kind: str, base_url: str, api_key: str, in_query: bool) -> list[flexie.FlexieError]:
    """The errors of a 401, a 404 and a success in between, with one client."""
    errors: list[flexie.FlexieError] = []

    def each(client: Any) -> Any:
        async def in_turn() -> None:
            for record_id in (401, 1, 404):
                try:
                    await client.contacts.get(record_id)
                except flexie.FlexieError as exc:
                    errors.append(exc)

        if kind == "async":
            return in_turn()
        for record_id in (401, 1, 404):
            try:
                client.contacts.get(record_id)
            except flexie.FlexieError as exc:
                errors.append(exc)
        return None

    run(kind, base_url, each, api_key=api_key, api_key_in_query=in_query, max_retries=0)
    return errors


def texts(errors: list[flexie.FlexieError]) -> list[str]:
    return [t for e in errors for t in (str(e), repr(e), str(getattr(e, "url", "")), repr(e.args))]


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("in_query", [False, True], ids=["header", "query"])
def test_a_real_key_never_appears(debug_logs: pytest.LogCaptureFixture, in_query: bool, kind: str) -> None:
    with raw_server(serve) as server:
        errors = failures(kind, server.base_url, KEY, in_query)
        client = flexie.Flexie(**settings(server.base_url, api_key=KEY, api_key_in_query=in_query))
        seen = [repr(client), str(client.__dict__), repr(client.contacts)]
        raw = client.contacts.with_raw_response.get(7)
        seen += [repr(raw), raw.url, str(raw.headers)]
        client.close()
    assert [type(e) for e in errors] == [flexie.AuthenticationError, flexie.NotFoundError]
    assert any(r.name.startswith("httpx") for r in debug_logs.records)  # the logs were really captured
    assert any(r.name.startswith("httpcore") for r in debug_logs.records)
    assert KEY not in debug_logs.text
    leaks = [text for text in texts(errors) + seen if KEY in text]
    assert leaks == []


@pytest.mark.parametrize("kind", CLIENTS)
def test_a_one_letter_key_leaves_the_other_words_readable(kind: str) -> None:
    with raw_server(serve) as server:
        errors = failures(kind, server.base_url, "k", in_query=False)
    unauthorized = str(errors[0])
    assert "is not valid for bucket eu-1; check the key" in unauthorized
    with raw_server(cut_chunked) as server, pytest.raises(flexie.APIConnectionError) as info:
        run(kind, server.base_url, lambda c: c.contacts.get(1), api_key="k", max_retries=0)
    assert "incomplete chunked read" in str(info.value)  # "chunked" keeps its k
    assert "***" not in str(info.value)
