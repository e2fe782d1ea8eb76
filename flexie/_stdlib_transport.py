"""A sync httpx transport over the standard library's sockets, with a keep-alive pool.

Why: on the sync path, httpx's default transport (httpcore + h11, pure Python) costs several times
more CPU per request than a plain socket exchange (``_http11``). For an API client that pages through
hundreds of thousands of records that overhead is most of the client's work. httpx stays the client
(requests, responses, auth, timeouts, errors); only the socket layer is swapped, through httpx's own
extension point. Pass ``transport=httpx.HTTPTransport(...)`` to ``Flexie`` for proxies, HTTP/2 or
anything else this transport does not do.

Responses come back already read, as httpx's own ``MockTransport`` gives them: the body is in memory
anyway, and httpx's read path (a chain of generators and context managers per response) costs a
page-reading loop more than the socket work. A response with a ``Content-Encoding`` is left for
httpx to read and decode.

Errors are httpx's: connect, read, write and pool timeouts; connect, read and write errors; a
connection closed mid-answer is ``httpx.RemoteProtocolError``.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
import time
from datetime import timedelta

import httpx

from ._http11 import Connection, ProtocolError, Response

__all__ = ["StdlibTransport"]

Origin = tuple[str, str, int]


class _Idle:
    __slots__ = ("conn", "since")

    def __init__(self, conn: Connection, since: float) -> None:
        self.conn = conn
        self.since = since


class StdlibTransport(httpx.BaseTransport):
    """HTTP/1.1 over sockets: at most ``max_connections`` at once, ``max_keepalive`` kept idle."""

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

    def _checkout(self, origin: Origin) -> Connection | None:
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

    def _checkin(self, origin: Origin, conn: Connection) -> None:
        with self._lock:
            idle = self._idle.setdefault(origin, [])
            if self._closed or len(idle) >= self._max_keepalive:
                conn.close()
            else:
                idle.append(_Idle(conn, time.monotonic()))

    def _connect(self, origin: Origin, timeout: float | None, request: httpx.Request) -> Connection:
        scheme, host, port = origin
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc) or "connect timed out", request=request) from exc
        except OSError as exc:  # refused, unreachable, DNS
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "https":
                sock = self._context().wrap_socket(sock, server_hostname=host)
        except TimeoutError as exc:
            sock.close()
            raise httpx.ConnectTimeout(str(exc) or "TLS handshake timed out", request=request) from exc
        except OSError as exc:  # the TLS handshake failed (ssl.SSLError is an OSError)
            sock.close()
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
        return Connection(sock)

    # -- one exchange ------------------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._closed:
            raise RuntimeError("the transport has been closed")
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}", request=request)
        origin: Origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        started = time.perf_counter()
        if not self._slots.acquire(timeout=timeouts.get("pool")):
            raise httpx.PoolTimeout("no connection became free in time", request=request)
        try:
            conn = self._checkout(origin) or self._connect(origin, timeouts.get("connect"), request)
            try:
                answer = self._exchange(conn, request, timeouts)
            except BaseException:
                conn.close()
                raise
            if answer.will_close:
                conn.close()
            else:
                self._checkin(origin, conn)
        finally:
            self._slots.release()
        return _as_httpx(answer, request, started)

    def _exchange(self, conn: Connection, request: httpx.Request, timeouts: dict[str, float | None]) -> Response:
        body = request.read()
        try:
            conn.settimeout(timeouts.get("write"))
            conn.send_request(request.method, request.url.raw_path, request.headers.raw, body)
        except TimeoutError as exc:
            raise httpx.WriteTimeout(str(exc) or "write timed out", request=request) from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from exc
        except ValueError as exc:  # a header that would break the request
            raise httpx.LocalProtocolError(str(exc), request=request) from exc
        read_timeout = timeouts.get("read")
        # a server that trickles bytes cannot hold the client longer than one that sends nothing
        deadline = None if read_timeout is None else time.monotonic() + read_timeout
        try:
            conn.settimeout(read_timeout)
            answer = conn.read_response(request.method, deadline)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(str(exc) or "read timed out", request=request) from exc
        except ProtocolError as exc:  # closed early, short body, garbled status line
            raise httpx.RemoteProtocolError(str(exc), request=request) from exc
        except OSError as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc
        return answer

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for idle in self._idle.values():
                for entry in idle:
                    entry.conn.close()
            self._idle.clear()


def _as_httpx(raw: Response, request: httpx.Request, started: float) -> httpx.Response:
    """The response as httpx's, read and closed as ``Client.send`` leaves a response it has read."""
    response = httpx.Response(
        raw.status,
        headers=raw.headers,
        stream=httpx.ByteStream(raw.body),
        request=request,
        extensions={"http_version": raw.version, "reason_phrase": raw.reason},
    )
    if _PREREAD and "content-encoding" not in response.headers:
        _mark_read(response, raw.body, timedelta(seconds=time.perf_counter() - started))
    return response


def _mark_read(response: httpx.Response, body: bytes, elapsed: timedelta) -> None:
    # ``Response.read()`` keeps what it read in ``_content`` and returns it from then on; the rest
    # is what reading to the end and closing set. ``_preread_works`` checks this against httpx.
    response._content = body
    response._num_bytes_downloaded = len(body)
    response.is_stream_consumed = True
    response.is_closed = True
    response.elapsed = elapsed


def _preread_works() -> bool:
    """Whether a response marked read behaves, in this httpx, as one httpx has read itself."""
    try:
        ours = httpx.Response(200, stream=httpx.ByteStream(b"{}"))
        _mark_read(ours, b"{}", timedelta(seconds=1))
        theirs = httpx.Response(200, stream=httpx.ByteStream(b"{}"))
        theirs.read()
        facts = [
            (
                r.read(),
                r.content,
                r.json(),
                r.num_bytes_downloaded,
                r.is_closed,
                r.is_stream_consumed,
                b"".join(r.iter_bytes()),
            )
            for r in (ours, theirs)
        ]
        return facts[0] == facts[1] and ours.elapsed == timedelta(seconds=1)
    except Exception:  # an httpx whose Response keeps its body differently: let httpx read it
        return False


_PREREAD = _preread_works()


def _still_open(conn: Connection) -> bool:
    """An idle keep-alive socket that is readable has been closed by the server (or sent junk)."""
    try:
        readable, _, _ = select.select([conn.sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable
