"""The resources, assembled from the capabilities their endpoints offer (async flavour)."""

from __future__ import annotations

from . import resources as a

__all__ = [
    "AsyncCasesResource", "AsyncEmailsResource", "AsyncEntityResource", "AsyncFormsResource", "AsyncNotesResource",
    "AsyncPagesResource", "AsyncReportsResource", "AsyncRolesResource", "AsyncTasksResource", "AsyncUsersResource",
    "AsyncWorkflowsResource",
]  # fmt: skip


class AsyncEntityResource(a.Get, a.List, a.Filter, a.Create, a.Update, a.Delete, a.EntityExtras):
    """Contacts, leads, accounts, deals and custom entity tables."""


class AsyncCasesResource(AsyncEntityResource, a.Replies):
    """Cases: the entity surface plus replies by case id and by reference identifier."""


class AsyncTasksResource(a.Get, a.List, a.Filter, a.Create, a.Update, a.Delete, a.Categories, a.TaskActions):
    """Tasks, with complete/incomplete."""


class AsyncNotesResource(a.NoteActions, a.Get, a.Update, a.Delete):
    """Notes attached to records."""


class AsyncEmailsResource(a.Get, a.List, a.Filter, a.SendEmail):
    """Emails, and sending list emails."""


class AsyncWorkflowsResource(a.Get, a.List, a.Filter, a.Update, a.Delete, a.Categories):
    """Workflows."""


class AsyncFormsResource(a.Get, a.List):
    """Forms."""


class AsyncPagesResource(a.Get, a.List, a.Filter):
    """Landing pages."""


class AsyncReportsResource(a.Get, a.List, a.Filter):
    """Reports."""


class AsyncUsersResource(a.Get, a.List, a.Filter, a.Create, a.Update, a.Delete, a.UserActions):
    """Users, the current user and permission checks."""


class AsyncRolesResource(a.Get, a.List, a.Filter):
    """Roles."""
