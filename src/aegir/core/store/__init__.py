"""The inventory: servers, codebases (and the packages they carry), sites, backups, schedules,
tasks with their steps and log, and settings, in one SQLite database in the Aegir home.

Whole model values are stored as JSON made by :mod:`aegir.core.serialize`; the columns beside them
exist for lookups and ordering. The store speaks SQL to the standard library's :mod:`sqlite3`
(:mod:`._db`: WAL, foreign keys, busy timeout, every write its own short ``BEGIN IMMEDIATE``
transaction, so concurrent CLI processes on one home are safe); the schema comes from the ordered SQL
migrations in ``migrations/`` (:mod:`._migrate`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import frozen

from aegir.core import serialize
from aegir.core.errors import ConflictError, NotFoundError, StoreError
from aegir.core.model import Backup, Codebase, Server, Site, Task, TaskStatus
from aegir.core.store._db import Database, connect
from aegir.core.store._migrate import migrate

__all__ = ["LogLine", "PackageUse", "StepRecord", "Store", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@frozen
class StepRecord:
    index: int
    kind: str
    description: str
    data: dict[str, Any]
    state: str
    started: str | None
    finished: str | None
    error: str | None


@frozen
class LogLine:
    time: str
    level: str
    message: str
    step: int | None = None


@frozen
class PackageUse:
    """One codebase (or site) carrying a package or extension."""

    codebase: str
    unit: str
    name: str
    version: str | None
    type: str | None
    sites: tuple[str, ...] = ()


#: the tables of the inventory, for :meth:`Store.count`
_TABLES = frozenset(
    {
        "servers",
        "codebases",
        "codebase_units",
        "sites",
        "backups",
        "schedules",
        "tasks",
        "task_steps",
        "task_log",
        "settings",
    }
)
#: the columns of ``tasks`` that :meth:`Store.set_task` may change
_TASK_SETTABLE = frozenset(
    {
        "operation",
        "target",
        "status",
        "created",
        "started",
        "finished",
        "error",
        "runner_pid",
        "on_crash",
        "cleanup_from",
    }
)
_TASK_COLUMNS = "id, operation, target, status, created, started, finished, error, runner_pid"


class Store:
    """The inventory store of one Aegir home."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            con = connect(path)
            try:
                migrate(con, path)
            except BaseException:
                con.close()
                raise
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"cannot open the inventory {str(path)!r}: {e}") from e
        self._db = Database(path, con)

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        self._db.close()

    # -- servers ----------------------------------------------------------------------------
    def add_server(self, server: Server) -> None:
        with self._db.write() as c:
            if c.execute("SELECT 1 FROM servers WHERE name = ?", (server.name,)).fetchone():
                raise ConflictError(f"server {server.name!r} exists already")
            c.execute(
                "INSERT INTO servers (name, backend, data) VALUES (?, ?, ?)",
                (server.name, server.backend, serialize.dumps(server)),
            )

    def save_server(self, server: Server) -> None:
        with self._db.write() as c:
            c.execute("DELETE FROM servers WHERE name = ?", (server.name,))
            c.execute(
                "INSERT INTO servers (name, backend, data) VALUES (?, ?, ?)",
                (server.name, server.backend, serialize.dumps(server)),
            )

    def get_server(self, name: str) -> Server:
        with self._db.read() as c:
            row = c.execute("SELECT data FROM servers WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no server named {name!r} (see 'aegir server list')")
        return serialize.loads(row[0], Server)

    def list_servers(self) -> list[Server]:
        with self._db.read() as c:
            rows = c.execute("SELECT data FROM servers ORDER BY name").fetchall()
        return [serialize.loads(r[0], Server) for r in rows]

    def remove_server(self, name: str) -> None:
        with self._db.write() as c:
            used = c.execute("SELECT domain FROM sites WHERE server = ? LIMIT 1", (name,)).fetchone()
            if used:
                raise ConflictError(
                    f"server {name!r} still hosts site {used[0]!r}; delete or migrate it first"
                )
            if c.execute("DELETE FROM servers WHERE name = ?", (name,)).rowcount == 0:
                raise NotFoundError(f"no server named {name!r}")

    # -- codebases --------------------------------------------------------------------------
    def save_codebase(self, codebase: Codebase) -> None:
        """Insert or replace a codebase and the index of packages and extensions it carries."""
        values = (codebase.app, _iso(codebase.verified_at), serialize.dumps(codebase), codebase.name)
        units: list[tuple[str, str, str, str | None, str | None]] = []
        scan = codebase.scan
        if scan is not None:
            units += [(codebase.name, "package", p.name, p.version, p.type) for p in scan.packages]
            units += [(codebase.name, "extension", e.name, e.version, e.type) for e in scan.extensions]
        with self._db.write() as c:
            # an UPDATE, not INSERT OR REPLACE: replacing would delete the row the sites refer to
            if c.execute("SELECT 1 FROM codebases WHERE name = ?", (codebase.name,)).fetchone():
                c.execute("UPDATE codebases SET app = ?, verified_at = ?, data = ? WHERE name = ?", values)
            else:
                c.execute("INSERT INTO codebases (app, verified_at, data, name) VALUES (?, ?, ?, ?)", values)
            c.execute("DELETE FROM codebase_units WHERE codebase = ?", (codebase.name,))
            if units:
                c.executemany(
                    "INSERT INTO codebase_units (codebase, unit, name, version, type) VALUES (?, ?, ?, ?, ?)",
                    units,
                )

    def add_codebase(self, codebase: Codebase) -> None:
        with self._db.read() as c:
            if c.execute("SELECT 1 FROM codebases WHERE name = ?", (codebase.name,)).fetchone():
                raise ConflictError(f"codebase {codebase.name!r} exists already")
        self.save_codebase(codebase)

    def get_codebase(self, name: str) -> Codebase:
        with self._db.read() as c:
            row = c.execute("SELECT data FROM codebases WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no codebase named {name!r} (see 'aegir codebase list')")
        return serialize.loads(row[0], Codebase)

    def list_codebases(self) -> list[Codebase]:
        with self._db.read() as c:
            rows = c.execute("SELECT data FROM codebases ORDER BY name").fetchall()
        return [serialize.loads(r[0], Codebase) for r in rows]

    def remove_codebase(self, name: str) -> None:
        with self._db.write() as c:
            used = c.execute("SELECT domain FROM sites WHERE codebase = ? LIMIT 1", (name,)).fetchone()
            if used:
                raise ConflictError(f"codebase {name!r} still serves site {used[0]!r}")
            if c.execute("DELETE FROM codebases WHERE name = ?", (name,)).rowcount == 0:
                raise NotFoundError(f"no codebase named {name!r}")

    def where_package(self, name: str) -> list[PackageUse]:
        """Which codebases carry a package or extension ``name``, at which versions, and their sites."""
        with self._db.read() as c:
            rows = c.execute(
                "SELECT codebase, unit, name, version, type FROM codebase_units WHERE name = ? "
                "ORDER BY codebase, unit",
                (name,),
            ).fetchall()
            site_rows = c.execute(
                "SELECT codebase, domain FROM sites WHERE codebase IN "
                "(SELECT codebase FROM codebase_units WHERE name = ?) AND status != 'deleted' "
                "ORDER BY domain",
                (name,),
            ).fetchall()
        sites: dict[str, list[str]] = {}
        for cb, domain in site_rows:
            sites.setdefault(cb, []).append(domain)
        return [PackageUse(r[0], r[1], r[2], r[3], r[4], tuple(sites.get(r[0], ()))) for r in rows]

    # -- sites ------------------------------------------------------------------------------
    def save_site(self, site: Site) -> None:
        values = (site.codebase, site.server, site.status.value, serialize.dumps(site), site.domain)
        with self._db.write() as c:
            if c.execute("SELECT 1 FROM sites WHERE domain = ?", (site.domain,)).fetchone():
                c.execute(
                    "UPDATE sites SET codebase = ?, server = ?, status = ?, data = ? WHERE domain = ?", values
                )
            else:
                c.execute(
                    "INSERT INTO sites (codebase, server, status, data, domain) VALUES (?, ?, ?, ?, ?)",
                    values,
                )

    def get_site(self, domain: str) -> Site:
        site = self.find_site(domain)
        if site is None:
            raise NotFoundError(f"no site {domain!r} (see 'aegir site list')")
        return site

    def find_site(self, domain: str) -> Site | None:
        with self._db.read() as c:
            row = c.execute("SELECT data FROM sites WHERE domain = ?", (domain,)).fetchone()
        return None if row is None else serialize.loads(row[0], Site)

    def site_using_domain(self, domain: str) -> Site | None:
        """The site whose domain or one of whose aliases is ``domain`` (an A-label), if any.

        Aliases live inside the JSON record: a LIKE on it narrows the rows, the parsed record
        decides, so thousands of sites are not all read for one check."""
        needle = f'%"{domain}"%'
        with self._db.read() as c:
            rows = c.execute(
                "SELECT data FROM sites WHERE domain = ? OR data LIKE ?", (domain, needle)
            ).fetchall()
        for (data,) in rows:
            site = serialize.loads(data, Site)
            if site.domain == domain or domain in site.aliases:
                return site
        return None

    def list_sites(self, *, codebase: str | None = None, server: str | None = None) -> list[Site]:
        where, params = _where(("codebase = ?", codebase), ("server = ?", server))
        with self._db.read() as c:
            rows = c.execute(f"SELECT data FROM sites{where} ORDER BY domain", params).fetchall()  # noqa: S608  (our column names)
        return [serialize.loads(r[0], Site) for r in rows]

    def delete_site(self, domain: str) -> None:
        with self._db.write() as c:
            c.execute("DELETE FROM sites WHERE domain = ?", (domain,))
            c.execute("DELETE FROM schedules WHERE site = ?", (domain,))

    # -- backups ----------------------------------------------------------------------------
    def save_backup(self, backup: Backup) -> None:
        values = (
            backup.site,
            backup.store,
            _iso(backup.created),
            backup.state.value,
            backup.size,
            serialize.dumps(backup),
            backup.id,
        )
        with self._db.write() as c:
            if c.execute("SELECT 1 FROM backups WHERE id = ?", (backup.id,)).fetchone():
                c.execute(
                    "UPDATE backups SET site = ?, store = ?, created = ?, state = ?, size = ?, data = ? "
                    "WHERE id = ?",
                    values,
                )
            else:
                c.execute(
                    "INSERT INTO backups (site, store, created, state, size, data, id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    values,
                )

    def get_backup(self, backup_id: str) -> Backup:
        with self._db.read() as c:
            row = c.execute("SELECT data FROM backups WHERE id = ?", (backup_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no backup {backup_id!r} (see 'aegir backup list')")
        return serialize.loads(row[0], Backup)

    def list_backups(self, site: str | None = None, *, state: str | None = None) -> list[Backup]:
        where, params = _where(("site = ?", site), ("state = ?", state))
        with self._db.read() as c:
            rows = c.execute(f"SELECT data FROM backups{where} ORDER BY created DESC", params).fetchall()  # noqa: S608  (our column names)
        return [serialize.loads(r[0], Backup) for r in rows]

    def delete_backup(self, backup_id: str) -> None:
        with self._db.write() as c:
            c.execute("DELETE FROM backups WHERE id = ?", (backup_id,))

    # -- schedules --------------------------------------------------------------------------
    def set_schedule(self, site: str, every_seconds: int, keep: dict[str, int]) -> None:
        with self._db.write() as c:
            c.execute("DELETE FROM schedules WHERE site = ?", (site,))
            c.execute(
                "INSERT INTO schedules (site, every_seconds, keep) VALUES (?, ?, ?)",
                (site, every_seconds, json.dumps(keep)),
            )

    def delete_schedule(self, site: str) -> bool:
        """Remove the backup schedule of ``site``; False if it had none."""
        with self._db.write() as c:
            return bool(c.execute("DELETE FROM schedules WHERE site = ?", (site,)).rowcount)

    def list_schedules(self) -> list[tuple[str, int, dict[str, int], str | None]]:
        with self._db.read() as c:
            rows = c.execute(
                "SELECT site, every_seconds, keep, last_run FROM schedules ORDER BY site"
            ).fetchall()
        return [(r[0], r[1], json.loads(r[2]), r[3]) for r in rows]

    def mark_schedule_run(self, site: str, when: datetime, *, expected_last: str | None) -> bool:
        """Claim a due run: set ``last_run`` only if nobody else did since we read it."""
        with self._db.write() as c:
            if expected_last is None:
                result = c.execute(
                    "UPDATE schedules SET last_run = ? WHERE site = ? AND last_run IS NULL",
                    (_iso(when), site),
                )
            else:
                result = c.execute(
                    "UPDATE schedules SET last_run = ? WHERE site = ? AND last_run = ?",
                    (_iso(when), site, expected_last),
                )
            return bool(result.rowcount)

    # -- settings ---------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._db.read() as c:
            row = c.execute('SELECT value FROM settings WHERE "key" = ?', (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self._db.write() as c:
            c.execute('DELETE FROM settings WHERE "key" = ?', (key,))
            c.execute('INSERT INTO settings ("key", value) VALUES (?, ?)', (key, value))

    # -- tasks ------------------------------------------------------------------------------
    def create_task(
        self,
        task: Task,
        steps: Sequence[tuple[str, str, dict[str, Any]]],
        on_crash: str,
        cleanup_from: int | None = None,
    ) -> None:
        """Journal a new task with its steps (kind, description, data), all pending."""
        with self._db.write() as c:
            c.execute(
                "INSERT INTO tasks (id, operation, target, status, created, runner_pid, on_crash, cleanup_from) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    task.id,
                    task.operation,
                    task.target,
                    task.status.value,
                    _iso(task.created or utcnow()),
                    task.runner_pid,
                    on_crash,
                    cleanup_from,
                ),
            )
            if steps:
                c.executemany(
                    "INSERT INTO task_steps (task_id, idx, kind, description, data, state) "
                    "VALUES (?, ?, ?, ?, ?, 'pending')",
                    [
                        (task.id, i, kind, desc, json.dumps(data))
                        for i, (kind, desc, data) in enumerate(steps)
                    ],
                )

    def set_task(self, task_id: str, **values: Any) -> None:
        if "status" in values and isinstance(values["status"], TaskStatus):
            values["status"] = values["status"].value
        for key in ("started", "finished"):
            if isinstance(values.get(key), datetime):
                values[key] = _iso(values[key])
        unknown = sorted(set(values) - _TASK_SETTABLE)
        if unknown:
            raise StoreError(
                f"a task has no column {unknown[0]!r} to set (it has {', '.join(sorted(_TASK_SETTABLE))})"
            )
        if not values:
            return
        assignments = ", ".join(f"{key} = ?" for key in values)
        with self._db.write() as c:
            c.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", (*values.values(), task_id))  # noqa: S608  (column names checked above)

    def set_step(self, task_id: str, index: int, state: str, *, error: str | None = None) -> None:
        now = _iso(utcnow())
        column = "started" if state == "running" else "finished"
        assignments, params = f"state = ?, {column} = ?", [state, now]
        if error is not None:
            assignments += ", error = ?"
            params.append(error)
        with self._db.write() as c:
            c.execute(
                f"UPDATE task_steps SET {assignments} WHERE task_id = ? AND idx = ?",  # noqa: S608  (our column names)
                (*params, task_id, index),
            )

    def log(self, task_id: str, message: str, level: str = "info") -> None:
        with self._db.write() as c:
            c.execute(
                "INSERT INTO task_log (task_id, time, level, message) VALUES (?, ?, ?, ?)",
                (task_id, _iso(utcnow()), level, message),
            )

    @staticmethod
    def _task_from_row(r: Sequence[Any]) -> Task:
        task_id, operation, target, status, created, started, finished, error, runner_pid = r
        return Task(
            id=task_id,
            operation=operation,
            target=target,
            status=TaskStatus(status),
            created=datetime.fromisoformat(created),
            started=datetime.fromisoformat(started) if started else None,
            finished=datetime.fromisoformat(finished) if finished else None,
            error=error,
            runner_pid=runner_pid,
        )

    def get_task(self, task_id: str) -> Task:
        with self._db.read() as c:
            rows = c.execute(
                f"SELECT {_TASK_COLUMNS} FROM tasks WHERE id LIKE ? || '%' LIMIT 2",  # noqa: S608  (our column names)
                (task_id,),
            ).fetchall()
        if not rows:
            raise NotFoundError(f"no task {task_id!r} (see 'aegir task list')")
        if len(rows) > 1 and rows[0][0] != task_id:
            raise ConflictError(f"task id prefix {task_id!r} is ambiguous")
        return self._task_from_row(rows[0])

    def task_on_crash(self, task_id: str) -> tuple[str, int | None]:
        """What crash recovery does with the task, and where its clean-up steps begin."""
        with self._db.read() as c:
            row = c.execute("SELECT on_crash, cleanup_from FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return ("rollback", None) if row is None else (str(row[0]), row[1])

    def list_tasks(
        self, *, target: str | None = None, status: Sequence[str] | None = None, limit: int = 50
    ) -> list[Task]:
        statuses = list(status or ())
        where, params = _where(
            ("target = ?", target),
            (f"status IN ({', '.join('?' * len(statuses))})", statuses or None),
        )
        with self._db.read() as c:
            rows = c.execute(
                f"SELECT {_TASK_COLUMNS} FROM tasks{where} ORDER BY created DESC, id DESC LIMIT ?",  # noqa: S608  (our column names)
                (*params, limit),
            ).fetchall()
        return [self._task_from_row(r) for r in rows]

    def task_steps(self, task_id: str) -> list[StepRecord]:
        with self._db.read() as c:
            rows = c.execute(
                "SELECT idx, kind, description, data, state, started, finished, error FROM task_steps "
                "WHERE task_id = ? ORDER BY idx",
                (task_id,),
            ).fetchall()
        return [StepRecord(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7]) for r in rows]

    def task_log(self, task_id: str, *, after_id: int = 0) -> list[LogLine]:
        with self._db.read() as c:
            rows = c.execute(
                "SELECT time, level, message FROM task_log WHERE task_id = ? AND id > ? ORDER BY id",
                (task_id, after_id),
            ).fetchall()
        return [LogLine(r[0], r[1], r[2]) for r in rows]

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise KeyError(table)
        with self._db.read() as c:
            return int(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608  (a known table)


def _where(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause of the conditions whose value is given (truthy), and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in conditions:
        if value:
            clauses.append(clause)
            params.extend(value if isinstance(value, list) else [value])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
