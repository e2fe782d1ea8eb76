"""What every command shares: the global options, the client built from them, errors and exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import flexie

__all__ = [
    "EXIT_API",
    "EXIT_AUTH",
    "EXIT_CONNECTION",
    "EXIT_NOT_FOUND",
    "EXIT_RATE_LIMITED",
    "EXIT_USAGE",
    "EXIT_VALIDATION",
    "CliError",
    "Settings",
    "State",
    "exit_code_for",
    "parse_field_aliases",
    "read_data",
    "scrub",
]

# Exit codes (documented in `flexie --help`).
EXIT_API = 1  # any other API error (5xx, a malformed response, inconsistent pages), or a file error
EXIT_USAGE = 2  # bad command line or input: unknown option, bad --where, bad --data, missing credentials
EXIT_AUTH = 3  # 401 / 403: the key is wrong or may not do this
EXIT_NOT_FOUND = 4  # 404
EXIT_VALIDATION = 5  # 400 / 422, an unknown field name, a value that cannot be right for its field
EXIT_RATE_LIMITED = 6  # 429 (after the client's retries)
EXIT_CONNECTION = 7  # the API could not be reached, or timed out

EXIT_CODES_HELP = (
    "Exit codes: 0 ok, 1 API error, 2 usage or bad input, 3 authentication or permission, 4 not found, "
    "5 validation (422, unknown field, bad value), 6 rate limited, 7 connection or timeout, 130 interrupted."
)

# Secrets of this run (the API key or tokens): replaced by *** in anything printed.
_SECRETS: set[str] = set()


def scrub(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


def remember_secrets(values: Iterable[str | None]) -> None:
    _SECRETS.update(v for v in values if v)


class CliError(Exception):
    """An error the CLI reports as one ``error: ...`` line, with its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def exit_code_for(exc: flexie.FlexieError) -> int:
    """The exit code of a library error, by class."""
    if isinstance(exc, flexie.AuthenticationError | flexie.PermissionDeniedError):
        return EXIT_AUTH
    if isinstance(exc, flexie.NotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(exc, flexie.RateLimitError):
        return EXIT_RATE_LIMITED
    if isinstance(exc, flexie.ValidationError | flexie.BadRequestError | flexie.FieldError):
        return EXIT_VALIDATION
    if isinstance(exc, flexie.APIConnectionError):  # timeouts included
        return EXIT_CONNECTION
    if isinstance(exc, flexie.ConfigurationError | flexie.InvalidArgumentError):
        return EXIT_USAGE
    return EXIT_API


def error_message(exc: flexie.FlexieError) -> str:
    """One line: the library's message, plus the per-field reasons of a 422."""
    message = str(exc)
    if isinstance(exc, flexie.APIStatusError):
        details = [f"{name} {why}" for name, why in exc.field_errors.items() if f"{name} {why}" not in message]
        if details:
            message = f"{message} Also: {'; '.join(details)}."
    return scrub(" ".join(message.split()))


def parse_field_aliases(specs: Iterable[str]) -> dict[str, dict[str, str]]:
    """``["contacts.tier=customer_tier_2", "ce:projects.owner=owner_2"]`` -> ``field_aliases``."""
    out: dict[str, dict[str, str]] = {}
    for spec in specs:
        left, sep, alias = spec.partition("=")
        entity, dot, name = left.strip().rpartition(".")
        entity = entity.removeprefix("ce:")
        if not sep or not dot or not entity or not name or not alias.strip():
            raise CliError(f"--field-alias takes ENTITY.NAME=ALIAS, e.g. contacts.tier=customer_tier_2; got {spec!r}")
        out.setdefault(entity, {})[name.strip()] = alias.strip()
    return out


def read_data(data: str) -> dict[str, Any]:
    """``--data``: a JSON object given inline, as ``@file.json``, or as ``-`` (standard input)."""
    if data == "-":
        text, where = sys.stdin.read(), "standard input"
    elif data.startswith("@"):
        path = Path(data[1:])
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise CliError(f"--data {data}: cannot read {path}: {exc.strerror or exc}") from None
    else:
        text, where = data, "--data"
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise CliError(f"{where} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise CliError(f'{where} must be a JSON object such as \'{{"email": "jane@acme.com"}}\'')
    return value


@dataclass
class Settings:
    """The global options."""

    base_url: str | None = None
    subdomain: str | None = None
    api_key: str | None = None
    output: str = "auto"  # auto | json | table
    timeout: float | None = None
    max_retries: int | None = None
    field_aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    def choose_output(self, json_: bool, table: bool) -> None:
        """--json / --table, given before or after the command."""
        if (json_ and table) or (json_ and self.output == "table") or (table and self.output == "json"):
            raise CliError("--json and --table contradict each other; pick one")
        if json_ or table:
            self.output = "json" if json_ else "table"


class State:
    """ctx.obj of every command: the settings, the client (built on first use) and the ce table."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.table: str | None = None
        self._client: flexie.Flexie | None = None
        self._on_close: list[Callable[[], None]] = []

    @property
    def json_output(self) -> bool:
        if self.settings.output != "auto":
            return self.settings.output == "json"
        return not sys.stdout.isatty()

    @property
    def client(self) -> flexie.Flexie:
        if self._client is None:
            self._client = self._build_client()
        return self._client

    def _build_client(self) -> flexie.Flexie:
        s, env = self.settings, os.environ
        if not (s.base_url or s.subdomain or env.get("FLEXIE_BASE_URL") or env.get("FLEXIE_SUBDOMAIN")):
            raise CliError(
                "no Flexie workspace given: pass --base-url https://acme.flexie.io/api or --subdomain acme, "
                "or set FLEXIE_BASE_URL or FLEXIE_SUBDOMAIN"
            )
        if not (s.api_key or env.get("FLEXIE_API_KEY") or env.get("FLEXIE_ACCESS_TOKEN")):
            raise CliError("no credentials: set FLEXIE_API_KEY (or FLEXIE_ACCESS_TOKEN), or pass --api-key")
        options: dict[str, Any] = {}
        if s.timeout is not None:
            options["timeout"] = s.timeout
        if s.max_retries is not None:
            options["max_retries"] = s.max_retries
        client = flexie.Flexie(
            base_url=s.base_url,
            subdomain=s.subdomain,
            api_key=s.api_key,
            field_aliases=s.field_aliases or None,
            **options,
        )
        self._on_close.append(client.close)
        return client

    def close(self) -> None:
        while self._on_close:
            self._on_close.pop()()


def remember_environment_secrets() -> None:
    remember_secrets(
        os.environ.get(name)
        for name in ("FLEXIE_API_KEY", "FLEXIE_ACCESS_TOKEN", "FLEXIE_REFRESH_TOKEN", "FLEXIE_CLIENT_SECRET")
    )
