"""The resources the fake serves and their default fields.

Field-defined entities (contacts, leads, accounts, deals, cases and custom entity tables) serve
their fields at `list/fields`; an account can add custom fields to them. The other resources
(tasks, notes, emails, workflows, forms, pages, reports, users, roles, lists, replies) have a
fixed shape, described here with the same `FieldDef`s so validation, filters and ordering are
shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flexie.testing.fields import FieldDef, choices_of

CORE_ENTITIES = ("contacts", "leads", "accounts", "deals", "cases")
FIXED_RESOURCES = ("tasks", "notes", "emails", "workflows", "forms", "pages", "reports", "users", "roles")
SYSTEM_KEYS = ("id", "date_added", "date_modified")


@dataclass(frozen=True)
class ResourceInfo:
    key: str  # store key: "contacts", or "ce:<table>" for a custom entity table
    singular: str  # wrapper of one record: {"contact": {...}}
    plural: str  # wrapper of a page: {"total": n, "contacts": [...]}
    note_type: str | None = None  # entity type in /notes/{entityType}/{id}
    field_defined: bool = False  # has list/fields, custom fields, lists and `edit`


RESOURCES: dict[str, ResourceInfo] = {
    "contacts": ResourceInfo("contacts", "contact", "contacts", "contact", True),
    "leads": ResourceInfo("leads", "lead", "leads", "lead", True),
    "accounts": ResourceInfo("accounts", "account", "accounts", "account", True),
    "deals": ResourceInfo("deals", "deal", "deals", "deal", True),
    "cases": ResourceInfo("cases", "case", "cases", "case", True),
    "tasks": ResourceInfo("tasks", "task", "tasks"),
    "notes": ResourceInfo("notes", "note", "notes"),
    "emails": ResourceInfo("emails", "email", "emails"),
    "workflows": ResourceInfo("workflows", "workflow", "workflows"),
    "forms": ResourceInfo("forms", "form", "forms"),
    "pages": ResourceInfo("pages", "page", "pages"),
    "reports": ResourceInfo("reports", "report", "reports"),
    "users": ResourceInfo("users", "user", "users"),
    "roles": ResourceInfo("roles", "role", "roles"),
    "replies": ResourceInfo("replies", "reply", "replies"),
}
SINGULAR_TO_KEY = {info.note_type: key for key, info in RESOURCES.items() if info.note_type}


def table_info(table: str) -> ResourceInfo:
    return ResourceInfo(f"ce:{table}", "entity", "entities", table, True)


def lists_info(owner_key: str) -> ResourceInfo:
    return ResourceInfo(f"lists:{owner_key}", "list", "lists")


def _f(
    alias: str,
    label: str,
    ftype: str = "text",
    category: str = "core",
    *,
    required: bool = False,
    unique: bool = False,
    choices: Sequence[str] = (),
    default: Any = None,
    readonly: bool = False,
) -> FieldDef:
    return FieldDef(
        alias=alias,
        label=label,
        type=ftype,
        category=category,
        required=required,
        unique=unique,
        choices=choices_of(choices),
        default_value=default,
        readonly=readonly,
    )


PERSON_STATUSES = ("New", "Contacted", "Nurture", "Qualify", "Qualified", "Customer", "Unqualified", "Lost")
SOURCES = (
    "Website",
    "Referral",
    "Meeting",
    "Email",
    "Phone",
    "Social media",
    "Event",
    "Partner",
    "Advertisement",
    "Other",
)
TAGS = ("VIP", "Newsletter", "Partner", "Prospect", "Customer", "Churn risk")
INDUSTRIES = (
    "Retail",
    "Technology",
    "Finance",
    "Healthcare",
    "Manufacturing",
    "Education",
    "Logistics",
    "Hospitality",
    "Energy",
    "Media",
    "Consulting",
    "Other",
)
CASE_SOURCES = ("Email", "Phone", "Web", "Chat", "Portal", "Social media")
CASE_CATEGORIES = ("Bug", "Question", "Feature request", "Billing", "Incident", "Other")
PRIORITIES = ("Low", "Medium", "High", "Urgent")
PUBLIC_STATUSES = ("New Opened", "In Process", "Waiting on Customer", "Resolved", "Closed")
INTERNAL_STATUSES = ("open", "pending", "on_hold", "closed")
ASSOCIATION_TYPES = ("contact", "lead", "account", "deal", "case")


def _person_fields(lead: bool) -> list[FieldDef]:
    fields = [
        _f("title", "Title"),
        _f("first_name", "First name"),
        _f("last_name", "Last name"),
        # The vendor's quickstart spells them this way (and so does Mautic); its endpoint
        # examples use first_name/last_name. A real workspace may have either pair: both are here.
        _f("firstname", "Firstname"),
        _f("lastname", "Lastname"),
        _f("email", "Email", "email", unique=True),
        _f("phone", "Phone", "phone"),
        _f("mobile", "Mobile", "phone"),
        _f("company", "Company"),
        _f("position", "Position"),
        _f("website", "Website", "url"),
        _f("status", "Status", "select", choices=PERSON_STATUSES),
        _f("source", "Source", "select", choices=SOURCES),
        _f("tags", "Tags", "multiselect", choices=TAGS),
        _f("owner_id", "Owner", "lookup"),
        _f("points", "Points", "number"),
        _f("do_not_contact", "Do not contact", "boolean", default=False),
        _f("address", "Address", "textarea", "address"),
        _f("city", "City", "text", "address"),
        _f("state", "State", "region", "address"),
        _f("zipcode", "Zip code", "text", "address"),
        _f("country", "Country", "country", "address"),
        _f("birthday", "Birthday", "date", "personal"),
        _f("timezone", "Time zone", "timezone", "personal"),
        _f("locale", "Locale", "locale", "personal"),
        _f("preferred_call_time", "Preferred call time", "time", "personal"),
        _f("last_active", "Last active", "datetime", "personal"),
        _f("description", "Description", "textarea", "personal"),
    ]
    if lead:
        fields.insert(14, _f("rating", "Rating", "select", choices=("Hot", "Warm", "Cold")))
    return fields


def _account_fields() -> list[FieldDef]:
    return [
        _f("name", "Name", required=True, unique=True),
        _f("status", "Status", "select", choices=("New", "Qualify", "Active", "Customer", "Partner", "Inactive")),
        _f("email", "Email", "email"),
        _f("website", "Website", "url"),
        _f("phone", "Phone", "phone"),
        _f("industry", "Industry", "select", choices=INDUSTRIES),
        _f("annual_revenue", "Annual revenue", "number"),
        _f("vat_number", "VAT number"),
        _f("employees", "Employees", "number"),
        _f("owner_id", "Owner", "lookup"),
        _f("description", "Description", "textarea"),
        _f("billing_address", "Billing address", "textarea", "billing"),
        _f("billing_city", "Billing city", "text", "billing"),
        _f("billing_state", "Billing state", "region", "billing"),
        _f("billing_zipcode", "Billing zip code", "text", "billing"),
        _f("billing_country", "Billing country", "country", "billing"),
    ]


def _deal_fields() -> list[FieldDef]:
    return [
        _f("name", "Name", required=True, unique=True),
        _f("amount", "Amount", "number"),
        _f("currency", "Currency", "select", choices=("USD", "EUR", "GBP")),
        _f("close_date", "Close date", "date"),
        _f("pipeline_id", "Pipeline", "lookup"),
        _f("stage_id", "Stage", "lookup"),
        _f("owner_id", "Owner", "lookup"),
        _f("status", "Status", "select", choices=("open", "won", "lost"), default="open"),
        _f("probability", "Probability (%)", "number", "details"),
        _f("account_id", "Account", "lookup", "details"),
        _f("contact_id", "Contact", "lookup", "details"),
        _f("email", "Contact email", "email", "details"),
        _f("source", "Source", "select", "details", choices=SOURCES),
        _f("description", "Description", "textarea", "details"),
    ]


def _case_fields() -> list[FieldDef]:
    return [
        _f("identifier", "Reference", unique=True),
        _f("title", "Title", required=True, unique=True),
        _f("email", "Requester email", "email"),
        _f("source", "Source", "select", choices=CASE_SOURCES),
        _f("category", "Category", "select", choices=CASE_CATEGORIES),
        _f("priority", "Priority", "select", choices=PRIORITIES, default="Medium"),
        _f("public_status", "Status", "select", choices=PUBLIC_STATUSES, default="New Opened"),
        _f("internalStatus", "Internal status", "select", choices=INTERNAL_STATUSES, default="open"),
        _f("owner_id", "Owner", "lookup"),
        _f("contact_id", "Contact", "lookup", "details"),
        _f("account_id", "Account", "lookup", "details"),
        _f("description", "Description", "textarea", "details"),
        _f("resolved_at", "Resolved at", "datetime", "details"),
    ]


FIXED_FIELDS: dict[str, list[FieldDef]] = {
    "tasks": [
        _f("task", "Task", required=True),
        _f("description", "Description", "textarea"),
        _f("owner_id", "Owner", "lookup"),
        _f("due_date", "Due date", "minute"),
        _f("is_completed", "Completed", "boolean", default=False),
        _f("date_completed", "Completed at", "datetime", readonly=True),
        _f("association_type", "Associated with", "select", choices=ASSOCIATION_TYPES),
        _f("association_id", "Associated record", "lookup"),
        _f("reminder_type", "Reminder", "select", choices=("email", "notification", "sms", "none")),
        _f("remind_minutes", "Remind before (minutes)", "integer"),
        _f("category_id", "Category", "lookup"),
    ],
    "notes": [
        _f("text", "Text", "textarea", required=True),
        _f("type", "Type", default="general"),
        _f("datetime", "Date", "datetime"),
        _f("entity_type", "Entity type", readonly=True),
        _f("entity_id", "Entity id", "lookup", readonly=True),
        _f("owner_id", "Author", "lookup", readonly=True),
    ],
    "emails": [
        _f("name", "Name", required=True),
        _f("subject", "Subject"),
        _f("emailType", "Type", "select", choices=("template", "list")),
        _f("isPublished", "Published", "boolean", default=True),
        _f("sentCount", "Sent", "integer", default=0),
        _f("fromName", "From name"),
        _f("fromAddress", "From address", "email"),
        _f("language", "Language", "locale"),
        _f("lists", "Lists", "raw", default=[]),
    ],
    "workflows": [
        _f("name", "Name", required=True),
        _f("description", "Description", "textarea"),
        _f("category", "Category", "lookup"),
        _f("isPublished", "Published", "boolean", default=True),
        _f("runtime", "Runtime", "select", choices=("sync", "async")),
        _f("entity", "Runs on", readonly=True),
    ],
    "forms": [
        _f("name", "Name", required=True),
        _f("alias", "Alias"),
        _f("description", "Description", "textarea"),
        _f("isPublished", "Published", "boolean", default=True),
        _f("entity", "Creates"),
        _f("submissionCount", "Submissions", "integer", default=0),
    ],
    "pages": [
        _f("title", "Title", required=True),
        _f("alias", "Alias"),
        _f("isPublished", "Published", "boolean", default=True),
        _f("language", "Language", "locale"),
        _f("hits", "Hits", "integer", default=0),
        _f("url", "URL", "url"),
    ],
    "reports": [
        _f("name", "Name", required=True),
        _f("description", "Description", "textarea"),
        _f("source", "Source"),
        _f("isPublished", "Published", "boolean", default=True),
    ],
    "users": [
        _f("username", "Username", required=True, unique=True),
        _f("email", "Email", "email", required=True, unique=True),
        _f("firstName", "First name", required=True),
        _f("lastName", "Last name", required=True),
        _f("password", "Password", "password", required=True),
        _f("position", "Position"),
        _f("role", "Role", "lookup"),
        _f("timezone", "Time zone", "timezone"),
        _f("locale", "Locale", "locale"),
        _f("isPublished", "Active", "boolean", default=True),
        _f("signature", "Signature", "textarea"),
        _f("lastActive", "Last active", "datetime", readonly=True),
    ],
    "roles": [
        _f("name", "Name", required=True),
        _f("description", "Description", "textarea"),
        _f("isAdmin", "Administrator", "boolean", default=False),
        _f("permissions", "Permissions", "raw", default=[]),
    ],
    "replies": [
        _f("case_id", "Case", "lookup", readonly=True),
        _f("text", "Text", "textarea"),
        _f("template_id", "Template", "lookup"),
        _f("owner_id", "Author", "lookup", readonly=True),
        _f("is_public", "Public", "boolean", default=True),
    ],
}

LIST_FIELDS: list[FieldDef] = [
    _f("name", "Name", required=True),
    _f("alias", "Alias"),
    _f("description", "Description", "textarea"),
    _f("isGlobal", "Global", "boolean", default=True),
    _f("isPublished", "Published", "boolean", default=True),
]

DEFAULT_CATEGORIES: dict[str, list[tuple[str, str]]] = {
    "contacts": [("core", "Core"), ("address", "Address"), ("personal", "Personal")],
    "leads": [("core", "Core"), ("address", "Address"), ("personal", "Personal")],
    "accounts": [("core", "Core"), ("billing", "Billing")],
    "deals": [("core", "Core"), ("details", "Details")],
    "cases": [("core", "Core"), ("details", "Details")],
}


def default_fields(key: str) -> list[FieldDef]:
    """Fresh default fields for a resource key (a new list each call: fields are mutable)."""
    import copy

    if key in ("contacts", "leads"):
        fields = _person_fields(lead=key == "leads")
    elif key == "accounts":
        fields = _account_fields()
    elif key == "deals":
        fields = _deal_fields()
    elif key == "cases":
        fields = _case_fields()
    elif key.startswith("lists:"):
        fields = copy.deepcopy(LIST_FIELDS)
    elif key in FIXED_FIELDS:
        fields = copy.deepcopy(FIXED_FIELDS[key])
    else:
        fields = []
    for position, fdef in enumerate(fields, start=1):
        fdef.id = position
        fdef.order = position
    return fields
