"""SIGKILL during a backup and during a restore, in a separate process, at chosen points.

A backup killed anywhere is never listed, and the next start (recovery) leaves nothing of it in
the store. A restore killed anywhere leaves the site answering with the old state, the restored
state or the maintenance page (never a broken site), and the next start rolls the task back (the
site exactly as it was, no orphan database or directory) or, once the clean-up has begun, finishes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import ops_crash_plugin as plugin
import pytest
from ops_support import add_content, databases, install, page, set_marker, site_dirs, sql

from aegir.core.model import TaskStatus
from aegir.core.operations import backups
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting

pytestmark = pytest.mark.services

HERE = Path(__file__).resolve().parent
DOMAIN = "crash.test"


@pytest.fixture(scope="module")
def module_plugins() -> Plugins:
    return Plugins(extra=[plugin])


@pytest.fixture(scope="module")
def content(hosting: Hosting) -> dict[str, str]:
    install(hosting, DOMAIN, "Crash Site")
    return add_content(hosting, DOMAIN, "Then")


def _run_until_marker(args: list[str], marker: Path) -> subprocess.Popen[bytes]:
    marker.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "ops_crash_runner.py"), *args], stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(
                f"the runner ended before the crash point: {proc.stderr.read().decode()[-2000:]}"
            )  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the runner did not reach the crash point in 60 s"
        time.sleep(0.05)
    return proc


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stderr is not None:
        proc.stderr.close()


@pytest.mark.parametrize("point", plugin.POINTS)
def test_sigkill_during_a_backup_leaves_no_listed_backup(
    hosting: Hosting, content: dict[str, str], point: str
) -> None:
    marker = Path(hosting.home) / f"hang-{point}"
    store_dir = Path(hosting.home) / f"backups-{point}"
    name = f"hang-{point}"
    hosting.add_backup_store(
        name, {"kind": "test-hang-dir", "path": str(store_dir), "hang_on": point, "marker": str(marker)}
    )
    listed = {b.id for b in hosting.store.list_backups()}
    proc = _run_until_marker([str(hosting.home), "backup", DOMAIN, name], marker)
    _kill(proc)

    assert {b.id for b in hosting.store.list_backups()} == listed  # never listed by Aegir
    store = hosting.backup_store(name)
    if point != "after-manifest":
        assert store.list_backups() == []  # no manifest: not a backup, even in the store
    assert store.entries(), "the killed run left its partial backup behind (to be cleaned up)"
    [task] = hosting.recover()
    assert task.operation == "backup" and task.status is TaskStatus.ROLLED_BACK
    assert store.entries() == [] and not any(store_dir.iterdir())
    assert {b.id for b in hosting.store.list_backups()} == listed


def test_a_backup_cut_off_outside_any_task_is_cleaned_by_the_next_backup(
    hosting: Hosting, content: dict[str, str]
) -> None:
    """A writer that died without a journal (os._exit mid-part): the site's next backup removes it."""
    store_dir = Path(hosting.home) / "backups"
    leftover = f"{DOMAIN}-20250101-000000-abcdef"
    code = (
        "import os, sys\n"
        "from aegir.core.storage import LocalDirStore\n"
        f"store = LocalDirStore({{'path': {str(store_dir)!r}}})\n"
        f"cm = store.begin({leftover!r})\n"
        "pending = cm.__enter__()\n"
        "part = pending.open_write('db.sql.zst')\n"  # kept referenced: its file stays open
        "out = part.__enter__()\n"
        "out.write(b'half a dump')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    store = hosting.backup_store("local")
    assert [e.id for e in store.entries() if not e.complete] == [leftover]
    task = hosting.run(backups.backup_plan(hosting, DOMAIN))
    assert leftover not in {e.id for e in store.entries()}
    log = "\n".join(line.message for line in hosting.store.task_log(task.id))
    assert f"removed the incomplete backup {leftover}" in log


#: where the restore is killed (after the step of this kind), what the site serves until the next
#: start, and what recovery then does
RESTORE_POINTS = [
    ("backup-site", "maintenance", "rollback"),  # safety backup taken, nothing new yet
    ("write-file", "maintenance", "rollback"),  # new database loaded, files extracted, settings written
    ("publish-site", "maintenance", "rollback"),  # switched to the new copy, still in maintenance
    ("health-check", "restored", "rollback"),  # the new copy serves, the inventory still says the old
    ("save-site", "restored", "finish"),  # in the clean-up: the old copies are being dropped
]


@pytest.mark.parametrize(
    ("after", "meanwhile", "outcome"), RESTORE_POINTS, ids=[p[0] for p in RESTORE_POINTS]
)
def test_sigkill_during_a_restore(
    hosting: Hosting, content: dict[str, str], after: str, meanwhile: str, outcome: str
) -> None:
    if not any(b.site == DOMAIN and b.store == "local" for b in hosting.store.list_backups(DOMAIN)):
        hosting.run(backups.backup_plan(hosting, DOMAIN))  # the state to restore: "Then"
    wanted = min(
        (b for b in hosting.store.list_backups(DOMAIN) if b.store == "local"), key=lambda b: b.created
    )
    now = f"Now {after}"
    set_marker(hosting, DOMAIN, content["post"], now)
    before = (hosting.store.get_site(DOMAIN), databases(hosting), site_dirs(hosting))
    backups_before = {b.id for b in hosting.store.list_backups()}
    marker = Path(hosting.home) / f"pause-{after}"
    proc = _run_until_marker([str(hosting.home), "restore", DOMAIN, wanted.id, after, str(marker)], marker)
    _kill(proc)

    status, body = page(hosting, DOMAIN, f"/?p={content['post']}")
    serving = (
        "maintenance"
        if status == 503
        else "old"
        if now in body
        else "restored"
        if "Body of Then" in body
        else body
    )
    assert serving == meanwhile, (status, serving[:300])

    [task] = hosting.recover()
    status, body = page(hosting, DOMAIN, f"/?p={content['post']}")
    assert status == 200
    if outcome == "rollback":
        assert task.status is TaskStatus.ROLLED_BACK
        assert now in body
        assert (hosting.store.get_site(DOMAIN), databases(hosting), site_dirs(hosting)) == before
        assert {b.id for b in hosting.store.list_backups()} == backups_before  # safety backup undone
    else:
        assert task.status is TaskStatus.SUCCEEDED
        assert now not in body and "Body of Then" in body
        query = f"SELECT post_title FROM wp_posts WHERE ID = {int(content['post'])};"  # noqa: S608
        assert sql(hosting, DOMAIN, query) == [("Then",)]
        site = hosting.store.get_site(DOMAIN)
        assert site.db_name != before[0].db_name and before[0].db_name not in databases(hosting)
        assert databases(hosting) == (before[1] - {before[0].db_name}) | {site.db_name}
        assert len(site_dirs(hosting)) == len(before[2])
    log = "\n".join(line.message for line in hosting.store.task_log(task.id))
    assert "recovery:" in log and ("rolling back" in log if outcome == "rollback" else "resuming" in log)
