"""How ``Flexie`` and ``AsyncFlexie`` are built: credentials, options, the httpx client, copies."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

import httpx

from . import __version__
from ._auth import APIKeyAuth, OAuth2Auth, OAuthTokens
from ._base_client import Shared
from ._config import ClientOptions, check_headers, resolve_base_url, to_timeout
from ._schema_cache import SchemaCache
from .errors import ConfigurationError, InvalidArgumentError

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._rate_headers import RateBudget
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
        self._package = ""

    def __set_name__(self, owner: type, name: str) -> None:
        # the resource classes of the owner's flavour: flexie._async or flexie._sync (vendored copies too)
        self._package = owner.__module__.rpartition(".")[0]

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
            module = import_module(".resource_classes", self._package)
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


def _options(kwargs: Mapping[str, Any]) -> ClientOptions:
    backoff = kwargs["backoff"]
    return ClientOptions(
        max_retries=kwargs["max_retries"],
        timeout=to_timeout(kwargs["timeout"]),
        retry_writes=bool(kwargs["retry_writes"]),
        validate_fields=bool(kwargs["validate_fields"]),
        field_cache_ttl=kwargs["field_cache_ttl"],
        backoff_initial=backoff[0],
        backoff_max=backoff[1],
        deadline=kwargs["deadline"],
        headers=check_headers(kwargs["headers"]),
    )


def _http_client(
    kwargs: Mapping[str, Any], options: ClientOptions, kind: type[Any]
) -> tuple[httpx.Client | httpx.AsyncClient, Callable[[], httpx.Client | httpx.AsyncClient] | None]:
    """The httpx client to send through, and how to make another (None when the caller gave theirs)."""
    given, transport = kwargs["http_client"], kwargs["transport"]
    if given is not None:
        if not isinstance(given, kind):
            raise ConfigurationError(f"http_client must be an httpx.{kind.__name__} here, got {type(given).__name__}")
        if transport is not None:
            raise ConfigurationError("pass either http_client or transport; give the transport to your httpx client")
        return given, None
    settings: dict[str, Any] = {
        "timeout": options.timeout,
        "trust_env": bool(kwargs["trust_env"]),
        "http2": bool(kwargs["http2"]),
        "follow_redirects": False,
    }
    if transport is not None:
        settings["transport"] = transport

    def make() -> httpx.Client | httpx.AsyncClient:
        try:
            client: httpx.Client | httpx.AsyncClient = kind(**settings)
            return client
        except ImportError as exc:  # http2=True without the h2 package
            raise ConfigurationError("http2=True needs the h2 package: pip install 'flexie[http2]'") from exc

    return make(), make


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


def _limiter(kwargs: Mapping[str, Any]) -> Any:
    """The rate limit every request waits for: the caller's, a local budget, or pacing by the server's headers."""
    from . import ratelimit

    per_minute, given = kwargs["rate_limit_per_minute"], kwargs["rate_limit"]
    if per_minute is not None and given is not None:
        raise ConfigurationError("pass either rate_limit_per_minute or rate_limit, not both")
    if given is not None:
        if not isinstance(given, ratelimit.RateLimit):
            raise ConfigurationError(
                "rate_limit must be a limiter with acquire(), acquire_async() and observe(), such as "
                f"flexie.ratelimit.RedisRateLimit(...); got {type(given).__name__}"
            )
        return given
    if per_minute is not None:
        try:
            return ratelimit.LocalRateLimit(per_minute)
        except ConfigurationError as exc:
            raise ConfigurationError(f"rate_limit_per_minute: {exc}") from None
    return ratelimit.ServerPacing()  # costs nothing until a server states a budget


class ClientBase:
    """Construction, copies and per-call options, for both clients."""

    _shared: Shared
    _options: ClientOptions
    _auth: httpx.Auth
    _resources: dict[str, Any]

    def _setup(self, kwargs: dict[str, Any], http_client_type: type[Any]) -> tuple[Shared, ClientOptions]:
        base_url = resolve_base_url(kwargs["base_url"], kwargs["subdomain"])
        auth, secrets = _credentials(
            kwargs["api_key"], kwargs["access_token"], kwargs["refresh_token"], kwargs["client_id"],
            kwargs["client_secret"], kwargs["token_url"], kwargs["on_token_refresh"], kwargs["api_key_in_query"],
            base_url,
        )  # fmt: skip
        options = _options(kwargs)
        limiter = _limiter(kwargs)
        http, make_http = _http_client(kwargs, options, http_client_type)
        self._auth = auth
        self._resources = {}
        headers = {"User-Agent": f"flexie-python/{__version__}", "Accept": "application/json"}
        shared = Shared(
            base_url=base_url,
            http=http,
            make_http=make_http,
            auth=auth,
            headers=headers,
            secrets=secrets,
            schemas=SchemaCache(_logical_names(kwargs["field_aliases"])),
            limiter=limiter,
        )
        return shared, options

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry_writes: bool | None = None,
        validate_fields: bool | None = None,
        deadline: float | Literal["auto"] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A copy with some options changed, sharing this client's connections, auth, limiter and caches.

        ``headers`` are added to (and override) the ones this client already sends.
        """
        changes: dict[str, Any] = {}
        if max_retries is not None:
            changes["max_retries"] = max_retries
        if timeout is not None:
            changes["timeout"] = to_timeout(timeout)
        if retry_writes is not None:
            changes["retry_writes"] = bool(retry_writes)
        if validate_fields is not None:
            changes["validate_fields"] = bool(validate_fields)
        if deadline is not None:
            changes["deadline"] = deadline
        if headers is not None:
            changes["headers"] = {**self._options.headers, **check_headers(headers)}
        clone = copy.copy(self)
        clone._options = ClientOptions(**{**self._options.__dict__, **changes})
        clone._resources = {}
        return clone

    def custom_entity_plans(self, table: str) -> RecordPlans:
        """The request plans of one custom entity table (what ``custom_entity(table)`` is built on)."""
        from .resources._plans import RecordPlans
        from .resources._specs import CUSTOM_ENTITY

        if not isinstance(table, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", table):
            raise InvalidArgumentError(f"a custom entity table name looks like 'projects', got {table!r}")
        return RecordPlans(CUSTOM_ENTITY, table)

    @property
    def rate_limiter(self) -> Any:
        """The limiter every request waits for: ``rate_limit``, or the one built for ``rate_limit_per_minute``,
        or by default :class:`flexie.ratelimit.ServerPacing`."""
        return self._shared.limiter

    @property
    def rate_limit_budget(self) -> RateBudget | None:
        """The latest budget the server stated (``X-RateLimit-*``, ``Retry-After``), or None before it stated one."""
        return getattr(self._shared.limiter, "budget", None)

    @property
    def http_client(self) -> httpx.Client | httpx.AsyncClient:
        """The httpx client requests go through (this process's own, after a fork)."""
        return self._shared.http()

    def __repr__(self) -> str:
        kind = "oauth" if isinstance(self._auth, OAuth2Auth) else "api_key"
        return f"{type(self).__name__}(base_url={self._shared.base_url!r}, auth={kind})"
