"""The inventory's migration runner and error mapping: ordered SQL files, one transaction each, the
schema version in ``PRAGMA user_version``; SQLite errors as Aegir's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from aegir.core.errors import ConflictError, NotFoundError, StoreError
from aegir.core.model import Server, Task
from aegir.core.store import Store
from aegir.core.store._migrate import HEAD_VERSION, _apply, migrations, statements


def test_the_head_version_is_the_last_migration_and_the_files_are_numbered_without_gaps() -> None:
    found = migrations()
    assert [number for number, _ in found] == list(range(1, HEAD_VERSION + 1))
    assert found[-1][1].name == "0002_task_cleanup.sql"
    for _, path in found:
        assert statements(path.read_text(encoding="utf-8")), path


def test_statements_split_where_sqlite_says_and_leave_out_comment_lines() -> None:
    sql = (
        "-- a comment; with a semicolon\n"
        "CREATE TABLE a (x TEXT DEFAULT 'one; two');\n"
        "\n"
        "INSERT INTO a VALUES ('three;\nfour');\n"
        "-- trailing comment\n"
    )
    assert statements(sql) == [
        "CREATE TABLE a (x TEXT DEFAULT 'one; two');",
        "INSERT INTO a VALUES ('three;\nfour');",
    ]
    with pytest.raises(StoreError, match=r"unfinished statement: 'CREATE TABLE b \(y\)'"):
        statements("CREATE TABLE b (y)\n")


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    broken = tmp_path / "0001_broken.sql"
    broken.write_text("CREATE TABLE first (x INTEGER);\nCREATE TABLE first (y INTEGER);\n", encoding="utf-8")
    con = sqlite3.connect(tmp_path / "inv.sqlite", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        _apply(con, 1, broken)
    assert not con.in_transaction
    assert con.execute("PRAGMA user_version").fetchone() == (0,)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == []
    con.close()


def test_a_migration_another_process_already_applied_is_not_run_again(tmp_path: Path) -> None:
    migration = tmp_path / "0001_table.sql"
    migration.write_text("CREATE TABLE t (x INTEGER);\n", encoding="utf-8")
    con = sqlite3.connect(tmp_path / "inv.sqlite", isolation_level=None)
    _apply(con, 1, migration)
    _apply(con, 1, migration)  # would fail with "table t already exists" if it ran
    assert con.execute("PRAGMA user_version").fetchone() == (1,)
    con.close()


def test_an_inventory_newer_than_this_aegir_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(
        StoreError, match=rf"schema version 99, newer than this Aegir knows \({HEAD_VERSION}\)"
    ):
        Store(path)


def test_an_unknown_alembic_revision_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('0003')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=r"Alembic revision '0003', which this Aegir does not know"):
        Store(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    assert con.execute("PRAGMA user_version").fetchone() == (0,)
    con.close()


def test_an_alembic_home_that_never_finished_its_first_migration_gets_the_whole_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.commit()
    con.close()
    store = Store(path)
    store.add_server(Server("web1", "local"))
    assert store.count("servers") == 1
    store.close()


def test_a_file_that_is_no_database_is_a_store_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    path.write_bytes(b"this is not a database, " * 100)
    with pytest.raises(
        StoreError, match=r"cannot open the inventory '.*inv\.sqlite': file is not a database"
    ):
        Store(path)
    with pytest.raises(StoreError, match=r"cannot open the inventory '.*nowhere/inv\.sqlite'"):
        Store(tmp_path / "nowhere" / "inv.sqlite")


def test_errors_are_aegir_errors(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    store.create_task(Task("t-1", "install", "a.example"), [], "rollback")
    with pytest.raises(
        ConflictError, match=r"the inventory refused the change: UNIQUE constraint failed: tasks\.id"
    ):
        store.create_task(Task("t-1", "install", "a.example"), [], "rollback")
    with pytest.raises(ConflictError, match=r"FOREIGN KEY constraint failed"):
        store.log("no-such-task", "hello")
    with pytest.raises(StoreError, match=r"a task has no column 'colour'"):
        store.set_task("t-1", colour="blue")
    with pytest.raises(NotFoundError, match=r"no server named 'web9'"):
        store.remove_server("web9")
    with pytest.raises(KeyError):
        store.count("sqlite_master")
    # a refused write leaves nothing half done, and the store goes on working
    assert store.count("tasks") == 1
    assert store.task_log("t-1") == []
    store.close()


def test_a_closed_store_opens_its_connection_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    store.add_server(Server("web1", "local"))
    store.close()
    store.close()
    assert [s.name for s in store.list_servers()] == ["web1"]
    store.set_setting("k", "v")
    assert store.get_setting("k") == "v"
    store.close()


def test_set_task_and_list_tasks_filters(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from aegir.core.model import TaskStatus

    store = Store(tmp_path / "inv.sqlite")
    for i, target in enumerate(["a.example", "b.example", "a.example"]):
        created = datetime(2026, 1, 1, 0, 0, i, tzinfo=UTC)
        store.create_task(Task(f"t-{i}", "backup", target, created=created), [("noop", "x", {})], "rollback")
    store.set_task("t-2", status=TaskStatus.FAILED, finished=datetime(2026, 1, 2, tzinfo=UTC), error="boom")
    assert [t.id for t in store.list_tasks()] == ["t-2", "t-1", "t-0"]
    assert [t.id for t in store.list_tasks(target="a.example")] == ["t-2", "t-0"]
    assert [t.id for t in store.list_tasks(status=["failed", "succeeded"])] == ["t-2"]
    assert [t.id for t in store.list_tasks(target="b.example", status=["failed"])] == []
    assert [t.id for t in store.list_tasks(limit=1)] == ["t-2"]
    failed = store.get_task("t-2")
    assert (failed.status, failed.error, failed.finished) == (
        TaskStatus.FAILED,
        "boom",
        datetime(2026, 1, 2, tzinfo=UTC),
    )
    with pytest.raises(ConflictError, match=r"prefix 't-' is ambiguous"):
        store.get_task("t-")
    store.set_step("t-2", 0, "running")
    store.set_step("t-2", 0, "failed", error="no")
    (step,) = store.task_steps("t-2")
    assert (step.state, step.error, step.started is not None, step.finished is not None) == (
        "failed",
        "no",
        True,
        True,
    )
    store.close()
