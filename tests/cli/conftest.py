"""Fixtures for the command line tests: a fake Flexie over loopback and a runner of `flexie ...` against it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import click.testing
import pytest
import typer

from flexie.cli._app import app
from flexie.testing import FakeFlexie

PROJECTS = [
    {"alias": "name", "label": "Name", "type": "text", "required": True, "unique": True},
    {"alias": "status", "label": "Status", "type": "select", "choices": ["open", "won", "lost"]},
    {"alias": "amount", "label": "Amount", "type": "number"},
]
CONTACT_FIELDS = [
    {"alias": "customer_tier_2", "label": "Customer tier", "type": "select", "choices": ["Gold", "Silver", "Bronze"]},
]
COMMAND = typer.main.get_command(app)  # built once: building the tree costs more than most commands
# Variables a developer's shell may have set; every run starts without them.
CLEAN_ENV: dict[str, str | None] = {
    name: None
    for name in (
        "FLEXIE_BASE_URL",
        "FLEXIE_SUBDOMAIN",
        "FLEXIE_API_KEY",
        "FLEXIE_ACCESS_TOKEN",
        "FLEXIE_REFRESH_TOKEN",
        "FLEXIE_CLIENT_ID",
        "FLEXIE_CLIENT_SECRET",
    )
}


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeFlexie]:
    with FakeFlexie(
        seed=1, records=20, tables={"projects": PROJECTS}, custom_fields={"contacts": CONTACT_FIELDS}
    ) as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeFlexie) -> FakeFlexie:
    """20 of everything (and 20 projects), reset for each test."""
    fake_server.reset()
    return fake_server


@dataclass
class Run:
    """One `flexie ...` run: exit code, stdout, stderr."""

    result: click.testing.Result
    args: list[str] = field(default_factory=list)

    @property
    def code(self) -> int:
        return self.result.exit_code

    @property
    def out(self) -> str:
        return self.result.stdout

    @property
    def err(self) -> str:
        return self.result.stderr

    def json(self) -> Any:
        assert self.code == 0, f"flexie {' '.join(self.args)} exited {self.code}: {self.err}"
        return json.loads(self.out)

    def ok(self) -> Run:
        assert self.code == 0, f"flexie {' '.join(self.args)} exited {self.code}: {self.err}"
        return self

    def error_line(self) -> str:
        """The single `error: ...` line of a failed run (and proof there is no traceback)."""
        lines = [line for line in self.err.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one error line, got: {self.err!r}"
        assert lines[0].startswith("error: "), lines[0]
        assert "Traceback" not in self.result.output
        return lines[0]


class Cli:
    """Runs `flexie ARGS` in-process (typer's CliRunner: stdout is not a terminal) against a fake."""

    def __init__(self, fake: FakeFlexie | None) -> None:
        self.fake = fake
        self.runner = click.testing.CliRunner()

    def env(self, extra: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
        env: dict[str, str | None] = {**CLEAN_ENV, "COLUMNS": "200"}
        if self.fake is not None:
            env.update(FLEXIE_BASE_URL=self.fake.base_url, FLEXIE_API_KEY=self.fake.api_key)
        env.update(extra or {})
        return env

    def __call__(self, *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Run:
        result = self.runner.invoke(
            COMMAND, list(args), input=input, env=self.env(env), catch_exceptions=False, prog_name="flexie"
        )
        return Run(result, list(args))


@pytest.fixture
def cli(fake: FakeFlexie) -> Cli:
    return Cli(fake)


@pytest.fixture
def bare_cli() -> Cli:
    """A runner with no workspace or credentials in the environment."""
    return Cli(None)
