"""Answers whose head is unusual but readable give the parsed record; heads h11 refuses fail fast.

h11 0.16 (under httpx's transport) reads a header folded onto a continuation line (obs-fold),
heads up to 100 KiB, ``Content-Length: N, N`` and bare-LF line ends, so a get and a create both
return their record, and a create is sent once. It refuses a head of which over 100 KiB is
buffered without its end (300 KB here), and two different Content-Length values: that is an
``APIConnectionError`` at once, not a wait for a timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

import flexie
from tests.http.clients import CLIENTS, run
from tests.http.raw_server import Request, contact, keep_alive, raw_server, response


def obs_fold(status: int, body: dict[str, Any]) -> bytes:
    head, _, rest = response(status, body).partition(b"\r\n\r\n")
    return head + b"\r\nX-Note: first\r\n   continued" + b"\r\n\r\n" + rest


def big_head(status: int, body: dict[str, Any]) -> bytes:  # 70 headers of 1,000 bytes: ~70 KB
    return response(status, body, headers=[(f"X-Padding-{i}", "p" * 1000) for i in range(70)])


def repeated_length(status: int, body: dict[str, Any]) -> bytes:
    content = response(status, body).partition(b"\r\n\r\n")[2]
    return response(status, content, length=False, headers=[("Content-Length", f"{len(content)}, {len(content)}")])


def bare_lf(status: int, body: dict[str, Any]) -> bytes:
    return response(status, body, eol=b"\n")


READABLE: dict[str, Callable[[int, dict[str, Any]], bytes]] = {
    "obs-fold": obs_fold,
    "70KB-head": big_head,
    "content-length-N-N": repeated_length,
    "bare-LF": bare_lf,
}


def answering(shape: Callable[[int, dict[str, Any]], bytes]) -> Callable[[Request], bytes]:
    def respond(request: Request) -> bytes:
        if request.method == "POST":
            return shape(201, contact(7, **request.json()))
        return shape(200, contact(int(request.path.rsplit("/", 1)[1])))

    return respond


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("shape", READABLE)
def test_a_readable_unusual_head_gives_the_record(shape: str, kind: str) -> None:
    with raw_server(keep_alive(answering(READABLE[shape]))) as server:
        raw = run(kind, server.base_url, lambda c: c.contacts.with_raw_response.get(42))
    assert raw.status_code == 200
    assert raw.parse().id == 42
    if shape == "obs-fold":
        assert raw.headers["x-note"] == "first continued"  # the continuation joined with one space
    if shape == "70KB-head":
        assert len(raw.headers["x-padding-69"]) == 1000
    assert server.count("GET") == 1  # read the first time, not retried


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("shape", READABLE)
def test_a_create_answered_with_an_unusual_head_is_created_once(shape: str, kind: str) -> None:
    with raw_server(keep_alive(answering(READABLE[shape]))) as server:
        record = run(kind, server.base_url, lambda c: c.contacts.create({"first_name": "Grace"}), retry_writes=True)
    assert (record.id, record["first_name"]) == (7, "Grace")
    assert server.count("POST", "/contacts/new") == 1


def oversized_head(status: int, body: dict[str, Any]) -> bytes:
    # 300 KB: h11 refuses once more than 100 KiB of a head is buffered without its end (it reads 64 KiB
    # at a time, so a head of 120 KB can still be read whole)
    return response(status, body, headers=[(f"X-Padding-{i}", "p" * 1000) for i in range(300)])


def conflicting_length(status: int, body: dict[str, Any]) -> bytes:
    content = response(status, body).partition(b"\r\n\r\n")[2]
    return response(status, content, length=False, headers=[("Content-Length", f"{len(content)}, {len(content) + 1}")])


REFUSED = {"head-of-300KB": oversized_head, "content-length-N-M": conflicting_length}


@pytest.mark.parametrize("kind", CLIENTS)
@pytest.mark.parametrize("shape", REFUSED)
def test_a_head_h11_refuses_is_a_typed_error_at_once(shape: str, kind: str) -> None:
    with raw_server(keep_alive(answering(REFUSED[shape]))) as server:
        started = time.monotonic()
        with pytest.raises(flexie.APIConnectionError, match="RemoteProtocolError") as info:
            run(kind, server.base_url, lambda c: c.contacts.get(42), timeout=10.0)
        elapsed = time.monotonic() - started
    assert not isinstance(info.value, flexie.APITimeoutError)
    assert elapsed < 3.0  # three attempts, each refused as soon as the head arrives; the 10 s timeout never ran
    assert server.count("GET") == 3  # a read: retried twice, as documented
