"""Argument handling the sync and async resources share, so each method body stays one line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._calls import Call, Plan, SchemaKey, immediate
from .._generated import given, models
from .._values import jsonable
from ..errors import InvalidArgumentError
from ..records import Record
from ._plans import ListArgs, RecordPlans, check_id, to_record

if TYPE_CHECKING:
    from flexie_api.models import AssociativeArray

    from ._endpoint_types import Membership

__all__ = [
    "EmailSendResult", "add_reply", "add_reply_by_identifier", "check_id", "check_identifier", "email_send",
    "filter_paging", "list_args", "me", "membership", "note_create", "permissions", "schema_key", "update_pairs",
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


def membership(plans: RecordPlans, adding: bool, list_id: Any, record_id: Any) -> Plan[bool]:
    """Add a record to a list, or remove it (``adding`` False)."""
    method = "add_to_list" if adding else "remove_from_list"
    op: Membership[()] = plans.need(plans.ops.add_to_list if adding else plans.ops.remove_from_list, method)
    list_id, record_id = check_id(list_id, "list_id"), check_id(record_id, "record_id")
    return immediate(
        Call(op, lambda: op.request_kwargs(id=list_id, entity_id=record_id), lambda m: m.success == 1, idempotent=False)
    )


def reply_body(values: Mapping[str, Any]) -> AssociativeArray:
    """The body of a case reply: ``{"text": ...}`` or ``{"template_id": ...}``."""
    if not isinstance(values, Mapping):
        raise InvalidArgumentError(f"a reply is a mapping such as {{'text': ...}}, got {type(values).__name__}")
    return plans_body(values, "reply")


def add_reply(plans: RecordPlans, case_id: Any, values: Mapping[str, Any]) -> Plan[Record]:
    op, case_id, body = plans.need(plans.ops.add_reply, "add_reply"), check_id(case_id), reply_body(values)
    return immediate(Call(op, lambda: op.request_kwargs(id=case_id, body=body), _reply, idempotent=False))


def add_reply_by_identifier(plans: RecordPlans, identifier: Any, values: Mapping[str, Any]) -> Plan[Record]:
    op = plans.need(plans.ops.add_reply_by_identifier, "add_reply_by_identifier")
    ident, body = check_identifier(identifier), reply_body(values)
    return immediate(Call(op, lambda: op.request_kwargs(ident, body=body), _reply, idempotent=False))


def _reply(model: Any) -> Record:
    return to_record(model.reply, None, "replies")


def plans_body(values: Mapping[str, Any], where: str) -> AssociativeArray:
    return models.AssociativeArray.from_dict({str(k): jsonable(v, f"{where}.{k}") for k, v in values.items()})


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
    op, body = plans.need(plans.ops.create_note, "create"), plans_body(values, "note")
    return immediate(
        Call(
            op,
            lambda: op.request_kwargs(kind, record_id, body=body),
            plans.record(None),
            idempotent=False,
        )
    )


@dataclass(frozen=True)
class EmailSendResult:
    """What sending a list email did."""

    success: bool
    sent_count: int
    failed_recipients: int


def email_send(plans: RecordPlans, email_id: Any, limit: int | None) -> Plan[EmailSendResult]:
    op, email_id = plans.need(plans.ops.send, "send"), check_id(email_id, "email id")
    body = given(None if limit is None else models.EmailSend.from_dict({"limit": check_id(limit, "limit")}))
    return immediate(
        Call(
            op,
            lambda: op.request_kwargs(email_id, body=body),
            lambda m: EmailSendResult(bool(m.success), int(m.sent_count), int(m.failed_recipients)),
            idempotent=False,
        )
    )


def me(plans: RecordPlans) -> Plan[Record]:
    op = plans.need(plans.ops.me, "me")
    return immediate(Call(op, op.request_kwargs, plans.record(None), idempotent=True))


def permissions(plans: RecordPlans, user_id: Any, names: Any) -> Plan[dict[str, bool]]:
    user_id = check_id(user_id, "user id")
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise InvalidArgumentError(f"permissions must be a list such as ['lead:leads:viewown'], got {names!r}")
    names = list(names)
    if not names or not all(isinstance(n, str) and n for n in names):
        raise InvalidArgumentError(f"permissions must be a non-empty list of strings, got {names!r}")
    op = plans.need(plans.ops.check_permissions, "check_permissions")
    body = models.PermissionCheck.from_dict({"permissions": names})
    return immediate(Call(
        op, lambda: op.request_kwargs(user_id, body=body),
        lambda m: {str(k): bool(v) for k, v in m.permissions.additional_properties.items()},
        idempotent=True,  # asks a question, changes nothing: safe to repeat
    ))  # fmt: skip
