"""A real WordPress site moved between two codebases (two copies of Debian's WordPress, each saying
in its pages which one serves them) while a poller requests it every 50 ms; then rolled back, moved
again and finished."""

from __future__ import annotations

import http.client
import json
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aegir.cli import main
from aegir.core.errors import ValidationError
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import SiteStatus, TaskStatus
from aegir.core.operations import migrate
from aegir.hosting import Hosting

from ._migrate_support import Poller, codebase_marker, get, install, listing, snapshot, sql, web_port

pytestmark = pytest.mark.services

DOMAIN = "move.test"


def _window(h: Hosting, task_id: str) -> float:
    for line in h.store.task_log(task_id):
        found = re.search(r"maintenance window of move\.test: ([0-9.]+) s", line.message)
        if found:
            return float(found.group(1))
    raise AssertionError("no maintenance window in the task log")


def test_migrate_rollback_migrate_finish(world: Hosting) -> None:
    h = world
    blue = install(h, DOMAIN, "wp-a", title="Moving Site")
    assert blue.db_name
    sql(
        h,
        "web1",
        "UPDATE wp_options SET option_value = 'Tagline kept' WHERE option_name = 'blogdescription';",
        blue.db_name,
    )
    uploads = Path(h.backend("web1").sites_root()) / DOMAIN / "files" / "2024" / "01"
    uploads.mkdir(parents=True)
    (uploads / "hello.txt").write_text("uploaded before the move\n")
    status, body = get(h, DOMAIN)
    assert status == 200 and codebase_marker(body) == "A" and "Tagline kept" in body

    pre = migrate.preflight(h, DOMAIN, codebase="wp-b")
    assert pre.diff is not None
    assert [c.name for c in pre.diff.added] == []  # both carry a marker plugin of the same name
    assert not pre.diff.downgrades
    with Poller(h, DOMAIN) as poller:
        task = h.run(migrate.migrate_plan(h, pre))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert poller.failures() == []
    assert poller.statuses() == ["200:A", "503", "200:B"], poller.statuses()
    window = _window(h, task.id)
    assert 0 < window < 30

    site = h.store.get_site(DOMAIN)
    assert site.codebase == "wp-b" and site.status is SiteStatus.ENABLED
    green_dir = site.options["site_dir"]
    assert green_dir != str(Path(h.backend("web1").sites_root()) / DOMAIN)
    kept = migrate.blue_of(site)
    assert kept is not None and kept.codebase == "wp-a" and kept.db_name == blue.db_name
    status, body = get(h, DOMAIN)
    assert status == 200 and codebase_marker(body) == "B" and "Tagline kept" in body
    status, body = get(h, DOMAIN, "/wp-content/uploads/2024/01/hello.txt")
    assert status == 200 and body == "uploaded before the move\n"
    # green's files are its own: a new upload lands in its directory, not blue's
    assert (Path(green_dir) / "files" / "2024" / "01" / "hello.txt").is_file()
    databases = [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    assert blue.db_name in databases and site.db_name in databases  # blue kept for the rollback window
    assert not [v for v in listing(h.backend("web1").layout.vhosts_dir) if v.startswith("_preview")]  # type: ignore[attr-defined]

    # a second migration waits for this one to be finished or rolled back
    with pytest.raises(Exception, match="rollback window"):
        migrate.preflight(h, DOMAIN, codebase="wp-a")

    with Poller(h, DOMAIN) as poller:
        task = h.run(migrate.rollback_plan(h, DOMAIN))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert poller.failures() == []
    assert poller.statuses()[-1] == "200:A"
    back = h.store.get_site(DOMAIN)
    assert back.codebase == "wp-a" and back.db_name == blue.db_name and migrate.BLUE_KEY not in back.options
    databases = [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    assert site.db_name not in databases and blue.db_name in databases
    assert not Path(green_dir).exists()
    users = [r[0] for r in sql(h, "web1", "SELECT user FROM mysql.user;")]
    assert site.db_user not in users and blue.db_user in users

    # again, then finish: blue's database, user, directory and password go
    task = h.run(migrate.migrate_plan(h, migrate.preflight(h, DOMAIN, codebase="wp-b")))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    moved = h.store.get_site(DOMAIN)
    task = h.run(migrate.finish_plan(h, DOMAIN))
    assert task.status is TaskStatus.SUCCEEDED, task.error
    final = h.store.get_site(DOMAIN)
    assert migrate.BLUE_KEY not in final.options and final.codebase == "wp-b"
    databases = [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    assert blue.db_name not in databases and moved.db_name in databases
    users = [r[0] for r in sql(h, "web1", "SELECT user FROM mysql.user;")]
    assert blue.db_user not in users
    assert not (Path(h.backend("web1").sites_root()) / DOMAIN).exists()
    assert not h.secrets.exists(f"site/{DOMAIN}/db")
    assert h.secrets.exists(final.options["db_secret"])
    status, body = get(h, DOMAIN)
    assert status == 200 and codebase_marker(body) == "B" and "Tagline kept" in body


class _Probe:
    """Tries to write to the site (post a comment) while its database is being copied."""

    def __init__(self, h: Hosting, domain: str) -> None:
        self.h, self.domain = h, domain
        self.answers: list[int] = []

    @hookimpl
    def aegir_task_event(self, event: TaskEvent) -> None:
        if event.name == "step-started" and event.step_kind == "copy-database":
            port = web_port(self.h)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                body = (
                    "comment=Written+during+the+copy&author=Probe&email=probe%40example.org&comment_post_ID=1"
                )
                conn.request(
                    "POST",
                    "/wp-comments-post.php",
                    body=body,
                    headers={
                        "Host": f"{self.domain}:{port}",
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
                self.answers.append(conn.getresponse().status)
            finally:
                conn.close()
            self.answers.append(get(self.h, self.domain)[0])


def test_writes_during_the_copy_are_refused_not_lost_and_due_migrations_finish(
    world: Hosting, capsys: pytest.CaptureFixture[str]
) -> None:
    h = world
    domain = "writes.test"
    blue = install(h, domain, "wp-a", title="Written Site")
    probe = _Probe(h, domain)
    h.plugins.register(probe)
    try:
        task = h.run(migrate.migrate_plan(h, migrate.preflight(h, domain, codebase="wp-b")))
    finally:
        h.plugins.pm.unregister(probe)
    assert task.status is TaskStatus.SUCCEEDED, task.error
    assert probe.answers == [503, 503]  # the write was refused while the data was copied
    green = h.store.get_site(domain)
    for db in (blue.db_name, green.db_name):
        assert sql(h, "web1", "SELECT COUNT(*) FROM wp_comments WHERE comment_author = 'Probe';", db) == [
            ("0",)
        ]

    # housekeeping: with a rollback window of 0 hours the migration is due and --finish-due ends it
    assert migrate.due_finishes(h) == []  # no window configured: nothing is ever due
    h.store.set_setting(migrate.WINDOW_SETTING, "0")
    assert domain in migrate.due_finishes(h)
    assert main(["--home", str(h.home), "site", "migrate", "--finish-due", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert {"domain": domain, "status": "succeeded"}.items() <= next(
        d for d in done if d["domain"] == domain
    ).items()
    assert migrate.BLUE_KEY not in h.store.get_site(domain).options
    assert blue.db_name not in [r[0] for r in sql(h, "web1", "SHOW DATABASES;")]
    h.store.set_setting(migrate.WINDOW_SETTING, "soon")
    with pytest.raises(ValidationError, match="migrate_rollback_hours"):
        migrate.due_finishes(h)


@pytest.mark.parametrize("moment", ["preview", "maintenance"])
def test_a_killed_migration_is_rolled_back_by_recovery(world: Hosting, moment: str) -> None:
    """SIGKILL of the migrating process (when green's preview appears; while blue is in
    maintenance): the next run's recovery rolls the task back, and blue serves as before."""
    h = world
    domain = f"crash-{moment}.test"
    if h.store.find_site(domain) is None:
        install(h, domain, "wp-a", title="Crashing Site")
    before = snapshot(h)
    layout = h.backend("web1").layout  # type: ignore[attr-defined]
    watched = {
        "preview": Path(layout.vhosts_dir) / f"_preview.{domain}.conf",
        "maintenance": Path(layout.maintenance_dir) / domain,
    }[moment]
    argv = [
        sys.executable,
        "-m",
        "aegir",
        "--home",
        str(h.home),
        "site",
        "migrate",
        domain,
        "--codebase",
        "wp-b",
    ]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not watched.exists():
            assert process.poll() is None, "the migration ended before the moment to kill it"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    recovered = h.recover()
    # The next run's recovery: one that finds the site's lock still held (a process of the dead
    # runner's that had not ended yet) leaves the task to a later run, as it must; so try again.
    deadline = time.monotonic() + 30
    while not recovered and time.monotonic() < deadline:
        time.sleep(0.2)
        recovered = h.recover()
    tasks = [(t.target, t.status.value, t.operation) for t in h.store.list_tasks(limit=4)]
    assert [t.target for t in recovered] == [domain], tasks
    assert recovered[0].status is TaskStatus.ROLLED_BACK
    assert snapshot(h) == before
    status, body = get(h, domain)
    assert status == 200 and codebase_marker(body) == "A"


def test_a_second_migration_in_the_same_second_takes_new_names(world: Hosting) -> None:
    """Green's names come from the time; a name in use (the live copy's, after a finish) is never
    taken again, so nothing an undo removes can be the live site's."""
    h = world
    domain = "again.test"
    install(h, domain, "wp-a", title="Again")
    when = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = migrate.preflight(h, domain, codebase="wp-b", now=when)
    assert first.stamp == "20300102030405"
    assert h.run(migrate.migrate_plan(h, first)).status is TaskStatus.SUCCEEDED
    assert h.run(migrate.finish_plan(h, domain)).status is TaskStatus.SUCCEEDED
    live = h.store.get_site(domain)
    second = migrate.preflight(h, domain, codebase="wp-a", now=when)
    assert second.stamp == "20300102030405-1"
    assert (
        second.green.db_name != live.db_name and second.green.options["site_dir"] != live.options["site_dir"]
    )
    assert h.run(migrate.migrate_plan(h, second)).status is TaskStatus.SUCCEEDED
    status, body = get(h, domain)
    assert status == 200 and codebase_marker(body) == "A"
    assert h.store.get_site(domain).options[migrate.MIGRATED_KEY] == when.isoformat()
