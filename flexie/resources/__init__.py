"""Resources: one object per kind of record. ``sync`` and ``aio`` hold the two sets; each is imported
only when a client of its kind first uses a resource."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._shared import EmailSendResult
    from .aio import (
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
    from .sync import (
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
        module = ".aio"
    elif name in __all__:
        module = ".sync"
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
