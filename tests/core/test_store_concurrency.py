"""Many writers on one inventory at once: processes (CLI commands on one home) and threads (a task's
parallel backup parts logging through one store). No write is lost and nobody sees "database is
locked"; a home the Alembic version made is migrated once when several processes open it together."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from aegir.core.model import Server, Task
from aegir.core.store import Store
from aegir.core.store._migrate import HEAD_VERSION, migrations, statements

WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from aegir.core.model import Site
from aegir.core.store import Store

store = Store(Path(sys.argv[1]))
n = int(sys.argv[2])
runs = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=i) for i in range(20)]
claimed = 0
for i in range(20):
    store.save_site(Site(domain=f"p{n}-{i}.example", codebase="d10", server="web1"))
    store.log("t-shared", f"writer {n} line {i}")
    # every writer tries to claim each run; the compare-and-set lets exactly one of them have it
    expected = None if i == 0 else runs[i - 1].isoformat()
    claimed += store.mark_schedule_run("a.example", runs[i], expected_last=expected)
store.close()
print(claimed)
"""


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    from aegir.core.model import Codebase

    path = tmp_path / "inv.sqlite"
    store = Store(path)
    store.add_server(Server("web1", "local"))
    store.add_codebase(Codebase(name="d10", app="drupal", root="/srv/d10", docroot="web"))
    store.create_task(Task("t-shared", "install", "a.example"), [], "rollback")
    store.set_schedule("a.example", 3600, {"daily": 7})
    store.close()

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [err for _, err in results]
    assert not any("locked" in err for _, err in results)

    store = Store(path)
    assert len(store.list_sites()) == 6 * 20
    lines = [line.message for line in store.task_log("t-shared")]
    assert sorted(lines) == sorted(f"writer {n} line {i}" for n in range(6) for i in range(20))
    # each writer's own lines are in its order
    for n in range(6):
        mine = [line for line in lines if line.startswith(f"writer {n} ")]
        assert mine == [f"writer {n} line {i}" for i in range(20)]
    # the compare-and-set claim: every run claimed exactly once in all
    assert sum(int(out) for out, _ in results) == 20
    assert store.list_schedules() == [("a.example", 3600, {"daily": 7}, "2026-01-01T00:19:00+00:00")]
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    store.close()


def test_threads_sharing_one_store_lose_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "inv.sqlite")
    store.create_task(Task("t-1", "backup", "a.example"), [], "rollback")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                store.log("t-1", f"thread {n} line {i}")
                store.set_setting(f"thread-{n}", str(i))
                assert store.get_setting(f"thread-{n}") == str(i)
        except BaseException as e:  # reported by the test thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.task_log("t-1")) == 8 * 50
    assert [store.get_setting(f"thread-{n}") for n in range(8)] == ["49"] * 8
    store.close()


OPENER = """
import sys
from pathlib import Path
from aegir.core.store import Store
store = Store(Path(sys.argv[1]))
store.log("t-old", "opened by " + sys.argv[2])
store.close()
"""


def test_processes_opening_an_old_home_together_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    for statement in statements(migrations()[0][1].read_text(encoding="utf-8")):
        con.execute(statement)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.execute(
        "INSERT INTO tasks (id, operation, target, status, created, on_crash) "
        "VALUES ('t-old', 'install', 'a.example', 'succeeded', '2026-01-01T00:00:00+00:00', 'rollback')"
    )
    con.close()

    procs = [
        subprocess.Popen([sys.executable, "-c", OPENER, str(path), str(n)], stderr=subprocess.PIPE, text=True)
        for n in range(6)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors

    store = Store(path)
    assert sorted(line.message for line in store.task_log("t-old")) == [f"opened by {n}" for n in range(6)]
    assert store.task_on_crash("t-old") == ("rollback", None)
    store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (HEAD_VERSION,)
    assert [c[1] for c in con.execute("PRAGMA table_info(tasks)")][-1] == "cleanup_from"
    con.close()
