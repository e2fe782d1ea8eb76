"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_role as get_role
    from . import list_roles as list_roles
    from . import list_roles_filtered as list_roles_filtered
