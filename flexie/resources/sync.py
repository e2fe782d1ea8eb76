"""The sync resources, assembled from the capabilities their endpoints offer."""

from __future__ import annotations

from . import _sync as s

__all__ = [
    "CasesResource", "EmailsResource", "EntityResource", "FormsResource", "NotesResource", "PagesResource",
    "ReportsResource", "RolesResource", "TasksResource", "UsersResource", "WorkflowsResource",
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
