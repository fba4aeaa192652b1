"""The docker backend against a real podman serving the Docker API: a server's container made,
started and stopped through ``aegir server``, the executor's exec conversation, a PHP site served
through the published port, a database created, dumped and loaded, and the refusals."""

from __future__ import annotations

import hashlib
import io
import os
import urllib.request
from pathlib import Path

import pytest

from aegir.backends.docker import DockerBackend, DockerExecutor
from aegir.core.app import WebRules
from aegir.core.backend import Vhost
from aegir.core.errors import BackendError, ValidationError
from aegir.hosting import Hosting

from ._podman import IMAGE, Podman
from .conftest import SERVER, aegir, options

pytestmark = pytest.mark.services


def test_the_server_runs_in_its_own_labelled_container(
    home: Path, server: int, podman: Podman, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = podman.cli("ps", "--format", "{{.Names}} {{.Labels}}").stdout
    assert f"aegir-{SERVER}" in listed and f"org.aegir.server:{SERVER}" in listed
    code, out, _ = aegir(home, capsys, "server", "status", SERVER, "--json")
    assert code == 0
    import json

    states = {s["name"]: s for s in json.loads(out)}
    assert all(s["running"] for s in states.values()), states
    # the daemons are processes of the container, not of this machine
    pid = next(s["pid"] for s in states.values() if s["type"] == "nginx")
    inside = podman.cli("exec", f"aegir-{SERVER}", "cat", "/srv/aegir/nginx/run/nginx.pid").stdout.strip()
    assert str(pid) == inside
    assert not Path("/srv/aegir/nginx").exists()


def test_exec_keeps_arguments_env_stdin_and_status(backend: DockerBackend) -> None:
    ex = backend.executor
    assert isinstance(ex, DockerExecutor)
    hostile = ["two words", "it's", 'say "hi"', "$(touch /tmp/x)", "a;b", "*", "", "tab\there", "ünï"]
    result = ex.run(["printf", "%s\\n", *hostile])
    assert result.returncode == 0 and result.stdout.split("\n")[:-1] == hostile
    result = ex.run(
        ["sh", "-c", 'echo "$AEGIR_X" in $(pwd); cat; echo oops >&2; exit 4'],
        cwd="/tmp",
        env={"AEGIR_X": "v w"},
        stdin=b"in",
    )
    assert (result.returncode, result.stdout, result.stderr) == (4, "v w in /tmp\nin", "oops\n")
    assert not ex.exists("/tmp/x")
    # values reach the program intact through a 0600 file that is removed at once
    awkward = 'it\'s "quoted"\n$HOME `x` \\ end'
    result = ex.run(["printenv", "AEGIR_SECRET"], env={"AEGIR_SECRET": awkward})
    assert result.stdout == awkward + "\n"
    assert ex.run(["sh", "-c", "ls -a /tmp | grep -c aegir-env"]).stdout.strip() == "0"
    with pytest.raises(BackendError, match="not found"):
        ex.run(["no-such-program-here"], env={"A": "1"})
    with pytest.raises(BackendError, match="not found"):
        ex.run(["no-such-program-here"])
    with pytest.raises(BackendError, match=r"within 0\.5 s"):
        ex.run(["sleep", "5"], timeout=0.5)
    with pytest.raises(ValidationError):
        ex.run(["true"], env={"BAD NAME": "x"})
    assert ex.is_root() and ex.which("nginx") == "/usr/sbin/nginx"


def test_streams_and_files_both_ways(backend: DockerBackend) -> None:
    ex = backend.executor
    payload = os.urandom(3 << 20)
    result = ex.run_from_stream(["sha256sum"], io.BytesIO(payload))
    assert result.returncode == 0 and result.stdout.startswith(hashlib.sha256(payload).hexdigest())
    out = io.BytesIO()
    assert ex.run_to_stream(["head", "-c", str(5 << 20), "/dev/zero"], out).returncode == 0
    assert out.getvalue() == bytes(5 << 20)
    ex.write_file("/srv/aegir/t/a/file.bin", payload, 0o640, group="www-data")
    assert ex.read_file("/srv/aegir/t/a/file.bin") == payload
    assert ex.run(["stat", "-c", "%a %G", "/srv/aegir/t/a/file.bin"]).stdout == "640 www-data\n"
    with ex.open_write("/srv/aegir/t/b.txt", 0o600) as f:
        f.write(b"streamed")
    with ex.open_read("/srv/aegir/t/b.txt") as f:
        assert f.read() == b"streamed"
    ex.make_dir("/srv/aegir/t/d/e", 0o750)
    assert ex.run(["stat", "-c", "%a", "/srv/aegir/t/d/e"]).stdout == "750\n"
    assert sorted(ex.iter_files("/srv/aegir/t")) == ["a/file.bin", "b.txt"]
    ex.copy_tree("/srv/aegir/t", "/srv/aegir/t2")
    assert ex.read_file("/srv/aegir/t2/b.txt") == b"streamed"
    ex.remove_path("/srv/aegir/t")
    ex.remove_path("/srv/aegir/t2")
    assert not ex.exists("/srv/aegir/t") and ex.file_size("/srv/aegir/t2/b.txt") == 0
    with pytest.raises(BackendError, match="cannot read"):
        ex.read_file("/srv/aegir/none")
    # nothing of it on this machine
    assert not Path("/srv/aegir/t").exists()


def test_processes_are_read_from_the_container(backend: DockerBackend) -> None:
    ex = backend.executor
    assert isinstance(ex, DockerExecutor)
    nginx = backend.nginx
    assert nginx is not None
    pid = nginx.pid()
    assert pid is not None and ex.pid_alive(pid)
    assert "nginx: master" in (ex.process_title(pid) or "")
    workers = ex.child_processes(pid)
    assert workers and all("nginx: worker" in title for _, title in workers)
    assert not ex.pid_alive(999999) and ex.process_title(999999) is None
    assert ex.processes([1])[0].title.startswith("sh -c")


def test_stop_and_start_again(
    home: Path, server: int, podman: Podman, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = aegir(home, capsys, "server", "stop", SERVER)
    assert code == 0 and "not running" in out
    state = podman.cli("inspect", "--format", "{{.State.Status}}", f"aegir-{SERVER}").stdout.strip()
    assert state in ("exited", "stopped")
    code, out, _ = aegir(home, capsys, "server", "start", SERVER, "--json")
    assert code == 0
    import json

    assert all(s["running"] for s in json.loads(out))


def test_a_daemon_not_reachable_is_named(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = f"unix://{tmp_path}/no.sock"
    code, _out, err = aegir(
        home, capsys, "server", "add", "nodaemon", "--backend", "docker",
        "--option", f"docker_host={missing}", "--option", f"image={IMAGE}",
    )  # fmt: skip
    assert code != 0 and "cannot reach the Docker daemon" in err and missing in err
    assert "nodaemon" not in Hosting(home).store.list_servers().__repr__()


def test_a_missing_image_is_named(home: Path, podman: Podman, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = aegir(
        home, capsys, "server", "add", "noimage", "--backend", "docker",
        "--option", f"docker_host={podman.docker_host}", "--option", "image=localhost/no-such-image:9",
    )  # fmt: skip
    assert code != 0 and "localhost/no-such-image:9" in err and "not on the Docker host" in err
    assert "aegir-noimage" not in podman.cli("ps", "-a", "--format", "{{.Names}}").stdout


def test_a_container_not_made_by_aegir_is_refused(
    home: Path, podman: Podman, capsys: pytest.CaptureFixture[str]
) -> None:
    made = podman.cli("create", "--name", "aegir-theirs", IMAGE, "/bin/true")
    assert made.returncode == 0, made.stderr
    try:
        code, _out, err = aegir(
            home, capsys, "server", "add", "theirs", "--backend", "docker",
            "--option", f"docker_host={podman.docker_host}", "--option", f"image={IMAGE}",
        )  # fmt: skip
        assert code != 0 and "aegir-theirs" in err and "did not make it" in err
        # refused, and left alone: the failed add's clean-up did not remove it
        assert "aegir-theirs" in podman.cli("ps", "-a", "--format", "{{.Names}}").stdout
    finally:
        podman.cli("rm", "--force", "aegir-theirs")


def test_a_php_site_is_served_through_the_published_port(
    backend: DockerBackend, server: int, podman: Podman
) -> None:
    root = f"{backend.sites_root()}/dock.test"
    backend.make_dir(root, 0o755)
    db = backend.db_endpoint()
    backend.create_database("dock_db", "dock_user", "DockPassword1")
    backend.db_query("dock_db", "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('in the container');")
    connect = f"new mysqli('127.0.0.1', 'dock_user', 'DockPassword1', 'dock_db', {db.port})"
    show = "echo 'php ', PHP_VERSION, ' ', $db->query('SELECT v FROM t')->fetch_row()[0];"
    page = f"<?php $db = {connect}; {show}"
    backend.write_file(f"{root}/index.php", page.encode(), 0o644)
    backend.publish_site(Vhost("dock.test", root, WebRules()))
    result = backend.http_get("dock.test", "/")
    assert result.status == 200 and result.body.startswith("php 8.2") and "in the container" in result.body
    # the same page from this machine's 127.0.0.1 through the port the container publishes
    request = urllib.request.Request(f"http://127.0.0.1:{server}/", headers={"Host": "dock.test"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a fixed local URL)
        assert response.status == 200 and b"in the container" in response.read()
    backend.set_maintenance("dock.test", True)
    assert backend.http_get("dock.test", "/").status == 503
    backend.set_maintenance("dock.test", False)
    # the password went through files and stdin, never into the container's settings or its env
    inspected = podman.cli("inspect", f"aegir-{SERVER}").stdout
    assert "DockPassword1" not in inspected


def test_a_database_is_dumped_and_loaded(backend: DockerBackend) -> None:
    backend.create_database("dump_src", "dump_src", "DumpPassword1")
    blob = bytes(range(256)) * 64
    backend.db_query(
        "dump_src",
        f"CREATE TABLE b (id INT PRIMARY KEY, v LONGBLOB); INSERT INTO b VALUES (1, 0x{blob.hex()});",  # noqa: S608,
    )
    dump = io.BytesIO()
    backend.dump_database("dump_src", dump)
    assert b"CREATE TABLE" in dump.getvalue()
    backend.create_database("dump_copy", "dump_copy", "DumpPassword2")
    dump.seek(0)
    backend.load_database("dump_copy", dump)
    assert backend.db_query("dump_copy", "SELECT SHA2(v, 256) FROM b") == [
        (hashlib.sha256(blob).hexdigest(),)
    ]
    assert backend.database_exists("dump_copy")
    backend.drop_database("dump_copy", "dump_copy")
    assert not backend.database_exists("dump_copy")


def test_remove_keeps_the_volume_unless_asked(
    home: Path, podman: Podman, capsys: pytest.CaptureFixture[str]
) -> None:
    # an image without a shell: the container cannot start, and the failed add removes it again
    bare = ["--backend", "docker", "--no-db", "--no-web"]
    argv = ["--option", f"docker_host={podman.docker_host}", "--option", f"image={IMAGE}"]
    code, _out, err = aegir(home, capsys, "server", "add", "nosh", *bare, *argv)
    assert code != 0 and "cannot start container 'aegir-nosh'" in err
    assert "aegir-nosh" not in podman.cli("ps", "-a", "--format", "{{.Names}}").stdout
    assert podman.cli("volume", "rm", "aegir-nosh").returncode == 0
    code, _out, err = aegir(home, capsys, "server", "add", "bare", *bare, *options(podman))
    assert code == 0, err
    assert "aegir-bare" in podman.cli("ps", "--format", "{{.Names}}").stdout
    code, _out, err = aegir(home, capsys, "server", "remove", "bare")
    assert code == 0, err
    assert "aegir-bare" not in podman.cli("ps", "-a", "--format", "{{.Names}}").stdout
    volumes = podman.cli("volume", "ls", "--format", "{{.Name}} {{.Labels}}").stdout
    assert "aegir-bare" in volumes and "org.aegir.server:bare" in volumes
    assert podman.cli("volume", "rm", "aegir-bare").returncode == 0
