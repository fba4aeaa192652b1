"""The local executor: atomic files, modes and groups, copies, removal guards, streams, processes."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest

from aegir.backends.local import LocalExecutor
from aegir.core.errors import BackendError, ValidationError

from ._support import AS_ROOT, alive

ex = LocalExecutor()


def test_write_file_is_atomic_with_mode_and_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "settings.php"
    ex.write_file(str(target), b"v1", 0o440)
    assert target.read_bytes() == b"v1" and target.stat().st_mode & 0o777 == 0o440
    ex.write_file(str(target), b"v2", 0o440)  # replaces a read-only file: rename, not rewrite
    assert target.read_bytes() == b"v2"
    assert [p.name for p in target.parent.iterdir()] == ["settings.php"]  # no temporary left


@pytest.mark.skipif(not AS_ROOT, reason="changing a file's group to another one needs root")
def test_group_is_applied_to_files_and_directories(tmp_path: Path) -> None:
    import grp

    ex.write_file(str(tmp_path / "f"), b"x", 0o640, group="www-data")
    ex.make_dir(str(tmp_path / "d"), 0o2770, group="www-data")
    gid = grp.getgrnam("www-data").gr_gid
    assert (tmp_path / "f").stat().st_gid == gid and (tmp_path / "d").stat().st_gid == gid
    assert (tmp_path / "d").stat().st_mode & 0o7777 == 0o2770
    with pytest.raises(BackendError, match="group 'no-such-group' does not exist"):
        ex.write_file(str(tmp_path / "g"), b"x", 0o640, group="no-such-group")
    assert not (tmp_path / "g").exists()


def test_make_dir_is_idempotent_and_sets_the_leaf_mode(tmp_path: Path) -> None:
    leaf = tmp_path / "x" / "y"
    ex.make_dir(str(leaf), 0o751)
    ex.make_dir(str(leaf), 0o750)
    assert leaf.stat().st_mode & 0o777 == 0o750
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "x" / "planted").symlink_to(elsewhere)
    with pytest.raises(BackendError, match="cannot create directory"):
        ex.make_dir(str(tmp_path / "x" / "planted"), 0o777)
    assert elsewhere.stat().st_mode & 0o777 == 0o700


def test_remove_path_is_idempotent_and_refuses_shallow_paths(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "f").write_text("x")
    link = tmp_path / "link"
    link.symlink_to(tree)
    ex.remove_path(str(link))  # a link goes, not what it points to
    assert tree.is_dir() and not link.exists()
    ex.remove_path(str(tree))
    ex.remove_path(str(tree))
    assert not tree.exists()
    for bad in ("/", "/etc", "relative/path", "/tmp/../etc/x", "", "/var/\x00x"):
        with pytest.raises(BackendError, match="refusing to remove"):
            ex.remove_path(bad)


def test_copy_tree_follows_links_or_keeps_them(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "inc").mkdir(parents=True)
    (source / "inc" / "real.php").write_text("real")
    (source / "link.php").symlink_to("inc/real.php")
    (source / "exec.sh").write_text("#!/bin/sh\n")
    (source / "exec.sh").chmod(0o755)
    followed = tmp_path / "followed"
    ex.copy_tree(str(source), str(followed))
    assert not (followed / "link.php").is_symlink() and (followed / "link.php").read_text() == "real"
    assert (followed / "exec.sh").stat().st_mode & 0o777 == 0o755
    kept = tmp_path / "kept"
    ex.copy_tree(str(source), str(kept), follow_links=False)
    assert (kept / "link.php").is_symlink()
    # copying again replaces the copy (a resumed step), never nests it
    ex.copy_tree(str(source), str(followed))
    assert sorted(p.name for p in followed.iterdir()) == ["exec.sh", "inc", "link.php"]
    assert not list(tmp_path.glob("*.aegir-copy*"))
    assert (followed).stat().st_mode & 0o777 == (source.stat().st_mode & 0o777)
    # a copy cut off earlier is cleared; a copy never lands inside a link put in its way
    (tmp_path / "followed.aegir-copy-old").mkdir()
    ex.copy_tree(str(source), str(followed))
    assert not list(tmp_path.glob("*.aegir-copy*"))
    with pytest.raises(BackendError, match="not a directory"):
        ex.copy_tree(str(tmp_path / "missing"), str(tmp_path / "dest"))


def test_open_write_publishes_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "dump.sql"
    with pytest.raises(RuntimeError), ex.open_write(str(target)) as f:
        f.write(b"half")
        raise RuntimeError("cut off")
    assert not target.exists() and list(tmp_path.iterdir()) == []
    with ex.open_write(str(target), 0o600) as f:
        f.write(b"whole")
    with ex.open_read(str(target)) as f:
        assert f.read() == b"whole"
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(BackendError, match="cannot read"):
        ex.open_read(str(tmp_path / "missing")).__enter__()


def test_iter_files_lists_regular_files_relative(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "top.txt").write_text("")
    (tmp_path / "a" / "b" / "deep.txt").write_text("")
    (tmp_path / "a" / "dangling").symlink_to("nowhere")
    assert sorted(ex.iter_files(str(tmp_path))) == ["a/b/deep.txt", "top.txt"]


def test_run_reports_status_output_and_errors() -> None:
    result = ex.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (result.returncode, result.stdout, result.stderr) == (3, "out\n", "err\n")
    assert ex.run(["cat"], stdin=b"data").stdout == "data"
    assert ex.run(["env"], env={"AEGIR_TEST_VAR": "x"}).stdout.count("AEGIR_TEST_VAR=x") == 1
    with pytest.raises(BackendError, match=r"'no-such-program-here'.*installed"):
        ex.run(["no-such-program-here"])


def test_a_timeout_ends_the_command(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    # long enough for the shell to write its pid even on a busy machine; far shorter than the sleep
    with pytest.raises(BackendError, match=r"did not finish within 2 s and was stopped"):
        ex.run(["sh", "-c", f"echo $$ > {pid_file}; exec sleep 600"], timeout=2)
    pid = int(pid_file.read_text())
    assert not alive(pid)  # ended, not left running behind the error


def test_streams_carry_large_binary_data_both_ways() -> None:
    payload = os.urandom(3 << 20) + b"\x00\xff" * 1000
    sink = io.BytesIO()
    result = ex.run_to_stream(["cat"], sink, env=None)
    assert result.returncode == 0 and sink.getvalue() == b""
    result = ex.run_from_stream(["sha256sum"], io.BytesIO(payload))
    import hashlib

    assert result.returncode == 0 and result.stdout.startswith(hashlib.sha256(payload).hexdigest())
    out = io.BytesIO()
    result = ex.run_to_stream(["head", "-c", str(len(payload)), "/dev/zero"], out)
    assert result.returncode == 0 and out.getvalue() == bytes(len(payload))
    # a program that stops reading early is not an exception: its status tells
    result = ex.run_from_stream(["head", "-c", "10"], io.BytesIO(b"x" * len(payload)))
    assert result.returncode == 0 and result.stdout == "x" * 10
    noisy = ex.run_to_stream(["sh", "-c", "head -c 300000 /dev/zero >&2; echo done"], io.BytesIO())
    assert noisy.returncode == 0 and len(noisy.stderr) == 300000


def test_spawned_daemon_is_detached_and_controllable(tmp_path: Path) -> None:
    log = tmp_path / "out.log"
    marker = f"30.{os.getpid()}"  # a sleep whose argument no other process has
    ex.spawn(["sleep", marker], log_path=str(log))
    deadline = time.monotonic() + 5
    pid = None
    while pid is None and time.monotonic() < deadline:
        pid = _find(marker)
        time.sleep(0.02)
    assert pid is not None
    try:
        assert ex.pid_alive(pid) and marker in (ex.process_title(pid) or "")
        assert os.getpgid(pid) == pid  # its own session and process group
        assert ex.process_group(pid) == [(pid, ex.process_title(pid))]
        assert ex.signal(pid, "TERM")
    finally:
        if alive(pid):
            os.kill(pid, 9)
    deadline = time.monotonic() + 5
    while ex.pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not ex.pid_alive(pid)
    assert ex.signal(pid, "TERM") in (True, False)  # a zombie or nothing: never an exception
    assert log.exists()  # opened for the daemon's output
    ex.spawn(["sh", "-c", "echo started"], log_path=str(log))
    deadline = time.monotonic() + 5
    while "started" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert log.read_text() == "started\n"
    with pytest.raises(BackendError, match="not found"):
        ex.spawn(["no-such-daemon-here"])


def _find(marker: str) -> int | None:
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                return int(entry.name)
        except OSError:
            continue
    return None


def test_children_and_titles(tmp_path: Path) -> None:
    me = os.getpid()
    assert "python" in (ex.process_title(me) or "") or "pytest" in (ex.process_title(me) or "")
    assert ex.process_title(2**22 + 1) is None
    assert not ex.pid_alive(2**22 + 1)
    import subprocess

    child = subprocess.Popen(["sleep", "10"])
    try:
        assert (child.pid, "sleep 10") in ex.child_processes(me)
    finally:
        child.kill()
        child.wait()
    assert ex.child_processes(2**22 + 1) == []


def test_tails_sizes_and_connections(tmp_path: Path) -> None:
    log = tmp_path / "error.log"
    log.write_text("old line\n")
    offset = ex.file_size(str(log))
    with log.open("a") as f:
        f.write("new line\n")
    assert ex.read_tail(str(log), offset=offset) == "new line\n"
    assert ex.read_tail(str(log), offset=10_000) == "old line\nnew line\n"  # a rotated log
    assert ex.read_tail(str(tmp_path / "missing")) == "" and ex.file_size(str(tmp_path / "missing")) == 0
    assert not ex.can_connect_unix(str(tmp_path / "no.sock"))
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert ex.can_connect("127.0.0.1", server.getsockname()[1])
    assert ex.which("sh") is not None and ex.which("nginx") == "/usr/sbin/nginx"


def test_lock_excludes_other_holders(tmp_path: Path) -> None:
    path = str(tmp_path / "locks" / "nginx.lock")
    order: list[str] = []

    def other() -> None:
        with ex.lock(path):
            order.append("other")

    with ex.lock(path):
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join()
    assert order == ["first", "other"]
    with (
        ex.lock(path),
        pytest.raises(BackendError, match="could not take the lock"),
        ex.lock(path, timeout=0.1),
    ):
        pass


@pytest.mark.parametrize("name", ["", "A=B", "BAD NAME", "1ST", "X-Y", "X;Y", "Ä"])
def test_environment_names_a_shell_would_not_take_are_refused(name: str) -> None:
    from aegir.backends.local.executor import check_env_name
    from aegir.backends.ssh import command_line

    with pytest.raises(ValidationError, match="invalid environment variable name"):
        check_env_name(name)
    with pytest.raises(ValidationError, match="invalid environment variable name"):
        command_line(["true"], env={name: "x"})
    assert check_env_name("_AEGIR_X1") == "_AEGIR_X1"
