"""Which generated operation each facade method calls, resource by resource.

The operationIds are the vendor's, typos included (``lisDeals``, ``updateLeadByUnqiueField``), so
that they match the generated module names. This table is also the registry the tests use to
prove every operation of the spec has a facade method.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["CRM_ENTITIES", "CUSTOM_ENTITY", "RESOURCES", "ResourceSpec", "facade_methods"]


@dataclass(frozen=True)
class ResourceSpec:
    """One resource: its generated api subpackage, its wrapper keys and its operations."""

    name: str  # attribute on the client: "contacts"
    tag: str  # generated api subpackage: "contact"
    single_key: str  # key of a single record: {"contact": {...}}
    list_key: str  # key of a page of records: {"total": N, "contacts": [...]}
    ops: Mapping[str, str] = field(default_factory=dict)  # facade method -> operationId
    has_fields: bool = False  # records carry account-defined fields (list/fields)
    entity_list: bool = False  # GET list takes entityList
    table: bool = False  # addressed by /ce/{tableName}


_ENTITY_METHODS = (
    "list", "filter", "get", "update", "delete", "record_lists", "record_notes", "record_workflows",
    "update_by_unique_field", "fields", "field_categories", "lists", "create", "filter_lists",
    "add_to_list", "remove_from_list",
)  # fmt: skip


def _entity(
    name: str,
    tag: str,
    single: str,
    op_ids: str,
    extra: Mapping[str, str] | None = None,
    list_key: str | None = None,
    table: bool = False,
) -> ResourceSpec:
    ops = dict(zip(_ENTITY_METHODS, op_ids.split(" "), strict=True))
    ops.update(extra or {})
    return ResourceSpec(name, tag, single, list_key or name, ops, has_fields=True, entity_list=True, table=table)


CRM_ENTITIES = {
    spec.name: spec
    for spec in (
        _entity(
            "contacts", "contact", "contact",
            "listContacts listContactsFiltered getContacts updateContact deleteContact getContactLists "
            "getContactNotes getContactWorkflows updateContactByUniqueField listContactFields "
            "listContactFieldCategories listContactLists createContact filterContactLists contactListAdd "
            "contactListRemove",
        ),
        _entity(
            "leads", "lead", "lead",
            "listLeads listLeadsFiltered getLead updateLead deleteLead getLeadLists getLeadNotes getLeadWorkflows "
            "updateLeadByUnqiueField listLeadFields listLeadFieldCategories listLeadLists createLead filterLeadLists "
            "leadListAdd leadListRemove",
        ),
        _entity(
            "accounts", "accounts", "account",
            "listAccounts listAccountsFiltered getAccount updateAccount deleteAccount getAccountLists "
            "getAccountNotes getAccountWorkflows updateAccountByUniqueField listAccountFields "
            "listAccountFieldCategories listAccountLists createAccount filterAccountLists accountListAdd "
            "accountListRemove",
        ),
        _entity(
            "deals", "deals", "deal",
            "lisDeals lisDealsFiltered getDeal updateDeal deleteDeal getDealLists getDealNotes getDealWorkflows "
            "updateDealByUniqueField listDealFields listDealFieldCategories listDealLists createDeal filterDealLists "
            "dealListAdd dealListRemove",
        ),
        _entity(
            "cases", "cases", "case",
            "listCases lisCasesFiltered getCase updateCase deleteCase getCaseLists getCaseNotes getCaseWorkflows "
            "updateCaseByUniqueField listCaseFields listCaseFieldCategories listCaseLists createCase filterCaseLists "
            "caseListAdd caseListRemove",
            extra={
                "replies": "getCaseReplies",
                "add_reply": "addCaseReply",
                "replies_by_identifier": "getCaseRepliesByIdentifier",
                "add_reply_by_identifier": "addCaseReplyByIdentifier",
            },
        ),
    )
}  # fmt: skip

CUSTOM_ENTITY = _entity(
    "custom_entity", "custom_entities", "entity",
    "listCustomEntities listCustomEntitiesFiltered getCustomEntity updateCustomEntity deleteCustomEntity "
    "getCustomEntityLists getCustomEntityNotes getCustomEntityWorkflows updateCustomEntityByUniqueField "
    "listCustomEntityFields listCustomEntityFieldCategories listCustomEntityLists createCustomEntity "
    "filterCustomEntityLists customEntityListAdd customEntityListRemove",
    list_key="entities",
    table=True,
)  # fmt: skip


def _simple(name: str, single: str, **ops: str) -> ResourceSpec:
    return ResourceSpec(name, name, single, name, ops)


RESOURCES = {
    spec.name: spec
    for spec in (
        _simple(
            "tasks", "task", list="listTasks", filter="listTasksPost", get="getTask", update="updateTask",
            delete="deleteTask", complete="completeTask", incomplete="incompleteTask",
            categories="listTaskCategories", create="createTask",
        ),
        _simple("notes", "note", create="createNote", get="getNote", update="updateNote", delete="deleteNote"),
        _simple("emails", "email", list="listEmails", filter="listEmailsFiltered", get="getEmail", send="sendEmail"),
        _simple(
            "workflows", "workflow", list="listWorkflows", filter="listWorkflowsFiltered", get="getWorkflow",
            update="updateWorkflow", delete="deleteWorkflow", categories="listWorkflowCategories",
        ),
        _simple("forms", "form", list="listForms", get="getForm"),
        _simple("pages", "page", list="listPages", filter="listPagesFiltered", get="getPage"),
        _simple("reports", "report", list="listReports", filter="listReportsFiltered", get="getReport"),
        _simple(
            "users", "user", list="listUsers", filter="listUsersFiltered", get="getUser", update="updateUser",
            delete="deleteUser", check_permissions="checkPermission", create="createUser", me="getSelf",
        ),
        _simple("roles", "role", list="listRoles", filter="listRolesFiltered", get="getRole"),
    )
}  # fmt: skip


def facade_methods() -> dict[str, str]:
    """operationId -> the facade call that reaches it, e.g. ``"getContacts": "client.contacts.get"``."""
    out: dict[str, str] = {}
    for spec in (*CRM_ENTITIES.values(), CUSTOM_ENTITY, *RESOURCES.values()):
        owner = 'client.custom_entity("your_table")' if spec.table else f"client.{spec.name}"
        for method, op_id in spec.ops.items():
            out[op_id] = f"{owner}.{method}"
    return out
