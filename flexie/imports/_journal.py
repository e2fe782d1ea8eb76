"""The journal: what an import has done, a line per event, so that a run interrupted at any point (a crash,
Ctrl-C, ``kill -9``) resumes where it stopped and never creates a record twice.

One JSON object a line, appended and flushed before the next step (a killed process loses nothing it wrote;
only a crash of the machine itself can lose the last lines):

- a header: the entity, the input's SHA-256, the upsert field and the columns' fields. A journal is only
  resumed by the same import of the same file;
- ``{"row": 12, "intent": "create"}`` (or ``"update"``) just before the request is sent;
- ``{"row": 12, "outcome": "created", "id": 5012}`` once it is answered (``"rejected"`` rows keep their error);
- ``{"complete": true, ...}`` when every row has an outcome.

A row with an intent but no outcome was in flight when the run stopped: whether the server received it is
unknown, so the next run looks the record up before writing it again (see ``_engine``). A torn last line
(the process died mid-write) is ignored.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import os
import threading
from pathlib import Path
from typing import IO, Any

from ._report import OUTCOMES, ImportJournalError

__all__ = ["Journal", "RowSet"]

MAGIC = "flexie-import-journal"
VERSION = 1


class RowSet:
    """A set of row numbers kept as sorted ranges: a journal of a million rows done in order is a few ranges."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []  # inclusive

    def __contains__(self, row: int) -> bool:
        i = bisect.bisect_right(self._starts, row) - 1
        return i >= 0 and row <= self._ends[i]

    def __len__(self) -> int:
        return sum(e - s + 1 for s, e in zip(self._starts, self._ends, strict=False))

    def add(self, row: int) -> None:
        if row in self:
            return
        i = bisect.bisect_right(self._starts, row)
        joins_left = i > 0 and self._ends[i - 1] == row - 1
        joins_right = i < len(self._starts) and self._starts[i] == row + 1
        if joins_left and joins_right:
            self._ends[i - 1] = self._ends[i]
            del self._starts[i], self._ends[i]
        elif joins_left:
            self._ends[i - 1] = row
        elif joins_right:
            self._starts[i] = row
        else:
            self._starts.insert(i, row)
            self._ends.insert(i, row)


class Journal:
    """An import's journal file: what an earlier run did (loaded on open), and appends for this run.

    Without a path (``journal=False``) it records nothing: such an import cannot be resumed.
    """

    def __init__(self, path: Path | None, header: dict[str, Any], *, restart: bool = False) -> None:
        self.path = path
        self.header = {"journal": MAGIC, "version": VERSION, **header}
        self.done = RowSet()
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.rejected: dict[int, str] = {}  # rows the server refused, with its reason
        self.pending: dict[int, str] = {}  # rows with an intent and no outcome: in flight when a run stopped
        self.complete = False
        self._lock = threading.Lock()
        self._file: IO[str] | None = None
        self._torn_at: int | None = None
        if path is not None and path.exists() and not restart:
            self._load()

    @property
    def resumed(self) -> int:
        """Rows an earlier run finished."""
        return sum(self.counts.values())

    def _load(self) -> None:
        assert self.path is not None
        data = self.path.read_bytes()
        cut = data.rfind(b"\n") + 1  # a last line without its newline was torn by a crash mid-write: dropped
        self._torn_at = cut if cut < len(data) else None
        if cut == 0:
            return  # not even the header was written: a fresh start
        events = []
        for number, line in enumerate(data[:cut].decode("utf-8", errors="replace").splitlines(), start=1):
            try:
                events.append(json.loads(line))
            except ValueError:
                raise ImportJournalError(f"{self.path} line {number} is not a journal line; delete the file") from None
        if not events or not isinstance(events[0], dict) or events[0].get("journal") != MAGIC:
            raise ImportJournalError(f"{self.path} is not an import journal; move it away or choose another journal")
        self._check_header(events[0])
        for event in events[1:]:
            self._replay(event)

    def _check_header(self, found: dict[str, Any]) -> None:
        for name in ("version", "entity", "sha256", "upsert_by", "columns"):
            if found.get(name) != self.header.get(name):
                what = {
                    "sha256": "the input file changed since",
                    "columns": "the column mapping differs from",
                    "upsert_by": "the upsert field differs from",
                    "entity": "the entity differs from",
                    "version": "it was written by another version of flexie for",
                }[name]
                raise ImportJournalError(
                    f"{self.path} is the journal of another import ({what} the run that wrote it). To start "
                    "over, delete it (or restart=True, --restart); rows that run created are then created again "
                    "unless the import upserts by a unique field"
                )

    def _replay(self, event: dict[str, Any]) -> None:
        if event.get("complete"):
            self.complete = True
            return
        row = event.get("row")
        if not isinstance(row, int):
            raise ImportJournalError(f"{self.path} has a line without a row number: {event!r}")
        outcome = event.get("outcome")
        if outcome is None:
            self.pending[row] = str(event.get("intent"))
            return
        if outcome not in self.counts or row in self.done:
            raise ImportJournalError(f"{self.path}: row {row} has a second or unknown outcome {outcome!r}")
        self.pending.pop(row, None)
        self.done.add(row)
        self.counts[outcome] += 1
        if outcome == "rejected":
            self.rejected[row] = str(event.get("error", ""))

    def start(self) -> None:
        """Open for appending; a new (or restarted) journal gets its header."""
        if self._file is not None or self.path is None:
            return
        fresh = not self.path.exists() or not (self.done or self.pending or self.complete)
        if not fresh and self._torn_at is not None:
            os.truncate(self.path, self._torn_at)
        self._file = self.path.open("w" if fresh else "a", encoding="utf-8")
        if fresh:
            started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            self._append({**self.header, "started": started})

    def intent(self, row: int, action: str) -> None:
        self._append({"row": row, "intent": action})

    def outcome(self, row: int, outcome: str, record_id: int | None = None, error: str | None = None) -> None:
        event: dict[str, Any] = {"row": row, "outcome": outcome}
        if record_id is not None:
            event["id"] = record_id
        if error is not None:
            event["error"] = error
        self._append(event)

    def finish(self, counts: dict[str, int]) -> None:
        if not self.complete:
            self._append({"complete": True, **counts})
        self.complete = True

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def _append(self, event: dict[str, Any]) -> None:
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock:
            if self._file is None:
                return  # no journal (journal=False)
            self._file.write(line)
            self._file.flush()  # in the kernel before the next request: a killed process loses nothing
