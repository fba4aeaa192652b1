"""The SSH executor against a real sshd on 127.0.0.1 (the harness of tests/backends/ssh/_sshd.py),
and the local backend's logic driving a managed server through it (the ssh backend)."""

from __future__ import annotations

import getpass
import hashlib
import io
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.backends.ssh import SshBackend, SshExecutor, SshTarget, command_line
from aegir.core.app import WebRules
from aegir.core.backend import BackendEnv, Vhost
from aegir.core.errors import BackendError, ValidationError
from aegir.core.model import Server, Service, ServiceType
from aegir.core.secrets import SecretStore
from backends.ssh._sshd import Sshd, running_sshd
from ports import free_port

from ._support import AS_ROOT, alive, family

pytestmark = pytest.mark.services

USER = getpass.getuser()


@pytest.fixture(scope="module")
def sshd(web_home: Path) -> Iterator[Sshd]:
    """A plain sshd (it shares this file system: these tests look at what it wrote) for this module."""
    base = web_home / "sshd"
    base.mkdir()
    with running_sshd(base) as server:
        yield server


@pytest.fixture(scope="module")
def ex(sshd: Sshd) -> Iterator[SshExecutor]:
    known = str(sshd.workdir / "known_hosts")
    executor = SshExecutor(SshTarget("127.0.0.1", sshd.port, USER, str(sshd.client_key), tofu_file=known))
    try:
        yield executor
    finally:
        executor.close()


def test_commands_keep_every_argument_intact(ex: SshExecutor) -> None:
    hostile = ["two words", "it's", 'say "hi"', "$(touch /tmp/x)", "a;b", "*", "", "tab\there", "ünï"]
    result = ex.run(["printf", "%s\\n", *hostile])
    assert result.returncode == 0 and result.stdout.split("\n")[:-1] == hostile
    result = ex.run(
        ["sh", "-c", 'echo "$AEGIR_X" in $(pwd); cat; exit 4'],
        cwd="/tmp",
        env={"AEGIR_X": "v w"},
        stdin=b"in",
    )
    assert (result.returncode, result.stdout) == (4, "v w in /tmp\nin")
    assert ex.run(["sh", "-c", "echo oops >&2"]).stderr == "oops\n"
    with pytest.raises(BackendError, match="not found"):
        ex.run(["no-such-program-here"])
    with pytest.raises(BackendError, match=r"within 0\.3 s"):
        ex.run(["sleep", "5"], timeout=0.3)
    with pytest.raises(ValidationError):
        command_line(["true"], env={"BAD NAME": "x"})
    assert ex.is_root() == AS_ROOT and ex.user_name() == USER
    assert ex.which("nginx") == "/usr/sbin/nginx" and ex.which("no-such-program") is None


def test_streams_both_ways(ex: SshExecutor) -> None:
    payload = os.urandom(3 << 20)
    result = ex.run_from_stream(["sha256sum"], io.BytesIO(payload))
    assert result.returncode == 0 and result.stdout.startswith(hashlib.sha256(payload).hexdigest())
    out = io.BytesIO()
    result = ex.run_to_stream(["head", "-c", str(5 << 20), "/dev/zero"], out)
    assert result.returncode == 0 and out.getvalue() == bytes(5 << 20)
    noisy = ex.run_to_stream(["sh", "-c", "head -c 300000 /dev/zero >&2; echo done"], out)
    assert noisy.returncode == 0 and len(noisy.stderr) == 300000


def test_files_over_sftp(ex: SshExecutor, web_home: Path) -> None:
    base = web_home / "remote-files"
    target = base / "deep" / "settings.php"
    ex.write_file(str(target), b"<?php // v1", 0o440)
    ex.write_file(str(target), b"<?php // v2", 0o440)
    assert target.read_bytes() == b"<?php // v2" and target.stat().st_mode & 0o777 == 0o440
    assert ex.read_file(str(target)) == b"<?php // v2" and ex.exists(str(target))
    assert [p.name for p in target.parent.iterdir()] == ["settings.php"]
    if AS_ROOT:
        import grp

        ex.write_file(str(base / "grouped"), b"x", 0o640, group="www-data")
        assert (base / "grouped").stat().st_gid == grp.getgrnam("www-data").gr_gid
    ex.make_dir(str(base / "files"), 0o2775)
    assert (base / "files").stat().st_mode & 0o7777 == 0o2775
    with pytest.raises(RuntimeError), ex.open_write(str(base / "cut.sql")) as f:
        f.write(b"half")
        raise RuntimeError("cut off")
    assert not (base / "cut.sql").exists() and not list(base.glob(".cut.sql.*"))
    with ex.open_write(str(base / "dump.sql"), 0o600) as f:
        f.write(b"whole" * 100_000)
    with ex.open_read(str(base / "dump.sql")) as f:
        assert f.read() == b"whole" * 100_000
    with pytest.raises(BackendError, match="cannot read"):
        ex.read_file(str(base / "missing"))
    (base / "src" / "inc").mkdir(parents=True)
    (base / "src" / "inc" / "real.php").write_text("real")
    (base / "src" / "link.php").symlink_to("inc/real.php")
    ex.copy_tree(str(base / "src"), str(base / "copy"))
    ex.copy_tree(str(base / "src"), str(base / "copy"))
    assert (base / "copy" / "link.php").read_text() == "real" and not (
        base / "copy" / "link.php"
    ).is_symlink()
    assert sorted(ex.iter_files(str(base / "copy"))) == ["inc/real.php", "link.php"]
    ex.remove_path(str(base / "copy"))
    ex.remove_path(str(base / "copy"))
    assert not (base / "copy").exists()
    with pytest.raises(BackendError, match="refusing"):
        ex.remove_path("/etc")


def test_processes_and_forwarded_connections(ex: SshExecutor, web_home: Path) -> None:
    marker = f"31.{os.getpid()}"
    ex.spawn(["sleep", marker], log_path=str(web_home / "remote-spawn.log"))
    pid = None
    deadline = time.monotonic() + 5
    while pid is None and time.monotonic() < deadline:
        found = ex.run(["pgrep", "-f", f"^sleep {marker}$"]).stdout.split()
        pid = int(found[0]) if found else None
    assert pid is not None
    try:
        assert ex.pid_alive(pid) and ex.process_title(pid) == f"sleep {marker}"
        assert ex.process_group(pid) == [(pid, f"sleep {marker}")]
        assert ex.signal(pid, "TERM")
    finally:
        if alive(pid):
            os.kill(pid, 9)
    deadline = time.monotonic() + 5
    while ex.pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not ex.pid_alive(pid)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert ex.can_connect("127.0.0.1", server.getsockname()[1])
    assert not ex.can_connect("127.0.0.1", free_port())
    held = str(web_home / "remote.lock")
    with ex.lock(held), pytest.raises(BackendError, match="lock"), ex.lock(held, timeout=0.2):
        pass


def test_host_keys_are_recorded_then_enforced(sshd: Sshd, ex: SshExecutor) -> None:
    key, base = sshd.client_key, sshd.workdir
    known = base / "known_hosts"
    assert f"[127.0.0.1]:{sshd.port}" in known.read_text()  # recorded by the first connection
    # the same host key recorded for another port, answered there by another host key: refused
    with running_sshd(base, client_key=key) as other:
        with known.open("a") as f:
            line = known.read_text().splitlines()[0].split(" ", 1)[1]
            f.write(f"[127.0.0.1]:{other.port} {line}\n")
        impostor = SshExecutor(SshTarget("127.0.0.1", other.port, USER, str(key), tofu_file=str(known)))
        with pytest.raises(BackendError, match="differs from the recorded one"):
            impostor.run(["true"])
        (base / "empty").write_text("")
        strict = SshExecutor(
            SshTarget("127.0.0.1", other.port, USER, str(key), known_hosts=str(base / "empty"))
        )
        with pytest.raises(BackendError, match="cannot log in"):
            strict.run(["true"])


def test_ssh_backend_drives_a_managed_server(sshd: Sshd, web_home: Path) -> None:
    port, key = sshd.port, sshd.client_key
    env = BackendEnv(home=web_home / "ssh-home", secrets=SecretStore(web_home / "ssh-home" / "secrets"))
    server = Server(
        "remote1",
        "ssh",
        [
            Service(ServiceType.NGINX, free_port()),
            Service(ServiceType.PHP_FPM),
            Service(ServiceType.MARIADB, free_port()),
        ],
        options={
            "host": "127.0.0.1",
            "port": str(port),
            "user": USER,
            "key": str(key),
            "root": str(web_home / "remote-root"),
        },
    )
    backend = SshBackend(server, env)
    assert isinstance(backend.executor, SshExecutor)
    try:
        backend.setup()
        states = backend.start()
        assert all(s.running and s.pid for s in states)
        root = f"{backend.sites_root()}/far.test"
        backend.make_dir(root, 0o755)
        backend.write_file(f"{root}/index.php", b"<?php echo 'over ssh ', PHP_VERSION;", 0o644)
        backend.publish_site(Vhost("far.test", root, WebRules()))
        result = backend.http_get("far.test", "/")  # through a forwarded channel
        assert result.status == 200 and result.body.startswith("over ssh 8.2")
        backend.set_maintenance("far.test", True)
        assert backend.http_get("far.test", "/").status == 503
        backend.create_database("far_db", "far_db", "FarPassword1")
        backend.db_query("far_db", "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('remote');")
        dump = io.BytesIO()
        backend.dump_database("far_db", dump)
        backend.create_database("far_copy", "far_copy", "FarPassword2")
        dump.seek(0)
        backend.load_database("far_copy", dump)
        assert backend.db_query("far_copy", "SELECT v FROM t;") == [("remote",)]
        pids = family(backend)
    finally:
        try:
            started = family(backend)
        except Exception:  # the test's own failure is the one to report
            started = []
        try:
            backend.stop()
        finally:
            backend.close()
            left = [p for p in started if alive(p)]
            for p in left:
                os.kill(p, 9)  # stop() failed us: never leave a daemon behind
    assert pids and not left
