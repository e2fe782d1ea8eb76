"""An https server on 127.0.0.1 that speaks HTTP/2 when the client offers it (ALPN ``h2``), else HTTP/1.1.

HTTP/2 is spoken with the ``h2`` package's state machine (the ``http2`` extra installs it). Every
GET of ``/api/contacts/{id}`` is answered with that contact; requests are recorded on the
:class:`RawServer` underneath, with the number of the connection they came on.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

import h2.config
import h2.connection
import h2.events

from tests.http.raw_server import Connection, Handler, RawServer, Request, contact, keep_alive, raw_server, response


def echo_body(path: str) -> bytes:
    return json.dumps(contact(int(path.rsplit("/", 1)[1]))).encode()


def echo(request: Request) -> bytes:
    return response(200, echo_body(request.path))


def serve_h2(connection: Connection) -> None:
    """Answer the streams of one HTTP/2 connection until the client goes away."""
    h2c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
    h2c.initiate_connection()
    connection.send(h2c.data_to_send())
    heads: dict[int, dict[str, str]] = {}
    while data := connection.sock.recv(1 << 16):
        for event in h2c.receive_data(data):
            if isinstance(event, h2.events.RequestReceived):
                heads[event.stream_id] = {str(k): str(v) for k, v in event.headers}
            elif isinstance(event, h2.events.DataReceived):
                h2c.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):  # the request is complete: answer it
                head = heads.pop(event.stream_id)
                connection.server.record(Request(head[":method"], head[":path"], head, connection=connection.number))
                body = echo_body(head[":path"])
                status = [(":status", "200"), ("content-type", "application/json"), ("content-length", str(len(body)))]
                h2c.send_headers(event.stream_id, status)
                h2c.send_data(event.stream_id, body, end_stream=True)
            elif isinstance(event, h2.events.ConnectionTerminated):
                return
        connection.send(h2c.data_to_send())


def tls_handler(context: ssl.SSLContext) -> Handler:
    http1 = keep_alive(echo)

    def handler(connection: Connection) -> None:
        connection.sock = context.wrap_socket(connection.sock, server_side=True)
        if connection.sock.selected_alpn_protocol() == "h2":
            serve_h2(connection)
        else:
            http1(connection)

    return handler


@contextmanager
def h2_server(context: ssl.SSLContext) -> Iterator[RawServer]:
    """``context`` is a server-side TLS context with a certificate for 127.0.0.1."""
    context.set_alpn_protocols(["h2", "http/1.1"])
    with raw_server(tls_handler(context)) as server:
        yield server
