"""The inventory schema: a new home gets exactly the schema the Alembic-made homes have, and a home
made by the Alembic version (at revision 0001 or 0002) opens and is upgraded without losing a row.

``ALEMBIC_0001`` is the SQL text SQLite recorded in ``sqlite_master`` for a home made by Alembic at
revision 0001 (verbatim, in creation order); 0002 added one column with ``ALTER TABLE``. Building a
legacy home from this text gives the very schema those homes have.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from aegir.core import serialize
from aegir.core.model import (
    Backup,
    Codebase,
    CodebaseScan,
    Extension,
    Package,
    Server,
    Service,
    Site,
    SiteStatus,
    Task,
    TaskStatus,
)
from aegir.core.store import Store

ALEMBIC_0001 = (
    "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\t"
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
    "CREATE TABLE servers (\n\tname VARCHAR(64) NOT NULL, \n\tbackend VARCHAR(64) NOT NULL, \n\t"
    "data TEXT NOT NULL, \n\tPRIMARY KEY (name)\n)",
    "CREATE TABLE codebases (\n\tname VARCHAR(64) NOT NULL, \n\tapp VARCHAR(64) NOT NULL, \n\t"
    "verified_at VARCHAR(40), \n\tdata TEXT NOT NULL, \n\tPRIMARY KEY (name)\n)",
    "CREATE TABLE codebase_units (\n\tid INTEGER NOT NULL, \n\tcodebase VARCHAR(64) NOT NULL, \n\t"
    "unit VARCHAR(16) NOT NULL, \n\tname VARCHAR(255) NOT NULL, \n\tversion VARCHAR(128), \n\t"
    "type VARCHAR(64), \n\tPRIMARY KEY (id), \n\t"
    "FOREIGN KEY(codebase) REFERENCES codebases (name) ON DELETE CASCADE\n)",
    "CREATE INDEX ix_codebase_units_name ON codebase_units (name)",
    "CREATE INDEX ix_codebase_units_codebase ON codebase_units (codebase)",
    "CREATE TABLE sites (\n\tdomain VARCHAR(253) NOT NULL, \n\tcodebase VARCHAR(64) NOT NULL, \n\t"
    "server VARCHAR(64) NOT NULL, \n\tstatus VARCHAR(16) NOT NULL, \n\tdata TEXT NOT NULL, \n\t"
    "PRIMARY KEY (domain), \n\tFOREIGN KEY(codebase) REFERENCES codebases (name)\n)",
    "CREATE INDEX ix_sites_codebase ON sites (codebase)",
    "CREATE TABLE backups (\n\tid VARCHAR(64) NOT NULL, \n\tsite VARCHAR(253) NOT NULL, \n\t"
    "store VARCHAR(64) NOT NULL, \n\tcreated VARCHAR(40) NOT NULL, \n\tstate VARCHAR(16) NOT NULL, \n\t"
    "size INTEGER NOT NULL, \n\tdata TEXT NOT NULL, \n\tPRIMARY KEY (id)\n)",
    "CREATE INDEX ix_backups_site_created ON backups (site, created)",
    "CREATE TABLE schedules (\n\tsite VARCHAR(253) NOT NULL, \n\tevery_seconds INTEGER NOT NULL, \n\t"
    "keep TEXT NOT NULL, \n\tlast_run VARCHAR(40), \n\tPRIMARY KEY (site)\n)",
    "CREATE TABLE tasks (\n\tid VARCHAR(40) NOT NULL, \n\toperation VARCHAR(64) NOT NULL, \n\t"
    "target VARCHAR(253) NOT NULL, \n\tstatus VARCHAR(20) NOT NULL, \n\tcreated VARCHAR(40) NOT NULL, \n\t"
    "started VARCHAR(40), \n\tfinished VARCHAR(40), \n\terror TEXT, \n\trunner_pid INTEGER, \n\t"
    "on_crash VARCHAR(16) NOT NULL, \n\tPRIMARY KEY (id)\n)",
    "CREATE INDEX ix_tasks_status ON tasks (status)",
    "CREATE INDEX ix_tasks_target ON tasks (target)",
    "CREATE TABLE task_steps (\n\ttask_id VARCHAR(40) NOT NULL, \n\tidx INTEGER NOT NULL, \n\t"
    "kind VARCHAR(64) NOT NULL, \n\tdescription TEXT NOT NULL, \n\tdata TEXT NOT NULL, \n\t"
    "state VARCHAR(16) NOT NULL, \n\tstarted VARCHAR(40), \n\tfinished VARCHAR(40), \n\terror TEXT, \n\t"
    "PRIMARY KEY (task_id, idx), \n\tFOREIGN KEY(task_id) REFERENCES tasks (id) ON DELETE CASCADE\n)",
    "CREATE TABLE task_log (\n\tid INTEGER NOT NULL, \n\ttask_id VARCHAR(40) NOT NULL, \n\t"
    "time VARCHAR(40) NOT NULL, \n\tlevel VARCHAR(10) NOT NULL, \n\tmessage TEXT NOT NULL, \n\t"
    "PRIMARY KEY (id), \n\tFOREIGN KEY(task_id) REFERENCES tasks (id) ON DELETE CASCADE\n)",
    "CREATE INDEX ix_task_log_task ON task_log (task_id)",
    'CREATE TABLE settings (\n\t"key" VARCHAR(128) NOT NULL, \n\tvalue TEXT NOT NULL, \n\tPRIMARY KEY ("key")\n)',
)
#: what Alembic ran for revision 0002 (batch mode on SQLite adds a column with a plain ALTER TABLE)
ALEMBIC_0002 = ("ALTER TABLE tasks ADD COLUMN cleanup_from INTEGER",)

TABLES = (
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
)


def legacy_home(path: Path, revision: str) -> None:
    """An inventory as the Alembic version left it at ``revision`` ("0001" or "0002"), no rows yet."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("BEGIN")
    for sql in ALEMBIC_0001 + (ALEMBIC_0002 if revision == "0002" else ()):
        con.execute(sql)
    con.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
    con.execute("COMMIT")
    con.close()


def _normalized(sql: str | None) -> str | None:
    """Whitespace-insensitive SQL: one space between tokens, none inside brackets or before commas."""
    if sql is None:
        return None
    text = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def describe(path: Path) -> dict[str, Any]:
    """Everything SQLite knows about the inventory's tables, minus Alembic's own bookkeeping."""
    con = sqlite3.connect(path)
    master = [
        (kind, name, table, _normalized(sql))
        for kind, name, table, sql in con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        )
        if table != "alembic_version"
    ]
    tables: dict[str, Any] = {}
    for table in TABLES:
        indexes = con.execute(f"PRAGMA index_list({table})").fetchall()
        tables[table] = {
            "columns": con.execute(f"PRAGMA table_info({table})").fetchall(),
            "indexes": sorted(indexes),
            "index_columns": {
                index[1]: con.execute(f"PRAGMA index_xinfo({index[1]})").fetchall() for index in indexes
            },
            "foreign_keys": con.execute(f"PRAGMA foreign_key_list({table})").fetchall(),
        }
    con.close()
    return {"master": master, "tables": tables}


def test_a_new_home_has_the_schema_alembic_made(tmp_path: Path) -> None:
    Store(tmp_path / "new.sqlite").close()
    legacy_home(tmp_path / "old.sqlite", "0002")
    new, old = describe(tmp_path / "new.sqlite"), describe(tmp_path / "old.sqlite")
    assert new["tables"] == old["tables"]
    assert new["master"] == old["master"]
    # and it is really the full schema, not two empty descriptions agreeing
    assert len(old["tables"]["tasks"]["columns"]) == 11
    assert [row[1] for row in old["master"] if row[0] == "index" and row[3]] == [
        "ix_backups_site_created",
        "ix_codebase_units_codebase",
        "ix_codebase_units_name",
        "ix_sites_codebase",
        "ix_task_log_task",
        "ix_tasks_status",
        "ix_tasks_target",
    ]


def test_a_new_home_is_in_wal_mode(tmp_path: Path) -> None:
    Store(tmp_path / "inv.sqlite").close()
    con = sqlite3.connect(tmp_path / "inv.sqlite")
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.close()


T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _models() -> dict[str, Any]:
    scan = CodebaseScan(
        app="drupal",
        app_version="10.2.0",
        docroot="web",
        packages=(Package("drupal/core", "10.2.0", "drupal-core"),),
        extensions=(Extension("token", "module", "1.15.0", "token", "web/modules/contrib/token"),),
    )
    return {
        "server": Server("web1", "local", [Service("nginx", 8080)]),
        "codebase": Codebase(
            name="d10", app="drupal", root="/srv/d10", docroot="web", scan=scan, verified_at=T0
        ),
        "site": Site(
            domain="a.example",
            codebase="d10",
            server="web1",
            status=SiteStatus.ENABLED,
            aliases=("www.a.example",),
        ),
        "backup": Backup(id="b-1", site="a.example", store="local", created=T0, size=1234),
    }


def _fill_legacy(path: Path, revision: str) -> None:
    """Rows in every table, written with the columns the Alembic version wrote."""
    m = _models()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN")
    con.execute("INSERT INTO servers VALUES ('web1', 'local', ?)", (serialize.dumps(m["server"]),))
    con.execute(
        "INSERT INTO codebases VALUES ('d10', 'drupal', ?, ?)",
        (T0.isoformat(), serialize.dumps(m["codebase"])),
    )
    con.execute(
        "INSERT INTO codebase_units (codebase, unit, name, version, type) VALUES "
        "('d10', 'package', 'drupal/core', '10.2.0', 'drupal-core'), "
        "('d10', 'extension', 'token', '1.15.0', 'module')"
    )
    con.execute(
        "INSERT INTO sites VALUES ('a.example', 'd10', 'web1', 'enabled', ?)", (serialize.dumps(m["site"]),)
    )
    con.execute(
        "INSERT INTO backups VALUES ('b-1', 'a.example', 'local', ?, 'complete', 1234, ?)",
        (T0.isoformat(), serialize.dumps(m["backup"])),
    )
    con.execute("INSERT INTO schedules VALUES ('a.example', 86400, '{\"daily\": 7}', ?)", (T0.isoformat(),))
    columns = "id, operation, target, status, created, started, finished, error, runner_pid, on_crash"
    values = "?, 'install', 'a.example', 'succeeded', ?, ?, ?, NULL, 4242, 'rollback'"
    if revision == "0002":
        columns, values = columns + ", cleanup_from", values + ", 1"
    when = T0.isoformat()
    con.execute(f"INSERT INTO tasks ({columns}) VALUES ({values})", ("t-1", when, when, when))  # noqa: S608  (our constants)
    con.execute(
        "INSERT INTO task_steps VALUES ('t-1', 0, 'noop', 'do nothing', '{\"x\": 1}', 'done', ?, ?, NULL)",
        (T0.isoformat(), T0.isoformat()),
    )
    con.execute("INSERT INTO task_log (task_id, time, level, message) VALUES ('t-1', ?, 'info', 'hello')", (T0.isoformat(),))  # fmt: skip
    con.execute("INSERT INTO settings VALUES ('default_backup_store', 'local')")
    con.execute("COMMIT")
    con.close()


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    rows = {}
    for table in TABLES:
        names = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] != "cleanup_from"]
        rows[table] = con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY rowid").fetchall()  # noqa: S608
    con.close()
    return rows


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_a_home_made_by_alembic_opens_and_is_upgraded_without_loss(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "inventory.sqlite"
    legacy_home(path, revision)
    _fill_legacy(path, revision)
    before = _rows(path)
    assert all(before[table] for table in TABLES)

    store = Store(path)
    assert _rows(path) == before
    fresh = tmp_path / "fresh.sqlite"
    Store(fresh).close()
    assert describe(path) == describe(fresh)

    m = _models()
    assert store.get_server("web1") == m["server"]
    assert store.get_codebase("d10") == m["codebase"]
    assert store.get_site("a.example") == m["site"]
    assert store.site_using_domain("www.a.example") == m["site"]
    assert store.list_backups("a.example") == [m["backup"]]
    assert [u.codebase for u in store.where_package("token")] == ["d10"]
    assert store.list_schedules() == [("a.example", 86400, {"daily": 7}, T0.isoformat())]
    task = store.get_task("t-1")
    assert (task.status, task.started, task.runner_pid) == (TaskStatus.SUCCEEDED, T0, 4242)
    assert store.task_on_crash("t-1") == ("rollback", 1 if revision == "0002" else None)
    assert [s.data for s in store.task_steps("t-1")] == [{"x": 1}]
    assert [line.message for line in store.task_log("t-1")] == ["hello"]
    assert store.get_setting("default_backup_store") == "local"

    # new writes work, including the column 0002 added
    store.add_server(Server("web2", "local"))
    store.create_task(Task("t-2", "backup", "a.example", created=T0), [("noop", "x", {})], "rollback", 0)
    assert store.task_on_crash("t-2") == ("rollback", 0)
    store.save_site(Site(domain="b.example", codebase="d10", server="web2"))
    assert [s.domain for s in store.list_sites()] == ["a.example", "b.example"]
    store.close()

    # a second open finds it at the newest version and changes nothing
    reopened = Store(path)
    assert [s.name for s in reopened.list_servers()] == ["web1", "web2"]
    reopened.close()
