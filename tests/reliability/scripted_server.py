"""A tiny HTTP server over a real socket whose misbehaviour a test chooses: hang, trickle, close idle
connections, or (over TLS) never start the handshake. For what a well-behaved Flexie does, tests use
flexie.testing.FakeFlexie instead."""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

BODY = b'{"user": {"id": 1, "username": "admin", "email": "a@example.com", "firstName": "A", "lastName": "B"}}'


class ScriptedServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = mode
        self.tls = tls
        self.connections = 0
        self.requests = 0
        self.lock = threading.Lock()

    def get_request(self) -> tuple[socket.socket, object]:
        sock, address = self.socket.accept()
        if self.tls is not None:  # the handshake runs in the handler's thread, not the accept loop
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}/api"


class Handler(socketserver.BaseRequestHandler):
    server: ScriptedServer

    def handle(self) -> None:
        with self.server.lock:
            self.server.connections += 1
        sock: socket.socket = self.request
        sock.settimeout(30)
        if self.server.mode == "silent":  # accept the connection, then say nothing at all
            time.sleep(30)
            return
        if isinstance(sock, ssl.SSLSocket):
            try:
                sock.do_handshake()
            except OSError:  # the client refused our certificate
                return
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                buffer += data
            _, _, buffer = buffer.partition(b"\r\n\r\n")
            with self.server.lock:
                self.server.requests += 1
            mode = self.server.mode
            if mode == "hang":
                time.sleep(30)
                return
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(BODY)
            if mode == "trickle":
                sock.sendall(head + b"\r\n")
                for byte in BODY:
                    time.sleep(0.05)
                    try:
                        sock.sendall(bytes([byte]))
                    except OSError:
                        return
                return
            if mode == "close-idle":  # answer with keep-alive, then drop the idle connection
                sock.sendall(head + b"\r\n" + BODY)
                time.sleep(0.2)
                sock.close()
                return
            sock.sendall(head + b"\r\n" + BODY)  # "ok": keep-alive, serve the next request


@contextmanager
def scripted(mode: str, tls: ssl.SSLContext | None = None) -> Iterator[ScriptedServer]:
    server = ScriptedServer(mode, tls)
    # a short poll interval: shutdown() waits for one, and every test stops its server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
