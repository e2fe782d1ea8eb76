"""Contract test: every facade method, sync and async, against Prism mocking spec/flexie-api.json.

Prism runs with ``--errors``: a request that breaks the spec (a bad parameter, a body of the wrong
shape, no credentials) gets an error answer, which the facade raises. So every call succeeding,
and Prism logging no violation, means zero request-validation errors across all 142 operations.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import flexie
from tests.conftest import ROOT, SPEC_PATH
from tests.facade.operations import Ids, adrive, calls, drive

PRISM = ROOT / "node_modules" / ".bin" / "prism"
ENTITIES = ("contacts", "leads", "accounts", "deals", "cases", "custom_entity")
IDS = Ids(
    values={k: {"name": "x"} for k in ENTITIES},
    changes={k: {"city": "Leeds"} for k in ENTITIES},
    unique={k: {"email": "a@example.com", "city": "Leeds"} for k in ENTITIES},
)


class StripBasePath(httpx.HTTPTransport):
    """Prism serves a Swagger 2.0 file without its basePath; the client always sends /api/..."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(path=request.url.path.removeprefix("/api"))
        return super().handle_request(request)


class AsyncStripBasePath(httpx.AsyncHTTPTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(path=request.url.path.removeprefix("/api"))
        return await super().handle_async_request(request)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not PRISM.exists():
        pytest.fail("Prism is not installed: run `make install` (npm ci)")
    port = free_port()
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    env = {**os.environ, "SCARF_ANALYTICS": "false", "DO_NOT_TRACK": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(PRISM), "mock", str(SPEC_PATH), "--host", "127.0.0.1", "--port", str(port), "--errors"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 60
        while "Prism is listening" not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Prism did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api", log
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def violations(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if re.search(r"violation|✖|error", line, re.I)]


def test_every_facade_method_sync_against_prism(prism: tuple[str, Path]) -> None:
    base_url, log = prism
    client = flexie.Flexie(
        base_url=base_url, api_key="k", validate_fields=False, max_retries=0, transport=StripBasePath()
    )
    failures: dict[str, str] = {}
    for op_id, call in sorted(calls().items()):
        try:
            drive(call(client, IDS))
        except flexie.FlexieError as exc:
            failures[op_id] = str(exc)
    client.close()
    assert failures == {}
    assert violations(log) == []


def test_every_facade_method_async_against_prism(prism: tuple[str, Path]) -> None:
    base_url, log = prism

    async def scenario() -> dict[str, str]:
        failures: dict[str, str] = {}
        async with flexie.AsyncFlexie(
            base_url=base_url, api_key="k", validate_fields=False, max_retries=0, transport=AsyncStripBasePath()
        ) as client:
            for op_id, call in sorted(calls().items()):
                try:
                    await adrive(call(client, IDS))
                except flexie.FlexieError as exc:
                    failures[op_id] = str(exc)
        return failures

    assert asyncio.run(scenario()) == {}
    assert violations(log) == []


def test_prism_does_reject_a_request_that_breaks_the_spec(prism: tuple[str, Path]) -> None:
    """Proof the check above can fail: a raw request with limit=500 is refused."""
    base_url, log = prism
    client = flexie.Flexie(
        base_url=base_url, api_key="k", validate_fields=False, max_retries=0, transport=StripBasePath()
    )
    with pytest.raises(flexie.APIStatusError) as info:
        client.request("GET", "/contacts", params={"limit": 500})
    assert info.value.status_code in (400, 422)
    client.close()
    assert violations(log) != []
