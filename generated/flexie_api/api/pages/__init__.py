"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_page as get_page
    from . import list_pages as list_pages
    from . import list_pages_filtered as list_pages_filtered
