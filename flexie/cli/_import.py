"""``flexie import ENTITY FILE``: a CSV or JSONL file into contacts, leads, ..., or a custom table.

The command line of :func:`flexie.imports.import_records`: the same checks, upsert, reject file and journal,
with a progress bar on a terminal and the report at the end (a table, or JSON with --json).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import _output as out
from ._options import state_of, with_output_options
from ._state import EXIT_VALIDATION, CliError, exit_code_for

if TYPE_CHECKING:
    from flexie.imports import ImportReport

__all__ = ["import_command"]

EntityArg = Annotated[
    str,
    typer.Argument(help="contacts, leads, accounts, deals, cases, or ce:TABLE for a custom table.", show_default=False),
]
FileArg = Annotated[Path, typer.Argument(help="The CSV or JSONL file to import.", show_default=False)]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        "-m",
        help="COLUMN=FIELD: the field (alias, label or logical name) a column fills; COLUMN= leaves it out. "
        "Repeatable. Columns without one fill the field their header names.",
        show_default=False,
    ),
]
MappingOpt = Annotated[
    Path | None,
    typer.Option("--mapping", help="A file of mappings: a JSON object, or COLUMN=FIELD lines.", show_default=False),
]
UpsertOpt = Annotated[
    str | None,
    typer.Option(
        "--upsert-by",
        "-u",
        help="A unique field, e.g. email: a row that matches a record updates it, else creates one. "
        "Without it every row creates a record.",
        show_default=False,
    ),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check every row against the fields; write nothing.")]
ConcurrencyOpt = Annotated[int, typer.Option("--concurrency", "-c", min=1, max=64, help="Rows written at once.")]
RejectsOpt = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        help="Where rejected rows go, in the input's format with _row and _error added (default: "
        "NAME.rejects.EXT beside the input). Fix them and import that file.",
        show_default=False,
    ),
]
JournalOpt = Annotated[
    Path | None,
    typer.Option("--journal", help="The journal (default: FILE.import-journal beside the input).", show_default=False),
]
RestartOpt = Annotated[
    bool, typer.Option("--restart", help="Ignore the journal of an earlier run and import everything again.")
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", help="csv or jsonl (default: from the extension).", show_default=False)
]
ProgressOpt = Annotated[bool, typer.Option("--progress/--no-progress", help="A progress bar on a terminal.")]


@with_output_options
def import_command(
    ctx: typer.Context,
    entity: EntityArg,
    file: FileArg,
    map_: MapOpt = None,
    mapping_file: MappingOpt = None,
    upsert_by: UpsertOpt = None,
    dry_run: DryRunOpt = False,
    concurrency: ConcurrencyOpt = 8,
    rejects: RejectsOpt = None,
    journal: JournalOpt = None,
    restart: RestartOpt = False,
    fmt: FormatOpt = None,
    progress: ProgressOpt = True,
) -> None:
    """Import FILE (CSV or JSONL) into ENTITY: every row is checked first, then written; resumable.

    A spreadsheet's CSV (UTF-8, with or without BOM; comma, semicolon or tab) or one JSON object a line.
    Rows that fail go to the reject file; the others are created, or with --upsert-by updated when their
    key matches (rows with the same key apply in file order: the later row wins). The journal beside the
    input lets an interrupted import (Ctrl-C, a crash, kill) resume when run again, without creating any
    record twice. Exit code 5 when some rows were rejected.
    """
    from flexie import imports  # loaded when this command runs, not by every flexie command

    from ._export import resolve_entity

    st = state_of(ctx)
    mapping = imports.load_mapping(mapping_file) if mapping_file is not None else {}
    mapping.update(imports.parse_mapping(map_ or []))
    resource, _ = resolve_entity(st, entity)
    with _ProgressBar(progress and not dry_run) as advance:
        try:
            report = imports.import_records(
                resource,
                file,
                mapping=mapping,
                upsert_by=upsert_by,
                dry_run=dry_run,
                concurrency=concurrency,
                reject_file=rejects if rejects is not None else imports.default_reject_file(file),
                journal=journal if journal is not None else True,
                restart=restart,
                format=fmt,
                progress=advance,
            )
        except imports.ImportStoppedError as exc:
            _print(exc.report, as_json=False)
            raise CliError(str(exc), exit_code_for(exc.cause)) from None
    _print(report, as_json=st.json_output)
    if report.rejected:
        raise typer.Exit(EXIT_VALIDATION)


class _ProgressBar:
    """A rich progress bar on stderr (when it is a terminal); yields the callback the import calls."""

    def __init__(self, enabled: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = out.stderr()
        self._bar = Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=not (enabled and console.is_terminal),
        )
        self._task = self._bar.add_task("importing", total=None)

    def __enter__(self) -> Any:
        self._bar.__enter__()
        return self._advance

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def _advance(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)


def _print(report: "ImportReport", *, as_json: bool) -> None:
    if as_json:
        out.print_json(report.to_dict())
        return
    console = out.stdout()
    console.print(report.summary(), markup=False)
    if report.errors:
        out.print_rows(
            [{"row": e.row, "error": e.message} for e in report.errors],
            ["row", "error"],
            title=f"rejected rows (first {len(report.errors)} of {report.rejected})",
        )
    for name, path in (("rejected rows", report.reject_file), ("journal", report.journal)):
        if path is not None:
            console.print(f"{name}: {path}", markup=False, highlight=False)
