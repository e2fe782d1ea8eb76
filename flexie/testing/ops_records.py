"""Handlers shared by every resource: list, get, create, update, delete, edit by unique field,
fields, lists and list membership, and a record's lists, notes and workflows."""

from __future__ import annotations

from typing import Any

from flexie.testing import hooks
from flexie.testing.collection import Collection
from flexie.testing.context import Ctx, Result, page_of, single
from flexie.testing.errors import ApiError, not_found
from flexie.testing.listing import Page, parse_filter_body, parse_query, run
from flexie.testing.records import require_object


def _members(ctx: Ctx, collection: Collection, page: Page) -> set[int] | None:
    if page.entity_list is None:
        return None
    lists = ctx.store.collections.get(f"lists:{collection.info.key}")
    if lists is None or page.entity_list not in lists.records:
        raise not_found(f"No {collection.info.singular} list with id {page.entity_list}.")
    return ctx.store.list_members(collection.info.key, page.entity_list)


def _listing(ctx: Ctx, collection: Collection, page: Page) -> Result:
    members = _members(ctx, collection, page)
    total, records = run(collection, page, members=members, strict_aliases=collection.info.field_defined)
    return 200, page_of(collection, total, records)


def list_get(ctx: Ctx) -> Result:
    collection = ctx.collection()
    return _listing(ctx, collection, parse_query(ctx.query, entity_list=collection.info.field_defined))


def list_filtered(ctx: Ctx) -> Result:
    collection = ctx.collection()
    return _listing(ctx, collection, parse_filter_body(ctx.body if ctx.has_body else None))


def get(ctx: Ctx) -> Result:
    collection = ctx.collection()
    return 200, single(collection, ctx.store.record(collection, ctx.int_param()))


def create(ctx: Ctx) -> Result:
    collection = ctx.collection()
    body = ctx.required_body()
    values = ctx.values(collection, body, creating=True)
    hooks.before_write(ctx, collection, values, None)
    record = ctx.store.create(collection.info.key, values)
    return 201, single(collection, record)


def update(ctx: Ctx) -> Result:
    collection = ctx.collection()
    record = ctx.store.record(collection, ctx.int_param())
    values = ctx.values(collection, ctx.required_body(), creating=False)
    hooks.before_write(ctx, collection, values, record)
    return 200, single(collection, ctx.store.update(collection.info.key, record["id"], values))


def delete(ctx: Ctx) -> Result:
    collection = ctx.collection()
    record = ctx.store.record(collection, ctx.int_param())
    hooks.before_delete(ctx, collection, record)
    ctx.store.delete(collection.info.key, record["id"])
    return 204, None


def edit(ctx: Ctx) -> Result:
    """Update by unique field: the first unique field (in field order) the body gives picks the
    record (the lowest id if several share the value); the other values are applied."""
    collection = ctx.collection()
    body = require_object(ctx.required_body())
    unique = [fdef for fdef in collection.fields if fdef.unique]
    key_field = next((fdef for fdef in unique if body.get(fdef.alias) not in (None, "")), None)
    if key_field is None:
        names = ", ".join(fdef.alias for fdef in unique) or "(this resource has none)"
        fields = {fdef.alias: "a unique field is required to find the record" for fdef in unique}
        raise ApiError(422, f"The body must include a unique field to find the record: {names}.", fields=fields)
    values = ctx.values(collection, body, creating=False)
    matches = collection.find(key_field.alias, values[key_field.alias])
    if not matches:
        raise not_found(f"No {collection.info.singular} whose {key_field.alias} matches.")
    record = collection.records[matches[0]]
    hooks.before_write(ctx, collection, values, record)
    return 200, single(collection, ctx.store.update(collection.info.key, record["id"], values))


def fields(ctx: Ctx) -> Result:
    return 200, [fdef.to_wire() for fdef in ctx.collection().fields]


def field_categories(ctx: Ctx) -> Result:
    return 200, ctx.store.field_categories(ctx.collection().info.key)


def _lists(ctx: Ctx) -> tuple[Collection, Collection]:
    collection = ctx.collection()
    return collection, ctx.store.collections[f"lists:{collection.info.key}"]


def all_lists(ctx: Ctx) -> Result:
    _, lists = _lists(ctx)
    return 200, [lists.records[list_id] for list_id in lists.ids]


def filter_lists(ctx: Ctx) -> Result:
    _, lists = _lists(ctx)
    total, records = run(lists, parse_query(ctx.query), strict_aliases=False)
    return 200, page_of(lists, total, records)


def _membership(ctx: Ctx, member: bool) -> Result:
    collection, lists = _lists(ctx)
    list_id = ctx.int_param("id")
    if list_id not in lists.records:
        raise not_found(f"No {collection.info.singular} list with id {list_id}.")
    record = ctx.store.record(collection, ctx.int_param("entityId"))
    changed = ctx.store.set_membership(collection.info.key, list_id, record["id"], member)
    return 200, {"success": 1 if changed else 0}


def list_add(ctx: Ctx) -> Result:
    return _membership(ctx, True)


def list_remove(ctx: Ctx) -> Result:
    return _membership(ctx, False)


def _related(ctx: Ctx, target: str, subset: Any) -> Result:
    related = ctx.store.collections[target]
    total, records = run(related, parse_query(ctx.query), subset=subset, strict_aliases=False)
    return 200, page_of(related, total, records)


def record_lists(ctx: Ctx) -> Result:
    collection, _ = _lists(ctx)
    record = ctx.store.record(collection, ctx.int_param())
    return _related(ctx, f"lists:{collection.info.key}", ctx.store.lists_of(collection.info.key, record["id"]))


def record_notes(ctx: Ctx) -> Result:
    collection = ctx.collection()
    record = ctx.store.record(collection, ctx.int_param())
    return _related(ctx, "notes", ctx.store.notes_index.get((collection.info.key, record["id"]), []))


def record_workflows(ctx: Ctx) -> Result:
    collection = ctx.collection()
    record = ctx.store.record(collection, ctx.int_param())
    return _related(ctx, "workflows", ctx.store.workflow_runs.get((collection.info.key, record["id"]), []))


HANDLERS = {
    "list": list_get,
    "list_filtered": list_filtered,
    "get": get,
    "create": create,
    "update": update,
    "delete": delete,
    "edit": edit,
    "fields": fields,
    "field_categories": field_categories,
    "all_lists": all_lists,
    "filter_lists": filter_lists,
    "list_add": list_add,
    "list_remove": list_remove,
    "record_lists": record_lists,
    "record_notes": record_notes,
    "record_workflows": record_workflows,
}
