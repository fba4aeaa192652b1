"""A failure at any step of a real WordPress install leaves nothing behind: no database, no user,
no vhost, no files, no secrets, no inventory record. Two sites' database users are isolated."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "operations"))

from ops_support import start_hosting, stop_hosting

from aegir.core.errors import ConflictError, TaskError
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import TaskStatus
from aegir.core.operations import sites
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting

pytestmark = pytest.mark.services


class Faults:
    """Fails the install at one step, before it runs (``step-started``) or after (``step-finished``)."""

    def __init__(self) -> None:
        self.at: tuple[str, int] | None = None

    @hookimpl
    def aegir_task_event(self, event: TaskEvent) -> None:
        if self.at and event.operation == "install" and (event.name, event.step_index) == self.at:
            raise RuntimeError(f"injected failure at {event.name} {event.step_index}")


FAULTS = Faults()


@pytest.fixture(scope="module")
def hosting() -> Iterator[Hosting]:
    home = Path(tempfile.mkdtemp(prefix="aegir-install-"))
    home.chmod(0o755)
    try:
        h, pids = start_hosting(home, plugins=Plugins(extra=[FAULTS]))
        try:
            yield h
        finally:
            FAULTS.at = None
            stop_hosting(h, pids)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _leftovers(h: Hosting, domain: str) -> list[str]:
    backend = h.backend("web1")
    name = sites.database_name(domain)
    found = []
    if h.store.find_site(domain) is not None:
        found.append("inventory record")
    if backend.db_query(None, f"SHOW DATABASES LIKE '{name}'"):
        found.append("database")
    if backend.db_query(None, f"SELECT User FROM mysql.user WHERE User = '{name}'"):  # noqa: S608  (a checked name)
        found.append("database user")
    if Path(backend.vhost_path(domain)).exists():  # type: ignore[attr-defined]
        found.append("vhost")
    if Path(backend.sites_root(), domain).exists():
        found.append("site directory")
    secrets = h.home / "secrets" / "site" / domain
    if secrets.exists() and any(p.is_file() for p in secrets.rglob("*")):
        found.append("secrets")
    return found


def test_a_failure_at_every_step_leaves_nothing(hosting: Hosting) -> None:
    plan = sites.install_plan(hosting, sites.new_site(hosting, "probe.example", "wp"))
    count = len(plan.steps)
    assert count > 10
    for event in ("step-started", "step-finished"):
        for index in range(count):
            domain = f"f{index}-{event.split('-')[1]}.example"
            FAULTS.at = (event, index)
            with pytest.raises(TaskError, match="injected failure") as info:
                hosting.install_site(sites.new_site(hosting, domain, "wp", title=f"T{index}"))
            FAULTS.at = None
            task = hosting.store.get_task(info.value.task_id)
            assert task.status is TaskStatus.ROLLED_BACK, (event, index, task.error)
            assert _leftovers(hosting, domain) == [], (event, index, plan.steps[index].describe())


def test_a_taken_domain_is_refused_before_anything_is_made(hosting: Hosting) -> None:
    task = hosting.install_site(sites.new_site(hosting, "taken.example", "wp", title="First"))
    assert task.status is TaskStatus.SUCCEEDED
    with pytest.raises(ConflictError, match=r"taken\.example"):
        hosting.install_site(sites.new_site(hosting, "taken.example", "wp", title="Second"))
    assert hosting.backend("web1").http_get("taken.example").status == 200


def test_a_database_server_that_is_down_rolls_back(hosting: Hosting) -> None:
    backend = hosting.backend("web1")
    mariadb = next(d for d in backend.daemons() if type(d).__name__ == "ManagedMariaDB")  # type: ignore[attr-defined]
    mariadb.stop()
    try:
        with pytest.raises(TaskError):
            hosting.install_site(sites.new_site(hosting, "nodb.example", "wp"))
    finally:
        backend.start()
    assert _leftovers(hosting, "nodb.example") == []


def test_site_database_users_are_isolated(hosting: Hosting) -> None:
    for domain in ("iso-a.example", "iso-b.example"):
        hosting.install_site(sites.new_site(hosting, domain, "wp", title=domain))
    a, b = sites.database_name("iso-a.example"), sites.database_name("iso-b.example")
    password_a = hosting.secrets.get("site/iso-a.example/db")
    port = hosting.backend("web1").db_endpoint().port
    cnf = Path(tempfile.mkdtemp()) / "a.cnf"
    cnf.write_text(f"[client]\nuser={a}\npassword={password_a}\nhost=127.0.0.1\nport={port}\n")
    cnf.chmod(0o600)

    def query(database: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                "mariadb",
                f"--defaults-extra-file={cnf}",
                "-N",
                "-e",
                "SELECT COUNT(*) FROM wp_options",
                database,
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    own = query(a)
    assert own.returncode == 0 and int(own.stdout.strip()) > 10
    other = query(b)
    assert other.returncode != 0 and "denied" in other.stderr.lower()
    shutil.rmtree(cnf.parent)


def test_an_existing_database_of_the_same_name_survives_a_refused_install(hosting: Hosting) -> None:
    """CreateDatabase refuses a name in use; the rollback must not drop what it found."""
    domain = "clash.example"
    name = sites.database_name(domain)
    backend = hosting.backend("web1")
    backend.create_database(name, name, "Existing-pass-123")
    backend.db_query(name, "CREATE TABLE keep (v INT)")
    with pytest.raises(TaskError, match="exists already") as info:
        hosting.install_site(sites.new_site(hosting, domain, "wp"))
    steps = hosting.store.task_steps(info.value.task_id)
    assert "refused" in [s.state for s in steps]
    assert backend.db_query(name, "SHOW TABLES") == [("keep",)]
    assert hosting.store.find_site(domain) is None
    backend.drop_database(name, name)


def test_delete_without_the_final_backup_leaves_no_backup(hosting: Hosting) -> None:
    domain = "nobackup.example"
    hosting.install_site(sites.new_site(hosting, domain, "wp"))
    task = hosting.run(sites.delete_plan(hosting, domain, final_backup=False))
    assert task.status is TaskStatus.SUCCEEDED
    assert hosting.store.list_backups(domain) == []
    assert _leftovers(hosting, domain) == []
