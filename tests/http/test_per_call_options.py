"""``with_options`` gives a client of the same type, on the same connections, with the changed options;
``request()`` sends any method, path, query, JSON body and headers with the client's auth."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

import flexie
from tests.http.clients import CLIENTS, run, settings
from tests.http.raw_server import Request, contact, keep_alive, raw_server, response

FAILING_ID = 500  # GET /contacts/500 answers 500
SLOW_ID = 999  # GET /contacts/999 answers after 0.6 s


def answer(request: Request) -> bytes:
    if request.method == "POST":
        body = request.json()
        if body.get("first_name") == "fail":
            return response(500, {"error": {"message": "try later"}})
        return response(201, {"echo": body, "query": request.target.partition("?")[2]})
    record_id = int(request.path.rsplit("/", 1)[1])
    if record_id == FAILING_ID:
        return response(500, {"error": {"message": "broken"}})
    if record_id == SLOW_ID:
        time.sleep(0.6)
    return response(200, contact(record_id))


@pytest.mark.parametrize("kind", CLIENTS)
def test_with_options_returns_the_same_type_on_the_same_pool(kind: str) -> None:
    cls = flexie.Flexie if kind == "sync" else flexie.AsyncFlexie
    with raw_server(keep_alive(answer)) as server:
        client = cls(**settings(server.base_url))
        copy = client.with_options(timeout=2.5, max_retries=0, retry_writes=True, headers={"X-Request-Source": "etl"})
        assert type(copy) is cls
        assert copy.http_client is client.http_client
        assert (copy.options.timeout.read, copy.options.max_retries, copy.options.retry_writes) == (2.5, 0, True)
        assert (client.options.timeout.read, client.options.max_retries, client.options.retry_writes) == (5.0, 2, False)
        assert type(copy.with_options(deadline=1.0)) is cls

        if kind == "sync":
            ids = [client.contacts.get(1).id, copy.contacts.get(2).id, client.contacts.get(3).id]
            client.close()
        else:

            async def calls() -> list[int | None]:
                got = [(await client.contacts.get(1)).id, (await copy.contacts.get(2)).id]
                got.append((await client.contacts.get(3)).id)
                await client.aclose()
                return got

            ids = asyncio.run(calls())
    assert ids == [1, 2, 3]
    assert len(server.connections) == 1  # the copy used the original's kept-alive connection
    assert [r.headers.get("x-request-source") for r in server.requests] == [None, "etl", None]


def run_options(kind: str, base_url: str, options: dict[str, Any], call: Any) -> Any:
    """``call(client.with_options(**options))`` on a fresh client of ``kind``; exceptions propagate."""
    return run(kind, base_url, lambda c: call(c.with_options(**options)))


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize(("max_retries", "sent"), [(0, 1), (3, 4)])
def test_max_retries_of_a_copy_is_obeyed(kind: str, max_retries: int, sent: int) -> None:
    with raw_server(keep_alive(answer)) as server, pytest.raises(flexie.ServerError):
        run_options(kind, server.base_url, {"max_retries": max_retries}, lambda c: c.contacts.get(FAILING_ID))
    assert server.count("GET") == sent


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize(("retry_writes", "sent"), [(False, 1), (True, 3)])
def test_retry_writes_of_a_copy_is_obeyed(kind: str, retry_writes: bool, sent: int) -> None:
    fail = {"first_name": "fail"}
    with raw_server(keep_alive(answer)) as server, pytest.raises(flexie.ServerError):
        run_options(kind, server.base_url, {"retry_writes": retry_writes}, lambda c: c.request("POST", "/x", json=fail))
    assert server.count("POST") == sent


@pytest.mark.parametrize("kind", CLIENTS)
def test_timeout_of_a_copy_is_obeyed(kind: str) -> None:
    with raw_server(keep_alive(answer)) as server:
        started = time.monotonic()
        with pytest.raises(flexie.APITimeoutError):
            run_options(kind, server.base_url, {"timeout": 0.2, "max_retries": 0}, lambda c: c.contacts.get(SLOW_ID))
        assert time.monotonic() - started < 0.5  # the server answers after 0.6 s; the copy gave up at 0.2 s
        assert run_options(kind, server.base_url, {}, lambda c: c.contacts.get(SLOW_ID)).id == SLOW_ID


@pytest.mark.parametrize("kind", CLIENTS)
def test_request_sends_method_path_query_json_and_headers(kind: str) -> None:
    def call(client: Any) -> Any:
        return client.request(
            "post", "/contacts/new", params={"tag": "vip", "n": 2}, json={"first_name": "Req"},
            headers={"X-Trace": "t-1"},
        )  # fmt: skip

    with raw_server(keep_alive(answer)) as server:
        body = run_options(kind, server.base_url, {"headers": {"X-Request-Source": "etl"}}, call)
    assert body == {"echo": {"first_name": "Req"}, "query": "tag=vip&n=2"}
    (sent,) = server.requests
    assert (sent.method, sent.path) == ("POST", "/api/contacts/new")
    assert sent.headers["x-trace"] == "t-1"
    assert sent.headers["x-request-source"] == "etl"
    assert sent.headers["apikey"] == "k"
    assert sent.headers["content-type"] == "application/json"
