"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import contact_list_add as contact_list_add
    from . import contact_list_remove as contact_list_remove
    from . import create_contact as create_contact
    from . import delete_contact as delete_contact
    from . import filter_contact_lists as filter_contact_lists
    from . import get_contact_lists as get_contact_lists
    from . import get_contact_notes as get_contact_notes
    from . import get_contact_workflows as get_contact_workflows
    from . import get_contacts as get_contacts
    from . import list_contact_field_categories as list_contact_field_categories
    from . import list_contact_fields as list_contact_fields
    from . import list_contact_lists as list_contact_lists
    from . import list_contacts as list_contacts
    from . import list_contacts_filtered as list_contacts_filtered
    from . import update_contact as update_contact
    from . import update_contact_by_unique_field as update_contact_by_unique_field
