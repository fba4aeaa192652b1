"""Bringing an inventory's schema up to date: ordered SQL migrations, each in one transaction.

The schema version is SQLite's ``PRAGMA user_version`` (in the file header: reading it costs no
query plan, so opening an up-to-date inventory does no more than that). Migrations are the files
``migrations/NNNN_name.sql``; migration ``N`` takes the schema from version ``N - 1`` to ``N`` and
runs, with the version bump, in one ``BEGIN IMMEDIATE`` transaction, under a file lock beside the
database so concurrent processes opening an old home migrate it once.

Homes made by the Alembic version of the store record their revision (``0001``, ``0002``) in an
``alembic_version`` table instead; the same numbers are adopted as the version, in one transaction
that also drops that table, and the newer migrations follow.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from aegir.core.errors import StoreError

__all__ = ["HEAD_VERSION", "MIGRATIONS_DIR", "migrate", "migrations", "schema_version"]

#: the newest schema version, the number of the last migration file
HEAD_VERSION = 2
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
#: the Alembic revisions of the earlier store, as the schema versions they equal
_ALEMBIC_REVISIONS = {"0001": 1, "0002": 2}


def schema_version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrations() -> list[tuple[int, Path]]:
    """The migration files in order, checked to be numbered 1, 2, 3 ... without gaps."""
    found = sorted(
        (int(match[1]), path)
        for path in MIGRATIONS_DIR.iterdir()
        if (match := _FILE_NAME.match(path.name)) is not None
    )
    numbers = [number for number, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise StoreError(f"the inventory migrations in {str(MIGRATIONS_DIR)!r} are numbered {numbers}")
    return found


def statements(sql: str) -> list[str]:
    """The statements of a migration file (whole-line ``--`` comments left out), split where SQLite
    says a statement is complete."""
    done: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            done.append(pending.strip())
            pending = ""
    if pending.strip():
        raise StoreError(f"an inventory migration ends in an unfinished statement: {pending.strip()[:80]!r}")
    return done


def migrate(con: sqlite3.Connection, path: Path) -> None:
    """Bring the inventory at ``path`` (open as ``con``, in autocommit mode) to :data:`HEAD_VERSION`."""
    version = schema_version(con)
    if version == HEAD_VERSION:
        return
    _check_not_newer(version, path)
    import fcntl

    lock_path = path.with_name(path.name + ".migrate.lock")
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        _adopt_alembic_revision(con, path)
        for number, file in migrations():
            if number > schema_version(con):
                _apply(con, number, file)


def _check_not_newer(version: int, path: Path) -> None:
    if version > HEAD_VERSION:
        raise StoreError(
            f"the inventory {str(path)!r} has schema version {version}, newer than this Aegir knows "
            f"({HEAD_VERSION}); use the Aegir release that wrote it"
        )


def _apply(con: sqlite3.Connection, number: int, file: Path) -> None:
    sql = file.read_text(encoding="utf-8")
    con.execute("BEGIN IMMEDIATE")
    try:
        # another process may have migrated between our check and our lock (an older Aegir, which
        # took the same file lock, or one that opened the home before the lock file existed)
        if schema_version(con) < number:
            for statement in statements(sql):
                con.execute(statement)
            con.execute(f"PRAGMA user_version = {number:d}")
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _adopt_alembic_revision(con: sqlite3.Connection, path: Path) -> None:
    con.execute("BEGIN IMMEDIATE")
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if has_table and schema_version(con) == 0:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
            if revision is not None and revision not in _ALEMBIC_REVISIONS:
                raise StoreError(
                    f"the inventory {str(path)!r} is at Alembic revision {revision!r}, which this Aegir "
                    f"does not know (it knows {', '.join(_ALEMBIC_REVISIONS)})"
                )
            # no row: Alembic had not finished its first migration, which ran in one transaction
            con.execute(f"PRAGMA user_version = {_ALEMBIC_REVISIONS.get(revision or '', 0):d}")
            con.execute("DROP TABLE alembic_version")
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
