"""The sync stdlib transport and the timeout bounds, against real sockets that misbehave on purpose."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

import flexie
from tests.reliability.scripted_server import scripted


def test_default_timeouts_are_bounded_and_configurable() -> None:
    client = flexie.Flexie(base_url="http://127.0.0.1:9/api", api_key="k")
    t = client.options.timeout
    assert (t.connect, t.read, t.write, t.pool) == (5.0, 30.0, 30.0, 10.0)
    custom = flexie.Flexie(base_url="http://127.0.0.1:9/api", api_key="k", timeout=httpx.Timeout(2.0, connect=1.0))
    assert custom.options.timeout.connect == 1.0
    assert custom.options.timeout.read == 2.0
    client.close()
    custom.close()


def test_keep_alive_reuses_one_connection() -> None:
    with scripted("ok") as server, flexie.Flexie(base_url=server.base_url, api_key="k", validate_fields=False) as c:
        for _ in range(5):
            assert c.users.me().id == 1
    assert server.requests == 5
    assert server.connections == 1


def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    with scripted("close-idle") as server, flexie.Flexie(base_url=server.base_url, api_key="k", max_retries=0) as c:
        assert c.users.me().id == 1
        time.sleep(0.4)  # the server has hung up on the idle connection
        assert c.users.me().id == 1  # a fresh one, not an error
    assert server.connections == 2


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_a_misbehaving_server_cannot_hold_the_sync_client(mode: str) -> None:
    with (
        scripted(mode) as server,
        flexie.Flexie(base_url=server.base_url, api_key="k", timeout=0.5, max_retries=0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(flexie.APITimeoutError):
            client.users.me()
        elapsed = time.monotonic() - started
    assert elapsed < 2.0  # bound: the 0.5 s read timeout, with generous slack for a busy machine


@pytest.mark.parametrize("mode", ["hang", "trickle"])
def test_a_misbehaving_server_cannot_hold_the_async_client(mode: str) -> None:
    async def scenario(url: str) -> float:
        async with flexie.AsyncFlexie(base_url=url, api_key="k", timeout=0.5, max_retries=0) as client:
            started = time.monotonic()
            with pytest.raises(flexie.APITimeoutError):
                await client.users.me()
            return time.monotonic() - started

    with scripted(mode) as server:
        elapsed = asyncio.run(scenario(server.base_url))
    assert elapsed < 3.0  # bound: connect + write + read = 1.5 s, with slack


def test_retries_multiply_the_bound_predictably() -> None:
    with (
        scripted("hang") as server,
        flexie.Flexie(
            base_url=server.base_url, api_key="k", timeout=0.3, max_retries=2, backoff=(0.01, 0.01)
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(flexie.APITimeoutError):
            client.users.me()  # a read: a timeout is retried
        elapsed = time.monotonic() - started
    assert server.requests == 3
    assert elapsed < 3 * 0.3 + 2.0


def test_pool_timeout_when_every_connection_is_busy() -> None:
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=1))
    with scripted("hang") as server:
        client = flexie.Flexie(
            base_url=server.base_url, api_key="k", transport=transport, max_retries=0,
            timeout=httpx.Timeout(2.0, pool=0.2),
        )  # fmt: skip
        outcomes: list[BaseException] = []

        def hold_the_only_connection() -> None:
            try:
                client.users.me()
            except flexie.FlexieError as exc:
                outcomes.append(exc)

        blocker = threading.Thread(target=hold_the_only_connection)
        blocker.start()
        time.sleep(0.2)
        with pytest.raises(flexie.APITimeoutError, match="PoolTimeout"):
            client.users.me()
        blocker.join()
        client.close()
    assert len(outcomes) == 1
    assert isinstance(outcomes[0], flexie.APITimeoutError)  # its read timed out: the server hangs


def test_connection_refused_is_a_connection_error() -> None:
    client = flexie.Flexie(base_url="http://127.0.0.1:9/api", api_key="k", max_retries=0)
    with client, pytest.raises(flexie.APIConnectionError) as info:
        client.users.me()
    assert not isinstance(info.value, flexie.APITimeoutError)
    assert "ConnectError" in str(info.value)
