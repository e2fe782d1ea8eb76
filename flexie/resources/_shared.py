"""Argument handling the sync and async resources share, so each method body stays one line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import _generated
from .._calls import Plan, SchemaKey, immediate
from .._values import jsonable
from ..errors import InvalidArgumentError
from ..records import Record
from ._plans import ListArgs, RecordPlans, check_id, to_record

__all__ = [
    "EmailSendResult", "check_id", "check_identifier", "email_send", "filter_paging", "list_args", "me",
    "membership", "note_create", "permissions", "reply", "schema_key", "update_pairs",
]  # fmt: skip

FILTER_MIN_PAGE_SIZE = 5  # the API's floor for `limit` in a filter body


def list_args(
    plans: RecordPlans, search: str | None, order_by: str | None, descending: bool, entity_list: int | None
) -> ListArgs:
    if entity_list is not None and not plans.spec.entity_list:
        raise InvalidArgumentError(f"{plans.entity} lists cannot be narrowed by entity_list")
    return ListArgs(search=search, order_by=order_by, descending=descending, entity_list=entity_list)


def filter_paging(args: ListArgs, page_size: int, limit: int | None, concurrency: int = 1) -> dict[str, Any]:
    """Pager settings for filter(): keyset paging unless the caller chose an order."""
    return {
        "page_size": page_size,
        "limit": limit,
        "start": 0,
        "keyset": args.order_by is None,
        "min_page_size": FILTER_MIN_PAGE_SIZE,
        "concurrency": concurrency,
    }


def update_pairs(
    updates: Mapping[int, Mapping[str, Any]] | Iterable[tuple[int, Mapping[str, Any]]],
) -> list[tuple[int, Mapping[str, Any]]]:
    items = updates.items() if isinstance(updates, Mapping) else updates
    pairs = []
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidArgumentError(f"update_many takes {{id: values}} or [(id, values), ...]; got {item!r}")
        pairs.append((item[0], item[1]))
    return pairs


def schema_key(plans: RecordPlans) -> SchemaKey:
    if plans.schema_key is None:
        raise InvalidArgumentError(f"{plans.entity} has no account-defined fields")
    return plans.schema_key


def membership(plans: RecordPlans, method: str, list_id: Any, record_id: Any) -> Plan[bool]:
    list_id, record_id = check_id(list_id, "list_id"), check_id(record_id, "record_id")
    return immediate(
        plans.call(method, lambda model: model.success == 1, idempotent=False, id=list_id, entity_id=record_id)
    )


def reply(plans: RecordPlans, method: str, values: Mapping[str, Any], **path: Any) -> Plan[Record]:
    if not isinstance(values, Mapping):
        raise InvalidArgumentError(f"a reply is a mapping such as {{'text': ...}}, got {type(values).__name__}")
    body = plans_body(values, "reply")
    return immediate(
        plans.call(method, lambda model: to_record(model.reply, None, "replies"), idempotent=False, body=body, **path)
    )


def plans_body(values: Mapping[str, Any], where: str) -> Any:
    return _generated.model("AssociativeArray").from_dict(
        {str(k): jsonable(v, f"{where}.{k}") for k, v in values.items()}
    )


def check_identifier(identifier: Any) -> str:
    if not isinstance(identifier, str) or not identifier.strip() or "/" in identifier:
        raise InvalidArgumentError(f"a case identifier is a reference such as 'REF-1042', got {identifier!r}")
    return identifier


_SINGULAR = {"contacts": "contact", "leads": "lead", "accounts": "account", "deals": "deal", "cases": "case"}


def note_create(plans: RecordPlans, entity_type: Any, entity_id: Any, values: Mapping[str, Any]) -> Plan[Record]:
    """Attach a note to a record: ``entity_type`` is contact, lead, account, deal, case or a table name."""
    if not isinstance(entity_type, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", entity_type):
        raise InvalidArgumentError(
            f"entity_type must be such as 'contact' or a custom entity table, got {entity_type!r}"
        )
    kind, record_id = _SINGULAR.get(entity_type, entity_type), check_id(entity_id, "entity_id")
    if not isinstance(values, Mapping):
        raise InvalidArgumentError(f"a note is a mapping such as {{'text': ...}}, got {type(values).__name__}")
    body = plans_body(values, "note")
    return immediate(
        plans.call("create", plans.record(None), idempotent=False, entity_type=kind, entity_id=record_id, body=body)
    )


@dataclass(frozen=True)
class EmailSendResult:
    """What sending a list email did."""

    success: bool
    sent_count: int
    failed_recipients: int


def email_send(plans: RecordPlans, email_id: Any, limit: int | None) -> Plan[EmailSendResult]:
    email_id = check_id(email_id, "email id")
    kwargs: dict[str, Any] = {"id": email_id}
    if limit is not None:
        kwargs["body"] = _generated.model("EmailSend").from_dict({"limit": check_id(limit, "limit")})
    return immediate(
        plans.call(
            "send",
            lambda m: EmailSendResult(bool(m.success), int(m.sent_count), int(m.failed_recipients)),
            idempotent=False,
            **kwargs,
        )
    )


def me(plans: RecordPlans) -> Plan[Record]:
    return immediate(plans.call("me", plans.record(None), idempotent=True))


def permissions(plans: RecordPlans, user_id: Any, names: Any) -> Plan[dict[str, bool]]:
    user_id = check_id(user_id, "user id")
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise InvalidArgumentError(f"permissions must be a list such as ['lead:leads:viewown'], got {names!r}")
    names = list(names)
    if not names or not all(isinstance(n, str) and n for n in names):
        raise InvalidArgumentError(f"permissions must be a non-empty list of strings, got {names!r}")
    body = _generated.model("PermissionCheck").from_dict({"permissions": names})
    return immediate(plans.call(
            # asks a question, changes nothing: safe to repeat
            "check_permissions", lambda m: {str(k): bool(v) for k, v in m.permissions.additional_properties.items()},
            idempotent=True, id=user_id, body=body,
        ))  # fmt: skip
