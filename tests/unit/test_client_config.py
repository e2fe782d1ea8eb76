"""Building a client: where it connects, with what, and the errors a wrong setup gets."""

from __future__ import annotations

import pytest

import flexie
from flexie import ConfigurationError
from flexie._config import resolve_base_url

SECRET = "sk_live_DO_NOT_LEAK_42"


@pytest.mark.parametrize(
    ("base_url", "subdomain", "env", "expected"),
    [
        (None, "acme", {}, "https://acme.flexie.io/api"),
        ("https://acme.flexie.io/api/", None, {}, "https://acme.flexie.io/api"),
        ("https://acme.flexie.io", None, {}, "https://acme.flexie.io/api"),
        ("http://127.0.0.1:8080/api", None, {}, "http://127.0.0.1:8080/api"),
        ("http://localhost:8080/api", None, {}, "http://localhost:8080/api"),
        ("http://[::1]:8080/api", None, {}, "http://[::1]:8080/api"),
        (None, None, {"FLEXIE_BASE_URL": "https://x.flexie.io/api"}, "https://x.flexie.io/api"),
        (None, None, {"FLEXIE_SUBDOMAIN": "beta"}, "https://beta.flexie.io/api"),
    ],
)
def test_base_url_resolution(base_url: str | None, subdomain: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_base_url(base_url, subdomain, env) == expected


@pytest.mark.parametrize(
    ("base_url", "subdomain", "message"),
    [
        ("http://acme.flexie.io/api", None, "refusing plain http://"),
        ("http://10.0.0.5/api", None, "refusing plain http://"),
        ("ftp://acme.flexie.io/api", None, r"http\(s\) URL"),
        ("https://user:pw@acme.flexie.io/api", None, "credentials"),
        ("https://acme.flexie.io/api?apikey=x", None, "query string"),
        (None, "Acme Corp", "first label"),
        ("https://acme.flexie.io/api", "acme", "not both"),
        (None, None, "no Flexie workspace"),
    ],
)
def test_bad_locations(base_url: str | None, subdomain: str | None, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        resolve_base_url(base_url, subdomain, {})


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXIE_SUBDOMAIN", "acme")
    monkeypatch.setenv("FLEXIE_API_KEY", SECRET)
    client = flexie.Flexie()
    assert client.base_url == "https://acme.flexie.io/api"
    assert SECRET not in repr(client)
    client.close()


def test_missing_or_doubled_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FLEXIE_API_KEY", "FLEXIE_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigurationError, match="no credentials"):
        flexie.Flexie(subdomain="acme")
    with pytest.raises(ConfigurationError, match="not both"):
        flexie.Flexie(subdomain="acme", api_key="a", access_token="b")


@pytest.mark.parametrize("key", ["", "has space", "line\nbreak", 42])
def test_malformed_keys_are_refused_without_echoing_them(key: object) -> None:
    with pytest.raises(ConfigurationError) as info:
        flexie.Flexie(subdomain="acme", api_key=key)  # type: ignore[arg-type]
    if isinstance(key, str) and key:
        assert key not in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"timeout": 0}, "timeout"),
        ({"rate_limit_per_minute": 0}, "rate_limit_per_minute"),
        ({"field_aliases": {"contacts": {"tier": 3}}}, "field_aliases"),
        ({"field_aliases": ["tier"]}, "field_aliases"),
    ],
)
def test_bad_options(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        flexie.Flexie(subdomain="acme", api_key="k", **kwargs)  # type: ignore[arg-type]


def test_with_options_shares_connections_and_changes_only_what_it_is_told() -> None:
    client = flexie.Flexie(subdomain="acme", api_key="k", max_retries=5)
    quick = client.with_options(timeout=1.5)
    assert quick.options.max_retries == 5
    assert quick.options.timeout.read == 1.5
    assert client.options.timeout.read == 30.0
    assert quick._shared is client._shared
    assert quick.contacts is not client.contacts
    client.close()


def test_reprs_hide_secrets() -> None:
    client = flexie.Flexie(subdomain="acme", access_token=SECRET, refresh_token=SECRET + "r", client_secret="cs_123")
    for text in (repr(client), repr(client._auth), str(client.__dict__)):
        assert SECRET not in text
        assert "cs_123" not in text
    client.close()
