"""The choke point: every request of the facade goes through ``SyncCore.run`` or ``AsyncCore.run``.

They load the field schema a plan needs (cached per client), build the call, invoke the generated
``*_detailed`` function, and turn its answer into a result or a typed error (``_calls.interpret``).
The two classes differ only in how they wait; everything they decide is shared.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from . import _generated
from ._calls import PARSE_ERRORS, Call, Plan, SchemaKey, connection_error, interpret, invalid_body, status_error
from ._config import ClientOptions
from ._schema_cache import SchemaCache
from ._transport import CallContext, backoff, current_call
from .errors import FlexieError, InvalidArgumentError, UnknownFieldError

if TYPE_CHECKING:
    from .fields import Field, FieldSchema

__all__ = ["AsyncCore", "Shared", "SyncCore"]

T = TypeVar("T")
logger = logging.getLogger("flexie")

# A schema fetched this recently is trusted as is: an unknown name is not worth a second fetch.
MIN_REFRESH_AGE = 2.0


class Shared:
    """State every copy of one client shares (``with_options`` copies included)."""

    def __init__(
        self,
        *,
        base_url: str,
        http: httpx.Client | httpx.AsyncClient,
        secrets: Callable[[], tuple[str, ...]],
        schemas: SchemaCache,
    ) -> None:
        self.base_url = base_url
        self.base_path = httpx.URL(base_url).path.rstrip("/")
        self.http = http
        self.secrets = secrets
        self.schemas = schemas
        client_cls = _generated.module("client").Client
        self.generated = client_cls(base_url=base_url)
        if isinstance(http, httpx.AsyncClient):
            self.generated.set_async_httpx_client(http)
        else:
            self.generated.set_httpx_client(http)


class _Core:
    """What the sync and async cores have in common: options, shared state, error shaping."""

    def __init__(self, shared: Shared, options: ClientOptions) -> None:
        self._shared = shared
        self._options = options

    @property
    def options(self) -> ClientOptions:
        return self._options

    @property
    def base_url(self) -> str:
        return self._shared.base_url

    def _may_refresh(self, key: SchemaKey | None, schema: FieldSchema | None) -> bool:
        age = self._shared.schemas.age(key.entity) if key is not None and schema is not None else None
        return age is not None and age >= MIN_REFRESH_AGE

    def _validating(self, plan: Plan[Any]) -> bool:
        return plan.schema is not None and (
            plan.validate if plan.validate is not None else self._options.validate_fields
        )

    def _where(self, module: ModuleType, call: Call[Any]) -> tuple[str, str]:
        kwargs = module._get_kwargs(**call.kwargs)
        return kwargs["method"].upper(), self._shared.base_path + kwargs["url"]

    def _result(self, module: ModuleType, call: Call[T], ctx: CallContext, response: Any) -> T:
        def reparse() -> Any:
            raw = ctx.last_response
            if raw is None:
                return None
            for status in (200, 201):  # parse an undocumented 2xx as the documented success
                copy = httpx.Response(status, headers=raw.headers, content=raw.content, request=raw.request)
                parsed = module._parse_response(client=self._shared.generated, response=copy)
                if parsed is not None:
                    return parsed
            return None

        return interpret(
            call,
            where=lambda: self._where(module, call),
            status=int(response.status_code),
            headers=response.headers,
            content=response.content,
            parsed=lambda: response.parsed,
            reparse=reparse,
        )

    def _failure(self, module: ModuleType, call: Call[Any], ctx: CallContext, exc: Exception) -> FlexieError:
        """The typed error for an exception raised inside the generated call."""
        method, url = self._where(module, call)
        if isinstance(exc, httpx.HTTPError):
            return connection_error(method, url, exc, self._shared.secrets())
        raw = ctx.last_response
        if raw is None:  # nothing was sent: the request itself could not be built
            return InvalidArgumentError(f"{method} {url} could not be sent: {type(exc).__name__}: {exc}")
        if not 200 <= raw.status_code < 300:
            return status_error(method, url, raw.status_code, raw.headers, raw.content)
        return invalid_body(method, url, raw.status_code, raw.content, f"{type(exc).__name__}: {exc}")

    def _retry_body(self, ctx: CallContext, error: FlexieError) -> float | None:
        """A safe request whose answer could not be read (truncated, malformed) is asked again."""
        from .errors import ResponseValidationError

        if not isinstance(error, ResponseValidationError) or not ctx.idempotent or ctx.retries_left <= 0:
            return None
        delay = backoff(ctx.options, ctx.retries)
        ctx.retries += 1
        logger.info("retrying %s %s in %.2fs: unreadable response body", error.method, error.url, delay)
        return delay

    def _fields_call(self, key: SchemaKey) -> Call[list[Field]]:
        from .fields import Field

        return Call(
            tag=key.tag,
            operation=key.operation,
            kwargs=dict(key.kwargs),
            parse=lambda items: [Field.from_api(item.to_dict()) for item in items],
            idempotent=True,
        )


class SyncCore(_Core):
    """Runs plans with a sync httpx client."""

    def run(self, plan: Plan[T]) -> T:
        schema = self.schema(plan.schema) if plan.schema is not None and self._validating(plan) else None
        try:
            call = plan.build(schema)
        except UnknownFieldError:
            if plan.schema is None or not self._may_refresh(plan.schema, schema):
                raise
            call = plan.build(self.schema(plan.schema, refresh=True))  # one refresh before "unknown"
        return self.send(call)

    def send(self, call: Call[T]) -> T:
        module = _generated.endpoint(call.tag, call.operation)
        ctx = CallContext(options=self._options, idempotent=call.idempotent)
        token = current_call().set(ctx)
        try:
            while True:
                try:
                    response = module.sync_detailed(client=self._shared.generated, **call.kwargs)
                    return self._result(module, call, ctx, response)
                except FlexieError as error:
                    delay = self._retry_body(ctx, error)
                    if delay is None:
                        raise
                    time.sleep(delay)
                except (httpx.HTTPError, *PARSE_ERRORS) as exc:
                    failure = self._failure(module, call, ctx, exc)
                    delay = self._retry_body(ctx, failure)
                    if delay is None:
                        raise failure from exc
                    time.sleep(delay)
        finally:
            current_call().reset(token)

    def schema(self, key: SchemaKey, *, refresh: bool = False) -> FieldSchema:
        cache = self._shared.schemas
        cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
        if cached is not None:
            return cached
        with cache.thread_lock(key.entity):
            cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
            if cached is not None:  # another thread fetched it while we waited
                return cached
            return cache.put(key.entity, self.send(self._fields_call(key)))


class AsyncCore(_Core):
    """Runs plans with an async httpx client."""

    async def run(self, plan: Plan[T]) -> T:
        schema = await self.schema(plan.schema) if plan.schema is not None and self._validating(plan) else None
        try:
            call = plan.build(schema)
        except UnknownFieldError:
            if plan.schema is None or not self._may_refresh(plan.schema, schema):
                raise
            call = plan.build(await self.schema(plan.schema, refresh=True))
        return await self.send(call)

    async def send(self, call: Call[T]) -> T:
        import asyncio  # loaded already: we run in an event loop

        module = _generated.endpoint(call.tag, call.operation)
        ctx = CallContext(options=self._options, idempotent=call.idempotent)
        token = current_call().set(ctx)
        try:
            while True:
                try:
                    response = await module.asyncio_detailed(client=self._shared.generated, **call.kwargs)
                    return self._result(module, call, ctx, response)
                except FlexieError as error:
                    delay = self._retry_body(ctx, error)
                    if delay is None:
                        raise
                    await asyncio.sleep(delay)
                except (httpx.HTTPError, *PARSE_ERRORS) as exc:
                    failure = self._failure(module, call, ctx, exc)
                    delay = self._retry_body(ctx, failure)
                    if delay is None:
                        raise failure from exc
                    await asyncio.sleep(delay)
        finally:
            current_call().reset(token)

    async def schema(self, key: SchemaKey, *, refresh: bool = False) -> FieldSchema:
        cache = self._shared.schemas
        cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
        if cached is not None:
            return cached
        async with cache.async_lock(key.entity):
            cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
            if cached is not None:
                return cached
            return cache.put(key.entity, await self.send(self._fields_call(key)))
