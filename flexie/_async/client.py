"""The client object, async flavour: every setting declared here once, a lazy resource per kind of record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import httpx

from .._auth import OAuthTokens
from .._setup import ClientBase, ResourceAttr
from .request_loop import AsyncCore

if TYPE_CHECKING:
    from ..raw_response import AsyncWithRawResponse
    from .resource_classes import (
        AsyncCasesResource,
        AsyncEmailsResource,
        AsyncEntityResource,
        AsyncFormsResource,
        AsyncNotesResource,
        AsyncPagesResource,
        AsyncReportsResource,
        AsyncRolesResource,
        AsyncTasksResource,
        AsyncUsersResource,
        AsyncWorkflowsResource,
    )

__all__ = ["AsyncFlexie"]


class AsyncFlexie(ClientBase, AsyncCore):
    """The Flexie client, async flavour: awaitable methods, ``async for`` over pagers.

    ::

        client = flexie.AsyncFlexie(subdomain="acme", api_key="...")  # https://acme.flexie.io/api
        client = flexie.AsyncFlexie(base_url="http://127.0.0.1:8080/api", api_key="...")
        client = flexie.AsyncFlexie()  # FLEXIE_BASE_URL or FLEXIE_SUBDOMAIN, FLEXIE_API_KEY or FLEXIE_ACCESS_TOKEN

        contact = await client.contacts.get(42)
        async for contact in client.contacts.filter(flexie.F("email").like("acme")):
            ...

    Every argument is a keyword argument; all are optional.

    Args:
        subdomain: The workspace: ``"acme"`` means ``https://acme.flexie.io/api``.
        base_url: The API root instead of ``subdomain``, such as ``https://acme.flexie.io/api``.
        api_key: The workspace API key, sent in the ``apikey`` header.
        access_token: An OAuth 2.0 access token, used instead of ``api_key``.
        refresh_token: Lets the client refresh the access token itself (with ``client_id``/``client_secret``).
        client_id: The OAuth client, for refreshing.
        client_secret: The OAuth client's secret, for refreshing.
        token_url: Where tokens are refreshed (default: ``/oauth2/token`` on the API's host).
        on_token_refresh: Called with the new :class:`flexie.OAuthTokens` after each refresh.
        api_key_in_query: Send the key as ``?apikey=`` instead of the header.
        field_aliases: Logical names for custom fields, per entity: ``{"contacts": {"tier": "customer_tier_2"}}``.
        validate_fields: Check field names and values against the workspace's fields before sending.
        field_cache_ttl: Seconds a fetched field list is trusted.
        max_retries: Retries per call (reads freely; writes only when the server provably did not process them).
        timeout: Seconds, or an ``httpx.Timeout``: the bound of each network phase.
        retry_writes: Also repeat writes that may have been processed (never one that was answered 2xx).
        rate_limit_per_minute: Space this client's requests to at most this many a minute.
        rate_limit: A limiter instead (see :mod:`flexie.ratelimit`), which clients and processes may share.
        backoff: The first and the longest wait between retries, in seconds.
        deadline: The most one call may take in all, retries, waits and slow bodies included: seconds, ``None``
            for no bound, or ``"auto"`` (as long as all its attempts could take at their timeouts, plus backoff).
        headers: Headers sent with every request, over the client's own.
        http_client: Your own ``httpx.AsyncClient`` (proxies, certificates, event hooks, mounts); it stays yours.
        transport: An ``httpx.AsyncBaseTransport`` to send through, instead of ``http_client``.
        http2: Speak HTTP/2 where the server offers it (needs ``flexie[http2]``).
        trust_env: Read proxy (``HTTP(S)_PROXY``, ``NO_PROXY``) and certificate (``SSL_CERT_FILE``/``DIR``)
            settings from the environment, as httpx does.
    """

    contacts: ResourceAttr[AsyncEntityResource] = ResourceAttr("AsyncEntityResource", "contacts")
    leads: ResourceAttr[AsyncEntityResource] = ResourceAttr("AsyncEntityResource", "leads")
    accounts: ResourceAttr[AsyncEntityResource] = ResourceAttr("AsyncEntityResource", "accounts")
    deals: ResourceAttr[AsyncEntityResource] = ResourceAttr("AsyncEntityResource", "deals")
    cases: ResourceAttr[AsyncCasesResource] = ResourceAttr("AsyncCasesResource", "cases")
    tasks: ResourceAttr[AsyncTasksResource] = ResourceAttr("AsyncTasksResource", "tasks")
    notes: ResourceAttr[AsyncNotesResource] = ResourceAttr("AsyncNotesResource", "notes")
    emails: ResourceAttr[AsyncEmailsResource] = ResourceAttr("AsyncEmailsResource", "emails")
    workflows: ResourceAttr[AsyncWorkflowsResource] = ResourceAttr("AsyncWorkflowsResource", "workflows")
    forms: ResourceAttr[AsyncFormsResource] = ResourceAttr("AsyncFormsResource", "forms")
    pages: ResourceAttr[AsyncPagesResource] = ResourceAttr("AsyncPagesResource", "pages")
    reports: ResourceAttr[AsyncReportsResource] = ResourceAttr("AsyncReportsResource", "reports")
    users: ResourceAttr[AsyncUsersResource] = ResourceAttr("AsyncUsersResource", "users")
    roles: ResourceAttr[AsyncRolesResource] = ResourceAttr("AsyncRolesResource", "roles")

    def __init__(
        self,
        *,
        subdomain: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        token_url: str | None = None,
        on_token_refresh: Callable[[OAuthTokens], None] | None = None,
        api_key_in_query: bool = False,
        field_aliases: Mapping[str, Mapping[str, str]] | None = None,
        validate_fields: bool = True,
        field_cache_ttl: float = 300.0,
        max_retries: int = 2,
        timeout: float | httpx.Timeout | None = None,
        retry_writes: bool = False,
        rate_limit_per_minute: float | None = None,
        rate_limit: Any = None,
        backoff: tuple[float, float] = (0.5, 8.0),
        deadline: float | Literal["auto"] | None = "auto",
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http2: bool = False,
        trust_env: bool = True,
    ) -> None:
        settings = {k: v for k, v in locals().items() if k not in ("self", "__class__")}
        shared, options = self._setup(settings, http_client_type=httpx.AsyncClient)
        AsyncCore.__init__(self, shared, options)

    def custom_entity(self, table: str) -> AsyncEntityResource:
        """The records of one custom entity table, e.g. ``client.custom_entity("projects")``."""
        key = f"ce/{table}"
        if key not in self._resources:
            from .resource_classes import AsyncEntityResource

            self._resources[key] = AsyncEntityResource(self, self.custom_entity_plans(table))
        resource: AsyncEntityResource = self._resources[key]
        return resource

    @property
    def with_raw_response(self) -> AsyncWithRawResponse:
        """``client.with_raw_response.request(...)``: the HTTP answer beside the decoded body."""
        from ..raw_response import AsyncWithRawResponse

        return AsyncWithRawResponse(self)

    async def aclose(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies); an ``http_client`` you gave stays open."""
        http = self._shared.http()
        if self._shared.owns_http and isinstance(http, httpx.AsyncClient):
            await http.aclose()

    async def __aenter__(self) -> AsyncFlexie:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
