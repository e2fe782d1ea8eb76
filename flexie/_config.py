"""Client settings: where to connect, how long to wait, how hard to retry.

Resolved once, from arguments first and the environment second, and validated here so that a
misconfigured client fails at construction with a message that says how to fix it.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from .errors import ConfigurationError

__all__ = ["DEFAULT_TIMEOUT", "ClientOptions", "check_headers", "resolve_base_url", "to_timeout"]

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=10.0)
_SUBDOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclasses.dataclass(frozen=True)
class ClientOptions:
    """Per-client behaviour. ``Flexie.with_options`` makes a copy with some of these changed."""

    max_retries: int = 2
    timeout: httpx.Timeout = dataclasses.field(default_factory=lambda: DEFAULT_TIMEOUT)
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 60.0
    retry_writes: bool = False
    validate_fields: bool = True
    field_cache_ttl: float = 300.0
    # the most one call may take, retries, waits and slow bodies included: seconds, None for no
    # overall bound, or "auto": as long as every attempt could take at its timeouts, plus backoff
    deadline: float | Literal["auto"] | None = "auto"
    # sent with every request, over the client's own (User-Agent, Accept)
    headers: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.max_retries, int) or isinstance(self.max_retries, bool) or self.max_retries < 0:
            raise ConfigurationError(f"max_retries must be a whole number >= 0, got {self.max_retries!r}")
        if self.deadline not in (None, "auto") and (
            not isinstance(self.deadline, int | float) or isinstance(self.deadline, bool) or self.deadline <= 0
        ):
            raise ConfigurationError(
                f"deadline must be a positive number of seconds, 'auto' or None, got {self.deadline!r}"
            )

        object.__setattr__(self, "headers", MappingProxyType(check_headers(self.headers)))
        for name in ("backoff_initial", "backoff_max", "max_retry_after", "field_cache_ttl"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ConfigurationError(f"{name} must be a number of seconds >= 0, got {value!r}")

    def call_deadline(self) -> float | None:
        """Seconds one call may take in all (None: no overall bound)."""
        if self.deadline != "auto":
            return self.deadline
        t = self.timeout
        if t.connect is None or t.write is None or t.read is None:
            return None
        attempts = self.max_retries + 1
        return (t.connect + t.write + t.read) * attempts + self.backoff_max * self.max_retries


def check_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Extra request headers: a mapping of header names to string values."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() for k, v in headers.items()
    ):
        raise ConfigurationError('headers must map header names to string values, e.g. {"X-Request-Source": "etl"}')
    return dict(headers)


def to_timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    """Accept a number of seconds (every phase) or an ``httpx.Timeout``."""
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {value!r}")
    return httpx.Timeout(float(value))


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_base_url(base_url: str | None, subdomain: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The API root (``https://acme.flexie.io/api``) from arguments or FLEXIE_BASE_URL / FLEXIE_SUBDOMAIN."""
    env = os.environ if environ is None else environ
    if base_url is not None and subdomain is not None:
        raise ConfigurationError("pass either base_url or subdomain, not both")
    if base_url is None and subdomain is None:
        base_url = env.get("FLEXIE_BASE_URL") or None
        subdomain = None if base_url else (env.get("FLEXIE_SUBDOMAIN") or None)
    if subdomain is not None:
        if not isinstance(subdomain, str) or not _SUBDOMAIN.match(subdomain):
            raise ConfigurationError(
                f"subdomain must be the first label of your workspace host (acme for acme.flexie.io), got {subdomain!r}"
            )
        return f"https://{subdomain}.flexie.io/api"
    if base_url is None:
        raise ConfigurationError(
            "no Flexie workspace given: pass subdomain='acme' or base_url='https://acme.flexie.io/api', "
            "or set FLEXIE_SUBDOMAIN or FLEXIE_BASE_URL"
        )
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a string, got {type(base_url).__name__}")
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"base_url must be an http(s) URL such as https://acme.flexie.io/api, got {base_url!r}"
        )
    if parts.username or parts.password:
        raise ConfigurationError("base_url must not contain credentials; pass api_key= instead")
    if parts.query or parts.fragment:
        raise ConfigurationError("base_url must not have a query string or fragment; pass api_key= for the key")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigurationError(
            f"refusing plain http:// to {parts.hostname}: the API key would travel unencrypted. "
            "Use https:// (plain http is allowed only for loopback hosts such as 127.0.0.1)"
        )
    path = parts.path.rstrip("/") or "/api"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
