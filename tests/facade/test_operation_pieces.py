"""Every operation of the spec has its three hand-written pieces, and a missing one is named.

The pieces (docs/contributing.md, "Adding an endpoint"): its row in the table of operations
(flexie/resources/_specs.py), its facade method on both clients (written in flexie/_async/resources.py,
the sync twin generated), and its route in the fake (flexie/testing/routes.py). The failure message
says which piece is missing for which operation, and where it goes.
"""

from __future__ import annotations

import re
from typing import Any

import flexie
from flexie._generated import snake_case
from flexie.resources._specs import facade_methods
from flexie.testing.routes import ROUTES

HTTP_METHODS = ("get", "post", "put", "delete", "patch")


def _holder(client: Any, call: str) -> tuple[Any, str]:
    """The resource object and method name of ``client.contacts.get`` or ``client.custom_entity("t").get``."""
    match = re.fullmatch(r"client\.(\w+)(\(\"\w+\"\))?\.(\w+)", call)
    assert match, call
    resource = getattr(client, match.group(1))
    return (resource("your_table") if match.group(2) else resource), match.group(3)


def missing_pieces(spec: dict[str, Any]) -> list[str]:
    """One line per missing piece: the operation, what is missing, and where it goes."""
    registry = facade_methods()
    routes = {route.operation_id for route in ROUTES}
    clients = [cls(base_url="http://127.0.0.1:9/api", api_key="k") for cls in (flexie.Flexie, flexie.AsyncFlexie)]
    problems: list[str] = []
    for path, item in spec["paths"].items():
        for verb, op in item.items():
            if verb not in HTTP_METHODS:
                continue
            op_id = op["operationId"]
            where = f"{op_id} ({verb.upper()} {path})"
            call = registry.get(op_id)
            if call is None:
                module = f"api.{snake_case(op['tags'][0])}.{snake_case(op_id)}"
                problems.append(
                    f"{where}: no row in the table of operations; add `<method>={module}` to its resource's "
                    "Operations(...) in flexie/resources/_specs.py"
                )
            else:
                for client in clients:
                    holder, method = _holder(client, call)
                    if not callable(getattr(holder, method, None)):
                        problems.append(
                            f"{where}: no facade method {call} on {type(client).__name__}; write it in "
                            "flexie/_async/resources.py, then `make generate` (the sync twin is generated)"
                        )
            if op_id not in routes:
                problems.append(
                    f'{where}: no route in the fake; add R("{verb.upper()}", "{path}", "{op_id}", <handler>, '
                    "<resource>) to flexie/testing/routes.py"
                )
    return problems


def test_every_operation_has_a_table_row_a_facade_method_and_a_fake_route(spec: dict[str, Any]) -> None:
    problems = missing_pieces(spec)
    assert not problems, "operations with a missing piece:\n" + "\n".join(problems)


def test_a_missing_piece_is_named(spec: dict[str, Any]) -> None:
    extra = {
        "tags": ["Tasks"],
        "operationId": "getTaskNotes",
        "responses": {"200": {"description": "Success."}},
    }
    changed = {**spec, "paths": {**spec["paths"], "/tasks/{id}/notes": {"get": extra}}}
    assert missing_pieces(changed) == [
        "getTaskNotes (GET /tasks/{id}/notes): no row in the table of operations; add "
        "`<method>=api.tasks.get_task_notes` to its resource's Operations(...) in flexie/resources/_specs.py",
        'getTaskNotes (GET /tasks/{id}/notes): no route in the fake; add R("GET", "/tasks/{id}/notes", '
        '"getTaskNotes", <handler>, <resource>) to flexie/testing/routes.py',
    ]
