"""``deadline=`` bounds a whole call, whatever part of the answer trickles in a byte at a time.

Each byte arrives well within the read timeout, so only the deadline can stop the call. The docs
promise "any call is over within about" the deadline.
"""

from __future__ import annotations

import time

import pytest

import flexie
from tests.http.clients import CLIENTS, run
from tests.http.raw_server import Connection, Handler, contact, raw_server, response

DEADLINE = 1.0
GAP = 0.03  # seconds between two bytes: the head takes about 4 s, the body about 4 s
HEAD_SECONDS = 4.5


def trickling(part: str) -> Handler:
    """Send the answer's head at once and its body a byte at a time ("body"), or all of it so ("head")."""

    def handler(connection: Connection) -> None:
        if connection.read_request() is None:
            return
        data = response(200, contact(1, description="d" * 40), headers=[("X-Padding", "p" * 60)])
        head, _, body = data.partition(b"\r\n\r\n")
        slow = data if part == "head" else body
        if part == "body":
            connection.send(head + b"\r\n\r\n")
        for byte in slow:
            connection.send(bytes([byte]))
            time.sleep(GAP)

    return handler


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("part", ["body", "head"])
def test_an_answer_trickling_in_cannot_hold_a_call_past_its_deadline(part: str, kind: str) -> None:
    with raw_server(trickling(part)) as server:
        started = time.monotonic()
        with pytest.raises(flexie.APITimeoutError, match="deadline"):
            run(kind, server.base_url, lambda c: c.contacts.get(1), timeout=0.5, deadline=DEADLINE, max_retries=0)
        elapsed = time.monotonic() - started
    if part == "head" and kind == "sync":
        # Documented limit of the sync flavour (flexie/_io.py SyncIO._send): a head arriving faster
        # than the read timeout is not cut; the deadline then stops the call as soon as the head is in.
        assert elapsed < HEAD_SECONDS + 1.5
    else:
        assert elapsed < DEADLINE + 1.0  # about the deadline; the head alone would take about 4 s
