"""Two managed MariaDB instances side by side, and one of them used again as an *attached* server
(reached over TCP with an admin user and a password kept as a secret)."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aegir.backends.local import LocalBackend, LocalExecutor, db_admin_secret
from aegir.core.backend import BackendEnv, CommandResult
from aegir.core.errors import BackendError, CommandFailed
from aegir.core.model import Server, Service, ServiceType

from ._support import alive, family, managed_server, running

pytestmark = pytest.mark.services

ADMIN_PASSWORD = "Adm1n-Pass'With\"Quotes\\"


@pytest.fixture(scope="module")
def pair(env: BackendEnv) -> Iterator[tuple[LocalBackend, LocalBackend]]:
    with (
        running(managed_server("db1", web=False), env) as one,
        running(managed_server("db2", web=False), env) as two,
    ):
        yield one, two


@pytest.fixture(scope="module")
def attached(pair: tuple[LocalBackend, LocalBackend], env: BackendEnv) -> LocalBackend:
    """db2 seen from outside: an admin account over TCP, its password in the secret store."""
    two = pair[1]
    two.db_query(
        None,
        "CREATE USER 'aegir_admin'@'127.0.0.1' IDENTIFIED BY 'Adm1n-Pass\\'With\"Quotes\\\\';"
        "GRANT ALL PRIVILEGES ON *.* TO 'aegir_admin'@'127.0.0.1' WITH GRANT OPTION;",
    )
    port = two.db_endpoint().port
    server = Server(
        "ext",
        "local",
        [
            Service(
                ServiceType.MARIADB,
                port,
                managed=False,
                options={"host": "127.0.0.1", "port": str(port), "user": "aegir_admin"},
            )
        ],
    )
    env.secrets.set(db_admin_secret("ext"), ADMIN_PASSWORD)
    backend = LocalBackend(server, env)
    backend.setup()
    return backend


def test_two_instances_run_side_by_side(pair: tuple[LocalBackend, LocalBackend]) -> None:
    one, two = pair
    assert one.db_endpoint().port != two.db_endpoint().port
    pids = {s.pid for b in pair for s in b.status()}
    assert len(pids) == 2 and all(p and alive(p) for p in pids)
    rows = {"first": "INSERT INTO t VALUES ('first');", "second": "INSERT INTO t VALUES ('second');"}
    for backend, label in ((one, "first"), (two, "second")):
        backend.create_database("shared_name", "shared_name", f"Pass{label}123")
        backend.db_query("shared_name", "CREATE TABLE t (v TEXT);" + rows[label])
    assert one.db_query("shared_name", "SELECT v FROM t;") == [("first",)]
    assert two.db_query("shared_name", "SELECT v FROM t;") == [("second",)]
    assert one.status()[0].port == one.server.services[0].port


def test_copy_a_database_from_one_instance_to_the_other(pair: tuple[LocalBackend, LocalBackend]) -> None:
    one, two = pair
    one.create_database("moving", "moving", "MovingPass1")
    one.db_query("moving", "CREATE TABLE posts (id INT, title TEXT); INSERT INTO posts VALUES (1, 'hello');")
    dump = io.BytesIO()
    one.dump_database("moving", dump)
    two.create_database("moving_green", "moving_green", "MovingPass2")
    dump.seek(0)
    two.load_database("moving_green", dump)
    assert two.db_query("moving_green", "SELECT * FROM posts;") == [("1", "hello")]
    assert not two.database_exists("moving")


def test_attached_server_does_everything_a_managed_one_does(attached: LocalBackend, tmp_path: Path) -> None:
    [state] = attached.status()
    assert state.running and state.pid is None and "attached at 127.0.0.1" in state.detail
    attached.create_database("remote_site", "remote_site", "RemotePass1")
    assert attached.database_exists("remote_site")
    cnf = tmp_path / "site.cnf"
    cnf.write_text(f"[client]\nuser=remote_site\npassword=RemotePass1\nhost=127.0.0.1\nport={state.port}\n")
    ok = subprocess.run(
        ["mariadb", f"--defaults-file={cnf}", "-e", "CREATE TABLE remote_site.t (i INT)"], capture_output=True
    )
    assert ok.returncode == 0, ok.stderr
    dump = io.BytesIO()
    attached.dump_database("remote_site", dump)
    attached.create_database("remote_copy", "remote_copy", "RemotePass2")
    dump.seek(0)
    attached.load_database("remote_copy", dump)
    assert attached.db_query("remote_copy", "SHOW TABLES;") == [("t",)]
    attached.drop_database("remote_site", "remote_site")
    attached.drop_database("remote_site", "remote_site")
    assert not attached.database_exists("remote_site")


class RecordingExecutor(LocalExecutor):
    """The local executor, noting every command line and the option files present while it runs."""

    def __init__(self, private: Path) -> None:
        self.private = private
        self.commands: list[str] = []
        self.option_file_modes: list[int] = []

    def run(self, argv: list[str], **kwargs: Any) -> CommandResult:
        self.commands.append(" ".join(argv))
        self.option_file_modes += [f.stat().st_mode & 0o777 for f in self.private.glob("client-*.cnf")]
        return super().run(argv, **kwargs)


def test_attached_credentials_stay_off_command_lines_and_disk(
    attached: LocalBackend, env: BackendEnv
) -> None:
    private = Path(attached.layout.private_dir)
    recorder = RecordingExecutor(private)
    backend = LocalBackend(attached.server, env, executor=recorder)
    backend.create_database("spied", "spied", "SpiedPassword9")
    assert backend.database_exists("spied")
    assert recorder.commands
    assert not any("SpiedPassword9" in c or "Adm1n" in c for c in recorder.commands)
    assert recorder.option_file_modes and set(recorder.option_file_modes) == {0o600}
    assert private.stat().st_mode & 0o777 == 0o700
    assert list(private.glob("client-*.cnf")) == []


def test_attached_errors_are_clear_and_redacted(attached: LocalBackend, env: BackendEnv) -> None:
    with pytest.raises(CommandFailed) as caught:
        attached.db_query(None, "SELECT nonsense FROM nowhere;")
    assert "127.0.0.1" in str(caught.value) and ADMIN_PASSWORD not in str(caught.value)
    wrong = Server(
        "ext-wrong",
        "local",
        [
            Service(
                ServiceType.MARIADB,
                attached.db_endpoint().port,
                managed=False,
                options={"user": "aegir_admin"},
            )
        ],
    )
    env.secrets.set(db_admin_secret("ext-wrong"), "not-the-password")
    with pytest.raises(BackendError, match=r"cannot reach the database server at 127\.0\.0\.1"):
        LocalBackend(wrong, env).setup()


def test_stopping_both_leaves_no_process(pair: tuple[LocalBackend, LocalBackend]) -> None:
    pids = [p for b in pair for p in family(b)]
    for backend in pair:
        backend.stop()
    assert [p for p in pids if alive(p)] == []
    assert not any(s.running for b in pair for s in b.status())
    # the data stays: started again, the databases are there
    one = pair[0]
    one.start()
    try:
        assert one.db_query("shared_name", "SELECT v FROM t;") == [("first",)]
    finally:
        one.stop()
    assert Path(one.layout.db_data).is_dir()
