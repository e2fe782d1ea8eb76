"""A client used on both sides of ``os.fork()`` never hands one process the other's answer.

The parent opens a kept-alive connection, forks, and then parent and child each fetch 500
distinct ids at the same time with the same client object; every record must carry the id asked
for. The child reports its tally through a pipe. A client built on the caller's own
``http_client`` cannot make new connections in the child, so there it raises ConfigurationError.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

import flexie
from tests.http.clients import settings
from tests.http.raw_server import RawServer, Request, contact, keep_alive, raw_server, response

CALLS = 500
PARENT_IDS = list(range(1, CALLS + 1))
CHILD_IDS = list(range(CALLS + 1, 2 * CALLS + 1))


def echo(request: Request) -> bytes:
    return response(200, contact(int(request.path.rsplit("/", 1)[1])))


@pytest.fixture
def server() -> Iterator[RawServer]:
    with raw_server(keep_alive(echo)) as running:
        yield running


def tally(got: list[tuple[int, int | None, str | None]]) -> dict[str, int]:
    """From (asked, received id, error) triples: how many calls were right, wrong, or failed."""
    return {
        "right": sum(error is None and asked == received for asked, received, error in got),
        "wrong": sum(error is None and asked != received for asked, received, error in got),
        "failed": sum(error is not None for _, _, error in got),
    }


def fetch(client: flexie.Flexie, ids: list[int]) -> dict[str, int]:
    got: list[tuple[int, int | None, str | None]] = []
    for record_id in ids:
        try:
            got.append((record_id, client.contacts.get(record_id).id, None))
        except flexie.FlexieError as exc:
            got.append((record_id, None, type(exc).__name__))
    return tally(got)


async def fetch_async(client: flexie.AsyncFlexie, ids: list[int]) -> dict[str, int]:
    got: list[tuple[int, int | None, str | None]] = []
    for record_id in ids:
        try:
            got.append((record_id, (await client.contacts.get(record_id)).id, None))
        except flexie.FlexieError as exc:
            got.append((record_id, None, type(exc).__name__))
    return tally(got)


@contextmanager
def forked(child: Callable[[], Any]) -> Iterator[Callable[[], Any]]:
    """Fork; the child runs ``child()`` and sends its JSON result through a pipe, then exits.

    Inside the block the parent runs concurrently with the child; the function it gets waits for
    the child and returns what the child sent (it fails the test if the child crashed).
    """
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns that forking a threaded process may deadlock
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.close(read_end)
            os.write(write_end, json.dumps(child()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    reaped: list[int] = []

    def result() -> Any:
        with os.fdopen(read_end, "rb") as pipe:
            sent = pipe.read()
        reaped.append(os.waitpid(pid, 0)[1])
        assert os.waitstatus_to_exitcode(reaped[0]) == 0, f"the child failed: {sent!r}"
        return json.loads(sent)

    try:
        yield result
    finally:
        if not reaped:  # the parent failed first: do not leave the child behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)


def test_a_sync_client_across_fork_gives_each_process_its_own_answers(server: RawServer) -> None:
    with flexie.Flexie(**settings(server.base_url, max_retries=0)) as client:
        assert client.contacts.get(1).id == 1  # a kept-alive connection is in the pool when we fork
        with forked(lambda: fetch(client, CHILD_IDS)) as child_result:
            in_parent = fetch(client, PARENT_IDS)
            in_child = child_result()
    assert in_parent == {"right": CALLS, "wrong": 0, "failed": 0}
    assert in_child == {"right": CALLS, "wrong": 0, "failed": 0}
    assert len(server.connections) == 2  # the child opened a connection of its own


def test_an_async_client_across_fork_gives_each_process_its_own_answers(server: RawServer) -> None:
    def in_a_fresh_loop(client: flexie.AsyncFlexie) -> dict[str, int]:
        # the child inherited the parent's running event loop; it runs its own in a new thread
        out: list[dict[str, int]] = []
        thread = threading.Thread(target=lambda: out.append(asyncio.run(fetch_async(client, CHILD_IDS))))
        thread.start()
        thread.join()
        return out[0]

    async def scenario() -> tuple[dict[str, int], dict[str, int]]:
        async with flexie.AsyncFlexie(**settings(server.base_url, max_retries=0)) as client:
            assert (await client.contacts.get(1)).id == 1
            with forked(lambda: in_a_fresh_loop(client)) as child_result:
                in_parent = await fetch_async(client, PARENT_IDS)
                return in_parent, child_result()

    in_parent, in_child = asyncio.run(scenario())
    assert in_parent == {"right": CALLS, "wrong": 0, "failed": 0}
    assert in_child == {"right": CALLS, "wrong": 0, "failed": 0}
    assert len(server.connections) == 2


def test_a_client_on_the_callers_http_client_refuses_to_run_in_the_child(server: RawServer) -> None:
    def in_child(client: flexie.Flexie) -> str:
        try:
            client.contacts.get(2)
        except flexie.ConfigurationError as exc:
            return str(exc)
        return "no error"

    with flexie.Flexie(**settings(server.base_url), http_client=httpx.Client()) as client:
        assert client.contacts.get(1).id == 1
        with forked(lambda: in_child(client)) as child_result:
            message = child_result()
        assert client.contacts.get(3).id == 3  # the parent goes on as before
    assert "http_client" in message
    assert "os.fork()" in message
    assert server.count("GET") == 2  # nothing was sent from the child
