"""The default transport's HTTP/1.1 framing, against a real socket answering with chosen bytes."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from flexie import _stdlib_transport
from flexie._stdlib_transport import StdlibTransport


class RawServer:
    """Accepts connections on loopback; answers each request with the next canned bytes."""

    def __init__(self, answers: list[bytes], *, close_after: bool = False) -> None:
        self.answers = list(answers)
        self.close_after = close_after
        self.requests: list[bytes] = []
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            while self.answers:
                while b"\r\n\r\n" not in buffer:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)  # fmt: skip
                if b"transfer-encoding: chunked" in head.lower():
                    while not buffer.endswith(b"0\r\n\r\n"):
                        buffer += conn.recv(65536)
                    length = len(buffer)
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                self.requests.append(head + b"\r\n\r\n" + buffer[:length])
                buffer = buffer[length:]
                conn.sendall(self.answers.pop(0))
                if self.close_after:
                    return

    def close(self) -> None:
        self.listener.close()


@contextmanager
def client(*answers: bytes, close_after: bool = False) -> Iterator[tuple[httpx.Client, RawServer]]:
    server = RawServer(list(answers), close_after=close_after)
    http = httpx.Client(base_url=f"http://127.0.0.1:{server.port}", transport=StdlibTransport(), timeout=5)
    try:
        yield http, server
    finally:
        http.close()
        server.close()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def test_content_length_body_and_keep_alive() -> None:
    with client(OK, OK) as (http, server):
        assert [http.get("/a").text, http.get("/b").text] == ["ok", "ok"]
        assert server.connections == 1


def test_large_body_arrives_whole() -> None:
    body = bytes(range(256)) * 8192  # 2 MiB, many reads
    with client(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body) as (http, _):
        assert http.get("/").content == body


def test_chunked_body_with_extensions_and_trailers() -> None:
    answer = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              b"4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\n\r\n")  # fmt: skip
    with client(answer, OK) as (http, server):
        assert http.get("/").text == "Wikipedia in\r\n\r\nchunks."
        assert http.get("/").text == "ok"  # the connection is still in step
        assert server.connections == 1


def test_interim_responses_are_skipped() -> None:
    answer = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK
    with client(answer) as (http, _):
        response = http.get("/")
        assert (response.status_code, response.text) == (200, "ok")


@pytest.mark.parametrize("status", [204, 304])
def test_bodyless_statuses(status: int) -> None:
    with client(b"HTTP/1.1 %d X\r\nContent-Length: 10\r\n\r\n" % status, OK) as (http, server):
        assert http.get("/").content == b""
        assert http.get("/").text == "ok"
        assert server.connections == 1


def test_head_has_no_body_whatever_its_length() -> None:
    with client(b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", OK) as (http, _):
        assert http.head("/").content == b""
        assert http.get("/").text == "ok"


def test_body_until_close_and_connection_close() -> None:
    with client(b"HTTP/1.1 200 OK\r\n\r\nto the end", OK, close_after=True) as (http, server):
        assert http.get("/").text == "to the end"
        assert http.get("/").text == "ok"
        assert server.connections == 2
    with client(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", OK, close_after=True) as (
        http,
        server,
    ):
        assert [http.get("/").text, http.get("/").text] == ["ok", "ok"]
        assert server.connections == 2


def test_http_1_0_closes_unless_kept_alive() -> None:
    with client(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", OK, close_after=True) as (http, server):
        response = http.get("/")
        assert (response.text, response.http_version) == ("ok", "HTTP/1.0")
        http.get("/")
        assert server.connections == 2


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (b"HTTP/1.1 20 OK\r\n\r\n", "malformed status line"),
        (b"ICY 200 OK\r\n\r\n", "malformed status line"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\n folded: x\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", "invalid Content-Length"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "after 5 of 10 body bytes"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0x2\r\nok\r\n0\r\n\r\n", "malformed chunk size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokay\r\n0\r\n\r\n", "longer than its size"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nok", "after 2 of 5 body bytes"),
        (b"HTTP/1.1 200 OK\r\nContent-Le", "part way through the response head"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n", "part way through a chunked body"),
        (b"", "without sending a response"),
        (b"HTTP/1.1 101 Switching Protocols\r\n\r\n", "switched protocols"),
    ],
)
def test_broken_answers_are_remote_protocol_errors(answer: bytes, message: str) -> None:
    with client(answer, close_after=True) as (http, _), pytest.raises(httpx.RemoteProtocolError, match=message):
        http.get("/")


def test_a_head_too_large_is_refused() -> None:
    answer = b"HTTP/1.1 200 OK\r\n" + b"X-Big: " + b"a" * (70 * 1024) + b"\r\n\r\n"
    with client(answer, close_after=True) as (http, _), pytest.raises(httpx.RemoteProtocolError, match="larger"):
        http.get("/")


def test_bytes_after_the_body_retire_the_connection() -> None:
    with client(OK + b"junk", OK, close_after=False) as (http, server):
        assert http.get("/").text == "ok"
        assert http.get("/").text == "ok"
        assert server.connections == 2


def test_request_bodies_and_headers_go_out_as_given() -> None:
    with client(OK, OK) as (http, server):
        http.post("/x", json={"a": 1}, headers={"X-One": "1"})
        http.post("/y", content=iter([b"ab", b"cd"]))  # no length: sent chunked
    first, second = server.requests
    assert first.startswith(b"POST /x HTTP/1.1\r\n")
    assert b"\r\nX-One: 1\r\n" in first
    assert first.endswith(b'\r\n\r\n{"a":1}')
    assert b"Transfer-Encoding: chunked" in second
    assert second.endswith(b"\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")


def test_a_header_that_would_split_the_request_is_refused() -> None:
    with client(OK) as (http, server), pytest.raises(httpx.LocalProtocolError):
        http.send(httpx.Request("GET", f"http://127.0.0.1:{server.port}/", headers=[(b"X-Bad", b"a\r\nInjected: 1")]))


def _facts(response: httpx.Response) -> tuple[object, ...]:
    """What a caller can observe of a response httpx has read (elapsed only by type)."""
    return (
        response.status_code,
        response.content,
        response.json(),
        response.num_bytes_downloaded,
        response.is_closed,
        response.is_stream_consumed,
        b"".join(response.iter_bytes()),
        type(response.elapsed),
    )


JSON_OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"a": 1}'
JSON_CHUNKED = b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\n5\r\n": 1}\r\n0\r\n\r\n'


def gzipped(body: bytes) -> tuple[bytes, bytes]:
    """A gzip-encoded answer carrying ``body``, and its encoded body."""
    encoded = gzip.compress(body)
    return b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(encoded) + encoded, encoded


@pytest.mark.parametrize("answer", [JSON_OK, JSON_CHUNKED], ids=["content-length", "chunked"])
def test_responses_come_back_read_as_httpx_reads_them(answer: bytes) -> None:
    with client(answer, answer) as (http, server):
        ours = http.get("/")
        with httpx.Client(transport=httpx.HTTPTransport(), timeout=5) as plain:
            theirs = plain.get(f"http://127.0.0.1:{server.port}/")
    assert _facts(ours) == _facts(theirs)
    assert (ours.is_closed, ours.is_stream_consumed, ours.num_bytes_downloaded) == (True, True, 8)
    assert ours.elapsed.total_seconds() > 0
    with pytest.raises(httpx.StreamConsumed):
        next(ours.iter_raw())


def test_the_transport_itself_returns_read_responses_unless_encoded() -> None:
    server = RawServer([JSON_OK, gzipped(b"{}")[0]])
    transport = StdlibTransport()
    try:
        url = f"http://127.0.0.1:{server.port}/"
        plain = transport.handle_request(httpx.Request("GET", url))
        encoded = transport.handle_request(httpx.Request("GET", url))
    finally:
        transport.close()
        server.close()
    assert _stdlib_transport._PREREAD
    assert (plain.is_closed, plain.content, plain.elapsed.total_seconds() > 0) == (True, b'{"a": 1}', True)
    assert not encoded.is_closed  # httpx decodes it when it reads it
    assert encoded.read() == b"{}"


def test_a_streamed_request_still_reads_whole() -> None:
    with client(JSON_OK) as (http, _), http.stream("GET", "/") as response:
        assert b"".join(response.iter_bytes()) == b'{"a": 1}'


def test_encoded_bodies_are_left_for_httpx_to_decode() -> None:
    answer, body = gzipped(b'{"a": 1}')
    with client(answer) as (http, _):
        response = http.get("/")
    assert response.json() == {"a": 1}
    assert response.num_bytes_downloaded == len(body)  # counted by httpx as it read the raw stream


def test_without_the_pre_read_httpx_reads_the_response_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _stdlib_transport._preread_works()  # this httpx keeps a read body where we set it
    monkeypatch.setattr(_stdlib_transport, "_PREREAD", False)
    with client(JSON_OK, JSON_CHUNKED) as (http, _):
        first, second = http.get("/"), http.get("/")
    assert first.json() == second.json() == {"a": 1}
    assert (first.is_closed, first.num_bytes_downloaded) == (True, 8)
