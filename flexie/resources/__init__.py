"""Resources: one object per kind of record, for both flavours (``flexie._sync.resource_classes``
and ``flexie._async.resource_classes``); each set is imported only when a client of its kind first
uses a resource. ``_plans`` builds the requests every method sends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded on first use, by __getattr__; each name re-exported
    from .._async.resource_classes import AsyncCasesResource as AsyncCasesResource
    from .._async.resource_classes import AsyncEmailsResource as AsyncEmailsResource
    from .._async.resource_classes import AsyncEntityResource as AsyncEntityResource
    from .._async.resource_classes import AsyncFormsResource as AsyncFormsResource
    from .._async.resource_classes import AsyncNotesResource as AsyncNotesResource
    from .._async.resource_classes import AsyncPagesResource as AsyncPagesResource
    from .._async.resource_classes import AsyncReportsResource as AsyncReportsResource
    from .._async.resource_classes import AsyncRolesResource as AsyncRolesResource
    from .._async.resource_classes import AsyncTasksResource as AsyncTasksResource
    from .._async.resource_classes import AsyncUsersResource as AsyncUsersResource
    from .._async.resource_classes import AsyncWorkflowsResource as AsyncWorkflowsResource
    from .._sync.resource_classes import CasesResource as CasesResource
    from .._sync.resource_classes import EmailsResource as EmailsResource
    from .._sync.resource_classes import EntityResource as EntityResource
    from .._sync.resource_classes import FormsResource as FormsResource
    from .._sync.resource_classes import NotesResource as NotesResource
    from .._sync.resource_classes import PagesResource as PagesResource
    from .._sync.resource_classes import ReportsResource as ReportsResource
    from .._sync.resource_classes import RolesResource as RolesResource
    from .._sync.resource_classes import TasksResource as TasksResource
    from .._sync.resource_classes import UsersResource as UsersResource
    from .._sync.resource_classes import WorkflowsResource as WorkflowsResource
    from ._shared import EmailSendResult as EmailSendResult

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
