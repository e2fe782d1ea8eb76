"""The ``flexie`` command tree: global options, one group per resource, ``ce``, ``fields``, ``export``, ``import``,
``fake``."""

import re
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

import flexie

from ._commands import CUSTOM_ENTITY_COMMANDS, RESOURCES, add_resource_commands, print_fields
from ._import import import_command
from ._options import state_of, with_output_options
from ._state import (
    EXIT_API,
    EXIT_CODES_HELP,
    CliError,
    Settings,
    State,
    error_message,
    exit_code_for,
    parse_field_aliases,
    remember_environment_secrets,
    remember_secrets,
    scrub,
)
from ._sync import sync_command

__all__ = ["app", "run"]

HELP = (
    "The command line for the Flexie CRM REST API.\n\n"
    "Connect with --base-url or --subdomain and --api-key, or with the environment: FLEXIE_BASE_URL or "
    "FLEXIE_SUBDOMAIN, and FLEXIE_API_KEY (or FLEXIE_ACCESS_TOKEN). Try it on a fake workspace: flexie fake.\n\n"
    "Output is JSON when standard output is not a terminal (or with --json): records as the server's alias-keyed "
    "objects, lists as JSON arrays. On a terminal it is a table (force one with --table)."
)

EPILOG = (
    "[b]--where FIELD OP VALUE[/b]: = != > >= < <= like contains not_contains starts_with ends_with, "
    "in / not_in with a comma list (status in New,Qualify), between with LOW..HIGH (amount between 10..20), "
    "is_null, is_not_null. Quote values to keep spaces or force text; repeat --where for AND."
    "\n\n" + EXIT_CODES_HELP
)


class FlexieGroup(TyperGroup):
    """Reports every error as one ``error: ...`` line on stderr with its exit code; never a traceback
    for a library error, never a secret."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        code = self._run(args, prog_name, complete_var, windows_expand_args, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        windows_expand_args: bool,
        **extra: Any,
    ) -> int:
        remember_environment_secrets()
        remember_secrets(_option_values(args, "--api-key"))
        try:
            result = super().main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # click >= 8.2: a group run without a command
                text = exc.format_message().strip()  # empty when typer already printed rich help
                if text:
                    sys.stdout.write(text + "\n")
                return exc.exit_code
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            message = re.sub(r"(Did you mean [^?]*\?)(\s+\1)+", r"\1", exc.format_message())
            return _fail(message + hint, exc.exit_code)
        except click.ClickException as exc:
            return _fail(exc.format_message(), exc.exit_code)
        except CliError as exc:
            return _fail(exc.message, exc.exit_code)
        except click.Abort:
            return _fail("aborted", EXIT_API)
        except flexie.FlexieError as exc:
            return _fail(error_message(exc), exit_code_for(exc))
        except OSError as exc:
            return _fail(str(exc), EXIT_API)
        return result if isinstance(result, int) and not isinstance(result, bool) else 0


def _option_values(args: Sequence[str] | None, name: str) -> list[str]:
    """Values given to an option (--name VALUE or --name=VALUE), read before parsing so no error can show them."""
    words = list(args if args is not None else sys.argv[1:])
    found = [w.split("=", 1)[1] for w in words if w.startswith(name + "=")]
    found += [words[i + 1] for i, w in enumerate(words[:-1]) if w == name]
    return found


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"error: {scrub(' '.join(message.split()))}\n")
    sys.stderr.flush()
    return code


app = typer.Typer(
    name="flexie",
    cls=FlexieGroup,
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", help="API root, e.g. https://acme.flexie.io/api (env FLEXIE_BASE_URL).", show_default=False
        ),
    ] = None,
    subdomain: Annotated[
        str | None,
        typer.Option(
            "--subdomain", help="Workspace name: acme for acme.flexie.io (env FLEXIE_SUBDOMAIN).", show_default=False
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            help="API key (env FLEXIE_API_KEY, or FLEXIE_ACCESS_TOKEN for OAuth). Prefer the environment: "
            "options are visible to other users of this machine.",
            show_default=False,
        ),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON, even on a terminal.")] = False,
    table: Annotated[bool, typer.Option("--table", help="Print tables, even when piped.")] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", min=0.001, help="Seconds to wait for each request.", show_default=False)
    ] = None,
    max_retries: Annotated[
        int | None,
        typer.Option("--max-retries", min=0, help="Retries of failed requests (default 2).", show_default=False),
    ] = None,
    field_alias: Annotated[
        list[str] | None,
        typer.Option(
            "--field-alias",
            help="Name a custom field: ENTITY.NAME=ALIAS, e.g. contacts.tier=customer_tier_2 (repeatable).",
            show_default=False,
        ),
    ] = None,
) -> None:
    remember_secrets([api_key])
    settings = Settings(
        base_url=base_url,
        subdomain=subdomain,
        api_key=api_key,
        output="auto",
        timeout=timeout,
        max_retries=max_retries,
        field_aliases=parse_field_aliases(field_alias or []),
    )
    settings.choose_output(json_, table)
    state = State(settings)
    ctx.obj = state
    ctx.call_on_close(state.close)


def _named(name: str) -> Callable[[State], Any]:
    return lambda st: getattr(st.client, name)


for _spec in RESOURCES.values():
    _group = typer.Typer(help=_spec.help, no_args_is_help=True)
    add_resource_commands(_group, _spec.name, _spec.commands, _named(_spec.name))
    app.add_typer(_group, name=_spec.name, rich_help_panel="Records")


ce_app = typer.Typer(
    help="Custom entity tables: flexie ce TABLE list|get|create|update|delete|filter|fields.", no_args_is_help=True
)


@ce_app.callback()
def ce(
    ctx: typer.Context,
    table: Annotated[str, typer.Argument(help="The custom entity table, e.g. projects.", show_default=False)],
) -> None:
    state_of(ctx).table = table


def _custom_table(st: State) -> Any:
    if st.table is None:  # pragma: no cover - the ce callback always sets it
        raise CliError("no table given")
    return st.client.custom_entity(st.table)


add_resource_commands(ce_app, "table records", CUSTOM_ENTITY_COMMANDS, _custom_table)
app.add_typer(ce_app, name="ce", rich_help_panel="Records")


@app.command("fields", rich_help_panel="Tools")
@with_output_options
def fields(
    ctx: typer.Context,
    entity: Annotated[
        str,
        typer.Argument(
            help="contacts, leads, accounts, deals, cases, or ce:TABLE for a custom table.", show_default=False
        ),
    ],
) -> None:
    """The fields of ENTITY (contacts, leads, accounts, deals, cases or ce:TABLE), as a table.

    Columns: alias, label, type, category, required, custom, choices.
    """
    from ._export import resolve_entity

    st = state_of(ctx)
    resource, label = resolve_entity(st, entity)
    print_fields(resource, as_json=st.json_output, title=f"{label} fields")


@app.command("export", rich_help_panel="Tools")
def export(
    ctx: typer.Context,
    entity: Annotated[
        str, typer.Argument(help="What to export: contacts, leads, ..., roles, or ce:TABLE.", show_default=False)
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The file to write (- for standard output).", show_default=False),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="jsonl or csv (default: from the --output extension, else jsonl).", show_default=False
        ),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option("--where", "-w", help="Only records matching this condition (repeatable).", show_default=False),
    ] = None,
    fields: Annotated[
        str | None, typer.Option("--fields", "-f", help="Comma list of fields to export (id is always first).")
    ] = None,
    page_size: Annotated[int, typer.Option("--page-size", min=5, max=100, help="Records per request.")] = 100,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", "-c", min=1, max=64, help="Pages fetched at once (within your rate limit); order is kept."
        ),
    ] = 1,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="JSONL: if --output exists, append only records after its last id (its incomplete last line is "
            "dropped). Without the file, export everything.",
        ),
    ] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="A progress bar on a terminal.")] = True,
) -> None:
    """Export ENTITY (contacts, leads, ..., roles, or ce:TABLE) to a JSONL or CSV file, a page at a time.

    The file is written beside the target under a temporary name and renamed when complete: an interrupted
    run never leaves a half file, so running again is always safe. CSV columns: id, the field aliases in
    field-list order, then other keys of the first page; lists as a|b, dates ISO 8601.
    """
    from ._export import run_export

    run_export(
        state_of(ctx),
        entity=entity,
        output=output,
        fmt=fmt,
        where=where or [],
        fields=fields,
        page_size=page_size,
        concurrency=concurrency,
        resume=resume,
        progress=progress,
    )


app.command("import", rich_help_panel="Tools")(import_command)
app.command("sync", rich_help_panel="Tools")(sync_command)


@app.command("fake", rich_help_panel="Tools")
def fake(
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0 picks a free one).")] = 8080,
    records: Annotated[
        int, typer.Option("--records", min=0, help="Records per resource (0: an empty workspace).")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated data.")] = 1,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", help="The key the fake accepts (default: a random one).", show_default=False),
    ] = None,
) -> None:
    """Serve a seeded fake Flexie workspace in the foreground until Ctrl-C (needs the testing extra).

    Prints its base URL, its API key and a command line to try against it.
    """
    from ._fake import serve_fake

    serve_fake(host=host, port=port, records=records, seed=seed, api_key=api_key)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    command = typer.main.get_command(app)
    code: int = command.main(args=list(argv) if argv is not None else None, prog_name="flexie", standalone_mode=False)
    return code
