"""Resources: one object per kind of record, for both flavours (``flexie._sync.resource_classes``
and ``flexie._async.resource_classes``); each set is imported only when a client of its kind first
uses a resource. ``_plans`` builds the requests every method sends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._async.resource_classes import (
        AsyncCasesResource,
        AsyncEmailsResource,
        AsyncEntityResource,
        AsyncFormsResource,
        AsyncNotesResource,
        AsyncPagesResource,
        AsyncReportsResource,
        AsyncRolesResource,
        AsyncTasksResource,
        AsyncUsersResource,
        AsyncWorkflowsResource,
    )
    from .._sync.resource_classes import (
        CasesResource,
        EmailsResource,
        EntityResource,
        FormsResource,
        NotesResource,
        PagesResource,
        ReportsResource,
        RolesResource,
        TasksResource,
        UsersResource,
        WorkflowsResource,
    )
    from ._shared import EmailSendResult

__all__ = [
    "AsyncCasesResource", "AsyncEmailsResource", "AsyncEntityResource", "AsyncFormsResource", "AsyncNotesResource",
    "AsyncPagesResource", "AsyncReportsResource", "AsyncRolesResource", "AsyncTasksResource", "AsyncUsersResource",
    "AsyncWorkflowsResource", "CasesResource", "EmailSendResult", "EmailsResource", "EntityResource", "FormsResource",
    "NotesResource", "PagesResource", "ReportsResource", "RolesResource", "TasksResource", "UsersResource",
    "WorkflowsResource",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    from importlib import import_module

    if name == "EmailSendResult":
        module = "._shared"
    elif name.startswith("Async") and name in __all__:
        module = ".._async.resource_classes"
    elif name in __all__:
        module = ".._sync.resource_classes"
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
