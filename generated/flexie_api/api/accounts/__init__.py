"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import account_list_add as account_list_add
    from . import account_list_remove as account_list_remove
    from . import create_account as create_account
    from . import delete_account as delete_account
    from . import filter_account_lists as filter_account_lists
    from . import get_account as get_account
    from . import get_account_lists as get_account_lists
    from . import get_account_notes as get_account_notes
    from . import get_account_workflows as get_account_workflows
    from . import list_account_field_categories as list_account_field_categories
    from . import list_account_fields as list_account_fields
    from . import list_account_lists as list_account_lists
    from . import list_accounts as list_accounts
    from . import list_accounts_filtered as list_accounts_filtered
    from . import update_account as update_account
    from . import update_account_by_unique_field as update_account_by_unique_field
