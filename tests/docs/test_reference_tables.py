"""Hand-written reference tables in docs/ agree with the code they describe.

Prose can drift; these tables are where drift would mislead most (a method that does not exist,
an operator a field type refuses, an argument with another name), so they are checked here.
"""

from __future__ import annotations

import inspect
import re

import pytest

import flexie
from flexie import F
from flexie import errors as flexie_errors
from flexie.filters import FILTER_TYPE_OF_FIELD, OPERATORS
from tests.docs.snippets import DOCS

CODE = re.compile(r"`([^`]+)`")


def table(page: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header line starts with ``header``."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith(header):
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append([cell.strip() for cell in row.strip().strip("|").split(" | ")])
            return rows
    raise AssertionError(f"docs/{page} has no table starting with {header!r}")


def codes(cell: str) -> list[str]:
    return CODE.findall(cell)


def test_filter_types_and_operators_match_the_code() -> None:
    documented_types: dict[str, set[str]] = {}
    for field_types, filter_type, operators in table("filters.md", "| Field types | Filter type | Operators |"):
        (name,) = codes(filter_type)
        assert set(codes(operators)) == set(OPERATORS[name]), name
        documented_types[name] = set(codes(field_types))
    assert set(documented_types) == set(OPERATORS)
    for field_type, filter_type in FILTER_TYPE_OF_FIELD.items():
        assert field_type in documented_types[filter_type], field_type


def test_each_python_spelling_builds_the_documented_operator() -> None:
    rows = table("filters.md", "| Python | Operator on the wire | Matches |")
    namespace = {"F": F, "name": "x", "v": 1, "low": 1, "high": 2, "values": [1, 2], "text": "a"}
    seen = set()
    for python, wire, _ in rows:
        (expression,) = codes(python)
        (operator,) = codes(wire)
        condition = eval(expression, namespace)
        assert isinstance(condition, flexie.Condition), expression
        assert condition.operator == operator, expression
        seen.add(operator)
    assert seen == set().union(*OPERATORS.values())


RESOURCE_CLASSES = {
    "client.contacts": "EntityResource",
    "client.leads": "EntityResource",
    "client.accounts": "EntityResource",
    "client.deals": "EntityResource",
    "client.cases": "CasesResource",
    'client.custom_entity("table")': "EntityResource",
    "client.tasks": "TasksResource",
    "client.notes": "NotesResource",
    "client.emails": "EmailsResource",
    "client.workflows": "WorkflowsResource",
    "client.forms": "FormsResource",
    "client.pages": "PagesResource",
    "client.reports": "ReportsResource",
    "client.roles": "RolesResource",
    "client.users": "UsersResource",
}


def test_resource_methods_match_the_resource_classes() -> None:
    from flexie import resources

    rows = table("resources.md", "| Attribute | Methods |")
    documented: dict[str, set[str]] = {}
    for attributes, methods in rows:
        names = set(codes(methods))
        if methods.startswith("the same as contacts"):
            names |= documented["client.contacts"]
        for attribute in codes(attributes):
            documented[attribute] = names
    assert set(documented) == set(RESOURCE_CLASSES)
    for attribute, class_name in RESOURCE_CLASSES.items():
        cls = getattr(resources, class_name)
        public = {name for name in dir(cls) if not name.startswith("_")}
        assert documented[attribute] == public, attribute


def test_client_arguments_match_the_constructor() -> None:
    documented = set()
    for argument, _, _ in table("configuration.md", "| Argument | Default | What it does |"):
        documented |= set(codes(argument))
    for cls in (flexie.Flexie, flexie.AsyncFlexie):
        assert documented == set(inspect.signature(cls.__init__).parameters) - {"self"}, cls.__name__


def test_fake_arguments_match_the_constructor() -> None:
    pytest.importorskip("uvicorn", reason="the testing extra is not installed")
    from flexie.testing import FakeFlexie

    documented = set()
    for argument, _, _ in table("testing.md", "| Argument | Default | Meaning |"):
        documented |= set(codes(argument))
    parameters = set(inspect.signature(FakeFlexie.__init__).parameters) - {"self", "startup_timeout"}
    assert documented == parameters


def test_the_exception_tree_matches_the_classes() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    tree = text[text.index("```text\nFlexieError") + len("```text\n") :]
    tree = tree[: tree.index("```")]
    parents: dict[str, str | None] = {}
    stack: list[str] = []
    for line in tree.splitlines():
        match = re.match(r"^([│ ]*)(?:[├└]── )?(\w+)", line)
        assert match, line
        depth = len(match.group(1)) // 4 + (1 if "── " in line else 0)
        del stack[depth:]
        parents[match.group(2)] = stack[-1] if stack else None
        stack.append(match.group(2))
    classes = {
        name: cls
        for name, cls in vars(flexie_errors).items()
        if inspect.isclass(cls) and issubclass(cls, flexie_errors.FlexieError)
    }
    assert set(parents) == set(classes)
    for name, parent in parents.items():
        base = classes[name].__bases__[0]
        assert (base.__name__ if base is not Exception else None) == parent, name
        assert getattr(flexie, name) is classes[name]
