"""Running the app on uvicorn: bound sockets, uvicorn settings, and the subprocess handshake."""

from __future__ import annotations

import importlib.util
import json
import os
import selectors
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from flexie.testing.app import FakeApp
from flexie.testing.state import FakeConfig, FakeState

HTTP_IMPL = "httptools" if importlib.util.find_spec("httptools") else "h11"


BACKLOG = 1024


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (0 picks a free port).

    It listens before uvicorn starts, so a client that connects as soon as the port is
    printed waits in the kernel's accept queue instead of being refused."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(state: FakeState) -> uvicorn.Server:
    config = uvicorn.Config(
        FakeApp(state),
        http=HTTP_IMPL,
        loop="auto",
        lifespan="off",
        log_config=None,
        log_level="warning",
        access_log=False,  # access lines would carry `?apikey=` query strings
        server_header=False,
        timeout_graceful_shutdown=1,
        timeout_keep_alive=30,
        backlog=BACKLOG,
    )
    return uvicorn.Server(config)


def serve_subprocess(host: str, port: int) -> None:
    """Process mode: read the config (JSON) from stdin, bind, report the port on stdout, serve
    until SIGTERM, or until the parent process is gone (so a crashed test run leaves no orphan)."""
    config = FakeConfig.from_json(sys.stdin.read())
    state = FakeState(config)
    sock = bind(host, port)
    print(json.dumps({"port": sock.getsockname()[1], "pid": os.getpid()}), flush=True)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    server = make_server(state)
    parent = os.getppid()

    def watch_parent() -> None:
        while not server.should_exit:
            if os.getppid() != parent:
                server.should_exit = True
                return
            time.sleep(0.5)

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
    server.run(sockets=[sock])


def package_parent() -> str:
    """The directory holding the `flexie` package, for a subprocess's PYTHONPATH."""
    return str(Path(__file__).resolve().parent.parent.parent)


def spawn(config: FakeConfig, host: str, port: int, timeout: float) -> tuple[subprocess.Popen[str], int]:
    """Start `python -m flexie.testing --serve-config -` and read the port it bound."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent(), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "flexie.testing", "--serve-config", "-", "--host", host, "--port", str(port)]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdin is not None
    assert proc.stdout is not None
    proc.stdin.write(config.to_json())
    proc.stdin.close()
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=timeout)
    line = proc.stdout.readline() if ready else ""
    if not line:
        proc.kill()
        proc.wait()
        raise RuntimeError("the fake Flexie subprocess did not start")
    return proc, int(json.loads(line)["port"])


def wait_healthy(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(trust_env=False, timeout=2.0) as client:
        while True:
            try:
                if client.get(f"{url}/_fake/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the fake Flexie subprocess is not answering")
            time.sleep(0.02)


def terminate(proc: subprocess.Popen[str]) -> None:
    """SIGTERM (uvicorn shuts down cleanly and frees the port), then SIGKILL if need be."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()
