"""Contains endpoint functions for accessing the API"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import complete_task as complete_task
    from . import create_task as create_task
    from . import delete_task as delete_task
    from . import get_task as get_task
    from . import incomplete_task as incomplete_task
    from . import list_task_categories as list_task_categories
    from . import list_tasks as list_tasks
    from . import list_tasks_post as list_tasks_post
    from . import update_task as update_task
