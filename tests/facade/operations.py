"""One facade call per spec operation, usable with the sync and the async client.

Each entry takes the client and a namespace of ids that exist on the server, and returns what the
facade returned: a value, an awaitable, or a pager. ``drive``/``adrive`` finish the job (first page
of pagers, await of coroutines). The fake server and Prism both get driven through this table.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flexie
from flexie.pagination import AsyncPager, Pager


@dataclass
class Ids:
    """Ids the calls use: records that exist and may be changed, and one that may be deleted."""

    record: int = 1
    doomed: int = 2
    list_id: int = 1
    task: int = 1
    note: int = 1
    email: int = 1
    workflow: int = 1
    doomed_workflow: int = 2
    form: int = 1
    page: int = 1
    report: int = 1
    user: int = 1
    doomed_user: int = 2
    role: int = 1
    identifier: str = "REF-1001"
    # per entity ("contacts", ..., "custom_entity"): values a create accepts, a change for `record`,
    # and values naming `record` by its unique field plus a change
    values: dict[str, dict[str, Any]] | None = None
    changes: dict[str, dict[str, Any]] | None = None
    unique: dict[str, dict[str, Any]] | None = None


Call = Callable[[Any, Ids], Any]


def _entity_calls(attr: str, ops: dict[str, str]) -> dict[str, Call]:
    def res(c: Any, i: Ids | None = None) -> Any:
        return c.custom_entity(TABLE) if attr == "custom_entity" else getattr(c, attr)

    table = {
        "list": lambda c, i: res(c).list(search="a", page_size=5),
        "filter": lambda c, i: res(c).filter(flexie.F("id") > 0, page_size=5),
        "get": lambda c, i: res(c).get(i.record),
        "update": lambda c, i: res(c).update(i.record, (i.changes or {})[attr]),
        "delete": lambda c, i: res(c).delete(i.doomed),
        "record_lists": lambda c, i: res(c).record_lists(i.record),
        "record_notes": lambda c, i: res(c).record_notes(i.record),
        "record_workflows": lambda c, i: res(c).record_workflows(i.record),
        "update_by_unique_field": lambda c, i: res(c).update_by_unique_field((i.unique or {})[attr]),
        "fields": lambda c, i: res(c).refresh_fields(),
        "field_categories": lambda c, i: res(c).field_categories(),
        "lists": lambda c, i: res(c).lists(),
        "create": lambda c, i: res(c).create((i.values or {})[attr]),
        "filter_lists": lambda c, i: res(c).filter_lists(search="e"),
        "add_to_list": lambda c, i: res(c).add_to_list(i.list_id, i.record),
        "remove_from_list": lambda c, i: res(c).remove_from_list(i.list_id, i.record),
        "replies": lambda c, i: res(c).replies(i.record),
        "add_reply": lambda c, i: res(c).add_reply(i.record, {"text": "Thanks, fixed."}),
        "replies_by_identifier": lambda c, i: res(c).replies_by_identifier(i.identifier),
        "add_reply_by_identifier": lambda c, i: res(c).add_reply_by_identifier(i.identifier, {"text": "Done."}),
    }  # fmt: skip
    return {op_id: table[method] for method, op_id in ops.items()}


TABLE = "your_table"  # the custom entity table the calls address (the reference page's example name)


def calls() -> dict[str, Call]:
    """operationId -> a call of the facade method that reaches it."""
    from flexie.resources._specs import CRM_ENTITIES, CUSTOM_ENTITY, RESOURCES

    out: dict[str, Call] = {}
    for spec in CRM_ENTITIES.values():
        out.update(_entity_calls(spec.name, dict(spec.ops)))
    out.update(_entity_calls("custom_entity", dict(CUSTOM_ENTITY.ops)))
    simple: dict[str, Call] = {
        "listTasks": lambda c, i: c.tasks.list(search="a", page_size=5),
        "listTasksPost": lambda c, i: c.tasks.filter(flexie.F("id") > 0, page_size=5),
        "getTask": lambda c, i: c.tasks.get(i.task),
        "updateTask": lambda c, i: c.tasks.update(i.task, {"task": "Call back", "is_completed": False}),
        "deleteTask": lambda c, i: c.tasks.delete(i.task + 1),
        "completeTask": lambda c, i: c.tasks.complete(i.task),
        "incompleteTask": lambda c, i: c.tasks.incomplete(i.task),
        "listTaskCategories": lambda c, i: c.tasks.categories(),
        "createTask": lambda c, i: c.tasks.create(
            {"task": "Send the quote", "owner_id": 1, "due_date": "2026-06-25 14:00"}
        ),
        "createNote": lambda c, i: c.notes.create("contact", i.record, {"text": "Called.", "type": "call"}),
        "getNote": lambda c, i: c.notes.get(i.note),
        "updateNote": lambda c, i: c.notes.update(i.note, {"text": "Called twice."}),
        "deleteNote": lambda c, i: c.notes.delete(i.note + 1),
        "listEmails": lambda c, i: c.emails.list(page_size=5),
        "listEmailsFiltered": lambda c, i: c.emails.filter(flexie.F("id") > 0, page_size=5),
        "getEmail": lambda c, i: c.emails.get(i.email),
        "sendEmail": lambda c, i: c.emails.send(i.email, limit=10),
        "listWorkflows": lambda c, i: c.workflows.list(page_size=5),
        "listWorkflowsFiltered": lambda c, i: c.workflows.filter(flexie.F("id") > 0, page_size=5),
        "getWorkflow": lambda c, i: c.workflows.get(i.workflow),
        "updateWorkflow": lambda c, i: c.workflows.update(i.workflow, {"name": "VIP onboarding", "isPublished": True}),
        "deleteWorkflow": lambda c, i: c.workflows.delete(i.doomed_workflow),
        "listWorkflowCategories": lambda c, i: c.workflows.categories(),
        "listForms": lambda c, i: c.forms.list(page_size=5),
        "getForm": lambda c, i: c.forms.get(i.form),
        "listPages": lambda c, i: c.pages.list(page_size=5),
        "listPagesFiltered": lambda c, i: c.pages.filter(flexie.F("id") > 0, page_size=5),
        "getPage": lambda c, i: c.pages.get(i.page),
        "listReports": lambda c, i: c.reports.list(page_size=5),
        "listReportsFiltered": lambda c, i: c.reports.filter(flexie.F("id") > 0, page_size=5),
        "getReport": lambda c, i: c.reports.get(i.report),
        "listUsers": lambda c, i: c.users.list(search="a", page_size=5),
        "listUsersFiltered": lambda c, i: c.users.filter(flexie.F("id") > 0, page_size=5),
        "getUser": lambda c, i: c.users.get(i.user),
        "updateUser": lambda c, i: c.users.update(i.user, {"position": "Senior Sales Manager"}),
        "deleteUser": lambda c, i: c.users.delete(i.doomed_user),
        "checkPermission": lambda c, i: c.users.check_permissions(i.user, ["lead:leads:viewown"]),
        "createUser": lambda c, i: c.users.create(
            {"username": f"u{id(c)}", "firstName": "Jo", "lastName": "Doe", "email": f"u{id(c)}@example.com",
             "password": "S3cretPass!", "role": 1}
        ),
        "getSelf": lambda c, i: c.users.me(),
        "listRoles": lambda c, i: c.roles.list(page_size=5),
        "listRolesFiltered": lambda c, i: c.roles.filter(flexie.F("id") > 0, page_size=5),
        "getRole": lambda c, i: c.roles.get(i.role),
    }  # fmt: skip
    assert set(simple) == {op for spec in RESOURCES.values() for op in spec.ops.values()}
    out.update(simple)
    return out


def drive(result: Any) -> Any:
    """Finish a sync call: a pager gives its first page."""
    return result.first_page() if isinstance(result, Pager) else result


async def adrive(result: Any) -> Any:
    """Finish an async call: await it, or await a pager's first page."""
    if isinstance(result, AsyncPager):
        return await result
    if inspect.isawaitable(result):
        return await result
    raise AssertionError(f"an async client call returned {type(result).__name__}, not an awaitable")
