"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import check_permission as check_permission
    from . import create_user as create_user
    from . import delete_user as delete_user
    from . import get_self as get_self
    from . import get_user as get_user
    from . import list_users as list_users
    from . import list_users_filtered as list_users_filtered
    from . import update_user as update_user
