"""The choke point: every request of the ``AsyncFlexie`` client goes through ``AsyncCore._exchange``.

A facade call (:meth:`AsyncCore.send`) builds its request from the generated endpoint's typed
``request_kwargs``, then loops: wait for the rate limit, send with httpx, read the body within the
call's deadline, and ask the retry rules (:class:`flexie._retries.Attempts`) whether to keep the
answer or send again. The answer is parsed by the generated ``parse_response`` and turned into a
result or a typed error (:func:`flexie._calls.interpret`). The options of the call travel as
arguments; nothing is carried in context variables or transport wrappers, so any httpx client and
transport works underneath.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .._base_client import _Core
from .._calls import Call, Plan, SchemaKey
from .._io import AsyncIO
from .._retries import Attempts
from ..errors import ResponseValidationError, UnknownFieldError

if TYPE_CHECKING:
    from ..fields import FieldSchema

__all__ = ["AsyncCore"]

T = TypeVar("T")


class AsyncCore(_Core, AsyncIO):
    """Runs plans with an async httpx client."""

    async def run(self, plan: Plan[T]) -> T:
        """Build ``plan`` (with its entity's field schema when it needs one) and send it. Used by resources."""
        schema = await self.schema(plan.schema) if plan.schema is not None and self._validating(plan) else None
        try:
            call = plan.build(schema)
        except UnknownFieldError:
            if plan.schema is None or not self._may_refresh(plan.schema, schema):
                raise
            call = plan.build(await self.schema(plan.schema, refresh=True))  # one refresh before "unknown"
        return await self.send(call)

    async def send(self, call: Call[T]) -> T:
        """Send one generated-endpoint call through the request loop and interpret its answer."""
        module, request = self._call_request(call)
        attempts = Attempts(self._options, call.idempotent)
        while True:
            response = await self._exchange(request, attempts)
            try:
                return self._result(module, call, response)
            except ResponseValidationError:
                delay = attempts.after_unreadable_body()
                if delay is None:
                    raise
                self._log_retry(request, "an unreadable body", delay, attempts)
                await self._sleep(delay)

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Any request, with the client's auth, retries and errors: ``client.request("GET", "/contacts/42")``.

        ``path`` is relative to the API root. Returns the decoded JSON body (None when there is none).
        """
        request, attempts = self._raw_request(method, path, params, json, headers)
        return self._answer(await self._exchange(request, attempts))

    async def _exchange(self, request: httpx.Request, attempts: Attempts) -> httpx.Response:
        """Send ``request`` until the retry rules keep an answer; return it with its body read."""
        http = self._shared.http()
        limiter = self._shared.limiter
        while True:
            if limiter is not None:
                await self._acquire(limiter)
            request.extensions["timeout"] = attempts.timeout().as_dict()
            status: int | None = None
            try:
                response = await self._send(http, request, self._shared.auth, attempts)
                status = response.status_code
                if not self._already_read(response):
                    response = self._rebuilt(response, await self._read_raw(response, attempts))
            except httpx.HTTPError as exc:
                delay = attempts.after_error(exc, status)
                if delay is None:
                    raise self._failure(request, exc, status, attempts) from exc
                self._log_retry(request, type(exc).__name__, delay, attempts)
                await self._sleep(delay)
                continue
            delay = self._settle(request, response, attempts)
            if delay is None:
                return response
            await self._sleep(delay)

    async def schema(self, key: SchemaKey, *, refresh: bool = False) -> FieldSchema:
        """An entity's field schema: from the cache, or fetched once (``refresh=True`` fetches anew)."""
        cache = self._shared.schemas
        cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
        if cached is not None:
            return cached
        async with self._entity_lock(cache, key.entity):
            cached = None if refresh else cache.get(key.entity, self._options.field_cache_ttl)
            if cached is not None:  # another task fetched it while we waited
                return cached
            return cache.put(key.entity, await self.send(self._fields_call(key)))
