"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_custom_entity as create_custom_entity
    from . import custom_entity_list_add as custom_entity_list_add
    from . import custom_entity_list_remove as custom_entity_list_remove
    from . import delete_custom_entity as delete_custom_entity
    from . import filter_custom_entity_lists as filter_custom_entity_lists
    from . import get_custom_entity as get_custom_entity
    from . import get_custom_entity_lists as get_custom_entity_lists
    from . import get_custom_entity_notes as get_custom_entity_notes
    from . import get_custom_entity_workflows as get_custom_entity_workflows
    from . import list_custom_entities as list_custom_entities
    from . import list_custom_entities_filtered as list_custom_entities_filtered
    from . import (
        list_custom_entity_field_categories as list_custom_entity_field_categories,
    )
    from . import list_custom_entity_fields as list_custom_entity_fields
    from . import list_custom_entity_lists as list_custom_entity_lists
    from . import update_custom_entity as update_custom_entity
    from . import (
        update_custom_entity_by_unique_field as update_custom_entity_by_unique_field,
    )
