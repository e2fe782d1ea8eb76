"""`flexie fake` in a real subprocess: it serves, a client (and the CLI itself) can use it, Ctrl-C stops it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import CLEAN_ENV

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env.update(extra)
    return env


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "flexie.cli", "fake", "--port", "0", "--records", "7", "--seed", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        assert lines, proc.poll()
        assert lines[-1].startswith("Press Ctrl+C"), (lines, proc.poll())
        yield proc, lines
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_fake_serves_until_ctrl_c(served: tuple[subprocess.Popen[str], list[str]]) -> None:
    proc, lines = served
    text = "\n".join(lines)
    base_url = re.search(r"base URL\s+(\S+)", text)
    api_key = re.search(r"API key\s+(\S+)", text)
    example = re.search(r"FLEXIE_BASE_URL=(\S+) FLEXIE_API_KEY=(\S+) flexie contacts list", text)
    assert base_url
    assert api_key
    assert example
    assert base_url.group(1).startswith("http://127.0.0.1:")
    assert base_url.group(1).endswith("/api")
    assert example.groups() == (base_url.group(1), api_key.group(1))

    answer = httpx.get(f"{base_url.group(1)}/contacts", headers={"apikey": api_key.group(1)}, trust_env=False)
    assert answer.status_code == 200
    assert answer.json()["total"] == 7

    # the example line works as printed
    listed = subprocess.run(
        [sys.executable, "-m", "flexie.cli", "contacts", "list", "--fields", "email"],
        env=_env(FLEXIE_BASE_URL=example.group(1), FLEXIE_API_KEY=example.group(2)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 7

    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=15) == 0
    assert proc.stderr is not None
    assert "stopped" in proc.stderr.read()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url.group(1)}/contacts", headers={"apikey": api_key.group(1)}, trust_env=False)


def test_fake_stops_on_sigterm_too(served: tuple[subprocess.Popen[str], list[str]]) -> None:
    proc, _ = served
    proc.terminate()
    assert proc.wait(timeout=15) == 0


def test_the_console_script() -> None:
    script = Path(sys.executable).parent / "flexie"
    if not script.exists():
        found = shutil.which("flexie")
        if found is None:
            pytest.skip("the flexie script is not installed (pip install -e '.[cli]')")
        script = Path(found)
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=_env(), timeout=60)
    assert done.returncode == 0
    assert "contacts" in done.stdout
