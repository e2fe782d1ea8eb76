"""Resource methods, the async flavour: each one runs a plan from ``flexie/resources/_plans.py``.

Resources are assembled from these capabilities in ``resource_classes.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..records import Record
from ..resources import _shared as sh
from ..resources._plans import ListArgs, RecordPlans
from .request_loop import AsyncCore

if TYPE_CHECKING:
    import datetime as dt

    from ..bulk import BulkResult
    from ..changes import AsyncChangeFeed
    from ..fields import Field, FieldSchema
    from ..filters import Condition
    from ..pagination import AsyncPager
    from ..raw_response import AsyncWithRawResponse
    from ..resources._endpoint_types import Endpoint, Paging

__all__ = [
    "Categories", "Create", "Delete", "EntityExtras", "Filter", "Get", "List", "Replies", "Resource",
    "TaskActions", "Update",
]  # fmt: skip


class Resource:
    """Base of every resource: the client core and the plans of one resource."""

    def __init__(self, core: AsyncCore, plans: RecordPlans) -> None:
        self._core = core
        self._plans = plans

    @property
    def with_raw_response(self) -> AsyncWithRawResponse:
        """The same methods, returning the HTTP answer beside the result (:class:`flexie.RawResponse`)."""
        from ..raw_response import AsyncWithRawResponse

        return AsyncWithRawResponse(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._plans.entity}>"

    def _sub_pager(
        self,
        op: Endpoint,
        kwargs: Callable[[Paging], dict[str, Any]],
        key: str,
        search: str | None,
        page_size: int,
        limit: int | None,
    ) -> AsyncPager[Record]:
        """A pager over what ``op`` lists by offset; ``kwargs`` gives its arguments around the paging."""
        args = ListArgs(search=search)
        return _pager(
            lambda q: self._core.run(self._plans.sub_page(op, kwargs, args, q, key)),
            page_size=page_size,
            limit=limit,
            start=0,
            keyset=False,
        )


class Get(Resource):
    async def get(self, id: int) -> Record:
        """One record by id (:class:`~flexie.NotFoundError` when there is none)."""
        return await self._core.run(self._plans.get(id))

    async def get_many(self, ids: Iterable[int], *, concurrency: int = 4) -> BulkResult[int, Record]:
        """Many records by id, ``concurrency`` requests at a time."""
        return await _arun_many(self.get, list(ids), concurrency)


class List(Resource):
    def list(
        self,
        *,
        search: str | None = None,
        order_by: str | None = None,
        descending: bool = False,
        entity_list: int | None = None,
        page_size: int = 100,
        limit: int | None = None,
        start: int = 0,
        concurrency: int = 1,
    ) -> AsyncPager[Record]:
        """A lazy pager over records (GET, paged by offset). ``limit`` caps the records delivered.

        ``concurrency=N`` fetches N pages at once, ahead of use, still delivering them in order.
        """
        args = sh.list_args(self._plans, search, order_by, descending, entity_list)
        return _pager(
            lambda q: self._core.run(self._plans.list_page(args, q)),
            page_size=page_size,
            limit=limit,
            start=start,
            keyset=False,
            concurrency=concurrency,
        )


class Filter(Resource):
    def filter(
        self,
        *conditions: Condition,
        search: str | None = None,
        order_by: str | None = None,
        descending: bool = False,
        entity_list: int | None = None,
        page_size: int = 100,
        limit: int | None = None,
        validate_fields: bool | None = None,
        concurrency: int = 1,
    ) -> AsyncPager[Record]:
        """Records matching every condition (POST). Without ``order_by`` it pages by id, safely under changes.

        ``concurrency=N`` fetches N pages at once (splitting the id range when paging by id), still
        delivering them in order and each record exactly once.
        """
        args = ListArgs(
            search=search, order_by=order_by, descending=descending, entity_list=entity_list, conditions=conditions
        )
        return _pager(
            lambda q: self._core.run(self._plans.filter_page(args, q, validate_fields)),
            **sh.filter_paging(args, page_size, limit, concurrency),
        )


class Create(Resource):
    async def create(self, values: Mapping[str, Any] | Record, *, validate_fields: bool | None = None) -> Record:
        """Create a record from field values (aliases, labels or logical names) and return it."""
        return await self._core.run(self._plans.create(values, validate_fields))

    async def create_many(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        concurrency: int = 4,
        validate_fields: bool | None = None,
    ) -> BulkResult[Mapping[str, Any], Record]:
        """Create many records; failures are collected in ``failed``, never retried into duplicates."""
        return await _arun_many(
            lambda values: self.create(values, validate_fields=validate_fields), list(records), concurrency
        )


class Update(Resource):
    async def update(
        self, id: int, values: Mapping[str, Any] | Record, *, validate_fields: bool | None = None
    ) -> Record:
        """Change the given fields of a record and return it."""
        return await self._core.run(self._plans.update(id, values, validate_fields))

    async def update_many(
        self,
        updates: Mapping[int, Mapping[str, Any]] | Iterable[tuple[int, Mapping[str, Any]]],
        *,
        concurrency: int = 4,
        validate_fields: bool | None = None,
    ) -> BulkResult[tuple[int, Mapping[str, Any]], Record]:
        """Update many records: ``{id: values}`` or ``[(id, values), ...]``."""
        pairs = sh.update_pairs(updates)
        return await _arun_many(lambda p: self.update(p[0], p[1], validate_fields=validate_fields), pairs, concurrency)


class Delete(Resource):
    async def delete(self, id: int) -> None:
        """Delete a record."""
        await self._core.run(self._plans.delete(id))


class Categories(Resource):
    async def categories(self) -> list[Record]:
        """The categories records of this kind can be filed under."""
        return await self._core.run(self._plans.array(self._plans.ops.categories, "categories", "categories"))


class TaskActions(Resource):
    async def complete(self, id: int) -> Record:
        """Mark a task done."""
        return await self._core.run(self._plans.complete(id, True))

    async def incomplete(self, id: int) -> Record:
        """Mark a task not done."""
        return await self._core.run(self._plans.complete(id, False))


class EntityExtras(Resource):
    """What contacts, leads, accounts, deals, cases and custom entities add: fields, lists, relations."""

    async def update_by_unique_field(
        self, values: Mapping[str, Any] | Record, *, validate_fields: bool | None = None
    ) -> Record:
        """Update the record whose unique field (such as ``email``) matches ``values``; never creates."""
        return await self._core.run(self._plans.update_by_unique_field(values, validate_fields))

    async def describe(self) -> FieldSchema:
        """The entity's field schema: its fields and this client's logical names for them."""
        return await self._core.schema(sh.schema_key(self._plans))

    async def fields(self) -> list[Field]:
        """The entity's fields (cached per client for ``field_cache_ttl`` seconds)."""
        return list((await self.describe()).fields)

    async def refresh_fields(self) -> list[Field]:
        """Fetch the fields again, replacing the cached ones."""
        return list((await self._core.schema(sh.schema_key(self._plans), refresh=True)).fields)

    def changes(
        self, since: str | dt.datetime | None = None, *, page_size: int = 100, concurrency: int = 1
    ) -> AsyncChangeFeed:
        """Records modified since ``since``, in (``date_modified``, id) order, and a cursor to resume from.

        ``since`` is the ``cursor`` a previous feed gave, an aware datetime, or None for every record;
        iterate the feed, then store ``feed.cursor`` for next time (see :mod:`flexie.changes`).
        """
        from ..changes import async_changes

        return async_changes(self, since, page_size=page_size, concurrency=concurrency)

    async def deleted_ids(self, held_ids: Iterable[int], *, page_size: int = 100, concurrency: int = 1) -> list[int]:
        """Which of ``held_ids`` the workspace no longer has: an id scan, one full pass of pages."""
        from ..changes import async_deleted_ids

        return await async_deleted_ids(self, held_ids, page_size=page_size, concurrency=concurrency)

    async def field_categories(self) -> list[Record]:
        """The categories the workspace groups this entity's fields in."""
        plans = self._plans
        return await self._core.run(plans.array(plans.ops.field_categories, "field_categories", "field_categories"))

    async def lists(self) -> list[Record]:
        """Every list records of this entity can be added to."""
        return await self._core.run(self._plans.array(self._plans.ops.lists, "lists", "lists"))

    def filter_lists(
        self, *, search: str | None = None, page_size: int = 100, limit: int | None = None
    ) -> AsyncPager[Record]:
        """The entity's lists, paged, with optional search."""
        op = self._plans.need(self._plans.ops.filter_lists, "filter_lists")
        return self._sub_pager(op, lambda p: op.request_kwargs(**p), "lists", search, page_size, limit)

    async def add_to_list(self, list_id: int, record_id: int) -> bool:
        """Add a record to a list. False when it was already there."""
        return await self._core.run(sh.membership(self._plans, True, list_id, record_id))

    async def remove_from_list(self, list_id: int, record_id: int) -> bool:
        """Remove a record from a list. False when it was not there."""
        return await self._core.run(sh.membership(self._plans, False, list_id, record_id))

    def record_lists(self, id: int, *, page_size: int = 100, limit: int | None = None) -> AsyncPager[Record]:
        """The lists a record belongs to."""
        attached = self._plans.attached(self._plans.ops.record_lists, "record_lists", id)
        return self._sub_pager(*attached, "lists", None, page_size, limit)

    def record_notes(self, id: int, *, page_size: int = 100, limit: int | None = None) -> AsyncPager[Record]:
        """The notes attached to a record."""
        attached = self._plans.attached(self._plans.ops.record_notes, "record_notes", id)
        return self._sub_pager(*attached, "notes", None, page_size, limit)

    def record_workflows(self, id: int, *, page_size: int = 100, limit: int | None = None) -> AsyncPager[Record]:
        """The workflows that ran on a record."""
        attached = self._plans.attached(self._plans.ops.record_workflows, "record_workflows", id)
        return self._sub_pager(*attached, "workflows", None, page_size, limit)


class Replies(EntityExtras):
    """Case replies, by case id or by the case's reference identifier."""

    def replies(self, id: int, *, page_size: int = 100, limit: int | None = None) -> AsyncPager[Record]:
        """The replies to one case, lazily paged."""
        attached = self._plans.attached(self._plans.ops.replies, "replies", id)
        return self._sub_pager(*attached, "replies", None, page_size, limit)

    async def add_reply(self, id: int, values: Mapping[str, Any]) -> Record:
        """Post a reply: ``{"text": ...}`` or ``{"template_id": ...}``."""
        return await self._core.run(sh.add_reply(self._plans, id, values))

    def replies_by_identifier(
        self, identifier: str, *, page_size: int = 100, limit: int | None = None
    ) -> AsyncPager[Record]:
        """The replies to the case with this reference identifier, lazily paged."""
        op, ident = self._plans.need(self._plans.ops.replies_by_identifier, "replies"), sh.check_identifier(identifier)
        return self._sub_pager(op, lambda p: op.request_kwargs(ident, **p), "replies", None, page_size, limit)

    async def add_reply_by_identifier(self, identifier: str, values: Mapping[str, Any]) -> Record:
        """Add a reply to the case with this reference identifier; returns the reply."""
        return await self._core.run(sh.add_reply_by_identifier(self._plans, identifier, values))


class NoteActions(Resource):
    async def create(self, entity_type: str, entity_id: int, values: Mapping[str, Any]) -> Record:
        """Attach a note to a record, e.g. ``create("contact", 17, {"text": "Called", "type": "call"})``."""
        return await self._core.run(sh.note_create(self._plans, entity_type, entity_id, values))


class SendEmail(Resource):
    async def send(self, id: int, *, limit: int | None = None) -> sh.EmailSendResult:
        """Send a list email to its lists' members, at most ``limit`` recipients in this call."""
        return await self._core.run(sh.email_send(self._plans, id, limit))


class UserActions(Resource):
    async def me(self) -> Record:
        """The user the API key or token belongs to."""
        return await self._core.run(sh.me(self._plans))

    async def check_permissions(self, id: int, permissions: Iterable[str]) -> dict[str, bool]:
        """Whether the user holds each permission, e.g. ``["lead:leads:viewown"]``."""
        return await self._core.run(sh.permissions(self._plans, id, permissions))


def _pager(fetch: Any, **paging: Any) -> AsyncPager[Record]:
    from ..pagination import AsyncPager

    return AsyncPager(fetch, **paging)


async def _arun_many(fn: Any, items: Any, concurrency: int) -> BulkResult[Any, Any]:
    from ..bulk import arun_many

    return await arun_many(fn, items, concurrency)
