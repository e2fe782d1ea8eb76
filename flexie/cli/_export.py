"""``flexie export``: every record of a resource into a JSONL or CSV file, a page at a time.

- Memory stays flat: records are written as each page arrives (``pager.pages()``).
- Atomic: the file is written to a temporary file beside the target (``.NAME.XXXX.part``) and renamed
  over the target only once complete, so an interrupted or failed run never leaves a half file and
  re-running is always safe.
- Resources with ``filter()`` are exported through it: pages by id (``id > last seen``, ascending),
  so a record present throughout the export is written exactly once however the data changes meanwhile.
- ``--resume`` (JSONL only): when the target exists, its last complete line gives the last exported id,
  and only records with ``id > last_id`` (and the --where conditions) are fetched and appended. An
  incomplete last line is dropped (and its record fetched again). The append is atomic too: the kept
  part of the old file is copied into the temporary file first.
- CSV columns: ``id``, then the field aliases in field-list order, then the other keys seen on the first
  page (with --fields: id and those fields). Lists are written ``a|b``, dates and date-times ISO 8601,
  booleans true/false, nothing as an empty cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import flexie

from . import _output as out
from ._commands import RESOURCES, describe, resolve_columns, where_conditions
from ._state import CliError, State

__all__ = ["csv_value", "last_exported", "resolve_entity", "run_export"]

FORMATS = ("jsonl", "csv")


def resolve_entity(st: State, entity: str) -> tuple[Any, str]:
    """A resource by its command-line name: contacts, ..., roles, or ce:TABLE."""
    if entity.startswith("ce:"):
        table = entity[3:]
        return st.client.custom_entity(table), table
    if entity in RESOURCES:
        return getattr(st.client, entity), entity
    raise CliError(f"unknown entity {entity!r}; use one of {', '.join(RESOURCES)}, or ce:TABLE for a custom table")


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "|".join(csv_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def last_exported(path: Path) -> tuple[int | None, int]:
    """(id of the last complete JSONL line, bytes up to and including that line); (None, 0) when there is none.

    A trailing line without its newline is incomplete and not counted; blank lines at the end are skipped.
    """
    with path.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        block = 1 << 16
        while True:
            start = max(0, size - block)
            f.seek(start)
            data = f.read(size - start)
            end = data.rfind(b"\n")  # end of the last complete line
            while end != -1:
                begin = data.rfind(b"\n", 0, end)
                if begin == -1 and start > 0:
                    break  # the line starts before this block: read more
                line = data[begin + 1 : end]
                if line.strip():
                    return _line_id(line, path), start + end + 1
                end = begin
            if start == 0:
                return None, 0
            block *= 4


def _line_id(line: bytes, path: Path) -> int:
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    record_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(record_id, int) or isinstance(record_id, bool):
        raise CliError(f"cannot resume: the last line of {path} is not a JSON record with an id")
    return record_id


def _infer_format(output: str) -> str:
    return "csv" if output.lower().endswith(".csv") else "jsonl"


def run_export(
    st: State,
    *,
    entity: str,
    output: str,
    fmt: str | None,
    where: Sequence[str],
    fields: str | None,
    page_size: int,
    resume: bool,
    progress: bool,
    concurrency: int = 1,
) -> None:
    started = time.monotonic()
    fmt = (fmt or _infer_format(output)).lower()
    if fmt not in FORMATS:
        raise CliError(f"--format is jsonl or csv, got {fmt!r}")
    to_stdout = output == "-"
    if resume and fmt != "jsonl":
        raise CliError("--resume works with --format jsonl only")
    if resume and to_stdout:
        raise CliError("--resume needs a file (--output PATH)")
    resource, label = resolve_entity(st, entity)
    if not hasattr(resource, "list"):
        raise CliError(f"{label} cannot be listed, so they cannot be exported")
    can_filter = hasattr(resource, "filter")
    if (where or resume) and not can_filter:
        raise CliError(f"{label} cannot be filtered: export them without --where and --resume")
    schema = describe(resource)
    conds = where_conditions(where, schema)
    columns = resolve_columns(resource, fields)
    target = Path(output)
    last_id: int | None = None
    keep = 0
    if resume:
        if target.exists():
            last_id, keep = last_exported(target)
        else:
            sys.stderr.write(f"{target} does not exist yet: exporting everything\n")
    if last_id is not None:
        conds.append(flexie.F("id") > last_id)
    pager: flexie.Pager[flexie.Record] = (
        resource.filter(*conds, page_size=page_size, concurrency=concurrency)
        if can_filter
        else resource.list(page_size=page_size, concurrency=concurrency)
    )

    if to_stdout:
        count = _write(sys.stdout, fmt, pager, schema, columns, label, progress=False)
        sys.stdout.flush()
        _summary(count, "standard output", started)
        return
    if target.is_dir():
        raise CliError(f"--output {target} is a directory; give a file name")
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            if keep:
                _copy_prefix(target, raw, keep)
        with tmp.open("a", encoding="utf-8", newline="") as fh:
            count = _write(fh, fmt, pager, schema, columns, label, progress=progress)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # keep the old file's permissions
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if last_id is not None:
        _summary(count, f"{target} (appended after id {last_id})", started)
    else:
        _summary(count, str(target), started)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _copy_prefix(source: Path, dest: IO[bytes], size: int) -> None:
    with source.open("rb") as src:
        remaining = size
        while remaining:
            chunk = src.read(min(remaining, 1 << 20))
            if not chunk:
                raise CliError(f"cannot resume: {source} changed while being read")
            dest.write(chunk)
            remaining -= len(chunk)


def _summary(count: int, where: str, started: float) -> None:
    seconds = time.monotonic() - started
    sys.stderr.write(f"{count} record{'' if count == 1 else 's'} to {where} in {seconds:.1f} s\n")
    sys.stderr.flush()


def _write(
    fh: IO[str],
    fmt: str,
    pager: flexie.Pager[flexie.Record],
    schema: flexie.FieldSchema | None,
    columns: list[str] | None,
    label: str,
    *,
    progress: bool,
) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = out.stderr()
    total = pager.total  # fetches (and keeps) the first page
    count = 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not (progress and console.is_terminal),
    ) as bar:
        task = bar.add_task(f"exporting {label}", total=total)
        pages = _advancing(pager.pages(), lambda n: bar.advance(task, n))
        if fmt == "csv":
            count = _write_csv(fh, pages, pager, schema, columns)
        else:
            for page in pages:
                for record in page:
                    fh.write(json.dumps(out.project(record, columns), ensure_ascii=False, default=str) + "\n")
                    count += 1
    return count


def _advancing(pages: Iterator[flexie.Page[flexie.Record]], advance: Any) -> Iterator[flexie.Page[flexie.Record]]:
    for page in pages:
        yield page
        advance(len(page.items))


def _write_csv(
    fh: IO[str],
    pages: Iterable[flexie.Page[flexie.Record]],
    pager: flexie.Pager[flexie.Record],
    schema: flexie.FieldSchema | None,
    columns: list[str] | None,
) -> int:
    header = columns if columns is not None else csv_header(schema, pager.first_page().items)
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(header)
    count = 0
    skipped: set[str] = set()
    for page in pages:
        for record in page:
            values = record.to_dict()
            writer.writerow([csv_value(values.get(c)) for c in header])
            if columns is None:
                skipped.update(k for k in values if k not in header)
            count += 1
    if skipped:
        sys.stderr.write(f"note: keys missing from the first page were not exported: {', '.join(sorted(skipped))}\n")
    return count


def csv_header(schema: flexie.FieldSchema | None, first: Sequence[flexie.Record]) -> list[str]:
    """id, the schema's aliases in field-list order, then other keys of the first page as they appear."""
    header = ["id"]
    for alias in schema.aliases if schema is not None else ():
        if alias not in header:
            header.append(alias)
    for record in first:
        for key in record.raw:
            if key not in header:
                header.append(key)
    return header
