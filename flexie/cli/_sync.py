"""``flexie sync``: keep a database in step with the workspace, through the dlt source.

The first run loads every record; each later run loads only what changed since the last one (the
cursor is kept in the database, by dlt). ``--with-deletions`` also deletes the rows of records
deleted on the server, at the price of a full pass of pages over the ids of each entity.
"""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from . import _output as out
from ._options import state_of
from ._state import CliError

__all__ = ["sync_command"]


def sync_command(
    ctx: typer.Context,
    entities: Annotated[
        list[str] | None,
        typer.Argument(
            help="What to sync: contacts, leads, accounts, deals, cases, ce:TABLE (default: the five entities).",
            show_default=False,
        ),
    ] = None,
    destination: Annotated[
        str,
        typer.Option(
            "--destination",
            "-d",
            help="A dlt destination by name (duckdb, postgres, bigquery, snowflake, filesystem, ...); credentials "
            "from dlt's config or environment.",
        ),
    ] = "duckdb",
    file: Annotated[
        str | None,
        typer.Option(
            "--file", "-f", help="The DuckDB file (duckdb only). [default: flexie.duckdb]", show_default=False
        ),
    ] = None,
    dataset: Annotated[str, typer.Option("--dataset", help="The dataset (schema) to load into.")] = "crm",
    with_deletions: Annotated[
        bool,
        typer.Option(
            "--with-deletions",
            help="Also delete rows whose records are gone: an id scan, a full pass of pages per entity.",
        ),
    ] = False,
    page_size: Annotated[int, typer.Option("--page-size", min=5, max=100, help="Records per request.")] = 100,
    parallel: Annotated[
        bool, typer.Option("--parallel/--sequential", help="Sync the entities side by side, or one after another.")
    ] = True,
) -> None:
    """Load what changed since the last run into a database (DuckDB file flexie.duckdb by default).

    Tables are named after the entities (ce_TABLE for custom tables), columns after the fields (or your
    --field-alias names), typed from the field list. The first run loads everything; later runs only the
    changes, read by date_modified. Prints the records loaded (and rows deleted) per table.
    """
    from flexie.dlt_sync import sync

    st = state_of(ctx)
    wanted = list(entities) if entities else None
    if destination != "duckdb" and file is not None:
        raise CliError(f"--file is for the duckdb destination; {destination} takes its location from dlt's config")
    started = time.monotonic()
    result = sync(
        st.client,
        wanted,
        destination=destination,
        duckdb_file=file,
        dataset_name=dataset,
        with_deletions=with_deletions,
        page_size=page_size,
        parallel=parallel,
    )
    if st.json_output:
        out.print_json(result.as_dict())
    else:
        rows = [
            {
                "table": t,
                "changed": result.changed.get(t, 0),
                **({"deleted": result.deleted[t]} if with_deletions else {}),
            }
            for t in result.tables
        ]
        out.print_rows(rows, ["table", "changed", *(["deleted"] if with_deletions else [])], title="sync")
    sys.stderr.write(
        f"synced into {result.destination} (dataset {result.dataset}) in {time.monotonic() - started:.1f} s\n"
    )
