"""The docs' code runs: every ``<!-- run -->`` block of docs/*.md is executed against a fake workspace.

See tests/docs/snippets.py for the convention. Blocks without a marker (those that need a real
workspace, a proxy, ...) must at least compile.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flexie.testing import FakeFlexie
from tests.docs.snippets import Block, Chain, chains, cli_blocks, cli_commands, python_blocks

# The workspace the docs describe (docs/index.md, "About the examples"): the standard fields,
# three custom contact fields and a custom entity table.
DOCS_CUSTOM_FIELDS = {
    "contacts": [
        {
            "alias": "customer_tier_2",
            "label": "Customer tier",
            "type": "select",
            "choices": ["Gold", "Silver", "Bronze"],
        },
        {"alias": "renewal_date", "label": "Renewal date", "type": "date"},
        {"alias": "seat_count", "label": "Seats", "type": "number"},
    ]
}
DOCS_TABLES = {
    "projects": [
        {"alias": "title", "label": "Title", "type": "text", "required": True, "unique": True},
        {"alias": "budget_eur", "label": "Budget", "type": "number"},
        {"alias": "kickoff", "label": "Kickoff", "type": "date"},
        {"alias": "phase", "label": "Phase", "type": "select", "choices": ["plan", "build", "run"]},
    ]
}
LOOPBACK = {"127.0.0.1", "::1", "localhost"}

CHAINS = chains()
PYTEST_CHAINS = [c for c in CHAINS if c.blocks[0].mode == "pytest"]
RUN_CHAINS = [c for c in CHAINS if c.blocks[0].mode != "pytest"]


@pytest.fixture(scope="module")
def docs_fake() -> Iterator[FakeFlexie]:
    with FakeFlexie(custom_fields=DOCS_CUSTOM_FIELDS, tables=DOCS_TABLES, seed=1, records=20) as fake:
        yield fake


@contextlib.contextmanager
def kept_logging() -> Iterator[None]:
    """Snippets may configure the `flexie` logger; undo it for the tests that follow."""
    logger = logging.getLogger("flexie")
    root = logging.getLogger()
    saved = (logger.level, list(logger.handlers), logger.propagate, root.level, list(root.handlers))
    try:
        yield
    finally:
        logger.setLevel(saved[0])
        logger.handlers[:] = saved[1]
        logger.propagate = saved[2]
        root.setLevel(saved[3])
        root.handlers[:] = saved[4]


def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snippet that reaches for a real host fails at once instead of waiting on the network."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise socket.gaierror(f"docs snippets may only reach the fake server, not {name!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def snippet_env(monkeypatch: pytest.MonkeyPatch, fake: FakeFlexie) -> None:
    for name in list(os.environ):
        if name.startswith("FLEXIE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FLEXIE_BASE_URL", fake.base_url)
    monkeypatch.setenv("FLEXIE_API_KEY", fake.api_key)


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    code = compile(block.code, f"docs/{block.page} (block at line {block.line})", "exec")
    try:
        exec(code, namespace)
    except BaseException as exc:
        raise AssertionError(f"the example at docs/{block.where} failed: {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize("block", python_blocks(), ids=lambda b: b.where)
def test_every_python_block_compiles(block: Block) -> None:
    compile(block.code, f"docs/{block.where}", "exec")


def test_most_examples_run() -> None:
    blocks = python_blocks()
    run = [b for b in blocks if b.mode is not None]
    assert len(run) >= 0.7 * len(blocks), f"only {len(run)} of {len(blocks)} python blocks are marked to run"


@pytest.mark.parametrize("chain", RUN_CHAINS, ids=lambda c: c.where)
def test_example_runs(chain: Chain, docs_fake: FakeFlexie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    docs_fake.reset()
    snippet_env(monkeypatch, docs_fake)
    monkeypatch.chdir(tmp_path)
    loopback_only(monkeypatch)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    with kept_logging():
        for block in chain.blocks:
            run_block(block, namespace)


@pytest.mark.slow
@pytest.mark.parametrize("chain", PYTEST_CHAINS, ids=lambda c: c.where)
def test_pytest_example_passes(chain: Chain, tmp_path: Path) -> None:
    (block,) = chain.blocks
    module = tmp_path / f"test_docs_{Path(block.page).stem.replace('-', '_')}_{block.line}.py"
    module.write_text(block.code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLEXIE_", "PYTEST_"))}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(module)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"the pytest example at docs/{block.where} failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.mark.parametrize("block", cli_blocks(), ids=lambda b: b.where)
def test_cli_example_runs(block: Block, docs_fake: FakeFlexie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("typer", reason="the cli extra is not installed")
    from flexie.cli import main

    docs_fake.reset()
    snippet_env(monkeypatch, docs_fake)
    monkeypatch.chdir(tmp_path)
    loopback_only(monkeypatch)
    commands = cli_commands(block)
    assert commands, f"docs/{block.where} has no `$ flexie ...` line"
    for args in commands:
        with kept_logging():
            code = main(args)
        assert code == 0, f"`flexie {' '.join(args)}` (docs/{block.where}) exited {code}"
