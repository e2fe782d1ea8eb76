"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_form as get_form
    from . import list_forms as list_forms
