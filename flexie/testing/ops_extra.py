"""Handlers particular to one resource: case replies, task completion, categories, notes,
sending an email, the current user and permission checks."""

from __future__ import annotations

from typing import Any

from flexie.testing.auth import has_permission
from flexie.testing.context import Ctx, Result, page_of, single
from flexie.testing.errors import ApiError, not_found, unprocessable
from flexie.testing.fields import now_utc
from flexie.testing.listing import parse_query, run
from flexie.testing.records import require_object

# --- cases ----------------------------------------------------------------------------------


def _case_by_identifier(ctx: Ctx) -> dict[str, Any]:
    cases = ctx.store.collections["cases"]
    identifier = ctx.str_param("identifier")
    found = cases.find("identifier", identifier)
    if not found:
        raise not_found(f"No case with identifier {identifier!r}.")
    return cases.records[found[0]]


def _replies_of(ctx: Ctx, case: dict[str, Any]) -> Result:
    replies = ctx.store.collections["replies"]
    subset = ctx.store.replies_index.get(case["id"], [])
    total, records = run(replies, parse_query(ctx.query), subset=subset, strict_aliases=False)
    return 200, page_of(replies, total, records)


def _add_reply(ctx: Ctx, case: dict[str, Any]) -> Result:
    replies = ctx.store.collections["replies"]
    values = ctx.values(replies, ctx.required_body(), creating=True)
    if not values.get("text") and values.get("template_id") is None:
        raise unprocessable(
            "A reply needs text or a template_id.",
            {"text": "text or template_id is required", "template_id": "text or template_id is required"},
        )
    values.update(case_id=case["id"], owner_id=ctx.principal.user_id)
    reply = ctx.store.create("replies", values)
    ctx.store.update("cases", case["id"], {})
    return 200, single(replies, reply)


def case_replies(ctx: Ctx) -> Result:
    return _replies_of(ctx, ctx.store.record(ctx.store.collections["cases"], ctx.int_param()))


def case_reply_add(ctx: Ctx) -> Result:
    return _add_reply(ctx, ctx.store.record(ctx.store.collections["cases"], ctx.int_param()))


def case_replies_by_identifier(ctx: Ctx) -> Result:
    return _replies_of(ctx, _case_by_identifier(ctx))


def case_reply_add_by_identifier(ctx: Ctx) -> Result:
    return _add_reply(ctx, _case_by_identifier(ctx))


# --- tasks and categories -------------------------------------------------------------------


def _set_completed(ctx: Ctx, done: bool) -> Result:
    tasks = ctx.store.collections["tasks"]
    task = ctx.store.record(tasks, ctx.int_param())
    values = {"is_completed": done, "date_completed": now_utc() if done else None}
    if task["is_completed"] == done:
        values["date_completed"] = task["date_completed"]
    return 201, single(tasks, ctx.store.update("tasks", task["id"], values))


def task_complete(ctx: Ctx) -> Result:
    return _set_completed(ctx, True)


def task_incomplete(ctx: Ctx) -> Result:
    return _set_completed(ctx, False)


def categories(ctx: Ctx) -> Result:
    if ctx.route.resource == "tasks":
        return 200, ctx.store.task_categories
    return 200, ctx.store.workflow_categories


# --- notes ----------------------------------------------------------------------------------


def note_create(ctx: Ctx) -> Result:
    entity_type = ctx.str_param("entityType")
    owner = ctx.store.owner_for_note_type(entity_type)
    if owner is None:
        raise not_found(f"Notes cannot be attached to {entity_type!r}: no such entity type or table.")
    target = ctx.store.collections[owner]
    record = ctx.store.record(target, ctx.int_param("entityId"))
    notes = ctx.store.collections["notes"]
    values = ctx.values(notes, ctx.required_body(), creating=True)
    values.update(entity_type=target.info.note_type, entity_id=record["id"], owner_id=ctx.principal.user_id)
    if values.get("datetime") is None:
        values["datetime"] = now_utc()
    return 201, single(notes, ctx.store.create("notes", values))


# --- emails ---------------------------------------------------------------------------------


def email_send(ctx: Ctx) -> Result:
    """Send a list email to the contacts of its lists not yet sent to, at most `limit` of them.
    Recipients without an email address count as failed. Template emails cannot be sent."""
    emails = ctx.store.collections["emails"]
    email = ctx.store.record(emails, ctx.int_param())
    limit: int | None = None
    if ctx.has_body and ctx.body is not None:
        body = require_object(ctx.body)
        ctx.options(body, ("limit",), "send")
        raw = body.get("limit")
        if raw is not None and (isinstance(raw, bool) or not isinstance(raw, int) or raw < 1):
            raise unprocessable("limit must be an integer of 1 or more.", {"limit": "must be an integer >= 1"})
        limit = raw
    if email.get("emailType") != "list" or not email.get("isPublished"):
        return 200, {"success": 0, "sentCount": 0, "failedRecipients": 0}
    contacts = ctx.store.collections["contacts"]
    recipients: set[int] = set()
    for list_id in email.get("lists") or ():
        recipients |= ctx.store.list_members("contacts", list_id)
    done = ctx.store.email_sent.setdefault(email["id"], set())
    pending = sorted(recipient for recipient in recipients - done if recipient in contacts.records)
    batch = pending if limit is None else pending[:limit]
    sent = sum(1 for contact_id in batch if contacts.records[contact_id].get("email"))
    done.update(batch)
    ctx.store.update("emails", email["id"], {"sentCount": (email.get("sentCount") or 0) + sent})
    return 200, {"success": 1, "sentCount": sent, "failedRecipients": len(batch) - sent}


# --- users ----------------------------------------------------------------------------------


def user_self(ctx: Ctx) -> Result:
    users = ctx.store.collections["users"]
    return 200, single(users, ctx.store.record(users, ctx.principal.user_id))


def user_permission(ctx: Ctx) -> Result:
    users = ctx.store.collections["users"]
    user = ctx.store.record(users, ctx.int_param())
    body = require_object(ctx.required_body())
    asked = body.get("permissions")
    if not isinstance(asked, list) or not asked or not all(isinstance(p, str) and p for p in asked):
        raise ApiError(
            422, "permissions must be a non-empty list of strings.", fields={"permissions": "a non-empty list"}
        )
    ctx.options(body, ("permissions",), "a permission check")
    role = ctx.store.collections["roles"].get(user["role"]) if user.get("role") else None
    return 200, {"permissions": {permission: has_permission(role, permission) for permission in asked}}


HANDLERS = {
    "case_replies": case_replies,
    "case_reply_add": case_reply_add,
    "case_replies_by_identifier": case_replies_by_identifier,
    "case_reply_add_by_identifier": case_reply_add_by_identifier,
    "task_complete": task_complete,
    "task_incomplete": task_incomplete,
    "categories": categories,
    "note_create": note_create,
    "email_send": email_send,
    "user_self": user_self,
    "user_permission": user_permission,
}
