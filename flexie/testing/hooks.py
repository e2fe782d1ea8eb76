"""Rules of particular resources, checked before a generic write or delete goes ahead."""

from __future__ import annotations

from typing import Any

from flexie.testing.collection import Collection
from flexie.testing.context import Ctx
from flexie.testing.errors import ApiError, forbidden
from flexie.testing.fields import now_utc

ADMIN_ONLY_OPERATIONS = frozenset({"createUser", "updateUser", "deleteUser"})


def before_write(ctx: Ctx, collection: Collection, values: dict[str, Any], existing: dict[str, Any] | None) -> None:
    if collection.info.key == "users":
        _check_user(ctx, collection, values, existing)
    elif collection.info.key == "tasks" and "is_completed" in values:
        was_done = bool(existing and existing.get("is_completed"))
        if values["is_completed"] and not was_done:
            values["date_completed"] = now_utc()
        elif not values["is_completed"]:
            values["date_completed"] = None


def before_delete(ctx: Ctx, collection: Collection, record: dict[str, Any]) -> None:
    if collection.info.key == "users" and record["id"] == ctx.principal.user_id:
        raise forbidden("A user cannot delete themselves.")


def _check_user(ctx: Ctx, users: Collection, values: dict[str, Any], existing: dict[str, Any] | None) -> None:
    problems: dict[str, str] = {}
    for alias in ("username", "email"):
        if values.get(alias) is None:
            continue
        taken = [
            user_id for user_id in users.find(alias, values[alias]) if existing is None or user_id != existing["id"]
        ]
        if taken:
            problems[alias] = "is already taken by another user"
    role = values.get("role")
    if role is not None and role not in ctx.store.collections["roles"].records:
        problems["role"] = f"no role with id {role}"
    if problems:
        raise ApiError(422, "Validation failed: " + ", ".join(problems) + ".", fields=problems)
