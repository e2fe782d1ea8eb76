"""The table of operations: which generated endpoint each facade method calls, resource by resource.

Each resource names its endpoint modules by keyword, one per facade method
(``get=api.contact.get_contacts``), so a row cannot slip to another method's place, and mypy checks
each module against the shape the method calls it with (the protocols of ``_endpoint_types.py``).
A resource's modules are listed in the order its generated package lists them (by module name).
The module names are the vendor's operationIds in snake case, typos included
(``lis_deals``, ``update_lead_by_unqiue_field``).

This table is also the registry the tests use to prove every operation of the spec has a facade
method (:func:`facade_methods`), and that each has a method on both clients and a route in the fake.
Adding an endpoint: see docs/contributing.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Generic, cast

from .. import _generated as api
from .._generated import operation_id

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
            add_to_list=api.contact.contact_list_add, remove_from_list=api.contact.contact_list_remove,
            create=api.contact.create_contact, delete=api.contact.delete_contact,
            filter_lists=api.contact.filter_contact_lists, record_lists=api.contact.get_contact_lists,
            record_notes=api.contact.get_contact_notes, record_workflows=api.contact.get_contact_workflows,
            get=api.contact.get_contacts, field_categories=api.contact.list_contact_field_categories,
            fields=api.contact.list_contact_fields, lists=api.contact.list_contact_lists,
            list=api.contact.list_contacts, filter=api.contact.list_contacts_filtered,
            update=api.contact.update_contact, update_by_unique_field=api.contact.update_contact_by_unique_field,
        )),
        _entity("leads", "lead", Operations(
            create=api.lead.create_lead, delete=api.lead.delete_lead, filter_lists=api.lead.filter_lead_lists,
            get=api.lead.get_lead, record_lists=api.lead.get_lead_lists, record_notes=api.lead.get_lead_notes,
            record_workflows=api.lead.get_lead_workflows, add_to_list=api.lead.lead_list_add,
            remove_from_list=api.lead.lead_list_remove, field_categories=api.lead.list_lead_field_categories,
            fields=api.lead.list_lead_fields, lists=api.lead.list_lead_lists, list=api.lead.list_leads,
            filter=api.lead.list_leads_filtered, update=api.lead.update_lead,
            update_by_unique_field=api.lead.update_lead_by_unqiue_field,
        )),
        _entity("accounts", "account", Operations(
            add_to_list=api.accounts.account_list_add, remove_from_list=api.accounts.account_list_remove,
            create=api.accounts.create_account, delete=api.accounts.delete_account,
            filter_lists=api.accounts.filter_account_lists, get=api.accounts.get_account,
            record_lists=api.accounts.get_account_lists, record_notes=api.accounts.get_account_notes,
            record_workflows=api.accounts.get_account_workflows,
            field_categories=api.accounts.list_account_field_categories, fields=api.accounts.list_account_fields,
            lists=api.accounts.list_account_lists, list=api.accounts.list_accounts,
            filter=api.accounts.list_accounts_filtered, update=api.accounts.update_account,
            update_by_unique_field=api.accounts.update_account_by_unique_field,
        )),
        _entity("deals", "deal", Operations(
            create=api.deals.create_deal, add_to_list=api.deals.deal_list_add,
            remove_from_list=api.deals.deal_list_remove, delete=api.deals.delete_deal,
            filter_lists=api.deals.filter_deal_lists, get=api.deals.get_deal, record_lists=api.deals.get_deal_lists,
            record_notes=api.deals.get_deal_notes, record_workflows=api.deals.get_deal_workflows,
            list=api.deals.lis_deals, filter=api.deals.lis_deals_filtered,
            field_categories=api.deals.list_deal_field_categories, fields=api.deals.list_deal_fields,
            lists=api.deals.list_deal_lists, update=api.deals.update_deal,
            update_by_unique_field=api.deals.update_deal_by_unique_field,
        )),
        _entity("cases", "case", Operations(
            add_reply=api.cases.add_case_reply, add_reply_by_identifier=api.cases.add_case_reply_by_identifier,
            add_to_list=api.cases.case_list_add, remove_from_list=api.cases.case_list_remove,
            create=api.cases.create_case, delete=api.cases.delete_case, filter_lists=api.cases.filter_case_lists,
            get=api.cases.get_case, record_lists=api.cases.get_case_lists, record_notes=api.cases.get_case_notes,
            replies=api.cases.get_case_replies, replies_by_identifier=api.cases.get_case_replies_by_identifier,
            record_workflows=api.cases.get_case_workflows, filter=api.cases.lis_cases_filtered,
            field_categories=api.cases.list_case_field_categories, fields=api.cases.list_case_fields,
            lists=api.cases.list_case_lists, list=api.cases.list_cases, update=api.cases.update_case,
            update_by_unique_field=api.cases.update_case_by_unique_field,
        )),
    )
}  # fmt: skip

CUSTOM_ENTITY: ResourceSpec[str] = ResourceSpec(
    "custom_entity", "entity", "entities", Operations(
        create=api.custom_entities.create_custom_entity, add_to_list=api.custom_entities.custom_entity_list_add,
        remove_from_list=api.custom_entities.custom_entity_list_remove,
        delete=api.custom_entities.delete_custom_entity, filter_lists=api.custom_entities.filter_custom_entity_lists,
        get=api.custom_entities.get_custom_entity, record_lists=api.custom_entities.get_custom_entity_lists,
        record_notes=api.custom_entities.get_custom_entity_notes,
        record_workflows=api.custom_entities.get_custom_entity_workflows,
        list=api.custom_entities.list_custom_entities, filter=api.custom_entities.list_custom_entities_filtered,
        field_categories=api.custom_entities.list_custom_entity_field_categories,
        fields=api.custom_entities.list_custom_entity_fields, lists=api.custom_entities.list_custom_entity_lists,
        update=api.custom_entities.update_custom_entity,
        update_by_unique_field=api.custom_entities.update_custom_entity_by_unique_field,
    ),
    has_fields=True, entity_list=True, table=True,
)  # fmt: skip


def _simple(name: str, single: str, ops: Operations[()]) -> ResourceSpec[()]:
    return ResourceSpec(name, single, name, ops)


RESOURCES: dict[str, ResourceSpec[()]] = {
    spec.name: spec
    for spec in (
        _simple("tasks", "task", Operations(
            complete=api.tasks.complete_task, create=api.tasks.create_task, delete=api.tasks.delete_task,
            get=api.tasks.get_task, incomplete=api.tasks.incomplete_task, categories=api.tasks.list_task_categories,
            list=api.tasks.list_tasks, filter=api.tasks.list_tasks_post, update=api.tasks.update_task,
        )),
        _simple("notes", "note", Operations(
            create_note=api.notes.create_note, delete=api.notes.delete_note, get=api.notes.get_note,
            update=api.notes.update_note,
        )),
        _simple("emails", "email", Operations(
            get=api.emails.get_email, list=api.emails.list_emails, filter=api.emails.list_emails_filtered,
            send=api.emails.send_email,
        )),
        _simple("workflows", "workflow", Operations(
            delete=api.workflows.delete_workflow, get=api.workflows.get_workflow,
            categories=api.workflows.list_workflow_categories, list=api.workflows.list_workflows,
            filter=api.workflows.list_workflows_filtered, update=api.workflows.update_workflow,
        )),
        _simple("forms", "form", Operations(
            get=api.forms.get_form, list=api.forms.list_forms,
        )),
        _simple("pages", "page", Operations(
            get=api.pages.get_page, list=api.pages.list_pages, filter=api.pages.list_pages_filtered,
        )),
        _simple("reports", "report", Operations(
            get=api.reports.get_report, list=api.reports.list_reports, filter=api.reports.list_reports_filtered,
        )),
        _simple("users", "user", Operations(
            check_permissions=api.users.check_permission, create=api.users.create_user, delete=api.users.delete_user,
            me=api.users.get_self, get=api.users.get_user, list=api.users.list_users,
            filter=api.users.list_users_filtered, update=api.users.update_user,
        )),
        _simple("roles", "role", Operations(
            get=api.roles.get_role, list=api.roles.list_roles, filter=api.roles.list_roles_filtered,
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
