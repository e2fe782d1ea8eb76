"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_lead as create_lead
    from . import delete_lead as delete_lead
    from . import filter_lead_lists as filter_lead_lists
    from . import get_lead as get_lead
    from . import get_lead_lists as get_lead_lists
    from . import get_lead_notes as get_lead_notes
    from . import get_lead_workflows as get_lead_workflows
    from . import lead_list_add as lead_list_add
    from . import lead_list_remove as lead_list_remove
    from . import list_lead_field_categories as list_lead_field_categories
    from . import list_lead_fields as list_lead_fields
    from . import list_lead_lists as list_lead_lists
    from . import list_leads as list_leads
    from . import list_leads_filtered as list_leads_filtered
    from . import update_lead as update_lead
    from . import update_lead_by_unqiue_field as update_lead_by_unqiue_field
