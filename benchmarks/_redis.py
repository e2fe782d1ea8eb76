"""A throwaway redis-server on a free 127.0.0.1 port, for the shared rate-limit benchmark and tests."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def redis_server(timeout: float = 20.0) -> Iterator[str]:
    """Start ``redis-server`` (no persistence, in a temporary directory); yield its URL; stop it."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: `make install` installs it (apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="flexie-redis-") as workdir:
        port = free_port()
        args = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", workdir]
        args += ["--save", "", "--appendonly", "no"]  # nothing written to disk
        log_path = Path(workdir) / "redis.log"
        with log_path.open("w") as log:
            proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"redis-server did not start: {log_path.read_text()[-2000:]}") from None
                    time.sleep(0.02)
            yield url
        finally:
            client.close()
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
