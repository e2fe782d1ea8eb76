"""The control API under `/_fake` (outside `/api`) and the OAuth authorize page.

FakeFlexie's methods are thin clients of these endpoints, so they behave the same whether the
server runs in a thread or in another process. Admin calls are not logged, counted, rate limited
or subject to faults, and never return an API key or token.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from flexie.testing import examples
from flexie.testing.errors import ApiError, error_body
from flexie.testing.records import validate_values
from flexie.testing.routes import ROUTES

if TYPE_CHECKING:
    from flexie.testing.state import FakeState

Endpoint = Callable[[Request], Awaitable[Response]]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status)


def build_admin_app(state: FakeState) -> Starlette:
    def endpoint(handler: Callable[[Request, Any], Awaitable[Any]]) -> Endpoint:
        async def run(request: Request) -> Response:
            body: Any = None
            if request.method in ("POST", "PUT"):
                raw = await request.body()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        return _error(400, "The body is not valid JSON.")
                    if not isinstance(body, dict):
                        return _error(400, "The body must be a JSON object.")
            try:
                result = await handler(request, body if body is not None else {})
            except ApiError as exc:
                return JSONResponse(exc.body(), status_code=exc.status)
            except (ValueError, TypeError) as exc:
                return _error(400, str(exc))
            except KeyError as exc:
                return _error(404, f"Unknown: {exc.args[0]!r}")
            if isinstance(result, Response):
                return result
            return JSONResponse(result)

        return run

    async def health(request: Request, body: Any) -> Any:
        return {"ok": True, "routes": len(ROUTES)}

    async def reset(request: Request, body: Any) -> Any:
        state.reset()
        return {"ok": True}

    async def seed(request: Request, body: Any) -> Any:
        created = state.seed(
            body.get("seed"), records=body.get("records"), counts=body.get("counts"), custom=body.get("custom")
        )
        return {"created": created}

    async def seed_examples(request: Request, body: Any) -> Any:
        return {"created": examples.seed_examples(state)}

    async def add_field(request: Request, body: Any) -> Any:
        return JSONResponse(state.store.add_field(request.path_params["entity"], body), status_code=201)

    async def add_table(request: Request, body: Any) -> Any:
        state.store.add_table(str(body.get("name", "")), body.get("fields") or [])
        return JSONResponse({"name": body["name"]}, status_code=201)

    async def add_key(request: Request, body: Any) -> Any:
        user_id = int(body.get("user_id", 1))
        if user_id not in state.store.collections["users"].records:
            raise ValueError(f"no user with id {user_id}")
        state.auth.add_key(str(body.get("key", "")), user_id=user_id, read_only=bool(body.get("read_only")))
        return JSONResponse({"ok": True}, status_code=201)

    async def remove_key(request: Request, body: Any) -> Any:
        return {"removed": state.auth.remove_key(str(body.get("key", "")))}

    async def rate_limit(request: Request, body: Any) -> Any:
        if request.method == "PUT":
            state.rate.set(body.get("per_minute"), body.get("burst"), body.get("headers"))
        return state.rate.to_dict()

    async def faults(request: Request, body: Any) -> Any:
        if request.method == "POST":
            return JSONResponse(state.faults.add(body).to_dict(), status_code=201)
        if request.method == "DELETE":
            state.faults.clear()
        return {"rules": [rule.to_dict() for rule in state.faults.rules], "counts": dict(state.faults.counts)}

    async def requests(request: Request, body: Any) -> Any:
        if request.method == "DELETE":
            state.log.clear()
            state.counts.clear()
        entries = [entry.__dict__ for entry in state.log]
        return {"requests": entries}

    async def request_count(request: Request, body: Any) -> Any:
        params = request.query_params
        return {"count": state.request_count(params.get("operation_id"), params.get("method"))}

    async def oauth_code(request: Request, body: Any) -> Any:
        user_id = int(body.get("user_id", 1))
        if user_id not in state.store.collections["users"].records:
            raise ValueError(f"no user with id {user_id}")
        code = state.auth.issue_code(
            user_id, body.get("redirect_uri"), code_challenge=body.get("code_challenge"), scope=body.get("scope")
        )
        return {"code": code}

    async def oauth_expire(request: Request, body: Any) -> Any:
        return {"expired": state.auth.expire_access_tokens()}

    async def oauth_info(request: Request, body: Any) -> Any:
        auth = state.auth
        return {
            "token_requests": auth.token_requests,
            "access_token_ttl": auth.token_ttl,
            "revoked": auth.revoked_families,
        }

    async def webhooks(request: Request, body: Any) -> Any:
        if request.method == "POST":
            subscription = state.webhooks.add(body.get("url"), body.get("events"))
            return JSONResponse({"id": subscription.id}, status_code=201)
        if request.method == "DELETE":
            return {"removed": state.webhooks.remove_all()}
        return state.webhooks.to_dict()

    async def records(request: Request, body: Any) -> Any:
        collection = state.store.collections[state.entity_key(request.path_params["entity"])]
        if request.method == "POST":
            values = validate_values(collection, body, creating=True, unknown_fields=state.config.unknown_fields)
            return JSONResponse({"record": state.store.create(collection.info.key, values)}, status_code=201)
        return {"count": len(collection), "next_id": collection.next_id}

    async def record(request: Request, body: Any) -> Any:
        collection = state.store.collections[state.entity_key(request.path_params["entity"])]
        return {"record": collection.get(int(request.path_params["record_id"]))}

    async def workflow_run(request: Request, body: Any) -> Any:
        key = state.entity_key(str(body.get("entity")))
        record_id, workflow_id = int(body["record_id"]), int(body["workflow_id"])
        state.store.record(state.store.collections[key], record_id)
        state.store.record(state.store.collections["workflows"], workflow_id)
        state.store.add_workflow_run(key, record_id, workflow_id)
        return JSONResponse({"ok": True}, status_code=201)

    async def routes(request: Request, body: Any) -> Any:
        return {"routes": [route._asdict() for route in ROUTES]}

    async def authorize(request: Request, body: Any) -> Any:
        """Auto-approves as the admin user and redirects back with a code (and `state`); a request
        without PKCE (S256) is redirected back with `error` and `error_description` instead."""
        params = request.query_params
        if params.get("client_id") != state.auth.client_id:
            return _error(400, "invalid_client: unknown client_id.")
        redirect_uri = params.get("redirect_uri")
        if not redirect_uri:
            return _error(400, "invalid_request: redirect_uri is required.")
        refused = state.auth.authorization_error(params)
        if refused is not None:
            query = {"error": refused[0], "error_description": refused[1]}
        else:
            challenge, scope = params.get("code_challenge"), params.get("scope")
            query = {"code": state.auth.issue_code(1, redirect_uri, code_challenge=challenge, scope=scope)}
        query |= {"state": params["state"]} if "state" in params else {}
        separator = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(f"{redirect_uri}{separator}{urlencode(query)}", status_code=302)

    table: list[tuple[str, Callable[[Request, Any], Awaitable[Any]], list[str]]] = [
        ("/_fake/health", health, ["GET"]),
        ("/_fake/reset", reset, ["POST"]),
        ("/_fake/seed", seed, ["POST"]),
        ("/_fake/seed-examples", seed_examples, ["POST"]),
        ("/_fake/fields/{entity}", add_field, ["POST"]),
        ("/_fake/tables", add_table, ["POST"]),
        ("/_fake/api-keys", add_key, ["POST"]),
        ("/_fake/api-keys/remove", remove_key, ["POST"]),
        ("/_fake/rate-limit", rate_limit, ["GET", "PUT"]),
        ("/_fake/faults", faults, ["GET", "POST", "DELETE"]),
        ("/_fake/requests", requests, ["GET", "DELETE"]),
        ("/_fake/requests/count", request_count, ["GET"]),
        ("/_fake/oauth/codes", oauth_code, ["POST"]),
        ("/_fake/oauth/expire", oauth_expire, ["POST"]),
        ("/_fake/oauth", oauth_info, ["GET"]),
        ("/_fake/webhooks", webhooks, ["GET", "POST", "DELETE"]),
        ("/_fake/records/{entity}", records, ["GET", "POST"]),
        ("/_fake/records/{entity}/{record_id:int}", record, ["GET"]),
        ("/_fake/workflow-runs", workflow_run, ["POST"]),
        ("/_fake/routes", routes, ["GET"]),
        ("/oauth2/authorize", authorize, ["GET"]),
    ]
    app_routes = [Route(path, endpoint(handler), methods=methods) for path, handler, methods in table]

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(404, f"Nothing at {request.url.path}.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return _error(405, f"Method {request.method} is not allowed here.")

    return Starlette(routes=app_routes, exception_handlers={404: not_found, 405: not_allowed})
