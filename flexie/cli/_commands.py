"""The record commands: one typer group per resource, with a command for each method the resource has.

Which methods each resource has is spelled out in ``RESOURCES`` (the library's resources decide it;
``tests/cli`` checks this table against them).
"""

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer

import flexie

from . import _output as out
from ._options import (
    AllOpt,
    DataOpt,
    DescOpt,
    FieldsOpt,
    IdArg,
    LimitOpt,
    OrderOpt,
    SearchOpt,
    WhereOpt,
    YesOpt,
    state_of,
    with_output_options,
)
from ._state import CliError, State, read_data
from ._where import WhereSyntaxError, conditions

__all__ = ["RESOURCES", "ResourceSpec", "add_resource_commands", "describe", "resolve_columns", "where_conditions"]

Getter = Callable[[State], Any]

_ENTITY = ("list", "filter", "get", "create", "update", "delete", "fields")


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    commands: tuple[str, ...]
    help: str


RESOURCES: dict[str, ResourceSpec] = {
    spec.name: spec
    for spec in (
        ResourceSpec("contacts", _ENTITY, "Contacts: the people you deal with."),
        ResourceSpec("leads", _ENTITY, "Leads: prospects not yet qualified."),
        ResourceSpec("accounts", _ENTITY, "Accounts: companies and organisations."),
        ResourceSpec("deals", _ENTITY, "Deals: opportunities in a pipeline."),
        ResourceSpec("cases", (*_ENTITY, "replies", "reply"), "Cases: support tickets, with replies."),
        ResourceSpec(
            "tasks",
            ("list", "filter", "get", "create", "update", "delete", "categories", "complete", "incomplete"),
            "Tasks: to-dos, which can be completed.",
        ),
        ResourceSpec("notes", ("create-note", "get", "update", "delete"), "Notes attached to records."),
        ResourceSpec("emails", ("list", "filter", "get"), "Emails (list and template emails)."),
        ResourceSpec(
            "workflows", ("list", "filter", "get", "update", "delete", "categories"), "Workflows (automations)."
        ),
        ResourceSpec("forms", ("list", "get"), "Forms."),
        ResourceSpec("pages", ("list", "filter", "get"), "Landing pages."),
        ResourceSpec("reports", ("list", "filter", "get"), "Reports."),
        ResourceSpec("users", ("list", "filter", "get", "create", "update", "delete", "me"), "Users of the workspace."),
        ResourceSpec("roles", ("list", "filter", "get"), "Roles and their permissions."),
    )
}
CUSTOM_ENTITY_COMMANDS = _ENTITY


def describe(resource: Any) -> flexie.FieldSchema | None:
    """The field schema of resources that have account-defined fields (None for the others)."""
    if not hasattr(resource, "describe"):
        return None
    schema: flexie.FieldSchema = resource.describe()
    return schema


def resolve_columns(resource: Any, fields: str | None) -> list[str] | None:
    """``--fields a,b`` as aliases (labels and logical names resolved; unknown ones explained), id first."""
    if fields is None:
        return None
    names = [n.strip() for n in fields.split(",") if n.strip()]
    if not names:
        raise CliError("--fields takes a comma list of field names, e.g. --fields email,city")
    schema = describe(resource)
    columns = ["id"]
    for name in names:
        alias = schema.resolve(name).alias if schema is not None else name
        if alias not in columns:
            columns.append(alias)
    return columns


def where_conditions(expressions: Sequence[str], schema: flexie.FieldSchema | None) -> list[flexie.Condition]:
    try:
        return conditions(expressions, schema)
    except WhereSyntaxError as exc:
        raise CliError(f"bad --where: {exc}") from None


# -- command factories ------------------------------------------------------------------------------


def _list(name: str, get: Getter) -> Callable[..., None]:
    def list_records(
        ctx: typer.Context,
        search: SearchOpt = None,
        limit: LimitOpt = 50,
        all_: AllOpt = False,
        order_by: OrderOpt = None,
        desc: DescOpt = False,
        fields: FieldsOpt = None,
    ) -> None:
        st = state_of(ctx)
        resource = get(st)
        columns = resolve_columns(resource, fields)
        pager = resource.list(
            search=search,
            order_by=order_by,
            descending=desc,
            limit=None if all_ else limit,
            page_size=100 if all_ else min(limit, 100),
        )
        out.print_records(pager, as_json=st.json_output, columns=columns, title=name, total=lambda: pager.total)

    return list_records


def _filter(name: str, get: Getter) -> Callable[..., None]:
    def filter_records(
        ctx: typer.Context,
        where: WhereOpt = None,
        search: SearchOpt = None,
        limit: LimitOpt = 50,
        all_: AllOpt = False,
        order_by: OrderOpt = None,
        desc: DescOpt = False,
        fields: FieldsOpt = None,
    ) -> None:
        st = state_of(ctx)
        resource = get(st)
        schema = describe(resource) if where or fields else None
        conds = where_conditions(where or [], schema)
        columns = resolve_columns(resource, fields)
        pager = resource.filter(
            *conds,
            search=search,
            order_by=order_by,
            descending=desc,
            limit=None if all_ else limit,
            page_size=100 if all_ else min(max(limit, 5), 100),
        )
        out.print_records(pager, as_json=st.json_output, columns=columns, title=name, total=lambda: pager.total)

    return filter_records


def _get(name: str, get: Getter) -> Callable[..., None]:
    def get_record(ctx: typer.Context, id: IdArg) -> None:
        st = state_of(ctx)
        out.print_record(get(st).get(id), as_json=st.json_output, title=f"{name} {id}")

    return get_record


def _create(name: str, get: Getter) -> Callable[..., None]:
    def create_record(ctx: typer.Context, data: DataOpt) -> None:
        st = state_of(ctx)
        values = _read(data)
        record = get(st).create(values)
        out.print_record(record, as_json=st.json_output, title=f"created {name} {record.id}")

    return create_record


def _update(name: str, get: Getter) -> Callable[..., None]:
    def update_record(ctx: typer.Context, id: IdArg, data: DataOpt) -> None:
        st = state_of(ctx)
        values = _read(data)
        record = get(st).update(id, values)
        out.print_record(record, as_json=st.json_output, title=f"updated {name} {id}")

    return update_record


def _delete(name: str, get: Getter) -> Callable[..., None]:
    def delete_record(ctx: typer.Context, id: IdArg, yes: YesOpt = False) -> None:
        st = state_of(ctx)
        if not yes:
            if not sys.stdin.isatty():
                raise CliError(f"not deleting {name} {id} without confirmation: pass --yes")
            if not typer.confirm(f"Delete {name} {id}?", default=False, err=True):
                raise CliError("not deleted", exit_code=1)
        get(st).delete(id)
        if st.json_output:
            out.print_json({"id": id, "deleted": True})
        else:
            out.stdout().print(f"Deleted {name} {id}.")

    return delete_record


def _fields(name: str, get: Getter) -> Callable[..., None]:
    def list_fields(ctx: typer.Context) -> None:
        st = state_of(ctx)
        print_fields(get(st), as_json=st.json_output, title=f"{name} fields")

    return list_fields


def _categories(name: str, get: Getter) -> Callable[..., None]:
    def list_categories(ctx: typer.Context) -> None:
        st = state_of(ctx)
        records = get(st).categories()
        out.print_records(records, as_json=st.json_output, columns=None, title=f"{name} categories")

    return list_categories


def _task_action(action: str, get: Getter) -> Callable[..., None]:
    def run(ctx: typer.Context, id: IdArg) -> None:
        st = state_of(ctx)
        record = getattr(get(st), action)(id)
        out.print_record(record, as_json=st.json_output, title=f"task {id}")

    return run


def _replies(name: str, get: Getter) -> Callable[..., None]:
    def list_replies(ctx: typer.Context, id: IdArg, limit: LimitOpt = 50, all_: AllOpt = False) -> None:
        st = state_of(ctx)
        pager = get(st).replies(id, limit=None if all_ else limit)
        out.print_records(pager, as_json=st.json_output, columns=None, title=f"replies to case {id}")

    return list_replies


def _reply(name: str, get: Getter) -> Callable[..., None]:
    def add_reply(
        ctx: typer.Context,
        id: IdArg,
        text: Annotated[str | None, typer.Option("--text", "-t", help="The reply's text.")] = None,
        template_id: Annotated[int | None, typer.Option("--template-id", help="Reply with an email template.")] = None,
    ) -> None:
        st = state_of(ctx)
        values: dict[str, Any] = {}
        if text is not None:
            values["text"] = text
        if template_id is not None:
            values["template_id"] = template_id
        if not values:
            raise CliError("a reply needs --text or --template-id")
        out.print_record(get(st).add_reply(id, values), as_json=st.json_output, title=f"reply to case {id}")

    return add_reply


def _me(name: str, get: Getter) -> Callable[..., None]:
    def me(ctx: typer.Context) -> None:
        st = state_of(ctx)
        out.print_record(get(st).me(), as_json=st.json_output, title="me")

    return me


def _create_note(name: str, get: Getter) -> Callable[..., None]:
    def create_note(
        ctx: typer.Context,
        on: Annotated[
            str,
            typer.Option(
                "--on",
                help="The record to attach the note to, TYPE:ID: contact:17, lead:3, account:5, deal:8, case:2, "
                "or a custom table, projects:4.",
                show_default=False,
            ),
        ],
        text: Annotated[str | None, typer.Option("--text", "-t", help="The note's text.")] = None,
        type_: Annotated[str | None, typer.Option("--type", help="The note's type, e.g. call, email, meeting.")] = None,
        data: Annotated[
            str | None, typer.Option("--data", "-d", help="More values as a JSON object, @file.json or -.")
        ] = None,
    ) -> None:
        st = state_of(ctx)
        kind, _, raw_id = on.rpartition(":")
        kind = kind.removeprefix("ce:")
        if not kind or not raw_id.isdigit() or int(raw_id) < 1:
            raise CliError(f"--on takes TYPE:ID such as contact:17, got {on!r}")
        values = _read(data) if data is not None else {}
        if text is not None:
            values["text"] = text
        if type_ is not None:
            values["type"] = type_
        if not values:
            raise CliError("a note needs --text (or --data)")
        record = get(st).create(kind, int(raw_id), values)
        out.print_record(record, as_json=st.json_output, title=f"note on {kind} {raw_id}")

    return create_note


def _read(data: str) -> dict[str, Any]:
    return read_data(data)


def print_fields(resource: Any, *, as_json: bool, title: str) -> None:
    schema = describe(resource)
    if schema is None:
        raise CliError("only contacts, leads, accounts, deals, cases and custom tables (ce:TABLE) have a field list")
    rows = [
        {
            "alias": f.alias,
            "label": f.label,
            "type": f.type,
            "category": f.category,
            "required": f.required,
            "custom": f.custom,
            "choices": f.choice_values,
        }
        for f in schema.fields
    ]
    if as_json:
        out.print_json(rows)
    else:
        out.print_rows(rows, ["alias", "label", "type", "category", "required", "custom", "choices"], title=title)


# name on the command line -> (factory, help)
_FACTORIES: dict[str, tuple[Callable[[str, Getter], Callable[..., None]], str, str]] = {
    "list": (_list, "list", "List {name}: the first 50 (--limit N), or --all."),
    "filter": (_filter, "filter", "Find {name} matching every --where condition (paged by id, safe under changes)."),
    "get": (_get, "get", "Show one of the {name}: get ID."),
    "create": (_create, "create", "Create one of the {name} from --data; prints it as stored."),
    "update": (
        _update,
        "update",
        "Change the fields given in --data of one of the {name}: update ID --data '{{...}}'.",
    ),
    "delete": (_delete, "delete", "Delete one of the {name}: delete ID (asks first unless --yes)."),
    "fields": (_fields, "fields", "The {name} fields: alias, label, type, category, required, custom, choices."),
    "categories": (_categories, "categories", "The categories {name} can be filed under."),
    "complete": (lambda n, g: _task_action("complete", g), "complete", "Mark a task done: complete ID."),
    "incomplete": (lambda n, g: _task_action("incomplete", g), "incomplete", "Mark a task not done: incomplete ID."),
    "replies": (_replies, "replies", "The replies to a case: replies ID."),
    "reply": (_reply, "reply", "Reply to a case: reply ID --text '...' (or --template-id N)."),
    "me": (_me, "me", "The user the API key belongs to."),
    "create-note": (_create_note, "create", "Attach a note to a record: --on contact:17 --text 'Called back'."),
}


def add_resource_commands(app: typer.Typer, name: str, commands: Sequence[str], get: Getter) -> None:
    """Register the commands of one resource on its typer group."""
    for command in commands:
        factory, cli_name, help_text = _FACTORIES[command]
        function = with_output_options(factory(name, get))
        app.command(cli_name, help=help_text.format(name=name))(function)
