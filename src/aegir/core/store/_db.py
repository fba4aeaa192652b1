"""The inventory's SQLite connection: WAL, foreign keys, a busy timeout, and short transactions.

Every write transaction starts with ``BEGIN IMMEDIATE``: concurrent CLI processes on one home queue
for the write lock (up to the busy timeout) instead of failing when a read transaction tries to
become a write one. Reads run in a deferred transaction, which in WAL mode sees one consistent
snapshot and blocks nobody. SQLite's errors become Aegir's: a constraint violation is a
:class:`ConflictError`, anything else a :class:`StoreError`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from aegir.core.errors import ConflictError, StoreError

__all__ = ["BUSY_TIMEOUT_SECONDS", "Database", "connect"]

#: how long a process waits for another one's write transaction before giving up
BUSY_TIMEOUT_SECONDS = 60


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are ours to begin), with the inventory's pragmas."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        # WAL with synchronous=NORMAL stays consistent on power loss, losing at most the last commits
        con.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        con.close()
        raise
    return con


class Database:
    """One connection to the inventory, shared by the threads of a process under a lock (a step may
    run parts of its work in threads that log); reopened on demand after :meth:`close`."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = con
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error."""
        with self._transaction("BEGIN IMMEDIATE") as con:
            yield con

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one snapshot for every query in the block."""
        with self._transaction("BEGIN") as con:
            yield con

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                if self._con is None:
                    self._con = connect(self.path)
                con = self._con
                con.execute(begin)
                try:
                    yield con
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        with suppress(sqlite3.Error):  # the original error is the one to report
                            con.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError as e:
                raise ConflictError(f"the inventory refused the change: {e}") from e
            except sqlite3.Error as e:
                raise StoreError(f"inventory error in {str(self.path)!r}: {e}") from e
