"""The ASGI application: `/api/...` (the 142 operations), `/oauth2/token`, and the admin API.

The API path is a lean ASGI handler (no middleware stack) because it is what benchmarks measure;
the OAuth authorize page and the `/_fake` admin API are a Starlette app. Per request, in order:
route (404 / 405 / 400) -> injected latency and "before" faults -> authentication (401) -> rate
limit (429) -> permission (403) -> body (400) -> handler (404 / 422 / 2xx) -> "after" faults.
Everything runs on the server's event loop, so the state needs no locks.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from flexie.testing import ops_extra, ops_records
from flexie.testing.admin import build_admin_app
from flexie.testing.context import Ctx, Result
from flexie.testing.errors import ApiError, error_body
from flexie.testing.faults import Decision, FaultRule
from flexie.testing.hooks import ADMIN_ONLY_OPERATIONS
from flexie.testing.routes import WRITE_HANDLERS
from flexie.testing.state import FakeState, RecordedRequest

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger("flexie.testing")
HANDLERS: dict[str, Callable[[Ctx], Result]] = {**ops_records.HANDLERS, **ops_extra.HANDLERS}
JSON_HEADERS = [(b"content-type", b"application/json")]
TOKEN_OPERATION = "oauth2Token"


def dumps(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class ClientGone(Exception):
    """The client disconnected while we were reading its body."""


async def read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class Outcome:
    """The response being built for one request."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        if payload is None:
            self.body = b""
        elif isinstance(payload, bytes):
            self.body = payload
        else:
            self.body = dumps(payload)
        self.headers = headers or {}

    @classmethod
    def error(cls, exc: ApiError) -> Outcome:
        return cls(exc.status, exc.body(), exc.headers)


class FakeApp:
    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.admin = build_admin_app(state)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith("/api/") or path == "/api":
                await self.api(scope, receive, send)
                return
            if path == "/oauth2/token":
                await self.token(scope, receive, send)
                return
        await self.admin(scope, receive, send)

    # --- /api --------------------------------------------------------------------------------

    async def api(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = self.state
        method: str = scope["method"]
        path: str = scope["path"]
        operation_id: str | None = None
        decision: Decision | None = None
        rate_headers: dict[str, str] | None = None
        ignored: tuple[str, ...] = ()
        try:
            route, params = state.router.match(method, path[4:] or "/")
            operation_id = route.operation_id
            decision = state.faults.decide(operation_id, method)
            if decision is not None:
                if decision.latency:
                    await asyncio.sleep(decision.latency)
                if decision.before is not None:
                    outcome = injected_error(decision.before)
                    await self.finish(send, method, path, operation_id, outcome, decision)
                    return
            header_key = authorization = None
            for name, value in scope["headers"]:
                if name == b"apikey":
                    header_key = value.decode("latin-1")
                elif name == b"authorization":
                    authorization = value.decode("latin-1")
            raw_query: bytes = scope["query_string"]
            query = dict(parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True)) if raw_query else {}
            principal = state.auth.authenticate(header_key, authorization, query.get("apikey"))
            wait = state.rate.take()
            rate_headers = state.rate.state_headers()
            if wait is not None:
                headers = {"Retry-After": str(wait), **(rate_headers or {})}
                raise ApiError(429, "Rate limit exceeded: slow down.", headers=headers)
            if principal.read_only and route.handler in WRITE_HANDLERS:
                raise ApiError(403, "This API key is read-only.")
            if operation_id in ADMIN_ONLY_OPERATIONS and not self.is_admin(principal.user_id):
                raise ApiError(403, "Only administrators can manage users.")
            body: Any = None
            has_body = False
            if method in ("POST", "PUT"):
                raw = await read_body(receive)
                if raw.strip():
                    try:
                        body = json.loads(raw, parse_constant=_reject_constant)
                    except (ValueError, UnicodeDecodeError):
                        raise ApiError(400, "The body is not valid JSON.") from None
                    has_body = True
            ctx = Ctx(state, route, params, query, body, has_body, principal)
            status, payload = state.webhooks.run(HANDLERS[route.handler], ctx)
            outcome = Outcome(status, payload)
            ignored = tuple(ctx.ignored)
        except ApiError as exc:
            outcome = Outcome.error(exc)
        except ClientGone:
            state.record(RecordedRequest(method, path, operation_id, 499, None))
            return
        except Exception as exc:  # a bug in the fake: answer 500, say why in the log
            log.exception("fake Flexie failed on %s %s", method, path)
            outcome = Outcome(500, error_body(500, f"The fake server failed: {type(exc).__name__}."))
        if rate_headers:
            outcome.headers = {**rate_headers, **outcome.headers}
        await self.finish(send, method, path, operation_id, outcome, decision, ignored)

    def is_admin(self, user_id: int) -> bool:
        user = self.state.store.collections["users"].get(user_id)
        role = self.state.store.collections["roles"].get(user["role"]) if user and user.get("role") else None
        return bool(role and role.get("isAdmin"))

    async def finish(
        self,
        send: Send,
        method: str,
        path: str,
        operation_id: str | None,
        outcome: Outcome,
        decision: Decision | None,
        ignored: tuple[str, ...] = (),
    ) -> None:
        fault: str | None = None
        if decision is not None:
            if decision.before is not None:
                fault = decision.before.kind
            elif decision.after is not None:
                fault = decision.after.kind
                if fault == "drop":
                    self.state.record(RecordedRequest(method, path, operation_id, 0, fault))
                    await drop_connection(send)
                    return
                outcome = after_fault(decision.after, outcome)
            elif decision.latency:
                fault = "latency"
        self.state.record(RecordedRequest(method, path, operation_id, outcome.status, fault, ignored))
        await respond(send, outcome)

    # --- /oauth2/token ----------------------------------------------------------------------

    async def token(self, scope: Scope, receive: Receive, send: Send) -> None:
        method: str = scope["method"]
        decision = self.state.faults.decide(TOKEN_OPERATION, method)
        try:
            if decision is not None and decision.latency:
                await asyncio.sleep(decision.latency)
            if decision is not None and decision.before is not None:
                outcome = injected_error(decision.before)
            elif method != "POST":
                outcome = Outcome(405, error_body(405, "Use POST."), {"Allow": "POST"})
            else:
                form, authorization = await token_request(scope, receive)
                outcome = Outcome(200, self.state.auth.token(form, authorization), {"Cache-Control": "no-store"})
        except ApiError as exc:
            outcome = Outcome.error(exc)
        except ClientGone:
            return
        await self.finish(send, method, scope["path"], TOKEN_OPERATION, outcome, decision)


async def token_request(scope: Scope, receive: Receive) -> tuple[dict[str, str], str | None]:
    content_type = authorization = ""
    for name, value in scope["headers"]:
        if name == b"content-type":
            content_type = value.decode("latin-1")
        elif name == b"authorization":
            authorization = value.decode("latin-1")
    raw = await read_body(receive)
    if "json" in content_type:
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            raise ApiError(400, "invalid_request: the body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise ApiError(400, "invalid_request: the body must be an object.")
        form = {str(k): str(v) for k, v in data.items() if v is not None}
    else:
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    return form, authorization or None


def injected_error(rule: FaultRule) -> Outcome:
    status = int(rule.kind)
    headers: dict[str, str] = {}
    retry_after = rule.retry_after_header()
    if retry_after is not None and status in (429, 503):
        headers["Retry-After"] = retry_after
    messages = {429: "Too many requests.", 500: "Internal server error.", 502: "Bad gateway.", 503: "Unavailable."}
    return Outcome(status, error_body(status, f"{messages[status]} (injected fault)"), headers)


def after_fault(rule: FaultRule, outcome: Outcome) -> Outcome:
    if rule.kind in ("500", "502"):
        return injected_error(rule)
    body = outcome.body or b'{"success":1}'
    broken = Outcome(200, None)
    if rule.kind == "truncate":
        broken.body = body[: max(1, len(body) // 2)]
    else:  # malformed
        broken.body = body.replace(b":", b"=", 1) if b":" in body else b"{not json"
    return broken


async def respond(send: Send, outcome: Outcome) -> None:
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in outcome.headers.items()]
    if outcome.status != 204:
        headers += [*JSON_HEADERS, (b"content-length", str(len(outcome.body)).encode())]
    await send({"type": "http.response.start", "status": outcome.status, "headers": headers})
    await send({"type": "http.response.body", "body": outcome.body if outcome.status != 204 else b""})


async def drop_connection(send: Send) -> None:
    """Close the TCP connection with no response at all. Uses the uvicorn connection's transport
    (reached through the bound `send`); elsewhere, send headers promising a body, then stop."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is not None and hasattr(transport, "close"):
        transport.close()
        for _ in range(50):
            if getattr(cycle, "disconnected", False):
                return
            await asyncio.sleep(0)
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
    await send({"type": "http.response.body", "body": b'{"', "more_body": True})
