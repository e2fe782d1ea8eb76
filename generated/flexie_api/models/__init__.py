"""Contains all the data models used in inputs/outputs.

Each model is imported on first access (PEP 562), so importing one endpoint module does not
import every model of the API.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import Account
    from .account_list import AccountList
    from .associative_array import AssociativeArray
    from .case import Case
    from .case_list import CaseList
    from .category import Category
    from .contact import Contact
    from .contact_list import ContactList
    from .crm_list import CRMList
    from .custom_entity import CustomEntity
    from .custom_entity_list import CustomEntityList
    from .deal import Deal
    from .deal_list import DealList
    from .dynamic_grid_filter import DynamicGridFilter
    from .dynamic_grid_filter_type import DynamicGridFilterType
    from .email import Email
    from .email_list import EmailList
    from .email_send import EmailSend
    from .email_send_result import EmailSendResult
    from .error import Error
    from .error_detail import ErrorDetail
    from .error_detail_fields import ErrorDetailFields
    from .field import Field
    from .field_category import FieldCategory
    from .field_choice import FieldChoice
    from .filter_input import FilterInput
    from .filter_value import FilterValue
    from .filter_value_operator import FilterValueOperator
    from .form import Form
    from .form_list import FormList
    from .lead import Lead
    from .lead_list import LeadList
    from .lists_list import ListsList
    from .note import Note
    from .note_list import NoteList
    from .order_by_dir import OrderByDir
    from .page import Page
    from .page_list import PageList
    from .permission_check import PermissionCheck
    from .permission_check_result import PermissionCheckResult
    from .permission_check_result_permissions import PermissionCheckResultPermissions
    from .reply import Reply
    from .reply_list import ReplyList
    from .report import Report
    from .report_list import ReportList
    from .role import Role
    from .role_list import RoleList
    from .single_account import SingleAccount
    from .single_case import SingleCase
    from .single_contact import SingleContact
    from .single_custom_entity import SingleCustomEntity
    from .single_deal import SingleDeal
    from .single_email import SingleEmail
    from .single_form import SingleForm
    from .single_lead import SingleLead
    from .single_note import SingleNote
    from .single_page import SinglePage
    from .single_reply import SingleReply
    from .single_report import SingleReport
    from .single_role import SingleRole
    from .single_task import SingleTask
    from .single_user import SingleUser
    from .single_workflow import SingleWorkflow
    from .success import Success
    from .task import Task
    from .task_list import TaskList
    from .user import User
    from .user_list import UserList
    from .workflow import Workflow
    from .workflow_list import WorkflowList

_MODULES = {
    "Account": ".account",
    "AccountList": ".account_list",
    "AssociativeArray": ".associative_array",
    "Case": ".case",
    "CaseList": ".case_list",
    "Category": ".category",
    "Contact": ".contact",
    "ContactList": ".contact_list",
    "CRMList": ".crm_list",
    "CustomEntity": ".custom_entity",
    "CustomEntityList": ".custom_entity_list",
    "Deal": ".deal",
    "DealList": ".deal_list",
    "DynamicGridFilter": ".dynamic_grid_filter",
    "DynamicGridFilterType": ".dynamic_grid_filter_type",
    "Email": ".email",
    "EmailList": ".email_list",
    "EmailSend": ".email_send",
    "EmailSendResult": ".email_send_result",
    "Error": ".error",
    "ErrorDetail": ".error_detail",
    "ErrorDetailFields": ".error_detail_fields",
    "Field": ".field",
    "FieldCategory": ".field_category",
    "FieldChoice": ".field_choice",
    "FilterInput": ".filter_input",
    "FilterValue": ".filter_value",
    "FilterValueOperator": ".filter_value_operator",
    "Form": ".form",
    "FormList": ".form_list",
    "Lead": ".lead",
    "LeadList": ".lead_list",
    "ListsList": ".lists_list",
    "Note": ".note",
    "NoteList": ".note_list",
    "OrderByDir": ".order_by_dir",
    "Page": ".page",
    "PageList": ".page_list",
    "PermissionCheck": ".permission_check",
    "PermissionCheckResult": ".permission_check_result",
    "PermissionCheckResultPermissions": ".permission_check_result_permissions",
    "Reply": ".reply",
    "ReplyList": ".reply_list",
    "Report": ".report",
    "ReportList": ".report_list",
    "Role": ".role",
    "RoleList": ".role_list",
    "SingleAccount": ".single_account",
    "SingleCase": ".single_case",
    "SingleContact": ".single_contact",
    "SingleCustomEntity": ".single_custom_entity",
    "SingleDeal": ".single_deal",
    "SingleEmail": ".single_email",
    "SingleForm": ".single_form",
    "SingleLead": ".single_lead",
    "SingleNote": ".single_note",
    "SinglePage": ".single_page",
    "SingleReply": ".single_reply",
    "SingleReport": ".single_report",
    "SingleRole": ".single_role",
    "SingleTask": ".single_task",
    "SingleUser": ".single_user",
    "SingleWorkflow": ".single_workflow",
    "Success": ".success",
    "Task": ".task",
    "TaskList": ".task_list",
    "User": ".user",
    "UserList": ".user_list",
    "Workflow": ".workflow",
    "WorkflowList": ".workflow_list",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_MODULES))


__all__ = (
    "Account",
    "AccountList",
    "AssociativeArray",
    "Case",
    "CaseList",
    "Category",
    "Contact",
    "ContactList",
    "CRMList",
    "CustomEntity",
    "CustomEntityList",
    "Deal",
    "DealList",
    "DynamicGridFilter",
    "DynamicGridFilterType",
    "Email",
    "EmailList",
    "EmailSend",
    "EmailSendResult",
    "Error",
    "ErrorDetail",
    "ErrorDetailFields",
    "Field",
    "FieldCategory",
    "FieldChoice",
    "FilterInput",
    "FilterValue",
    "FilterValueOperator",
    "Form",
    "FormList",
    "Lead",
    "LeadList",
    "ListsList",
    "Note",
    "NoteList",
    "OrderByDir",
    "Page",
    "PageList",
    "PermissionCheck",
    "PermissionCheckResult",
    "PermissionCheckResultPermissions",
    "Reply",
    "ReplyList",
    "Report",
    "ReportList",
    "Role",
    "RoleList",
    "SingleAccount",
    "SingleCase",
    "SingleContact",
    "SingleCustomEntity",
    "SingleDeal",
    "SingleEmail",
    "SingleForm",
    "SingleLead",
    "SingleNote",
    "SinglePage",
    "SingleReply",
    "SingleReport",
    "SingleRole",
    "SingleTask",
    "SingleUser",
    "SingleWorkflow",
    "Success",
    "Task",
    "TaskList",
    "User",
    "UserList",
    "Workflow",
    "WorkflowList",
)
