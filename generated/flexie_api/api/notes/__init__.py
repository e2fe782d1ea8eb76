"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_note as create_note
    from . import delete_note as delete_note
    from . import get_note as get_note
    from . import update_note as update_note
