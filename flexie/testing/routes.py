"""The 142 operations of spec/flexie-api.json, and the router that finds one for a request.

Each row: method, path (below `/api`), operationId exactly as the spec spells it (typos
included), the handler that serves it, and the resource it works on (`ce` = the custom entity
table named by `{tableName}`).
"""

from __future__ import annotations

from typing import NamedTuple

from flexie.testing.errors import ApiError


class R(NamedTuple):
    """One route: method, path below ``/api``, operationId as the spec spells it, handler, resource."""

    method: str
    path: str
    operation_id: str
    handler: str
    resource: str


ROUTES: tuple[R, ...] = (
    R("GET", "/contact/lists", "filterContactLists", "filter_lists", "contacts"),
    R("POST", "/contact/lists/{id}/add/{entityId}", "contactListAdd", "list_add", "contacts"),
    R("POST", "/contact/lists/{id}/remove/{entityId}", "contactListRemove", "list_remove", "contacts"),
    R("GET", "/contacts", "listContacts", "list", "contacts"),
    R("POST", "/contacts", "listContactsFiltered", "list_filtered", "contacts"),
    R("PUT", "/contacts/edit", "updateContactByUniqueField", "edit", "contacts"),
    R("GET", "/contacts/list/fields", "listContactFields", "fields", "contacts"),
    R("GET", "/contacts/list/fields/categories", "listContactFieldCategories", "field_categories", "contacts"),
    R("GET", "/contacts/list/lists", "listContactLists", "all_lists", "contacts"),
    R("POST", "/contacts/new", "createContact", "create", "contacts"),
    R("DELETE", "/contacts/{id}", "deleteContact", "delete", "contacts"),
    R("GET", "/contacts/{id}", "getContacts", "get", "contacts"),
    R("PUT", "/contacts/{id}", "updateContact", "update", "contacts"),
    R("GET", "/contacts/{id}/lists", "getContactLists", "record_lists", "contacts"),
    R("GET", "/contacts/{id}/notes", "getContactNotes", "record_notes", "contacts"),
    R("GET", "/contacts/{id}/workflows", "getContactWorkflows", "record_workflows", "contacts"),
    R("GET", "/lead/lists", "filterLeadLists", "filter_lists", "leads"),
    R("POST", "/lead/lists/{id}/add/{entityId}", "leadListAdd", "list_add", "leads"),
    R("POST", "/lead/lists/{id}/remove/{entityId}", "leadListRemove", "list_remove", "leads"),
    R("GET", "/leads", "listLeads", "list", "leads"),
    R("POST", "/leads", "listLeadsFiltered", "list_filtered", "leads"),
    R("PUT", "/leads/edit", "updateLeadByUnqiueField", "edit", "leads"),
    R("GET", "/leads/list/fields", "listLeadFields", "fields", "leads"),
    R("GET", "/leads/list/fields/categories", "listLeadFieldCategories", "field_categories", "leads"),
    R("GET", "/leads/list/lists", "listLeadLists", "all_lists", "leads"),
    R("POST", "/leads/new", "createLead", "create", "leads"),
    R("DELETE", "/leads/{id}", "deleteLead", "delete", "leads"),
    R("GET", "/leads/{id}", "getLead", "get", "leads"),
    R("PUT", "/leads/{id}", "updateLead", "update", "leads"),
    R("GET", "/leads/{id}/lists", "getLeadLists", "record_lists", "leads"),
    R("GET", "/leads/{id}/notes", "getLeadNotes", "record_notes", "leads"),
    R("GET", "/leads/{id}/workflows", "getLeadWorkflows", "record_workflows", "leads"),
    R("GET", "/account/lists", "filterAccountLists", "filter_lists", "accounts"),
    R("POST", "/account/lists/{id}/add/{entityId}", "accountListAdd", "list_add", "accounts"),
    R("POST", "/account/lists/{id}/remove/{entityId}", "accountListRemove", "list_remove", "accounts"),
    R("GET", "/accounts", "listAccounts", "list", "accounts"),
    R("POST", "/accounts", "listAccountsFiltered", "list_filtered", "accounts"),
    R("PUT", "/accounts/edit", "updateAccountByUniqueField", "edit", "accounts"),
    R("GET", "/accounts/list/fields", "listAccountFields", "fields", "accounts"),
    R("GET", "/accounts/list/fields/categories", "listAccountFieldCategories", "field_categories", "accounts"),
    R("GET", "/accounts/list/lists", "listAccountLists", "all_lists", "accounts"),
    R("POST", "/accounts/new", "createAccount", "create", "accounts"),
    R("DELETE", "/accounts/{id}", "deleteAccount", "delete", "accounts"),
    R("GET", "/accounts/{id}", "getAccount", "get", "accounts"),
    R("PUT", "/accounts/{id}", "updateAccount", "update", "accounts"),
    R("GET", "/accounts/{id}/lists", "getAccountLists", "record_lists", "accounts"),
    R("GET", "/accounts/{id}/notes", "getAccountNotes", "record_notes", "accounts"),
    R("GET", "/accounts/{id}/workflows", "getAccountWorkflows", "record_workflows", "accounts"),
    R("GET", "/deal/lists", "filterDealLists", "filter_lists", "deals"),
    R("POST", "/deal/lists/{id}/add/{entityId}", "dealListAdd", "list_add", "deals"),
    R("POST", "/deal/lists/{id}/remove/{entityId}", "dealListRemove", "list_remove", "deals"),
    R("GET", "/deals", "lisDeals", "list", "deals"),
    R("POST", "/deals", "lisDealsFiltered", "list_filtered", "deals"),
    R("PUT", "/deals/edit", "updateDealByUniqueField", "edit", "deals"),
    R("GET", "/deals/list/fields", "listDealFields", "fields", "deals"),
    R("GET", "/deals/list/fields/categories", "listDealFieldCategories", "field_categories", "deals"),
    R("GET", "/deals/list/lists", "listDealLists", "all_lists", "deals"),
    R("POST", "/deals/new", "createDeal", "create", "deals"),
    R("DELETE", "/deals/{id}", "deleteDeal", "delete", "deals"),
    R("GET", "/deals/{id}", "getDeal", "get", "deals"),
    R("PUT", "/deals/{id}", "updateDeal", "update", "deals"),
    R("GET", "/deals/{id}/lists", "getDealLists", "record_lists", "deals"),
    R("GET", "/deals/{id}/notes", "getDealNotes", "record_notes", "deals"),
    R("GET", "/deals/{id}/workflows", "getDealWorkflows", "record_workflows", "deals"),
    R("GET", "/case/lists", "filterCaseLists", "filter_lists", "cases"),
    R("POST", "/case/lists/{id}/add/{entityId}", "caseListAdd", "list_add", "cases"),
    R("POST", "/case/lists/{id}/remove/{entityId}", "caseListRemove", "list_remove", "cases"),
    R("GET", "/cases", "listCases", "list", "cases"),
    R("POST", "/cases", "lisCasesFiltered", "list_filtered", "cases"),
    R("PUT", "/cases/edit", "updateCaseByUniqueField", "edit", "cases"),
    R("GET", "/cases/list/fields", "listCaseFields", "fields", "cases"),
    R("GET", "/cases/list/fields/categories", "listCaseFieldCategories", "field_categories", "cases"),
    R("GET", "/cases/list/lists", "listCaseLists", "all_lists", "cases"),
    R("POST", "/cases/new", "createCase", "create", "cases"),
    R("GET", "/cases/replies/{identifier}", "getCaseRepliesByIdentifier", "case_replies_by_identifier", "cases"),
    R("POST", "/cases/replies/{identifier}", "addCaseReplyByIdentifier", "case_reply_add_by_identifier", "cases"),
    R("DELETE", "/cases/{id}", "deleteCase", "delete", "cases"),
    R("GET", "/cases/{id}", "getCase", "get", "cases"),
    R("PUT", "/cases/{id}", "updateCase", "update", "cases"),
    R("GET", "/cases/{id}/lists", "getCaseLists", "record_lists", "cases"),
    R("GET", "/cases/{id}/notes", "getCaseNotes", "record_notes", "cases"),
    R("GET", "/cases/{id}/replies", "getCaseReplies", "case_replies", "cases"),
    R("POST", "/cases/{id}/replies", "addCaseReply", "case_reply_add", "cases"),
    R("GET", "/cases/{id}/workflows", "getCaseWorkflows", "record_workflows", "cases"),
    R("GET", "/tasks", "listTasks", "list", "tasks"),
    R("POST", "/tasks", "listTasksPost", "list_filtered", "tasks"),
    R("GET", "/tasks/list/categories", "listTaskCategories", "categories", "tasks"),
    R("POST", "/tasks/new", "createTask", "create", "tasks"),
    R("DELETE", "/tasks/{id}", "deleteTask", "delete", "tasks"),
    R("GET", "/tasks/{id}", "getTask", "get", "tasks"),
    R("PUT", "/tasks/{id}", "updateTask", "update", "tasks"),
    R("POST", "/tasks/{id}/complete", "completeTask", "task_complete", "tasks"),
    R("POST", "/tasks/{id}/incomplete", "incompleteTask", "task_incomplete", "tasks"),
    R("POST", "/notes/{entityType}/{entityId}", "createNote", "note_create", "notes"),
    R("DELETE", "/notes/{id}", "deleteNote", "delete", "notes"),
    R("GET", "/notes/{id}", "getNote", "get", "notes"),
    R("PUT", "/notes/{id}", "updateNote", "update", "notes"),
    R("GET", "/emails", "listEmails", "list", "emails"),
    R("POST", "/emails", "listEmailsFiltered", "list_filtered", "emails"),
    R("GET", "/emails/{id}", "getEmail", "get", "emails"),
    R("POST", "/emails/{id}/send", "sendEmail", "email_send", "emails"),
    R("GET", "/ce/{tableName}", "listCustomEntities", "list", "ce"),
    R("POST", "/ce/{tableName}", "listCustomEntitiesFiltered", "list_filtered", "ce"),
    R("PUT", "/ce/{tableName}/edit", "updateCustomEntityByUniqueField", "edit", "ce"),
    R("GET", "/ce/{tableName}/list/fields", "listCustomEntityFields", "fields", "ce"),
    R("GET", "/ce/{tableName}/list/fields/categories", "listCustomEntityFieldCategories", "field_categories", "ce"),
    R("GET", "/ce/{tableName}/list/lists", "listCustomEntityLists", "all_lists", "ce"),
    R("GET", "/ce/{tableName}/lists", "filterCustomEntityLists", "filter_lists", "ce"),
    R("POST", "/ce/{tableName}/lists/{id}/add/{entityId}", "customEntityListAdd", "list_add", "ce"),
    R("POST", "/ce/{tableName}/lists/{id}/remove/{entityId}", "customEntityListRemove", "list_remove", "ce"),
    R("POST", "/ce/{tableName}/new", "createCustomEntity", "create", "ce"),
    R("DELETE", "/ce/{tableName}/{id}", "deleteCustomEntity", "delete", "ce"),
    R("GET", "/ce/{tableName}/{id}", "getCustomEntity", "get", "ce"),
    R("PUT", "/ce/{tableName}/{id}", "updateCustomEntity", "update", "ce"),
    R("GET", "/ce/{tableName}/{id}/lists", "getCustomEntityLists", "record_lists", "ce"),
    R("GET", "/ce/{tableName}/{id}/notes", "getCustomEntityNotes", "record_notes", "ce"),
    R("GET", "/ce/{tableName}/{id}/workflows", "getCustomEntityWorkflows", "record_workflows", "ce"),
    R("GET", "/workflows", "listWorkflows", "list", "workflows"),
    R("POST", "/workflows", "listWorkflowsFiltered", "list_filtered", "workflows"),
    R("GET", "/workflows/list/categories", "listWorkflowCategories", "categories", "workflows"),
    R("DELETE", "/workflows/{id}", "deleteWorkflow", "delete", "workflows"),
    R("GET", "/workflows/{id}", "getWorkflow", "get", "workflows"),
    R("PUT", "/workflows/{id}", "updateWorkflow", "update", "workflows"),
    R("GET", "/forms", "listForms", "list", "forms"),
    R("GET", "/forms/{id}", "getForm", "get", "forms"),
    R("GET", "/pages", "listPages", "list", "pages"),
    R("POST", "/pages", "listPagesFiltered", "list_filtered", "pages"),
    R("GET", "/pages/{id}", "getPage", "get", "pages"),
    R("GET", "/reports", "listReports", "list", "reports"),
    R("POST", "/reports", "listReportsFiltered", "list_filtered", "reports"),
    R("GET", "/reports/{id}", "getReport", "get", "reports"),
    R("GET", "/users", "listUsers", "list", "users"),
    R("POST", "/users", "listUsersFiltered", "list_filtered", "users"),
    R("POST", "/users/new", "createUser", "create", "users"),
    R("GET", "/users/self", "getSelf", "user_self", "users"),
    R("DELETE", "/users/{id}", "deleteUser", "delete", "users"),
    R("GET", "/users/{id}", "getUser", "get", "users"),
    R("PUT", "/users/{id}", "updateUser", "update", "users"),
    R("POST", "/users/{id}/permission", "checkPermission", "user_permission", "users"),
    R("GET", "/roles", "listRoles", "list", "roles"),
    R("POST", "/roles", "listRolesFiltered", "list_filtered", "roles"),
    R("GET", "/roles/{id}", "getRole", "get", "roles"),
)
"""Every operation the fake serves, one row each: ``(method, path below /api, operation_id, handler, resource)``."""

# Handlers that change state: a read-only credential gets 403 on them.
WRITE_HANDLERS = frozenset(
    {"create", "update", "delete", "edit", "list_add", "list_remove", "case_reply_add"}
    | {"case_reply_add_by_identifier", "task_complete", "task_incomplete", "note_create", "email_send"}
)
INT_PARAMS = frozenset({"id", "entityId"})

Params = dict[str, int | str]


class _Compiled(NamedTuple):
    route: R
    segments: tuple[str, ...]
    literals: int


class Router:
    def __init__(self, routes: tuple[R, ...] = ROUTES) -> None:
        self._shapes: dict[tuple[int, str], list[_Compiled]] = {}
        for route in routes:
            segments = tuple(route.path.strip("/").split("/"))
            literals = sum(1 for s in segments if not s.startswith("{"))
            self._shapes.setdefault((len(segments), segments[0]), []).append(_Compiled(route, segments, literals))
        for candidates in self._shapes.values():
            candidates.sort(key=lambda c: -c.literals)

    def match(self, method: str, path: str) -> tuple[R, Params]:
        """The route and its path parameters, else ApiError: 405 when the path exists for other
        methods, 400 when only a non-integer id stands in the way, 404 otherwise."""
        parts = path.strip("/").split("/")
        allowed: set[str] = set()  # methods of paths matching exactly
        loosely_allowed: set[str] = set()  # methods of paths matching but for a bad id
        for compiled in self._shapes.get((len(parts), parts[0]), ()):
            params: Params = {}
            strict = True
            for pattern, part in zip(compiled.segments, parts, strict=True):
                if not pattern.startswith("{"):
                    if pattern != part:
                        break
                    continue
                name = pattern[1:-1]
                if not part:
                    break
                if name in INT_PARAMS:
                    if part.isdigit() and part[0] != "0":
                        params[name] = int(part)
                    else:
                        strict = False
                        params[name] = part
                else:
                    params[name] = part
            else:
                if not strict:
                    loosely_allowed.add(compiled.route.method)
                elif compiled.route.method == method:
                    return compiled.route, params
                else:
                    allowed.add(compiled.route.method)
        if not allowed and method in loosely_allowed:
            raise ApiError(400, "Path parameters id and entityId must be positive integers.")
        if allowed or loosely_allowed:
            methods = ", ".join(sorted(allowed or loosely_allowed))
            raise ApiError(405, f"Method {method} is not allowed here.", headers={"Allow": methods})
        raise ApiError(404, f"No endpoint at /api{path}.")
