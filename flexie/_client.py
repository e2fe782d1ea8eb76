"""``Flexie`` and ``AsyncFlexie``: one client object, a lazy resource per kind of record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, cast

import httpx

from ._auth import OAuthTokens
from ._base_client import AsyncCore, SyncCore
from ._setup import ClientBase, ResourceAttr

if TYPE_CHECKING:
    from .raw_response import AsyncWithRawResponse, WithRawResponse
    from .resources import (
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
        CasesResource,
        EmailsResource,
        EntityResource,
        FormsResource,
        NotesResource,
        PagesResource,
        ReportsResource,
        RolesResource,
        TasksResource,
        UsersResource,
        WorkflowsResource,
    )

__all__ = ["AsyncFlexie", "Flexie"]


class Flexie(ClientBase, SyncCore):
    """The Flexie client.

    ::

        client = flexie.Flexie(subdomain="acme", api_key="...")     # https://acme.flexie.io/api
        client = flexie.Flexie(base_url="http://127.0.0.1:8080/api", api_key="...")
        client = flexie.Flexie()   # FLEXIE_BASE_URL or FLEXIE_SUBDOMAIN, and FLEXIE_API_KEY or FLEXIE_ACCESS_TOKEN

    Credentials: ``api_key`` (sent in the ``apikey`` header; ``api_key_in_query=True`` for ``?apikey=``),
    or OAuth 2.0 ``access_token`` with optional ``refresh_token``/``client_id``/``client_secret``, refreshed
    through ``/oauth2/token`` on a 401 (``on_token_refresh`` is told the new tokens).
    Custom fields: ``field_aliases={"contacts": {"tier": "customer_tier_2"}}`` names fields in code;
    ``validate_fields=False`` sends values as given and never fetches field schemas.
    Reliability: ``max_retries`` (2), ``timeout`` (seconds or ``httpx.Timeout``, per network phase),
    ``deadline`` (the most one call may take, retries, waits and slow bodies included; by default as long
    as all its attempts could take at their timeouts plus backoff; None for no bound),
    ``retry_writes`` (False: writes are repeated only when the server provably did not process them),
    ``rate_limit_per_minute`` or ``rate_limit`` (a limiter, see :mod:`flexie.ratelimit`),
    ``backoff=(initial, max)`` seconds.
    HTTP: ``headers`` sent with every request; ``http_client`` (an ``httpx.Client`` of yours: proxies,
    certificates, event hooks, mounts), or ``transport`` (an httpx transport), ``http2`` (needs
    ``flexie[http2]``), ``trust_env`` (True: ``HTTP(S)_PROXY``, ``NO_PROXY``, ``SSL_CERT_FILE``/``SSL_CERT_DIR``
    are honoured, as in httpx).
    """

    contacts: ResourceAttr[EntityResource] = ResourceAttr("EntityResource", "contacts")
    leads: ResourceAttr[EntityResource] = ResourceAttr("EntityResource", "leads")
    accounts: ResourceAttr[EntityResource] = ResourceAttr("EntityResource", "accounts")
    deals: ResourceAttr[EntityResource] = ResourceAttr("EntityResource", "deals")
    cases: ResourceAttr[CasesResource] = ResourceAttr("CasesResource", "cases")
    tasks: ResourceAttr[TasksResource] = ResourceAttr("TasksResource", "tasks")
    notes: ResourceAttr[NotesResource] = ResourceAttr("NotesResource", "notes")
    emails: ResourceAttr[EmailsResource] = ResourceAttr("EmailsResource", "emails")
    workflows: ResourceAttr[WorkflowsResource] = ResourceAttr("WorkflowsResource", "workflows")
    forms: ResourceAttr[FormsResource] = ResourceAttr("FormsResource", "forms")
    pages: ResourceAttr[PagesResource] = ResourceAttr("PagesResource", "pages")
    reports: ResourceAttr[ReportsResource] = ResourceAttr("ReportsResource", "reports")
    users: ResourceAttr[UsersResource] = ResourceAttr("UsersResource", "users")
    roles: ResourceAttr[RolesResource] = ResourceAttr("RolesResource", "roles")

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
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        http2: bool = False,
        trust_env: bool = True,
    ) -> None:
        settings = {k: v for k, v in locals().items() if k not in ("self", "__class__")}
        shared, options = self._setup(settings, asynchronous=False)
        SyncCore.__init__(self, shared, options)

    def custom_entity(self, table: str) -> EntityResource:
        """The records of one custom entity table, e.g. ``client.custom_entity("projects")``."""
        key = f"ce/{table}"
        if key not in self._resources:
            from .resources.sync import EntityResource

            self._resources[key] = EntityResource(self, self.custom_entity_plans(table))
        resource: EntityResource = self._resources[key]
        return resource

    @property
    def with_raw_response(self) -> WithRawResponse:
        """``client.with_raw_response.request(...)``: the HTTP answer beside the decoded body."""
        from .raw_response import WithRawResponse

        return WithRawResponse(self)

    def close(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies); an ``http_client`` you gave stays open."""
        if self._shared.owns_http:
            cast(httpx.Client, self._shared.http()).close()

    def __enter__(self) -> Flexie:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncFlexie(ClientBase, AsyncCore):
    """The async Flexie client: the same surface as :class:`Flexie`, with awaitable methods.

    ``async with flexie.AsyncFlexie(...) as client: rec = await client.contacts.get(42)``;
    ``async for rec in client.contacts.list(): ...``.
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
        shared, options = self._setup(settings, asynchronous=True)
        AsyncCore.__init__(self, shared, options)

    def custom_entity(self, table: str) -> AsyncEntityResource:
        """The records of one custom entity table, e.g. ``client.custom_entity("projects")``."""
        key = f"ce/{table}"
        if key not in self._resources:
            from .resources.aio import AsyncEntityResource

            self._resources[key] = AsyncEntityResource(self, self.custom_entity_plans(table))
        resource: AsyncEntityResource = self._resources[key]
        return resource

    @property
    def with_raw_response(self) -> AsyncWithRawResponse:
        """``client.with_raw_response.request(...)``: the HTTP answer beside the decoded body."""
        from .raw_response import AsyncWithRawResponse

        return AsyncWithRawResponse(self)

    async def aclose(self) -> None:
        """Close the connection pool (shared with ``with_options`` copies); an ``http_client`` you gave stays open."""
        if self._shared.owns_http:
            await cast(httpx.AsyncClient, self._shared.http()).aclose()

    async def __aenter__(self) -> AsyncFlexie:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
