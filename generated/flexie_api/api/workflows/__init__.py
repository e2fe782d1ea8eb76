"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import delete_workflow as delete_workflow
    from . import get_workflow as get_workflow
    from . import list_workflow_categories as list_workflow_categories
    from . import list_workflows as list_workflows
    from . import list_workflows_filtered as list_workflows_filtered
    from . import update_workflow as update_workflow
