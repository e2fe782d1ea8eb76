"""The table of operations: which generated endpoint each facade method calls, resource by resource.

Each resource names its endpoint modules by keyword, one per facade method (``get=contact.get_contacts``),
so a row cannot slip to another method's place, and mypy checks each module against the shape the
method calls it with (the protocols of ``_endpoint_types.py``). The module names are the vendor's
operationIds in snake case, typos included (``lis_deals``, ``update_lead_by_unqiue_field``).

This table is also the registry the tests use to prove every operation of the spec has a facade
method (:func:`facade_methods`), and that each has a method on both clients and a route in the fake.
Adding an endpoint: see docs/contributing.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Generic, cast

from .._generated import (
    accounts,
    cases,
    contact,
    custom_entities,
    deals,
    emails,
    forms,
    lead,
    notes,
    operation_id,
    pages,
    reports,
    roles,
    tasks,
    users,
    workflows,
)  # fmt: skip

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._endpoint_types import (
        ById,
        ByIdentifierPaged,
        ByIdentifierWithBody,
        ByIdPaged,
        ByIdWithBody,
        EmailSendOp,
        Endpoint,
        EntityPaged,
        Filter,
        Membership,
        NoArgs,
        NoteCreate,
        Paged,
        Path,
        PermissionCheckOp,
        WithBody,
    )  # fmt: skip

    class Table(Generic[Unpack[Path]]):
        """Generic over the path arguments its operations take first (for the type checker only)."""

else:

    class Table:
        def __class_getitem__(cls, _params: Any) -> Any:
            return cls


__all__ = ["CRM_ENTITIES", "CUSTOM_ENTITY", "RESOURCES", "Operations", "ResourceSpec", "facade_methods", "on_table"]


@dataclass(frozen=True)
class Operations(Table["Unpack[Path]"]):
    """The generated endpoints behind one resource's methods, by method name; None where it has none.

    A field is named for the facade method that calls it (``notes.create`` is ``create_note``: it
    takes the record the note goes on). Its type is the shape the method calls it with.
    """

    list: EntityPaged[Unpack[Path]] | Paged[Unpack[Path]] | None = None
    filter: Filter[Unpack[Path]] | None = None
    get: ById[Unpack[Path]] | None = None
    create: WithBody[Unpack[Path]] | None = None
    update: ByIdWithBody[Unpack[Path]] | None = None
    delete: ById[Unpack[Path]] | None = None
    # what contacts, leads, accounts, deals, cases and custom entities add
    update_by_unique_field: WithBody[Unpack[Path]] | None = None
    fields: NoArgs[Unpack[Path]] | None = None
    field_categories: NoArgs[Unpack[Path]] | None = None
    lists: NoArgs[Unpack[Path]] | None = None
    filter_lists: Paged[Unpack[Path]] | None = None
    add_to_list: Membership[Unpack[Path]] | None = None
    remove_from_list: Membership[Unpack[Path]] | None = None
    record_lists: ByIdPaged[Unpack[Path]] | None = None
    record_notes: ByIdPaged[Unpack[Path]] | None = None
    record_workflows: ByIdPaged[Unpack[Path]] | None = None
    # cases
    replies: ByIdPaged[Unpack[Path]] | None = None
    add_reply: ByIdWithBody[Unpack[Path]] | None = None
    replies_by_identifier: ByIdentifierPaged | None = None
    add_reply_by_identifier: ByIdentifierWithBody | None = None
    # tasks, workflows
    categories: NoArgs[Unpack[Path]] | None = None
    complete: ById[Unpack[Path]] | None = None
    incomplete: ById[Unpack[Path]] | None = None
    # notes, emails, users
    create_note: NoteCreate | None = field(default=None, metadata={"method": "create"})
    send: EmailSendOp | None = None
    me: NoArgs[Unpack[Path]] | None = None
    check_permissions: PermissionCheckOp | None = None

    def items(self) -> Iterator[tuple[str, Endpoint]]:
        """(facade method, endpoint) for each operation the resource has."""
        for f in fields(self):
            op = getattr(self, f.name)
            if op is not None:
                yield f.metadata.get("method", f.name), op


class _OnTable:
    """A custom entity endpoint with its table name bound: ``request_kwargs(id=...)`` sends
    ``request_kwargs(table, id=...)``."""

    def __init__(self, endpoint: Any, table: str) -> None:
        self._endpoint = endpoint
        self._table = table

    def request_kwargs(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return cast("dict[str, Any]", self._endpoint.request_kwargs(self._table, *args, **kwargs))

    def __getattr__(self, attr: str) -> Any:  # parse_response and __name__: the module's
        if attr.startswith("__") and attr != "__name__":
            raise AttributeError(attr)
        return getattr(self._endpoint, attr)


def on_table(ops: Operations[str, Unpack[Path]], table: str) -> Operations[Unpack[Path]]:
    """A custom entity's operations with ``table`` bound as their first argument (a typed partial)."""
    given = {f.name: getattr(ops, f.name) for f in fields(ops)}
    bound: dict[str, Any] = {name: _OnTable(op, table) for name, op in given.items() if op is not None}
    return cast("Operations[Unpack[Path]]", replace(ops, **bound))


@dataclass(frozen=True)
class ResourceSpec(Table["Unpack[Path]"]):
    """One resource: its wrapper keys, its operations and what its records carry."""

    name: str  # attribute on the client: "contacts"
    single_key: str  # key of a single record: {"contact": {...}}
    list_key: str  # key of a page of records: {"total": N, "contacts": [...]}
    endpoints: Operations[Unpack[Path]]
    has_fields: bool = False  # records carry account-defined fields (list/fields)
    entity_list: bool = False  # GET list takes entityList
    table: bool = False  # addressed by /ce/{tableName}

    @property
    def ops(self) -> Mapping[str, str]:
        """Facade method -> the spec's operationId (``{"get": "getContacts", ...}``)."""
        return {method: operation_id(op) for method, op in self.endpoints.items()}

    @property
    def tag(self) -> str:
        """The generated api subpackage of the resource's operations: ``contact``."""
        return next(op for _, op in self.endpoints.items()).__name__.split(".api.")[-1].split(".")[0]


def _entity(name: str, single: str, ops: Operations[()], list_key: str | None = None) -> ResourceSpec[()]:
    return ResourceSpec(name, single, list_key or name, ops, has_fields=True, entity_list=True)


CRM_ENTITIES: dict[str, ResourceSpec[()]] = {
    spec.name: spec
    for spec in (
        _entity("contacts", "contact", Operations(
            list=contact.list_contacts, filter=contact.list_contacts_filtered, get=contact.get_contacts,
            create=contact.create_contact, update=contact.update_contact, delete=contact.delete_contact,
            update_by_unique_field=contact.update_contact_by_unique_field, fields=contact.list_contact_fields,
            field_categories=contact.list_contact_field_categories, lists=contact.list_contact_lists,
            filter_lists=contact.filter_contact_lists, add_to_list=contact.contact_list_add,
            remove_from_list=contact.contact_list_remove, record_lists=contact.get_contact_lists,
            record_notes=contact.get_contact_notes, record_workflows=contact.get_contact_workflows,
        )),
        _entity("leads", "lead", Operations(
            list=lead.list_leads, filter=lead.list_leads_filtered, get=lead.get_lead, create=lead.create_lead,
            update=lead.update_lead, delete=lead.delete_lead, update_by_unique_field=lead.update_lead_by_unqiue_field,
            fields=lead.list_lead_fields, field_categories=lead.list_lead_field_categories,
            lists=lead.list_lead_lists, filter_lists=lead.filter_lead_lists, add_to_list=lead.lead_list_add,
            remove_from_list=lead.lead_list_remove, record_lists=lead.get_lead_lists,
            record_notes=lead.get_lead_notes, record_workflows=lead.get_lead_workflows,
        )),
        _entity("accounts", "account", Operations(
            list=accounts.list_accounts, filter=accounts.list_accounts_filtered, get=accounts.get_account,
            create=accounts.create_account, update=accounts.update_account, delete=accounts.delete_account,
            update_by_unique_field=accounts.update_account_by_unique_field, fields=accounts.list_account_fields,
            field_categories=accounts.list_account_field_categories, lists=accounts.list_account_lists,
            filter_lists=accounts.filter_account_lists, add_to_list=accounts.account_list_add,
            remove_from_list=accounts.account_list_remove, record_lists=accounts.get_account_lists,
            record_notes=accounts.get_account_notes, record_workflows=accounts.get_account_workflows,
        )),
        _entity("deals", "deal", Operations(
            list=deals.lis_deals, filter=deals.lis_deals_filtered, get=deals.get_deal, create=deals.create_deal,
            update=deals.update_deal, delete=deals.delete_deal,
            update_by_unique_field=deals.update_deal_by_unique_field, fields=deals.list_deal_fields,
            field_categories=deals.list_deal_field_categories, lists=deals.list_deal_lists,
            filter_lists=deals.filter_deal_lists, add_to_list=deals.deal_list_add,
            remove_from_list=deals.deal_list_remove, record_lists=deals.get_deal_lists,
            record_notes=deals.get_deal_notes, record_workflows=deals.get_deal_workflows,
        )),
        _entity("cases", "case", Operations(
            list=cases.list_cases, filter=cases.lis_cases_filtered, get=cases.get_case, create=cases.create_case,
            update=cases.update_case, delete=cases.delete_case,
            update_by_unique_field=cases.update_case_by_unique_field, fields=cases.list_case_fields,
            field_categories=cases.list_case_field_categories, lists=cases.list_case_lists,
            filter_lists=cases.filter_case_lists, add_to_list=cases.case_list_add,
            remove_from_list=cases.case_list_remove, record_lists=cases.get_case_lists,
            record_notes=cases.get_case_notes, record_workflows=cases.get_case_workflows,
            replies=cases.get_case_replies, add_reply=cases.add_case_reply,
            replies_by_identifier=cases.get_case_replies_by_identifier,
            add_reply_by_identifier=cases.add_case_reply_by_identifier,
        )),
    )
}  # fmt: skip

CUSTOM_ENTITY: ResourceSpec[str] = ResourceSpec(
    "custom_entity", "entity", "entities", Operations(
        list=custom_entities.list_custom_entities, filter=custom_entities.list_custom_entities_filtered,
        get=custom_entities.get_custom_entity, create=custom_entities.create_custom_entity,
        update=custom_entities.update_custom_entity, delete=custom_entities.delete_custom_entity,
        update_by_unique_field=custom_entities.update_custom_entity_by_unique_field,
        fields=custom_entities.list_custom_entity_fields,
        field_categories=custom_entities.list_custom_entity_field_categories,
        lists=custom_entities.list_custom_entity_lists, filter_lists=custom_entities.filter_custom_entity_lists,
        add_to_list=custom_entities.custom_entity_list_add,
        remove_from_list=custom_entities.custom_entity_list_remove,
        record_lists=custom_entities.get_custom_entity_lists, record_notes=custom_entities.get_custom_entity_notes,
        record_workflows=custom_entities.get_custom_entity_workflows,
    ),
    has_fields=True, entity_list=True, table=True,
)  # fmt: skip


def _simple(name: str, single: str, ops: Operations[()]) -> ResourceSpec[()]:
    return ResourceSpec(name, single, name, ops)


RESOURCES: dict[str, ResourceSpec[()]] = {
    spec.name: spec
    for spec in (
        _simple("tasks", "task", Operations(
            list=tasks.list_tasks, filter=tasks.list_tasks_post, get=tasks.get_task, update=tasks.update_task,
            delete=tasks.delete_task, complete=tasks.complete_task, incomplete=tasks.incomplete_task,
            categories=tasks.list_task_categories, create=tasks.create_task,
        )),
        _simple("notes", "note", Operations(
            create_note=notes.create_note, get=notes.get_note, update=notes.update_note, delete=notes.delete_note,
        )),
        _simple("emails", "email", Operations(
            list=emails.list_emails, filter=emails.list_emails_filtered, get=emails.get_email, send=emails.send_email,
        )),
        _simple("workflows", "workflow", Operations(
            list=workflows.list_workflows, filter=workflows.list_workflows_filtered, get=workflows.get_workflow,
            update=workflows.update_workflow, delete=workflows.delete_workflow,
            categories=workflows.list_workflow_categories,
        )),
        _simple("forms", "form", Operations(
            list=forms.list_forms, get=forms.get_form,
        )),
        _simple("pages", "page", Operations(
            list=pages.list_pages, filter=pages.list_pages_filtered, get=pages.get_page,
        )),
        _simple("reports", "report", Operations(
            list=reports.list_reports, filter=reports.list_reports_filtered, get=reports.get_report,
        )),
        _simple("users", "user", Operations(
            list=users.list_users, filter=users.list_users_filtered, get=users.get_user, update=users.update_user,
            delete=users.delete_user, check_permissions=users.check_permission, create=users.create_user,
            me=users.get_self,
        )),
        _simple("roles", "role", Operations(
            list=roles.list_roles, filter=roles.list_roles_filtered, get=roles.get_role,
        )),
    )
}  # fmt: skip


def facade_methods() -> dict[str, str]:
    """operationId -> the facade call that reaches it, e.g. ``"getContacts": "client.contacts.get"``."""
    out: dict[str, str] = {}
    specs: list[ResourceSpec[()] | ResourceSpec[str]] = [*CRM_ENTITIES.values(), CUSTOM_ENTITY, *RESOURCES.values()]
    for spec in specs:
        owner = 'client.custom_entity("your_table")' if spec.table else f"client.{spec.name}"
        for method, op_id in spec.ops.items():
            out[op_id] = f"{owner}.{method}"
    return out
