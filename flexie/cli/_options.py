"""The options the record commands share, and the ``--json``/``--table`` pair every command accepts."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import click
import typer

from ._state import CliError, State


def state_of(ctx: click.Context) -> State:
    """The CLI state the root callback put on the click context."""
    obj = ctx.obj
    if not isinstance(obj, State):  # pragma: no cover - the root callback always sets it
        raise CliError("internal error: no CLI state")
    return obj


IdArg = Annotated[int, typer.Argument(min=1, help="The record's id.", show_default=False)]
SearchOpt = Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many records.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Every matching record (ignores --limit).")]
OrderOpt = Annotated[str | None, typer.Option("--order-by", help="Field to sort by.", show_default=False)]
DescOpt = Annotated[bool, typer.Option("--desc", help="Sort descending.")]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", "-f", help="Comma list of fields to show (aliases, labels or logical names); id first."),
]
WhereOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        "-w",
        help="A condition: FIELD OP VALUE, e.g. 'email like acme.com', 'amount >= 1000', 'status in New,Qualify', "
        "'points between 10..20', 'phone is_null'. Repeat for AND. See `flexie --help`.",
        show_default=False,
    ),
]
DataOpt = Annotated[
    str,
    typer.Option(
        "--data",
        "-d",
        help='Field values as a JSON object: \'{"email": "jane@acme.com"}\', @file.json, or - to read standard input.',
        show_default=False,
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON, even on a terminal.")]
TableOpt = Annotated[bool, typer.Option("--table", help="Print a table, even when piped.")]


def with_output_options(function: Callable[..., None]) -> Callable[..., None]:
    """Add --json and --table to a command (they work before the command too: flexie --json contacts list)."""
    signature = inspect.signature(function)
    extra = [
        inspect.Parameter("json_", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=JsonOpt),
        inspect.Parameter("table_", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=TableOpt),
    ]

    @functools.wraps(function)
    def command(*args: Any, json_: bool = False, table_: bool = False, **kwargs: Any) -> None:
        ctx = kwargs.get("ctx")
        if ctx is None:
            ctx = click.get_current_context()
        state_of(ctx).settings.choose_output(json_, table_)
        function(*args, **kwargs)

    command.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])  # type: ignore[attr-defined]
    command.__annotations__ = {**function.__annotations__, "json_": JsonOpt, "table_": TableOpt}
    return command
