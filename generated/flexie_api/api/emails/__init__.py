"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_email as get_email
    from . import list_emails as list_emails
    from . import list_emails_filtered as list_emails_filtered
    from . import send_email as send_email
