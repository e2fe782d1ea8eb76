"""Running an import: every row checked first, then written by a few threads, each step journaled.

**Check** (first pass): each row is converted and checked against the field schema; a row that fails goes
to the reject file. A dry run stops here.

**Write** (second pass), ``concurrency`` rows in flight at most:

- With an upsert field, the keys of each batch of 100 rows are looked up in one filtered request
  (``F(key).in_([...])``). No match: the row is created. One match: the fields that differ are updated, or
  the row is ``unchanged`` when none does. Several matches: the row is rejected (the workspace itself has
  duplicates to resolve).
- Rows with the same key are applied one after another, in file order, each to the record as the row
  before left it: a key that appears twice creates one record and then updates it (the later row wins,
  field by field). A key is never in flight twice, so two rows can never create two records.
- Create only (no upsert field): every valid row is created.
- A row the server refuses (400, 422; a 404 on update: deleted meanwhile) is rejected and the import goes
  on. Any other error (authentication, permissions, 5xx, a connection lost, rate limits beyond the client's
  retries) stops it: rows in flight finish, everything is journaled, and :class:`ImportStoppedError` says
  to run again.

**Resume**: rows with an outcome in the journal are skipped (their counts carried over). A row whose write
was in flight when a run stopped is looked up before anything is sent: found (created by that run), it is
counted as created and only its differences written; with no upsert field, it is looked up by a unique
field of the row (such as ``email``), and rejected as uncertain when it has none. So no run ever creates a
record twice.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BadRequestError, FieldError, FlexieError, NotFoundError, ValidationError
from ..fields import Field
from ..filters import F
from ..records import Record
from ._columns import ColumnPlan, RowProblem, unique_key
from ._journal import Journal
from ._report import ImportReport, ImportStoppedError
from ._source import RejectWriter, Source, SourceRow

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

__all__ = ["Importer"]

LOOKUP_BATCH = 100  # keys per lookup request: the API's largest page
Progress = Callable[[int, int], None]


@dataclass
class _Task:
    row: SourceRow
    wire: dict[str, Any]
    key: Hashable | None
    pending: str | None  # the intent an interrupted run left for this row
    existing: list[Record] | None = None  # None: look the record up when the row runs
    after: list[Record] = field(default_factory=list)  # the record as this row left it, for the next same key


class _Stop(Exception):
    def __init__(self, cause: FlexieError, row: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.row = row


class Importer:
    """One import of one file into one resource."""

    def __init__(
        self,
        resource: Any,
        source: Source,
        plan: ColumnPlan,
        report: ImportReport,
        *,
        rejects: RejectWriter | None,
        concurrency: int,
        progress: Progress | None,
    ) -> None:
        self.resource = resource
        self.source = source
        self.plan = plan
        self.report = report
        self.rejects = rejects
        self.concurrency = concurrency
        self._progress = progress
        self._done = 0
        self._lock = threading.Lock()
        self._chains: dict[Hashable, deque[_Task]] = {}
        self._stopped = threading.Event()
        self._failure: BaseException | None = None
        self.journal: Journal | None = None

    # -- the first pass: check --------------------------------------------------------------------------

    def check(self) -> None:
        """Read every row and check it; rejected rows are counted and written to the reject file."""
        for row in self.source.rows():
            self.report.rows += 1
            try:
                self._prepare(row)
            except RowProblem as exc:
                self._reject(row, str(exc), journal=False)

    def _prepare(self, row: SourceRow) -> tuple[dict[str, Any], Hashable | None]:
        if row.values is None:
            raise RowProblem(f"the row {row.problem}")
        wire = self.plan.convert(row.values, creating=self.plan.key is None)
        key = self.plan.key_of(wire)
        if self.plan.key is not None and key is None:
            alias = self.plan.key.alias
            raise RowProblem(f"no {alias}: rows are matched by {alias}, so every row needs one")
        return wire, key

    def _reject(self, row: SourceRow, error: str, *, journal: bool = True) -> None:
        with self._lock:
            self.report.count("rejected", row.number, error)
        if journal and self.journal is not None:
            self.journal.outcome(row.number, "rejected", error=error)
        if self.rejects is not None:
            self.rejects.write(row, error)

    def _tick(self) -> None:
        if self._progress is not None:
            with self._lock:
                self._done += 1
                done = self._done
            self._progress(done, self.report.rows)

    # -- the second pass: write -------------------------------------------------------------------------

    def write(self, journal: Journal) -> None:
        """Write every valid row not done yet; raise :class:`ImportStoppedError` when an error stops it."""
        self.journal = journal
        self.source.check_unchanged()
        journal.start()
        for outcome, count in journal.counts.items():
            setattr(self.report, outcome, getattr(self.report, outcome) + count)
        self.report.resumed = journal.resumed
        from concurrent.futures import ThreadPoolExecutor  # ~20 ms to import: only when writing

        admission = threading.BoundedSemaphore(self.concurrency * 2)
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="flexie-import")
        try:
            for batch in _batches(self._todo(), LOOKUP_BATCH):
                if self._stopped.is_set():
                    break
                self._dispatch(batch, pool, admission)
        except BaseException as exc:  # _Stop, Ctrl-C, a bug: rows in flight finish and are journaled first
            self._stop(exc)
        finally:
            pool.shutdown(wait=True)
        if self._failure is not None:
            self._raise()
        journal.finish({name: getattr(self.report, name) for name in ("created", "updated", "unchanged", "rejected")})

    def _todo(self) -> Iterator[_Task]:
        journal = self.journal
        assert journal is not None
        for row in self.source.rows():
            if row.number in journal.done:
                if row.number in journal.rejected and self.rejects is not None:
                    self.rejects.write(row, journal.rejected[row.number])
                self._tick()
                continue
            try:
                wire, key = self._prepare(row)
            except RowProblem:
                self._tick()  # rejected by the check already
                continue
            yield _Task(row, wire, key, journal.pending.get(row.number))

    def _dispatch(self, batch: list[_Task], pool: ThreadPoolExecutor, admission: threading.BoundedSemaphore) -> None:
        found: dict[Hashable, list[Record]] = {}
        busy: set[Hashable] = set()
        if self.plan.key is not None:
            with self._lock:  # keys being written now: the lookup may not see their outcome
                busy = set(self._chains)
            found = self._lookup(self.plan.key, [t.wire[self.plan.key.alias] for t in batch], batch[0].row.number)
        for task in batch:
            admission.acquire()
            if self._stopped.is_set():
                admission.release()
                return
            with self._lock:
                if task.key is not None:
                    if task.key in self._chains:
                        self._chains[task.key].append(task)  # runs when the row before it is done
                        continue
                    self._chains[task.key] = deque()
                    if task.key not in busy:
                        task.existing = found.get(task.key, [])
            pool.submit(self._run_chain, task, admission)

    def _run_chain(self, first: _Task, admission: threading.BoundedSemaphore) -> None:
        task: _Task | None = first
        while task is not None:
            try:
                if not self._stopped.is_set():
                    self._process(task)
                    self._tick()
            except _Stop as stop:
                self._stop(stop)
            except BaseException as exc:  # a bug: stop, and let write() raise it
                self._stop(exc)
            admission.release()
            with self._lock:
                queue = self._chains.get(task.key) if task.key is not None else None
                following = queue.popleft() if queue else None
                if following is not None:
                    following.existing = task.after
                elif task.key is not None:
                    del self._chains[task.key]
            task = following

    def _stop(self, reason: BaseException) -> None:
        with self._lock:
            if self._failure is None:
                self._failure = reason
        self._stopped.set()

    def _raise(self) -> None:
        failure = self._failure
        if not isinstance(failure, _Stop):
            raise failure  # type: ignore[misc]
        report = self.report
        done = report.created + report.updated + report.unchanged + report.rejected
        raise ImportStoppedError(
            f"the import of {self.source.path.name} stopped at row {failure.row}: {failure.cause} "
            f"({done} of {report.rows} rows are done and journaled in {report.journal}; run the same import "
            "again to resume)",
            cause=failure.cause,
            report=report,
        ) from failure.cause

    # -- one row ----------------------------------------------------------------------------------------

    def _process(self, task: _Task) -> None:
        key = self.plan.key
        if key is None and task.pending == "create":
            self._verify_then_create(task)
            return
        if key is None:
            self._create(task)
            return
        existing = task.existing
        if existing is None:
            existing = self._lookup(key, [task.wire[key.alias]], task.row.number).get(task.key, [])
        task.after = existing
        if len(existing) > 1:
            ids = ", ".join(str(r.id_or_none) for r in existing[:5])
            self._reject(
                task.row,
                f"{len(existing)} {self.report.entity} have this {key.alias} (ids {ids}): merge them in Flexie first",
            )
        elif not existing:
            self._create(task)
        else:
            self._update(task, existing[0])

    def _create(self, task: _Task) -> None:
        try:
            values = self.plan.schema.serialize_record(task.wire, creating=True)
        except FieldError as exc:
            self._reject(task.row, str(exc))
            return
        assert self.journal is not None
        self.journal.intent(task.row.number, "create")
        record = self._call(task, lambda: self.resource.create(values))
        if record is not None:
            task.after = [record]
            self._count(task, "created", record)

    def _update(self, task: _Task, record: Record) -> None:
        changes = self.plan.changes(record, task.wire)
        if not changes:
            self._count(task, "unchanged", record)
            return
        assert self.journal is not None
        self.journal.intent(task.row.number, "update")
        updated = self._call(task, lambda: self.resource.update(record.id, changes))
        if updated is not None:
            task.after = [updated]
            self._count(task, "updated", updated)

    def _verify_then_create(self, task: _Task) -> None:
        """Create only, resuming a row whose create was in flight: create it unless that create went through."""
        unique = next(
            (f for f in self.plan.schema.fields if f.unique and task.wire.get(f.alias) not in (None, "")), None
        )
        uncertain = "an earlier run was creating this row when it stopped, and "
        if unique is None:
            why = "the row has no unique field to find the record by"
            self._reject(task.row, f"{uncertain}{why}: check whether it exists in Flexie, then import it again")
            return
        value = task.wire[unique.alias]
        found = self._lookup(unique, [value], task.row.number).get(unique_key(value), [])
        if not found:
            self._create(task)
        elif len(found) == 1 and not self.plan.changes(found[0], task.wire):
            self._count(task, "created", found[0])  # the interrupted run's create went through
        else:
            why = f"a record with this {unique.alias} exists but differs"
            self._reject(task.row, f"{uncertain}{why}: check it in Flexie before importing the row again")

    def _count(self, task: _Task, outcome: str, record: Record) -> None:
        if task.pending == "create":
            outcome = "created"  # this run found what the interrupted run's create made
        elif task.pending == "update" and outcome == "unchanged":
            outcome = "updated"
        assert self.journal is not None
        self.journal.outcome(task.row.number, outcome, record.id_or_none)
        with self._lock:
            self.report.count(outcome)

    def _call(self, task: _Task, send: Callable[[], Record]) -> Record | None:
        """Send one write: the record, or None when the server refused the row (then rejected)."""
        try:
            return send()
        except (ValidationError, BadRequestError, NotFoundError, FieldError) as exc:
            self._reject(task.row, str(exc))
            return None
        except FlexieError as exc:
            raise _Stop(exc, task.row.number) from exc

    def _lookup(self, key: Field, values: Iterable[Any], row: int) -> dict[Hashable, list[Record]]:
        """The records whose ``key`` field has one of ``values``, grouped by key."""
        wanted = list(dict.fromkeys(values))
        found: dict[Hashable, list[Record]] = {}
        try:
            for record in self.resource.filter(F(key.alias).in_(wanted), page_size=LOOKUP_BATCH):
                found.setdefault(unique_key(record.raw.get(key.alias)), []).append(record)
        except FlexieError as exc:
            raise _Stop(exc, row) from exc
        return found


def _batches(tasks: Iterator[_Task], size: int) -> Iterator[list[_Task]]:
    batch: list[_Task] = []
    for task in tasks:
        batch.append(task)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
