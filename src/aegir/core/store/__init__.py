"""The inventory: servers, codebases (and the packages they carry), sites, backups, schedules,
tasks with their steps and log, and settings, in one SQLite database in the Aegir home.

Whole model values are stored as JSON made by :mod:`aegir.core.serialize`; every write is its own
short transaction, so concurrent CLI processes on one home are safe.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import frozen
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from aegir.core import serialize
from aegir.core.errors import ConflictError, NotFoundError, StoreError
from aegir.core.model import Backup, Codebase, Server, Site, Task, TaskStatus
from aegir.core.store import _schema as t
from aegir.core.store._engine import open_engine

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


class Store:
    """The inventory store of one Aegir home."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.engine: Engine = open_engine(path)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot open the inventory {str(path)!r}: {e}") from e

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except IntegrityError as e:
            raise ConflictError(f"the inventory refused the change: {e.orig}") from e
        except SQLAlchemyError as e:
            raise StoreError(f"inventory error in {str(self.path)!r}: {e}") from e

    # -- servers ----------------------------------------------------------------------------
    def add_server(self, server: Server) -> None:
        with self._tx() as c:
            if c.execute(select(t.servers.c.name).where(t.servers.c.name == server.name)).first():
                raise ConflictError(f"server {server.name!r} exists already")
            c.execute(
                insert(t.servers).values(
                    name=server.name, backend=server.backend, data=serialize.dumps(server)
                )
            )

    def save_server(self, server: Server) -> None:
        with self._tx() as c:
            c.execute(delete(t.servers).where(t.servers.c.name == server.name))
            c.execute(
                insert(t.servers).values(
                    name=server.name, backend=server.backend, data=serialize.dumps(server)
                )
            )

    def get_server(self, name: str) -> Server:
        with self._tx() as c:
            row = c.execute(select(t.servers.c.data).where(t.servers.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no server named {name!r} (see 'aegir server list')")
        return serialize.loads(row[0], Server)

    def list_servers(self) -> list[Server]:
        with self._tx() as c:
            rows = c.execute(select(t.servers.c.data).order_by(t.servers.c.name)).all()
        return [serialize.loads(r[0], Server) for r in rows]

    def remove_server(self, name: str) -> None:
        with self._tx() as c:
            used = c.execute(select(t.sites.c.domain).where(t.sites.c.server == name).limit(1)).first()
            if used:
                raise ConflictError(
                    f"server {name!r} still hosts site {used[0]!r}; delete or migrate it first"
                )
            if c.execute(delete(t.servers).where(t.servers.c.name == name)).rowcount == 0:
                raise NotFoundError(f"no server named {name!r}")

    # -- codebases --------------------------------------------------------------------------
    def save_codebase(self, codebase: Codebase) -> None:
        """Insert or replace a codebase and the index of packages and extensions it carries."""
        with self._tx() as c:
            values = {
                "app": codebase.app,
                "verified_at": _iso(codebase.verified_at),
                "data": serialize.dumps(codebase),
            }
            exists = c.execute(select(t.codebases.c.name).where(t.codebases.c.name == codebase.name)).first()
            if exists:
                c.execute(update(t.codebases).where(t.codebases.c.name == codebase.name).values(**values))
            else:
                c.execute(insert(t.codebases).values(name=codebase.name, **values))
            c.execute(delete(t.codebase_units).where(t.codebase_units.c.codebase == codebase.name))
            scan = codebase.scan
            if scan is not None:
                rows: list[dict[str, Any]] = [
                    {
                        "codebase": codebase.name,
                        "unit": "package",
                        "name": p.name,
                        "version": p.version,
                        "type": p.type,
                    }
                    for p in scan.packages
                ]
                rows += [
                    {
                        "codebase": codebase.name,
                        "unit": "extension",
                        "name": e.name,
                        "version": e.version,
                        "type": e.type,
                    }
                    for e in scan.extensions
                ]
                if rows:
                    c.execute(insert(t.codebase_units), rows)

    def add_codebase(self, codebase: Codebase) -> None:
        with self._tx() as c:
            if c.execute(select(t.codebases.c.name).where(t.codebases.c.name == codebase.name)).first():
                raise ConflictError(f"codebase {codebase.name!r} exists already")
        self.save_codebase(codebase)

    def get_codebase(self, name: str) -> Codebase:
        with self._tx() as c:
            row = c.execute(select(t.codebases.c.data).where(t.codebases.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no codebase named {name!r} (see 'aegir codebase list')")
        return serialize.loads(row[0], Codebase)

    def list_codebases(self) -> list[Codebase]:
        with self._tx() as c:
            rows = c.execute(select(t.codebases.c.data).order_by(t.codebases.c.name)).all()
        return [serialize.loads(r[0], Codebase) for r in rows]

    def remove_codebase(self, name: str) -> None:
        with self._tx() as c:
            used = c.execute(select(t.sites.c.domain).where(t.sites.c.codebase == name).limit(1)).first()
            if used:
                raise ConflictError(f"codebase {name!r} still serves site {used[0]!r}")
            if c.execute(delete(t.codebases).where(t.codebases.c.name == name)).rowcount == 0:
                raise NotFoundError(f"no codebase named {name!r}")

    def where_package(self, name: str) -> list[PackageUse]:
        """Which codebases carry a package or extension ``name``, at which versions, and their sites."""
        with self._tx() as c:
            rows = c.execute(
                select(
                    t.codebase_units.c.codebase,
                    t.codebase_units.c.unit,
                    t.codebase_units.c.name,
                    t.codebase_units.c.version,
                    t.codebase_units.c.type,
                )
                .where(t.codebase_units.c.name == name)
                .order_by(t.codebase_units.c.codebase, t.codebase_units.c.unit)
            ).all()
            codebase_names = sorted({r[0] for r in rows})
            site_rows = (
                c.execute(
                    select(t.sites.c.codebase, t.sites.c.domain)
                    .where(t.sites.c.codebase.in_(codebase_names))
                    .where(t.sites.c.status != "deleted")
                    .order_by(t.sites.c.domain)
                ).all()
                if codebase_names
                else []
            )
        sites: dict[str, list[str]] = {}
        for cb, domain in site_rows:
            sites.setdefault(cb, []).append(domain)
        return [PackageUse(r[0], r[1], r[2], r[3], r[4], tuple(sites.get(r[0], ()))) for r in rows]

    # -- sites ------------------------------------------------------------------------------
    def save_site(self, site: Site) -> None:
        with self._tx() as c:
            values = {
                "codebase": site.codebase,
                "server": site.server,
                "status": site.status.value,
                "data": serialize.dumps(site),
            }
            if c.execute(select(t.sites.c.domain).where(t.sites.c.domain == site.domain)).first():
                c.execute(update(t.sites).where(t.sites.c.domain == site.domain).values(**values))
            else:
                c.execute(insert(t.sites).values(domain=site.domain, **values))

    def get_site(self, domain: str) -> Site:
        site = self.find_site(domain)
        if site is None:
            raise NotFoundError(f"no site {domain!r} (see 'aegir site list')")
        return site

    def find_site(self, domain: str) -> Site | None:
        with self._tx() as c:
            row = c.execute(select(t.sites.c.data).where(t.sites.c.domain == domain)).first()
        return None if row is None else serialize.loads(row[0], Site)

    def site_using_domain(self, domain: str) -> Site | None:
        """The site whose domain or one of whose aliases is ``domain`` (an A-label), if any.

        Aliases live inside the JSON record: a LIKE on it narrows the rows, the parsed record
        decides, so thousands of sites are not all read for one check."""
        needle = f'%"{domain}"%'
        with self._tx() as c:
            rows = c.execute(
                select(t.sites.c.data).where((t.sites.c.domain == domain) | t.sites.c.data.like(needle))
            ).all()
        for (data,) in rows:
            site = serialize.loads(data, Site)
            if site.domain == domain or domain in site.aliases:
                return site
        return None

    def list_sites(self, *, codebase: str | None = None, server: str | None = None) -> list[Site]:
        query = select(t.sites.c.data).order_by(t.sites.c.domain)
        if codebase:
            query = query.where(t.sites.c.codebase == codebase)
        if server:
            query = query.where(t.sites.c.server == server)
        with self._tx() as c:
            rows = c.execute(query).all()
        return [serialize.loads(r[0], Site) for r in rows]

    def delete_site(self, domain: str) -> None:
        with self._tx() as c:
            c.execute(delete(t.sites).where(t.sites.c.domain == domain))
            c.execute(delete(t.schedules).where(t.schedules.c.site == domain))

    # -- backups ----------------------------------------------------------------------------
    def save_backup(self, backup: Backup) -> None:
        values = {
            "site": backup.site,
            "store": backup.store,
            "created": _iso(backup.created),
            "state": backup.state.value,
            "size": backup.size,
            "data": serialize.dumps(backup),
        }
        with self._tx() as c:
            if c.execute(select(t.backups.c.id).where(t.backups.c.id == backup.id)).first():
                c.execute(update(t.backups).where(t.backups.c.id == backup.id).values(**values))
            else:
                c.execute(insert(t.backups).values(id=backup.id, **values))

    def get_backup(self, backup_id: str) -> Backup:
        with self._tx() as c:
            row = c.execute(select(t.backups.c.data).where(t.backups.c.id == backup_id)).first()
        if row is None:
            raise NotFoundError(f"no backup {backup_id!r} (see 'aegir backup list')")
        return serialize.loads(row[0], Backup)

    def list_backups(self, site: str | None = None, *, state: str | None = None) -> list[Backup]:
        query = select(t.backups.c.data).order_by(t.backups.c.created.desc())
        if site:
            query = query.where(t.backups.c.site == site)
        if state:
            query = query.where(t.backups.c.state == state)
        with self._tx() as c:
            rows = c.execute(query).all()
        return [serialize.loads(r[0], Backup) for r in rows]

    def delete_backup(self, backup_id: str) -> None:
        with self._tx() as c:
            c.execute(delete(t.backups).where(t.backups.c.id == backup_id))

    # -- schedules --------------------------------------------------------------------------
    def set_schedule(self, site: str, every_seconds: int, keep: dict[str, int]) -> None:
        with self._tx() as c:
            c.execute(delete(t.schedules).where(t.schedules.c.site == site))
            c.execute(
                insert(t.schedules).values(site=site, every_seconds=every_seconds, keep=json.dumps(keep))
            )

    def delete_schedule(self, site: str) -> bool:
        """Remove the backup schedule of ``site``; False if it had none."""
        with self._tx() as c:
            result = c.execute(delete(t.schedules).where(t.schedules.c.site == site))
            return bool(result.rowcount)

    def list_schedules(self) -> list[tuple[str, int, dict[str, int], str | None]]:
        with self._tx() as c:
            rows = c.execute(select(t.schedules).order_by(t.schedules.c.site)).all()
        return [(r.site, r.every_seconds, json.loads(r.keep), r.last_run) for r in rows]

    def mark_schedule_run(self, site: str, when: datetime, *, expected_last: str | None) -> bool:
        """Claim a due run: set ``last_run`` only if nobody else did since we read it."""
        with self._tx() as c:
            cond = (
                t.schedules.c.last_run.is_(None)
                if expected_last is None
                else t.schedules.c.last_run == expected_last
            )
            result = c.execute(
                update(t.schedules).where(t.schedules.c.site == site).where(cond).values(last_run=_iso(when))
            )
            return bool(result.rowcount)

    # -- settings ---------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._tx() as c:
            row = c.execute(select(t.settings.c.value).where(t.settings.c.key == key)).first()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as c:
            c.execute(delete(t.settings).where(t.settings.c.key == key))
            c.execute(insert(t.settings).values(key=key, value=value))

    # -- tasks ------------------------------------------------------------------------------
    def create_task(
        self,
        task: Task,
        steps: Sequence[tuple[str, str, dict[str, Any]]],
        on_crash: str,
        cleanup_from: int | None = None,
    ) -> None:
        """Journal a new task with its steps (kind, description, data), all pending."""
        with self._tx() as c:
            c.execute(
                insert(t.tasks).values(
                    id=task.id,
                    operation=task.operation,
                    target=task.target,
                    status=task.status.value,
                    created=_iso(task.created or utcnow()),
                    runner_pid=task.runner_pid,
                    on_crash=on_crash,
                    cleanup_from=cleanup_from,
                )
            )
            if steps:
                c.execute(
                    insert(t.task_steps),
                    [
                        {
                            "task_id": task.id,
                            "idx": i,
                            "kind": kind,
                            "description": desc,
                            "data": json.dumps(data),
                            "state": "pending",
                        }
                        for i, (kind, desc, data) in enumerate(steps)
                    ],
                )

    def set_task(self, task_id: str, **values: Any) -> None:
        if "status" in values and isinstance(values["status"], TaskStatus):
            values["status"] = values["status"].value
        for key in ("started", "finished"):
            if isinstance(values.get(key), datetime):
                values[key] = _iso(values[key])
        with self._tx() as c:
            c.execute(update(t.tasks).where(t.tasks.c.id == task_id).values(**values))

    def set_step(self, task_id: str, index: int, state: str, *, error: str | None = None) -> None:
        now = _iso(utcnow())
        values: dict[str, Any] = {"state": state}
        if state == "running":
            values["started"] = now
        else:
            values["finished"] = now
        if error is not None:
            values["error"] = error
        with self._tx() as c:
            c.execute(
                update(t.task_steps)
                .where(t.task_steps.c.task_id == task_id)
                .where(t.task_steps.c.idx == index)
                .values(**values)
            )

    def log(self, task_id: str, message: str, level: str = "info") -> None:
        with self._tx() as c:
            c.execute(
                insert(t.task_log).values(task_id=task_id, time=_iso(utcnow()), level=level, message=message)
            )

    def _task_from_row(self, r: Any) -> Task:
        return Task(
            id=r.id,
            operation=r.operation,
            target=r.target,
            status=TaskStatus(r.status),
            created=datetime.fromisoformat(r.created),
            started=datetime.fromisoformat(r.started) if r.started else None,
            finished=datetime.fromisoformat(r.finished) if r.finished else None,
            error=r.error,
            runner_pid=r.runner_pid,
        )

    def get_task(self, task_id: str) -> Task:
        with self._tx() as c:
            row = c.execute(select(t.tasks).where(t.tasks.c.id.startswith(task_id)).limit(2)).all()
        if not row:
            raise NotFoundError(f"no task {task_id!r} (see 'aegir task list')")
        if len(row) > 1 and row[0].id != task_id:
            raise ConflictError(f"task id prefix {task_id!r} is ambiguous")
        return self._task_from_row(row[0])

    def task_on_crash(self, task_id: str) -> tuple[str, int | None]:
        """What crash recovery does with the task, and where its clean-up steps begin."""
        with self._tx() as c:
            row = c.execute(
                select(t.tasks.c.on_crash, t.tasks.c.cleanup_from).where(t.tasks.c.id == task_id)
            ).first()
        return ("rollback", None) if row is None else (str(row[0]), row[1])

    def list_tasks(
        self, *, target: str | None = None, status: Sequence[str] | None = None, limit: int = 50
    ) -> list[Task]:
        query = select(t.tasks).order_by(t.tasks.c.created.desc(), t.tasks.c.id.desc()).limit(limit)
        if target:
            query = query.where(t.tasks.c.target == target)
        if status:
            query = query.where(t.tasks.c.status.in_(list(status)))
        with self._tx() as c:
            rows = c.execute(query).all()
        return [self._task_from_row(r) for r in rows]

    def task_steps(self, task_id: str) -> list[StepRecord]:
        with self._tx() as c:
            rows = c.execute(
                select(t.task_steps).where(t.task_steps.c.task_id == task_id).order_by(t.task_steps.c.idx)
            ).all()
        return [
            StepRecord(
                r.idx, r.kind, r.description, json.loads(r.data), r.state, r.started, r.finished, r.error
            )
            for r in rows
        ]

    def task_log(self, task_id: str, *, after_id: int = 0) -> list[LogLine]:
        with self._tx() as c:
            rows = c.execute(
                select(t.task_log)
                .where(t.task_log.c.task_id == task_id)
                .where(t.task_log.c.id > after_id)
                .order_by(t.task_log.c.id)
            ).all()
        return [LogLine(r.time, r.level, r.message) for r in rows]

    def count(self, table: str) -> int:
        with self._tx() as c:
            return int(c.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar_one())
