"""A pyrate-limiter state store in a SQLite file: one budget for the processes of one host.

pyrate-limiter keeps GCRA's state (one number per rate) in a :class:`StateStore`; it ships
stores in memory and in Redis. This one keeps it in a SQLite table, and makes each check one
``BEGIN IMMEDIATE`` transaction, so the read-modify-write is atomic across processes through
SQLite's own file locking. The table also holds a "hold until" time that every process honours
(set after the server's ``Retry-After``). Imported only with the ``sqlite`` extra installed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pyrate_limiter import Decision, Rate, StateAlgorithm, StateStore, WallClock

__all__ = ["SQLiteStateStore"]

SCHEMA = "CREATE TABLE IF NOT EXISTS flexie_rate_limit (key TEXT PRIMARY KEY, state TEXT NOT NULL)"
UPSERT = (
    "INSERT INTO flexie_rate_limit (key, state) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET state = excluded.state"
)
SELECT = "SELECT state FROM flexie_rate_limit WHERE key = ?"


class SQLiteStateStore(StateStore):
    """GCRA state for ``key`` in the SQLite file at ``path`` (created if missing).

    Safe for threads (one connection, one lock) and processes (a transaction per check); a
    process forked after the store was opened opens its own connection on first use.
    """

    is_async = False
    default_clock = WallClock()  # compared across processes: a monotonic clock would not do

    def __init__(self, path: str | os.PathLike[str], key: str, timeout: float = 30.0) -> None:
        self.path = os.fspath(path)
        self.key = key
        self._hold_key = f"{key}:hold"
        self._timeout = timeout
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        with self._lock:
            conn = self._connection()
            # WAL: a commit need not wait for the disk (synchronous=NORMAL); losing the last few
            # decisions to a power cut is harmless, a corrupt file is not, and WAL avoids both.
            conn.execute("PRAGMA journal_mode=WAL")
        with self._transaction() as conn:
            conn.execute(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @staticmethod
    def _load(conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute(SELECT, (key,)).fetchone()
        return None if row is None else str(row[0])

    def _state(self, conn: sqlite3.Connection, algorithm: StateAlgorithm, rates: Sequence[Rate]) -> tuple[float, ...]:
        stored = self._load(conn, self.key)
        state = algorithm.decode(stored.split(",")) if stored else None
        return state if state is not None and len(state) == len(rates) else algorithm.initial(list(rates))

    def check(self, algorithm: StateAlgorithm, rates: list[Rate], now: int, weight: int) -> Decision:
        """Apply ``algorithm.step`` to the stored state in one transaction."""
        with self._transaction() as conn:
            new_state, decision = algorithm.step(rates, self._state(conn, algorithm, rates), now, weight)
            if decision.allowed:
                conn.execute(UPSERT, (self.key, ",".join(f"{value:.0f}" for value in new_state)))
        return decision

    def read(self, algorithm: StateAlgorithm, rates: list[Rate]) -> tuple[float, ...]:
        with self._lock:
            return self._state(self._connection(), algorithm, rates)

    def reset(self) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM flexie_rate_limit WHERE key IN (?, ?)", (self.key, self._hold_key))

    def hold_until(self) -> float:
        """Unix time (seconds) before which no process may send; 0 when there is no hold."""
        with self._lock:
            stored = self._load(self._connection(), self._hold_key)
        return float(stored) if stored else 0.0

    def extend_hold(self, until: float) -> None:
        """Hold every process until Unix time ``until`` (a later hold already set stays)."""
        with self._transaction() as conn:
            stored = self._load(conn, self._hold_key)
            if not stored or float(stored) < until:
                conn.execute(UPSERT, (self._hold_key, repr(until)))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_lock=None, _conn=None, _pid=0)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
