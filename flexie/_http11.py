"""HTTP/1.1 messages over one socket (RFC 9112): the client's side, as the default transport needs it.

Why not ``http.client``: its status line and headers go through the ``email`` package's parser, and
each response builds a buffered file object; for a client paging through records, that costs more
CPU than everything else between the socket and the JSON decoder. This module does only what a
client of a JSON API needs: send one request, then read one response, framed by ``Content-Length``,
chunked transfer coding, or the end of the connection, with 1xx interim responses skipped and
bodyless responses (HEAD, 204, 304) recognised.

Errors are built-in ones, which the transport turns into httpx's: ``TimeoutError`` when a socket
operation or the read deadline runs out, ``OSError`` from the socket, and :class:`ProtocolError` for
a message that breaks the protocol (including a connection closed mid-answer).
"""

from __future__ import annotations

import socket
import time

__all__ = ["Connection", "ProtocolError", "Response"]

MAX_HEAD = 64 * 1024  # status line and headers together
_RECV = 256 * 1024
_HEX_DIGITS = b"0123456789abcdefABCDEF"
Headers = list[tuple[bytes, bytes]]


class ProtocolError(Exception):
    """The server's answer is not a well-formed HTTP/1.1 response, or it stopped part way."""


class Response:
    __slots__ = ("body", "headers", "reason", "status", "version", "will_close")

    def __init__(self, status: int, reason: bytes, version: bytes, headers: Headers, body: bytes, will_close: bool):
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
        self.body = body
        self.will_close = will_close


class Connection:
    """One open socket, one exchange at a time."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buffer = bytearray()  # bytes received but not yet consumed
        # What recv_into writes to: allocated once, so that receiving a large body does not ask
        # the allocator for a fresh quarter-megabyte (and the kernel for fresh pages) every time.
        self._chunk = memoryview(bytearray(_RECV))
        self._deadline: float | None = None
        self._closed_by_peer = False

    def close(self) -> None:
        self.sock.close()

    def settimeout(self, value: float | None) -> None:
        if self.sock.gettimeout() != value:  # each settimeout costs system calls
            self.sock.settimeout(value)

    # -- sending -----------------------------------------------------------------------------------

    def send_request(self, method: str, target: bytes, headers: Headers, body: bytes) -> None:
        chunked = any(name.lower() == b"transfer-encoding" for name, _ in headers)
        lines = [method.encode("ascii"), b" ", target, b" HTTP/1.1\r\n"]
        for name, value in headers:
            if b"\r" in value or b"\n" in value or b"\r" in name or b"\n" in name or b":" in name:
                raise ValueError(f"invalid header {name!r}")
            lines += [name, b": ", value, b"\r\n"]
        lines.append(b"\r\n")
        if chunked:  # the whole body is at hand: one chunk, then the last
            body = (b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)) if body else b"0\r\n\r\n"
        head = b"".join(lines)
        if len(body) < 64 * 1024:
            self.sock.sendall(head + body)
        else:
            self.sock.sendall(head)
            self.sock.sendall(body)

    # -- receiving ---------------------------------------------------------------------------------

    def read_response(self, method: str, deadline: float | None) -> Response:
        """The next response, body included; ``deadline`` (``time.monotonic``) bounds it all."""
        self._deadline = deadline
        self._closed_by_peer = False
        while True:
            status, reason, version, headers = self._read_head()
            if 100 <= status < 200:
                if status == 101:
                    raise ProtocolError("the server switched protocols, which this client does not do")
                continue  # an interim response (100 Continue, 103 Early Hints): the real one follows
            break
        body, until_close = self._read_body(method, status, headers)
        will_close = until_close or self._closed_by_peer or _wants_close(version, headers) or bool(self._buffer)
        return Response(status, reason, version, headers, body, will_close)

    def _fill(self) -> int:
        """Receive what has arrived (waiting for some) onto the buffer; 0 when the peer has closed."""
        if self._deadline is not None:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the response did not arrive within the read timeout")
            timeout = self.sock.gettimeout()
            if timeout is None or remaining < timeout / 2:  # tighten only when the deadline nears
                self.sock.settimeout(remaining)
        received = self.sock.recv_into(self._chunk)
        if received:
            self._buffer += self._chunk[:received]
        else:
            self._closed_by_peer = True
        return received

    def _read_head(self) -> tuple[int, bytes, bytes, Headers]:
        buffer = self._buffer
        searched = 0
        while True:
            end = buffer.find(b"\r\n\r\n", max(searched - 3, 0))
            if end >= 0 or len(buffer) > MAX_HEAD:
                break
            searched = len(buffer)
            if not self._fill():
                if buffer:
                    raise ProtocolError("the server closed the connection part way through the response head")
                raise ProtocolError("the server closed the connection without sending a response")
        if end < 0 or end > MAX_HEAD:
            raise ProtocolError(f"the response head is larger than {MAX_HEAD} bytes")
        head = bytes(buffer[:end])
        del buffer[: end + 4]
        lines = head.split(b"\r\n")
        version, _, rest = lines[0].partition(b" ")
        code, _, reason = rest.partition(b" ")
        if version not in (b"HTTP/1.1", b"HTTP/1.0") or len(code) != 3 or not code.isdigit():
            raise ProtocolError(f"malformed status line {lines[0][:100]!r}")
        headers: Headers = []
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            if not colon or not name or name != name.strip() or line[:1] in (b" ", b"\t"):
                raise ProtocolError(f"malformed header line {line[:100]!r}")
            headers.append((name, value.strip(b" \t")))
        return int(code), reason, version, headers

    def _read_body(self, method: str, status: int, headers: Headers) -> tuple[bytes, bool]:
        """The body, and whether it was delimited by the connection closing."""
        if method == "HEAD" or status in (204, 304):
            return b"", False
        codings = [v for n, v in headers if n.lower() == b"transfer-encoding"]
        if codings:
            last = b",".join(codings).split(b",")[-1].strip().lower()
            if last == b"chunked":
                return self._read_chunked(), False
            return self._read_to_close(), True
        lengths = {v for n, v in headers if n.lower() == b"content-length"}
        if lengths:
            if len(lengths) > 1 or not all(v.isdigit() for v in lengths):
                raise ProtocolError(f"invalid Content-Length {sorted(lengths)!r}")
            return self._read_exactly(int(lengths.pop())), False
        return self._read_to_close(), True

    def _read_exactly(self, size: int) -> bytes:
        buffer = self._buffer
        while len(buffer) < size:
            if not self._fill():
                raise ProtocolError(f"the server closed the connection after {len(buffer)} of {size} body bytes")
        with memoryview(buffer) as view:  # one copy out, not a slice and then a copy of it
            body = bytes(view[:size])
        del buffer[:size]
        return body

    def _read_line(self) -> bytes:
        buffer = self._buffer
        while True:
            end = buffer.find(b"\r\n")
            if end >= 0:
                line = bytes(buffer[:end])
                del buffer[: end + 2]
                return line
            if len(buffer) > MAX_HEAD:
                raise ProtocolError("a chunk size or trailer line is too long")
            if not self._fill():
                raise ProtocolError("the server closed the connection part way through a chunked body")

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            line = self._read_line()
            size_text = line.split(b";", 1)[0].strip(b" \t")
            if not size_text or size_text.strip(_HEX_DIGITS):
                raise ProtocolError(f"malformed chunk size line {line[:100]!r}")
            size = int(size_text, 16)
            if size == 0:
                while self._read_line():  # trailer fields, up to an empty line
                    pass
                return b"".join(parts)
            parts.append(self._read_exactly(size))
            if self._read_line():
                raise ProtocolError("a chunk is longer than its size line says")

    def _read_to_close(self) -> bytes:
        buffer = self._buffer
        while self._fill():
            pass
        body = bytes(buffer)
        buffer.clear()
        return body


def _wants_close(version: bytes, headers: Headers) -> bool:
    tokens = {t.strip().lower() for n, v in headers if n.lower() == b"connection" for t in v.split(b",")}
    if version == b"HTTP/1.0":
        return b"keep-alive" not in tokens
    return b"close" in tokens
