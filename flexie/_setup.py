"""How ``Flexie`` and ``AsyncFlexie`` are built: credentials, options, transports, copies."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import httpx

from . import __version__
from ._auth import APIKeyAuth, OAuth2Auth, OAuthTokens
from ._base_client import Shared
from ._calls import status_error
from ._config import ClientOptions, resolve_base_url, to_timeout
from ._http_client import AsyncFlexieHTTPClient, FlexieHTTPClient
from ._schema_cache import SchemaCache
from ._stdlib_transport import StdlibTransport
from ._transport import RateLimiter, RetryTransport
from .errors import APIConnectionError, ConfigurationError, InvalidArgumentError, decode_body

if TYPE_CHECKING:
    from .resources._plans import RecordPlans

__all__ = ["ClientBase", "ResourceAttr"]

R = TypeVar("R")
_SECRET_OK = re.compile(r"^[\x21-\x7e]+$")  # printable ASCII, no spaces: anything else breaks a header


class ResourceAttr(Generic[R]):
    """A client attribute that builds its resource on first access and keeps it.

    The resource classes are imported then, not when ``flexie`` is imported.
    """

    def __init__(self, class_name: str, name: str) -> None:
        self._class_name = class_name
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type) -> ResourceAttr[R]: ...
    @overload
    def __get__(self, obj: object, owner: type) -> R: ...
    def __get__(self, obj: object | None, owner: type) -> ResourceAttr[R] | R:
        if obj is None:
            return self
        cache: dict[str, Any] = obj._resources  # type: ignore[attr-defined]
        resource = cache.get(self._name)
        if resource is None:
            from importlib import import_module

            from .resources._plans import RecordPlans
            from .resources._specs import CRM_ENTITIES, RESOURCES

            spec = CRM_ENTITIES.get(self._name) or RESOURCES[self._name]
            kind = ".resources.aio" if self._class_name.startswith("Async") else ".resources.sync"
            module = import_module(kind, __package__)  # relative: a vendored copy finds itself
            resource = cache[self._name] = getattr(module, self._class_name)(obj, RecordPlans(spec))
        return resource  # type: ignore[no-any-return]


def _check_secret(name: str, value: Any) -> str:
    if not isinstance(value, str) or not _SECRET_OK.match(value):
        raise ConfigurationError(f"{name} must be a non-empty string of printable characters without spaces")
    return value


def _credentials(
    api_key: str | None,
    access_token: str | None,
    refresh_token: str | None,
    client_id: str | None,
    client_secret: str | None,
    token_url: str | None,
    on_token_refresh: Callable[[OAuthTokens], None] | None,
    api_key_in_query: bool,
    base_url: str,
) -> tuple[httpx.Auth, Callable[[], tuple[str, ...]]]:
    """The auth flow, and a function naming the secrets to keep out of messages."""
    env = os.environ
    if api_key is None and access_token is None:
        api_key = env.get("FLEXIE_API_KEY") or None
        if api_key is None:
            access_token = env.get("FLEXIE_ACCESS_TOKEN") or None
            refresh_token = refresh_token or env.get("FLEXIE_REFRESH_TOKEN") or None
            client_id = client_id or env.get("FLEXIE_CLIENT_ID") or None
            client_secret = client_secret or env.get("FLEXIE_CLIENT_SECRET") or None
    if api_key is not None and access_token is not None:
        raise ConfigurationError("pass either api_key or access_token (OAuth), not both")
    if api_key is not None:
        key = _check_secret("api_key", api_key)
        return APIKeyAuth(key, in_query=api_key_in_query), lambda: (key,)
    if access_token is None:
        raise ConfigurationError(
            "no credentials: pass api_key='...' (or access_token='...' for OAuth), or set FLEXIE_API_KEY "
            "(or FLEXIE_ACCESS_TOKEN)"
        )
    tokens = OAuthTokens(
        access_token=_check_secret("access_token", access_token),
        refresh_token=_check_secret("refresh_token", refresh_token) if refresh_token is not None else None,
    )
    if client_secret is not None:
        _check_secret("client_secret", client_secret)
    origin = httpx.URL(base_url).copy_with(path="/", query=None)
    auth = OAuth2Auth(
        tokens,
        token_url=token_url or str(origin.join("/oauth2/token")),
        client_id=client_id,
        client_secret=client_secret,
        on_refresh=on_token_refresh,
    )
    return auth, lambda: tuple(s for s in (auth.tokens.access_token, auth.tokens.refresh_token, client_secret) if s)


def _options(
    max_retries: int,
    timeout: float | httpx.Timeout | None,
    retry_writes: bool,
    validate_fields: bool,
    field_cache_ttl: float,
    backoff: tuple[float, float],
) -> ClientOptions:
    return ClientOptions(
        max_retries=max_retries,
        timeout=to_timeout(timeout),
        retry_writes=bool(retry_writes),
        validate_fields=bool(validate_fields),
        field_cache_ttl=field_cache_ttl,
        backoff_initial=backoff[0],
        backoff_max=backoff[1],
    )


def _logical_names(field_aliases: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    if field_aliases is None:
        return {}
    if not isinstance(field_aliases, Mapping):
        raise ConfigurationError('field_aliases must look like {"contacts": {"tier": "customer_tier_2"}}')
    out: dict[str, dict[str, str]] = {}
    for entity, names in field_aliases.items():
        if not isinstance(names, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in names.items()
        ):
            raise ConfigurationError(f"field_aliases[{entity!r}] must map logical names to aliases (strings)")
        out[str(entity)] = dict(names)
    return out


_DEFAULTS: dict[str, Any] = {
    "base_url": None, "subdomain": None, "api_key": None, "access_token": None, "refresh_token": None,
    "client_id": None, "client_secret": None, "token_url": None, "on_token_refresh": None, "api_key_in_query": False,
    "field_aliases": None, "validate_fields": True, "field_cache_ttl": 300.0, "max_retries": 2, "timeout": None,
    "retry_writes": False, "rate_limit_per_minute": None, "backoff": (0.5, 8.0), "transport": None,
}  # fmt: skip


class ClientBase:
    """Construction, copies and the escape hatch, for both clients."""

    _shared: Shared
    _options: ClientOptions
    _auth: httpx.Auth
    _limiter: RateLimiter | None
    _resources: dict[str, Any]

    def _setup(self, kwargs: dict[str, Any], asynchronous: bool) -> tuple[Shared, ClientOptions]:
        kwargs = {**_DEFAULTS, **kwargs}
        base_url = resolve_base_url(kwargs["base_url"], kwargs["subdomain"])
        auth, secrets = _credentials(
            kwargs["api_key"], kwargs["access_token"], kwargs["refresh_token"], kwargs["client_id"],
            kwargs["client_secret"], kwargs["token_url"], kwargs["on_token_refresh"], kwargs["api_key_in_query"],
            base_url,
        )  # fmt: skip
        options = _options(
            kwargs["max_retries"], kwargs["timeout"], kwargs["retry_writes"], kwargs["validate_fields"],
            kwargs["field_cache_ttl"], kwargs["backoff"],
        )  # fmt: skip
        rate = kwargs["rate_limit_per_minute"]
        self._limiter = RateLimiter(rate) if rate is not None else None
        self._auth = auth
        inner = kwargs["transport"]
        headers = {"User-Agent": f"flexie-python/{__version__}", "Accept": "application/json"}
        http: httpx.Client | httpx.AsyncClient
        if asynchronous:
            retry = RetryTransport(
                asynchronous=inner or httpx.AsyncHTTPTransport(), options=options, limiter=self._limiter
            )
            http = AsyncFlexieHTTPClient(
                base_url=base_url, auth=auth, transport=retry, timeout=options.timeout, headers=headers
            )
        else:
            retry = RetryTransport(sync=inner or StdlibTransport(), options=options, limiter=self._limiter)
            http = FlexieHTTPClient(
                base_url=base_url, auth=auth, transport=retry, timeout=options.timeout, headers=headers
            )
        schemas = SchemaCache(_logical_names(kwargs["field_aliases"]))
        self._resources = {}
        return Shared(base_url=base_url, http=http, secrets=secrets, schemas=schemas), options

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry_writes: bool | None = None,
        validate_fields: bool | None = None,
    ) -> Any:
        """A copy with some options changed, sharing this client's connections, auth and caches."""
        changes: dict[str, Any] = {}
        if max_retries is not None:
            changes["max_retries"] = max_retries
        if timeout is not None:
            changes["timeout"] = to_timeout(timeout)
        if retry_writes is not None:
            changes["retry_writes"] = bool(retry_writes)
        if validate_fields is not None:
            changes["validate_fields"] = bool(validate_fields)
        clone = copy.copy(self)
        clone._options = ClientOptions(**{**self._options.__dict__, **changes})
        clone._resources = {}
        return clone

    def _request_parts(self, method: str, path: str) -> tuple[str, str]:
        if not isinstance(method, str) or method.upper() not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
            raise InvalidArgumentError(f"method must be GET, POST, PUT, PATCH or DELETE, got {method!r}")
        if not isinstance(path, str) or not path.startswith("/") or "://" in path or path.startswith("//"):
            raise InvalidArgumentError(f"path must be relative to the API root, like '/contacts/42', got {path!r}")
        return method.upper(), path

    def _answer(self, method: str, path: str, response: httpx.Response) -> Any:
        where = self._shared.base_path + path.split("?", 1)[0]
        if not 200 <= response.status_code < 300:
            raise status_error(method, where, response.status_code, response.headers, response.content)
        return decode_body(response.content) if response.content.strip() else None

    def _connection_failure(self, method: str, path: str, exc: httpx.HTTPError) -> APIConnectionError:
        from ._calls import connection_error

        return connection_error(method, self._shared.base_path + path, exc, self._shared.secrets())

    def custom_entity_plans(self, table: str) -> RecordPlans:
        from .resources._plans import RecordPlans
        from .resources._specs import CUSTOM_ENTITY

        if not isinstance(table, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", table):
            raise InvalidArgumentError(f"a custom entity table name looks like 'projects', got {table!r}")
        return RecordPlans(CUSTOM_ENTITY, table)

    @property
    def rate_limiter(self) -> RateLimiter | None:
        return self._limiter

    def __repr__(self) -> str:
        kind = "oauth" if isinstance(self._auth, OAuth2Auth) else "api_key"
        return f"{type(self).__name__}(base_url={self._shared.base_url!r}, auth={kind})"
