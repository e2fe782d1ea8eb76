"""A webhook receiver for tests: a real HTTP server on 127.0.0.1 that keeps what it is sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Bodies answered 2xx, in order. `script(marker, statuses)` makes bodies containing `marker`
    get those statuses, one per request (then 200); while `gate` is clear, requests wait."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.content_types: list[str] = []
        self.scripts: dict[bytes, list[int]] = {}
        self.gate = threading.Event()
        self.gate.set()
        self.url = ""

    def script(self, marker: str, statuses: Sequence[int]) -> None:
        self.scripts[marker.encode()] = list(statuses)

    def status_for(self, body: bytes) -> int:
        for marker, statuses in self.scripts.items():
            if marker in body and statuses:
                return statuses.pop(0)
        return 200


@contextmanager
def receiver() -> Iterator[Receiver]:
    kept = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            kept.gate.wait(timeout=10)
            status = kept.status_for(body)
            if status < 300:
                kept.bodies.append(body)
                kept.content_types.append(self.headers.get("Content-Type", ""))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    kept.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/flexie"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield kept
    finally:
        kept.gate.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
