"""A raw-socket HTTP server on 127.0.0.1 whose every byte a test writes.

Each accepted connection runs ``handler(connection)`` in a thread of its own. The handler reads
requests with :meth:`Connection.read_request` (or the head alone, to answer before the body), and
writes whatever bytes it likes: malformed heads, bodies cut short, early answers, FIN or RST.
The server counts connections and keeps every request it read, for the test to assert on.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

REASONS = {200: "OK", 201: "Created", 401: "Unauthorized", 404: "Not Found", 413: "Payload Too Large"}


@dataclass
class Request:
    """One request as the server read it. Header names are lower case; ``body`` is empty until read."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes = b""
    connection: int = 0  # which connection (1, 2, ...) it arrived on

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def length(self) -> int:
        return int(self.headers.get("content-length", "0"))

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Connection:
    """One accepted connection: read requests from it, write raw bytes to it."""

    server: RawServer
    sock: socket.socket
    number: int
    buffer: bytes = b""
    closed: threading.Event = field(default_factory=threading.Event)

    def _fill(self) -> bool:
        try:
            data = self.sock.recv(1 << 16)
        except OSError:
            return False
        self.buffer += data
        return bool(data)

    def read_head(self) -> Request | None:
        """The next request's line and headers (None when the client closed the connection)."""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                return None
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        line, *fields = head.decode("latin-1").split("\r\n")
        method, target, _version = line.split(" ", 2)
        headers = {name.strip().lower(): value.strip() for name, _, value in (f.partition(":") for f in fields)}
        request = Request(method, target, headers, connection=self.number)
        self.server.record(request)
        return request

    def read_body(self, request: Request) -> bool:
        """Read the body its Content-Length announces into ``request.body``; False if the client left."""
        while len(self.buffer) < request.length:
            if not self._fill():
                return False
        request.body, self.buffer = self.buffer[: request.length], self.buffer[request.length :]
        return True

    def drain(self) -> int:
        """Read and discard until the client closes (a lingering close); returns the bytes discarded."""
        discarded = len(self.buffer)
        self.buffer = b""
        self.sock.settimeout(5)
        try:
            while data := self.sock.recv(1 << 16):
                discarded += len(data)
        except OSError:
            pass
        return discarded

    def read_request(self) -> Request | None:
        request = self.read_head()
        if request is None or not self.read_body(request):
            return None
        return request

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close(self) -> None:
        """An orderly close: the client sees FIN."""
        self.sock.close()
        self.closed.set()

    def reset(self) -> None:
        """An abortive close: SO_LINGER with a zero timeout makes the kernel send RST."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()
        self.closed.set()


Handler = Callable[[Connection], None]


class RawServer:
    """Listens on 127.0.0.1 (an ephemeral port) until stopped; see the module docstring."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port: int = self.listener.getsockname()[1]
        self.requests: list[Request] = []
        self.connections: list[Connection] = []
        self.lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def count(self, method: str, path: str | None = None) -> int:
        """How many requests with this method (and path, under /api) arrived."""
        with self.lock:
            return sum(r.method == method and (path is None or r.path == "/api" + path) for r in self.requests)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(10)
            with self.lock:
                connection = Connection(self, sock, len(self.connections) + 1)
                self.connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: Connection) -> None:
        try:
            self.handler(connection)
        except OSError:
            pass  # the client went away: what the test asserts on is in the counts
        finally:
            if not connection.closed.is_set():
                connection.close()

    def start(self) -> RawServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()
        self.listener.close()
        with self.lock:
            for connection in self.connections:
                if not connection.closed.is_set():
                    with suppress(OSError):
                        connection.sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def raw_server(handler: Handler) -> Iterator[RawServer]:
    server = RawServer(handler).start()
    try:
        yield server
    finally:
        server.stop()


def response(
    status: int,
    body: bytes | Any = b"",
    *,
    headers: list[tuple[str, str]] | None = None,
    length: bool = True,
    eol: bytes = b"\r\n",
) -> bytes:
    """A response's bytes: ``body`` as JSON unless given as bytes, Content-Length unless ``length=False``."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}", "Content-Type: application/json"]
    if length:
        lines.append(f"Content-Length: {len(content)}")
    lines += [f"{name}: {value}" for name, value in headers or []]
    return eol.join(line.encode("latin-1") for line in lines) + eol + eol + content


def contact(record_id: int, **values: Any) -> dict[str, Any]:
    """A getContacts / createContact answer body."""
    return {"contact": {"id": record_id, "first_name": "Ada", "email": f"c{record_id}@raw.example", **values}}


def keep_alive(respond: Callable[[Request], bytes]) -> Handler:
    """A handler that answers request after request on one connection with ``respond(request)``."""

    def handler(connection: Connection) -> None:
        while (request := connection.read_request()) is not None:
            connection.send(respond(request))

    return handler
