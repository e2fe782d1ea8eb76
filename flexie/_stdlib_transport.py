"""A sync httpx transport over the standard library's ``http.client``, with a keep-alive pool.

Why: on the sync path, httpx's default transport (httpcore + h11, pure Python) costs several times
more CPU per request than ``http.client``, whose response parsing runs largely in C. For an API
client that pages through hundreds of thousands of records that overhead is most of the client's
work. httpx stays the client (requests, responses, auth, timeouts, errors); only the socket layer
is swapped, through httpx's own extension point. Pass ``transport=httpx.HTTPTransport(...)`` to
``Flexie`` for proxies, HTTP/2 or anything else this transport does not do.

Errors are httpx's: connect, read, write and pool timeouts; connect, read and write errors; a
connection closed mid-answer is ``httpx.RemoteProtocolError``.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
import time
from typing import Any

import httpx

__all__ = ["StdlibTransport"]

Origin = tuple[str, str, int]


class _Idle:
    __slots__ = ("conn", "since")

    def __init__(self, conn: http.client.HTTPConnection, since: float) -> None:
        self.conn = conn
        self.since = since


class StdlibTransport(httpx.BaseTransport):
    """HTTP/1.1 over ``http.client``: at most ``max_connections`` at once, ``max_keepalive`` kept idle."""

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | bool = True,
        max_connections: int = 100,
        max_keepalive: int = 20,
        keepalive_expiry: float = 5.0,
    ) -> None:
        self._verify = verify
        self._ssl_context: ssl.SSLContext | None = None
        self._slots = threading.BoundedSemaphore(max_connections)
        self._max_keepalive = max_keepalive
        self._expiry = keepalive_expiry
        self._idle: dict[Origin, list[_Idle]] = {}
        self._lock = threading.Lock()
        self._closed = False

    # -- the pool ----------------------------------------------------------------------------------

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is None:  # built on first https use: loading CA certificates takes time
            self._ssl_context = (
                self._verify if isinstance(self._verify, ssl.SSLContext) else httpx.create_ssl_context(self._verify)
            )
        return self._ssl_context

    def _checkout(self, origin: Origin) -> http.client.HTTPConnection | None:
        """A kept-alive connection still open on the server's side, or None."""
        now = time.monotonic()
        with self._lock:
            idle = self._idle.get(origin, [])
            while idle:
                entry = idle.pop()
                if now - entry.since < self._expiry and _still_open(entry.conn):
                    return entry.conn
                entry.conn.close()
        return None

    def _checkin(self, origin: Origin, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(origin, [])
            if self._closed or len(idle) >= self._max_keepalive:
                conn.close()
            else:
                idle.append(_Idle(conn, time.monotonic()))

    def _connect(self, origin: Origin, timeout: float | None, request: httpx.Request) -> http.client.HTTPConnection:
        scheme, host, port = origin
        conn: http.client.HTTPConnection
        if scheme == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=self._context())
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.connect()
        except TimeoutError as exc:
            conn.close()
            raise httpx.ConnectTimeout(str(exc) or "connect timed out", request=request) from exc
        except OSError as exc:  # refused, unreachable, DNS, TLS handshake (ssl.SSLError is an OSError)
            conn.close()
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        if conn.sock is not None:
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    # -- one exchange ------------------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._closed:
            raise RuntimeError("the transport has been closed")
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}", request=request)
        origin: Origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        if not self._slots.acquire(timeout=timeouts.get("pool")):
            raise httpx.PoolTimeout("no connection became free in time", request=request)
        try:
            conn = self._checkout(origin) or self._connect(origin, timeouts.get("connect"), request)
            try:
                response = self._exchange(conn, request, timeouts)
            except BaseException:
                conn.close()
                raise
            if response.will_close:
                conn.close()
            else:
                self._checkin(origin, conn)
            return response.as_httpx
        finally:
            self._slots.release()

    def _exchange(
        self, conn: http.client.HTTPConnection, request: httpx.Request, timeouts: dict[str, float | None]
    ) -> _Answer:
        body = request.read()
        try:
            _settimeout(conn, timeouts.get("write"))
            conn.putrequest(
                request.method, request.url.raw_path.decode("ascii"), skip_host=True, skip_accept_encoding=True
            )
            for name, value in request.headers.raw:
                conn.putheader(name.decode("latin-1"), value.decode("latin-1"))
            conn.endheaders(body or None)
        except TimeoutError as exc:
            raise httpx.WriteTimeout(str(exc) or "write timed out", request=request) from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from exc
        read_timeout = timeouts.get("read")
        deadline = None if read_timeout is None else time.monotonic() + read_timeout
        try:
            _settimeout(conn, read_timeout)
            raw = conn.getresponse()
            content = _read_body(conn, raw, deadline)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(str(exc) or "read timed out", request=request) from exc
        except http.client.HTTPException as exc:  # closed early, short body, garbled status line
            raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}", request=request) from exc
        except OSError as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc
        return _Answer(raw, content, request)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for idle in self._idle.values():
                for entry in idle:
                    entry.conn.close()
            self._idle.clear()


class _Answer:
    """A fully read ``http.client`` response, as an ``httpx.Response``."""

    def __init__(self, raw: http.client.HTTPResponse, content: bytes, request: httpx.Request) -> None:
        self.will_close = bool(raw.will_close)
        self.as_httpx = httpx.Response(
            raw.status,
            headers=raw.getheaders(),
            stream=httpx.ByteStream(content),  # still encoded: httpx applies Content-Encoding itself
            request=request,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": (raw.reason or "").encode("latin-1")},
        )


def _read_body(conn: http.client.HTTPConnection, raw: http.client.HTTPResponse, deadline: float | None) -> bytes:
    """The whole body, within the read timeout counted from the request: a server that trickles
    bytes cannot hold the client longer than one that sends nothing."""
    chunks: list[bytes] = []
    while True:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the response did not arrive within the read timeout")
            sock = conn.sock
            timeout = sock.gettimeout() if sock is not None else None
            if timeout is None or remaining < timeout / 2:  # tighten only when the deadline nears
                _settimeout(conn, remaining)
        chunk = raw.read1(65536)
        if chunk:
            chunks.append(chunk)
        if not chunk or raw.length == 0:  # read1 leaves a finished response open: close it, or the
            raw.close()  # connection refuses its next request (the socket itself stays open)
            return b"".join(chunks)


def _settimeout(conn: http.client.HTTPConnection, value: float | None) -> None:
    sock = conn.sock
    if sock is not None and sock.gettimeout() != value:  # each settimeout costs system calls
        sock.settimeout(value)


def _still_open(conn: http.client.HTTPConnection) -> bool:
    """An idle keep-alive socket that is readable has been closed by the server (or sent junk)."""
    sock: Any = conn.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable
