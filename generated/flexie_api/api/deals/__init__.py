"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import create_deal as create_deal
    from . import deal_list_add as deal_list_add
    from . import deal_list_remove as deal_list_remove
    from . import delete_deal as delete_deal
    from . import filter_deal_lists as filter_deal_lists
    from . import get_deal as get_deal
    from . import get_deal_lists as get_deal_lists
    from . import get_deal_notes as get_deal_notes
    from . import get_deal_workflows as get_deal_workflows
    from . import lis_deals as lis_deals
    from . import lis_deals_filtered as lis_deals_filtered
    from . import list_deal_field_categories as list_deal_field_categories
    from . import list_deal_fields as list_deal_fields
    from . import list_deal_lists as list_deal_lists
    from . import update_deal as update_deal
    from . import update_deal_by_unique_field as update_deal_by_unique_field
