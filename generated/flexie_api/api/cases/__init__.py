"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import add_case_reply as add_case_reply
    from . import add_case_reply_by_identifier as add_case_reply_by_identifier
    from . import case_list_add as case_list_add
    from . import case_list_remove as case_list_remove
    from . import create_case as create_case
    from . import delete_case as delete_case
    from . import filter_case_lists as filter_case_lists
    from . import get_case as get_case
    from . import get_case_lists as get_case_lists
    from . import get_case_notes as get_case_notes
    from . import get_case_replies as get_case_replies
    from . import get_case_replies_by_identifier as get_case_replies_by_identifier
    from . import get_case_workflows as get_case_workflows
    from . import lis_cases_filtered as lis_cases_filtered
    from . import list_case_field_categories as list_case_field_categories
    from . import list_case_fields as list_case_fields
    from . import list_case_lists as list_case_lists
    from . import list_cases as list_cases
    from . import update_case as update_case
    from . import update_case_by_unique_field as update_case_by_unique_field
