"""Resources: one object per kind of record, assembled from the capabilities its endpoints offer."""

from __future__ import annotations

from . import _async as a
from . import _sync as s
from ._shared import EmailSendResult

__all__ = [
    "AsyncCasesResource", "AsyncEmailsResource", "AsyncEntityResource", "AsyncFormsResource", "AsyncNotesResource",
    "AsyncPagesResource", "AsyncReportsResource", "AsyncRolesResource", "AsyncTasksResource", "AsyncUsersResource",
    "AsyncWorkflowsResource", "CasesResource", "EmailSendResult", "EmailsResource", "EntityResource", "FormsResource",
    "NotesResource", "PagesResource", "ReportsResource", "RolesResource", "TasksResource", "UsersResource",
    "WorkflowsResource",
]  # fmt: skip


class EntityResource(s.Get, s.List, s.Filter, s.Create, s.Update, s.Delete, s.EntityExtras):
    """Contacts, leads, accounts, deals and custom entity tables."""


class CasesResource(EntityResource, s.Replies):
    """Cases: the entity surface plus replies by case id and by reference identifier."""


class TasksResource(s.Get, s.List, s.Filter, s.Create, s.Update, s.Delete, s.Categories, s.TaskActions):
    """Tasks, with complete/incomplete."""


class NotesResource(s.NoteActions, s.Get, s.Update, s.Delete):
    """Notes attached to records."""


class EmailsResource(s.Get, s.List, s.Filter, s.SendEmail):
    """Emails, and sending list emails."""


class WorkflowsResource(s.Get, s.List, s.Filter, s.Update, s.Delete, s.Categories):
    """Workflows."""


class FormsResource(s.Get, s.List):
    """Forms."""


class PagesResource(s.Get, s.List, s.Filter):
    """Landing pages."""


class ReportsResource(s.Get, s.List, s.Filter):
    """Reports."""


class UsersResource(s.Get, s.List, s.Filter, s.Create, s.Update, s.Delete, s.UserActions):
    """Users, the current user and permission checks."""


class RolesResource(s.Get, s.List, s.Filter):
    """Roles."""


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
