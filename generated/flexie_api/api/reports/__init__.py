"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import get_report as get_report
    from . import list_reports as list_reports
    from . import list_reports_filtered as list_reports_filtered
