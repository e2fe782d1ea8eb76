"""Errors: one `error: ...` line on stderr, an exit code by class, no traceback, never the API key."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from flexie.testing import FakeFlexie
from tests.cli.conftest import Cli

WRONG_KEY = "wrong_Key_7f3a9c1e55d2"


def test_unknown_id_is_4(cli: Cli) -> None:
    run = cli("contacts", "get", "9999")
    assert run.code == 4
    assert "9999" in run.error_line()
    assert run.out == ""
    assert cli("ce", "projects", "get", "9999").code == 4
    assert cli("ce", "nosuchtable", "list").code == 4


def test_bad_key_is_3_and_the_key_is_never_shown(cli: Cli) -> None:
    runs = [
        cli("--api-key", WRONG_KEY, "contacts", "get", "1"),
        cli("contacts", "list", env={"FLEXIE_API_KEY": WRONG_KEY}),
        cli("--api-key", WRONG_KEY, "tasks", "filter", "-w", "id > 1"),
        cli("--api-key", WRONG_KEY, "export", "contacts", "-o", "-"),
    ]
    for run in runs:
        assert run.code == 3, run.err
        assert "401" in run.error_line()
        assert WRONG_KEY not in run.result.output
    typo = cli("--api-key", WRONG_KEY, WRONG_KEY)  # a usage error that would echo it
    assert typo.code == 2
    assert WRONG_KEY not in typo.result.output
    # nor in help, whatever the environment holds
    for args in (["--help"], ["contacts", "list", "--help"], ["export", "--help"]):
        run = cli(*args, env={"FLEXIE_API_KEY": WRONG_KEY}).ok()
        assert WRONG_KEY not in run.result.output


def test_a_read_only_key_gets_3_on_writes(cli: Cli, fake: FakeFlexie) -> None:
    fake.add_api_key("readonly_key_0123456789", read_only=True)
    run = cli("contacts", "delete", "1", "--yes", env={"FLEXIE_API_KEY": "readonly_key_0123456789"})
    assert run.code == 3
    assert "readonly_key_0123456789" not in run.result.output


def test_unknown_field_is_5_and_names_the_suggestion(cli: Cli) -> None:
    run = cli("contacts", "filter", "--where", "emial like acme")
    assert run.code == 5
    assert "'email'" in run.error_line()
    assert "emial" in run.error_line()
    assert cli("contacts", "create", "-d", '{"emial": "x@y.com"}').code == 5
    assert "'city'" in cli("contacts", "list", "--fields", "cty").error_line()


def test_bad_values_and_422_are_5(cli: Cli) -> None:
    bad_email = cli("contacts", "create", "-d", '{"email": "not-an-address"}')
    assert bad_email.code == 5
    assert "email" in bad_email.error_line()
    server_side = cli("users", "create", "-d", '{"username": "x"}')  # the server answers 422
    assert server_side.code == 5
    assert "422" in server_side.error_line()
    assert "password is required" in server_side.error_line()  # every field's reason, not only the first
    bad_number = cli("contacts", "filter", "-w", "points > lots")
    assert bad_number.code == 5
    assert "number" in bad_number.error_line()


@pytest.mark.parametrize(
    "where",
    ["email likes acme", "email", "points between 1", "= 5", "email is_null now", "tier in ,"],
)
def test_bad_where_syntax_is_2(cli: Cli, where: str) -> None:
    run = cli("contacts", "filter", "--where", where)
    assert run.code == 2
    assert "bad --where" in run.error_line()


def test_an_operator_the_field_type_cannot_take_is_2(cli: Cli) -> None:
    run = cli("contacts", "filter", "-w", "email > 5")
    assert run.code == 2
    assert "cannot be filtered with 'gt'" in run.error_line()


def test_missing_credentials_and_workspace_are_2(bare_cli: Cli, fake: FakeFlexie) -> None:
    no_key = bare_cli("contacts", "list", env={"FLEXIE_BASE_URL": fake.base_url})
    assert no_key.code == 2
    assert "no credentials" in no_key.error_line()
    assert "FLEXIE_API_KEY" in no_key.error_line()
    no_url = bare_cli("contacts", "list", env={"FLEXIE_API_KEY": fake.api_key})
    assert no_url.code == 2
    assert "--base-url" in no_url.error_line()
    assert fake.api_key not in no_url.result.output
    # the options work as well as the environment
    ok = bare_cli("--base-url", fake.base_url, "--api-key", fake.api_key, "contacts", "get", "1")
    assert ok.json()["id"] == 1
    insecure = bare_cli("--base-url", "http://example.com/api", "--api-key", "k_123", "contacts", "get", "1")
    assert insecure.code == 2
    assert "https" in insecure.error_line()


def test_bad_data_is_2(cli: Cli) -> None:
    assert "not valid JSON" in cli("contacts", "create", "-d", "{nope").error_line()
    assert "JSON object" in cli("contacts", "create", "-d", "[1, 2]").error_line()
    missing = cli("contacts", "create", "-d", "@/nonexistent/file.json")
    assert missing.code == 2
    assert "cannot read" in missing.error_line()


def test_usage_errors_are_2_on_one_line(cli: Cli) -> None:
    for args in (
        ["contacts", "list", "--lmit", "3"],
        ["contacts", "lst"],
        ["contacts", "get"],
        ["contacts", "get", "abc"],
        ["forms", "create", "-d", "{}"],
        ["--timeout", "0", "contacts", "list"],
    ):
        run = cli(*args)
        assert run.code == 2, args
        line = run.error_line()
        assert "--help" in line, line
    assert "Did you mean '--limit'?" in cli("contacts", "list", "--lmit", "3").error_line()


def test_rate_limited_is_6(cli: Cli, fake: FakeFlexie) -> None:
    fake.inject(429, operation_id="getContacts")
    run = cli("--max-retries", "0", "contacts", "get", "1")
    assert run.code == 6
    assert "429" in run.error_line()


def test_server_error_is_1(cli: Cli, fake: FakeFlexie) -> None:
    fake.inject(503, operation_id="getContacts")
    run = cli("--max-retries", "0", "contacts", "get", "1")
    assert run.code == 1
    assert "503" in run.error_line()


def test_connection_refused_and_timeout_are_7(cli: Cli, fake: FakeFlexie) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    refused = cli("--base-url", f"http://127.0.0.1:{closed}/api", "--max-retries", "0", "contacts", "get", "1")
    assert refused.code == 7
    assert "failed" in refused.error_line()
    fake.inject("latency", operation_id="getContacts", latency=1.0)
    slow = cli("--timeout", "0.2", "--max-retries", "0", "contacts", "get", "1")
    assert slow.code == 7


def test_import_flexie_does_not_import_the_cli() -> None:
    # (httpx itself imports click and rich when they are installed, for its own CLI; typer is ours alone)
    code = (
        "import sys, flexie; flexie.F; flexie.Record; flexie.Pager; "
        "print(sorted(m for m in sys.modules if m.startswith(('flexie.cli', 'typer'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_missing_extra_is_one_line() -> None:
    code = "import sys; sys.modules['typer'] = None; from flexie.cli import main; sys.exit(main(['--help']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: the flexie command line needs typer: pip install 'flexie[cli]'"]
