"""Import a spreadsheet (CSV) or a JSONL file into an entity: upsert by a unique field, dry run, reject file,
and a journal that makes an interrupted import resumable without creating anything twice.

::

    from flexie.imports import import_records

    report = import_records(client.contacts, "contacts.csv", upsert_by="email", reject_file="rejects.csv")
    print(report.summary())  # contacts.csv: 5000 rows: 4830 created, 120 updated, 0 unchanged, 50 rejected

See ``docs/import.md`` for the rules (cells, mapping, rows with the same key, resuming); ``flexie import``
is the same on the command line.
"""

from __future__ import annotations

import inspect
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..bulk import check_concurrency
from ..errors import InvalidArgumentError
from ._columns import ColumnPlan, load_mapping, parse_mapping
from ._engine import Importer
from ._journal import Journal
from ._report import (
    ImportFileError,
    ImportJournalError,
    ImportMappingError,
    ImportReport,
    ImportStoppedError,
    RowError,
)
from ._source import RejectWriter, Source

if TYPE_CHECKING:
    from ..fields import FieldSchema
    from ..filters import Condition
    from ..pagination import Pager
    from ..records import Record

__all__ = [
    "ImportFileError",
    "ImportJournalError",
    "ImportMappingError",
    "ImportReport",
    "ImportStoppedError",
    "ImportTarget",
    "RowError",
    "default_journal",
    "default_reject_file",
    "import_records",
    "load_mapping",
    "parse_mapping",
]


class ImportTarget(Protocol):
    """What an import writes to: a resource with a field list, such as ``client.contacts`` or
    ``client.custom_entity("projects")``."""

    def describe(self) -> FieldSchema: ...

    def filter(self, *conditions: Condition, page_size: int = ...) -> Pager[Record]: ...

    def create(self, values: Mapping[str, Any], *, validate_fields: bool | None = ...) -> Record: ...

    def update(self, id: int, values: Mapping[str, Any], *, validate_fields: bool | None = ...) -> Record: ...


def default_journal(source: str | os.PathLike[str]) -> Path:
    """Where an import of ``source`` keeps its journal: beside it, ``contacts.csv.import-journal``."""
    path = Path(source)
    return path.with_name(path.name + ".import-journal")


def default_reject_file(source: str | os.PathLike[str]) -> Path:
    """The reject file ``flexie import`` writes by default: ``contacts.rejects.csv`` beside ``contacts.csv``."""
    path = Path(source)
    return path.with_name(f"{path.stem}.rejects{path.suffix or '.csv'}")


def import_records(
    resource: ImportTarget,
    source: str | os.PathLike[str],
    *,
    mapping: Mapping[str, str | None] | None = None,
    upsert_by: str | None = None,
    dry_run: bool = False,
    concurrency: int = 8,
    reject_file: str | os.PathLike[str] | None = None,
    journal: str | os.PathLike[str] | bool = True,
    restart: bool = False,
    format: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import every row of a CSV or JSONL file into ``resource`` and report what happened to each.

    - ``mapping``: ``{"Column": "field"}`` (an alias, label or logical name; None leaves the column out).
      Columns not in it go to the field their header names.
    - ``upsert_by``: a unique field (such as ``"email"``): a row whose value matches a record updates it,
      else creates one. Without it, every row creates a record.
    - ``dry_run``: check every row against the field schema and stop: nothing is written.
    - ``concurrency``: rows written at once (1-64). Rate limits are the client's: a 429 waits ``Retry-After``.
    - ``reject_file``: where rejected rows go, in the input's format with ``_row`` and ``_error`` added.
    - ``journal``: True (default) keeps it beside the input (:func:`default_journal`), a path puts it there,
      False keeps none (such an import cannot be resumed). An import run again resumes from it; a finished
      one writes nothing more. ``restart=True`` ignores an existing journal and starts over.
    - ``format``: ``"csv"`` or ``"jsonl"`` when the extension does not say.
    - ``progress``: called as ``progress(rows_done, rows)`` while writing (from worker threads).

    Raises :class:`ImportFileError`, :class:`ImportMappingError` or :class:`ImportJournalError` before
    anything is written, and :class:`ImportStoppedError` when an error that is not about one row stops the
    import half way (run it again to resume).
    """
    started = time.monotonic()
    concurrency = check_concurrency(concurrency)
    if not callable(getattr(resource, "describe", None)):
        raise InvalidArgumentError(
            f"{resource!r} has no field list: import into contacts, leads, accounts, deals, cases or a custom "
            "entity table"
        )
    if inspect.iscoroutinefunction(resource.describe):
        raise InvalidArgumentError("import_records works with the sync client: pass flexie.Flexie().contacts")
    src = Source(source, format)
    schema = resource.describe()
    plan = ColumnPlan(schema, mapping, src.columns if src.format == "csv" else None, upsert_by)
    journal_path = None if journal is False else default_journal(src.path) if journal is True else Path(journal)
    report = ImportReport(entity=schema.entity, source=src.path, dry_run=dry_run)
    rejects = RejectWriter(src, reject_file) if reject_file is not None else None
    importer = Importer(resource, src, plan, report, rejects=rejects, concurrency=concurrency, progress=progress)
    try:
        importer.check()
        if not dry_run:
            if journal_path is not None and journal_path.resolve() == src.path.resolve():
                raise ImportJournalError(f"the journal cannot be the input itself ({journal_path})")
            report.journal = journal_path
            header = {
                "entity": schema.entity,
                "input": src.path.name,
                "sha256": src.sha256,
                "upsert_by": None if plan.key is None else plan.key.alias,
                "columns": plan.columns,
            }
            book = Journal(journal_path, header, restart=restart)
            try:
                importer.write(book)
            finally:
                book.close()
    finally:
        report.reject_file = rejects.close() if rejects is not None else None
        report.seconds = time.monotonic() - started
    return report
