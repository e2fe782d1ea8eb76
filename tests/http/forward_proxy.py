"""A logging forward proxy for plain http on 127.0.0.1: it records each absolute-URI request it gets
(``GET http://127.0.0.1:8000/api/contacts/1``) and forwards it to the origin named there."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from tests.http.raw_server import Connection, RawServer, Request, raw_server

# hop-by-hop headers, which a proxy does not pass on; Content-Length is set again for the relayed body
HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "upgrade"}


class ForwardProxy:
    """The handler of a :class:`RawServer` that acts as the proxy; ``log`` holds "METHOD absolute-URI"."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def __call__(self, connection: Connection) -> None:
        while (request := connection.read_request()) is not None:
            self.log.append(f"{request.method} {request.target}")
            connection.send(self.forward(request))

    @staticmethod
    def forward(request: Request) -> bytes:
        target = urlsplit(request.target)
        if target.scheme != "http" or not target.hostname:
            return b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"  # not a proxy request
        upstream = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=10)
        try:
            headers = {k: v for k, v in request.headers.items() if k not in HOP}
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(request.method, path, body=request.body or None, headers=headers)
            answer = upstream.getresponse()
            content = answer.read()
            lines = [f"HTTP/1.1 {answer.status} {answer.reason}"]
            lines += [
                f"{k}: {v}"
                for k, v in answer.getheaders()
                if k.lower() not in HOP | {"content-length", "transfer-encoding"}
            ]
            lines.append(f"Content-Length: {len(content)}")
            return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + content
        finally:
            upstream.close()


@contextmanager
def forward_proxy() -> Iterator[tuple[RawServer, ForwardProxy]]:
    proxy = ForwardProxy()
    with raw_server(proxy) as server:
        yield server, proxy
