"""Printing results: JSON for programs (stdout not a terminal, or --json), rich tables for people."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

import flexie

__all__ = [
    "cell",
    "choose_columns",
    "print_json",
    "print_record",
    "print_records",
    "print_rows",
    "project",
    "stderr",
    "stdout",
]

PIPED_WIDTH = 200
NO_WRAP_UNDER = 24  # columns whose values are all this short are never folded
MAX_AUTO_COLUMNS = 6  # id + 5 more when --fields is not given
_SKIP_AUTO = {"id", "date_added", "date_modified"}


def stdout() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console.width = PIPED_WIDTH  # a table forced into a pipe or file: do not fold it to 80 columns
    return console


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)


def dumps(value: Any, *, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_json_default)


def print_json(value: Any) -> None:
    sys.stdout.write(dumps(value, indent=2) + "\n")
    sys.stdout.flush()


def project(record: flexie.Record, columns: Sequence[str] | None) -> dict[str, Any]:
    """The record's raw (alias-keyed) values, only ``columns`` when given."""
    raw = record.raw
    if columns is None:
        return dict(raw)
    return {c: raw.get(c) for c in columns}


def cell(value: Any) -> str:
    """A value as table text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return dumps(value)
    return str(value)


def choose_columns(rows: Sequence[Mapping[str, Any]], limit: int = MAX_AUTO_COLUMNS) -> list[str]:
    """id, then the first keys (in record order) that have a value in some row, skipping timestamps."""
    columns = ["id"] if any("id" in r for r in rows) else []
    seen: list[str] = []
    for row in rows:
        for key in row:
            if key not in seen:
                seen.append(key)
    for key in seen:
        if len(columns) >= limit:
            break
        if key in _SKIP_AUTO or key in columns:
            continue
        if any(row.get(key) not in (None, "", [], {}) for row in rows):
            columns.append(key)
    return columns


def print_records(
    records: Iterable[flexie.Record],
    *,
    as_json: bool,
    columns: Sequence[str] | None,
    title: str,
    total: Any = None,
) -> int:
    """Stream records as a JSON array (one record per line), or collect them into a table. Returns the count."""
    if as_json:
        out = sys.stdout
        items = iter(records)
        first = next(items, None)  # nothing is printed before the first page arrived
        if first is None:
            out.write("[]\n")
            out.flush()
            return 0
        out.write("[\n" + dumps(project(first, columns)))
        count = 1
        for record in items:
            out.write(",\n" + dumps(project(record, columns)))
            count += 1
        out.write("\n]\n")
        out.flush()
        return count
    rows = [project(r, columns) for r in records]
    shown = list(columns) if columns is not None else choose_columns(rows)
    caption = None
    known_total = total() if callable(total) else total
    if isinstance(known_total, int):
        caption = f"{len(rows)} of {known_total}"
    print_rows(rows, shown, title=title, caption=caption)
    return len(rows)


def print_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, title: str | None = None, caption: str | None = None
) -> None:
    table = Table(title=title, caption=caption, show_lines=False)
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    for i, name in enumerate(columns):
        short = max((len(r[i]) for r in cells), default=0) <= NO_WRAP_UNDER
        table.add_column(name, overflow="fold", no_wrap=short, justify="right" if name == "id" else "left")
    for row_cells in cells:
        table.add_row(*row_cells)
    stdout().print(table)


def print_record(record: flexie.Record | Mapping[str, Any], *, as_json: bool, title: str | None = None) -> None:
    """One record: a JSON object, or a two-column table of its fields."""
    raw = record.raw if isinstance(record, flexie.Record) else dict(record)
    if as_json:
        print_json(raw)
        return
    table = Table(title=title, show_header=True)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in raw.items():
        table.add_row(key, cell(value))
    stdout().print(table)
