"""With over 1,024 descriptors open (past what ``select.select`` can watch), keep-alive still works:
50 GETs travel over one connection, whose socket's descriptor number is above 1,024."""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator

import pytest

from tests.http.clients import CLIENTS, run_all
from tests.http.raw_server import Request, contact, keep_alive, raw_server, response

OPEN = 1_100
CALLS = 50


@pytest.fixture
def many_descriptors() -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN + 256  # room for the servers, the client and pytest itself
    if soft != resource.RLIM_INFINITY and soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.fail(f"the hard limit on open files is {hard}; this test needs {wanted} (ulimit -Hn)")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(OPEN)]
    try:
        yield
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def echo(request: Request) -> bytes:
    return response(200, contact(int(request.path.rsplit("/", 1)[1])))


@pytest.mark.usefixtures("many_descriptors")
@pytest.mark.parametrize("kind", CLIENTS)
def test_fifty_gets_over_one_kept_alive_connection(kind: str) -> None:
    probe = os.open(os.devnull, os.O_RDONLY)
    os.close(probe)
    assert probe > 1024  # the client's socket gets a number at least this high
    ids = list(range(1, CALLS + 1))
    with raw_server(keep_alive(echo)) as server:
        uses = [lambda c, i=i: c.contacts.get(i) for i in ids]
        records = run_all(kind, server.base_url, uses, max_retries=0)
    assert [r.id for r in records] == ids
    assert server.count("GET") == CALLS
    assert len(server.connections) == 1
