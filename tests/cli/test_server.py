"""`aegir server` end to end: add, start, status, stop, list, remove, attached databases, refusals."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.cli import main
from aegir.core.model import Codebase, Site
from aegir.hosting import Hosting
from ports import free_port

pytestmark = pytest.mark.services


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    """A home the web user (www-data, when the tests run as root) can reach; stopped by PID at the end."""
    path = Path(tempfile.mkdtemp(prefix="aegir-cli-server-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for pid_file in path.glob("servers/*/*/run/*.pid"):
            text = pid_file.read_text().strip()
            if text.isdigit() and alive(int(text)):
                os.kill(int(text), 15)
        shutil.rmtree(path, ignore_errors=True)


def aegir(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_managed_server_lifecycle(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    http, db = free_port(), free_port()
    code, out, err = aegir(
        home,
        capsys,
        "server",
        "add",
        "web1",
        "--http-port",
        str(http),
        "--db-port",
        str(db),
        "--start",
        "--json",
    )
    assert code == 0, err
    added = json.loads(out)
    assert [s["type"] for s in added["server"]["services"]] == ["nginx", "php-fpm", "mariadb"]
    assert all(s["running"] and s["pid"] for s in added["services"])

    code, out, _ = aegir(home, capsys, "server", "status", "web1")
    lines = out.splitlines()
    assert lines[0].split() == ["SERVICE", "TYPE", "RUNNING", "PID", "PORT", "DETAIL"]
    assert any(line.split()[:3] == ["nginx", "nginx", "yes"] and str(http) in line for line in lines)
    assert any(line.split()[:3] == ["mariadb", "mariadb", "yes"] and str(db) in line for line in lines)

    code, out, _ = aegir(home, capsys, "server", "list", "--json")
    assert [s["name"] for s in json.loads(out)] == ["web1"]
    code, out, _ = aegir(home, capsys, "server", "list")
    assert f"nginx:{http}" in out and f"mariadb:{db}" in out

    code, out, _ = aegir(home, capsys, "server", "reload", "web1", "--json")
    assert code == 0 and all(s["running"] for s in json.loads(out))

    code, out, _ = aegir(home, capsys, "server", "status", "web1", "--json")
    pids = [s["pid"] for s in json.loads(out)]
    code, out, _ = aegir(home, capsys, "server", "stop", "web1", "--json")
    assert code == 0 and not any(s["running"] for s in json.loads(out))
    assert not any(alive(p) for p in pids)

    code, out, _ = aegir(home, capsys, "server", "start", "web1", "--json")
    assert code == 0 and all(s["running"] for s in json.loads(out))
    code, _, err = aegir(home, capsys, "server", "remove", "web1")
    assert code == 0 and "removed" in err
    assert not (home / "servers" / "web1").exists()
    code, out, _ = aegir(home, capsys, "server", "list", "--json")
    assert json.loads(out) == []


def test_db_only_server_and_an_attached_one(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = free_port()
    code, out, err = aegir(
        home, capsys, "server", "add", "dbonly", "--no-web", "--db-port", str(db), "--start"
    )
    assert code == 0, err
    hosting = Hosting(home)
    try:
        hosting.backend("dbonly").db_query(
            None,
            "CREATE USER 'admin2'@'127.0.0.1' IDENTIFIED BY 'Attached-Pass-1';"
            "GRANT ALL PRIVILEGES ON *.* TO 'admin2'@'127.0.0.1' WITH GRANT OPTION;",
        )
    finally:
        hosting.close()
    password_file = tmp_path / "password"
    password_file.write_text("Attached-Pass-1\n")
    code, out, err = aegir(
        home, capsys, "server", "add", "ext", "--no-web",
        "--attach-db", f"127.0.0.1:{db}", "--db-admin-user", "admin2",
        "--db-admin-password-file", str(password_file),
    )  # fmt: skip
    assert code == 0, err
    assert "Attached-Pass-1" not in out + err
    secret = home / "secrets" / "server" / "ext" / "db-admin"
    assert secret.read_text() == "Attached-Pass-1" and secret.stat().st_mode & 0o777 == 0o600
    code, out, _ = aegir(home, capsys, "server", "status", "ext", "--json")
    [state] = json.loads(out)
    assert state["running"] and state["pid"] is None and state["port"] == db

    # a wrong password: refused, and nothing of the server stays
    password_file.write_text("wrong\n")
    code, _, err = aegir(
        home, capsys, "server", "add", "ext2", "--no-web",
        "--attach-db", f"127.0.0.1:{db}", "--db-admin-user", "admin2",
        "--db-admin-password-file", str(password_file),
    )  # fmt: skip
    assert code == 1 and "cannot reach the database server" in err and "Access denied" in err
    assert not (home / "secrets" / "server" / "ext2").exists() or not any(
        (home / "secrets/server/ext2").iterdir()
    )
    code, out, _ = aegir(home, capsys, "server", "list", "--json")
    assert sorted(s["name"] for s in json.loads(out)) == ["dbonly", "ext"]

    assert aegir(home, capsys, "server", "remove", "ext")[0] == 0
    assert not secret.exists()
    assert aegir(home, capsys, "server", "remove", "dbonly")[0] == 0


def test_remove_refuses_while_a_site_uses_the_server(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = aegir(home, capsys, "server", "add", "busy", "--no-db", "--http-port", str(free_port()))
    assert code == 0, err
    hosting = Hosting(home)
    try:
        hosting.store.add_codebase(Codebase("cb", "wordpress", "/usr/share/wordpress"))
        hosting.store.save_site(Site("busy.example", "cb", "busy"))
    finally:
        hosting.close()
    code, _, err = aegir(home, capsys, "server", "remove", "busy")
    assert code == 4 and "busy.example" in err
    assert (home / "servers" / "busy" / "nginx").is_dir()
    hosting = Hosting(home)
    try:
        hosting.store.delete_site("busy.example")
    finally:
        hosting.close()
    assert aegir(home, capsys, "server", "remove", "busy")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--attach-db", "nohost"], "expected HOST:PORT"),
        (["--attach-db", "127.0.0.1:3306"], "needs --db-admin-password-file"),
        (["--attach-nginx-include", "/etc/nginx/conf.d"], "needs --nginx-reload-cmd"),
        (["--attach-nginx-include", "/x", "--nginx-reload-cmd", "'unclosed"], "No closing quotation"),
        (["--backend", "nosuch"], "no backend named 'nosuch'"),
        (["--option", "novalue"], "expected KEY=VALUE"),
        (["--no-web", "--attach-nginx-include", "/x", "--nginx-reload-cmd", "true"], "contradict"),
    ],
)
def test_bad_options_are_refused_before_anything_is_stored(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = aegir(home, capsys, "server", "add", "bad", *argv)
    assert code in (2, 3) and message in err, err
    assert aegir(home, capsys, "server", "list", "--json")[1].strip() == "[]"


@pytest.mark.skipif(os.geteuid() != 0, reason="the web user check applies when running as root")
def test_a_home_the_web_user_cannot_reach_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    home = closed / "home"
    code, _, err = aegir(home, capsys, "server", "add", "web", "--no-db", "--http-port", str(free_port()))
    assert code == 1 and "'www-data' cannot reach" in err and "/var/lib/aegir" in err
    assert not (home / "servers" / "web").exists()
    assert aegir(home, capsys, "server", "list", "--json")[1].strip() == "[]"


def test_a_master_killed_outright_is_seen_and_its_orphans_cleaned(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = aegir(
        home, capsys, "server", "add", "fragile", "--no-db", "--http-port", str(free_port()), "--start"
    )
    assert code == 0, err
    pid = int((home / "servers/fragile/php/run/php-fpm.pid").read_text())
    workers = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    assert workers
    subprocess.run(["kill", "-KILL", str(pid)], check=True)
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    code, out, _ = aegir(home, capsys, "server", "status", "fragile", "--json")
    states = {s["name"]: s for s in json.loads(out)}
    assert not states["php-fpm"]["running"] and states["nginx"]["running"]
    # the orphaned workers still hold the socket: start must clear them, then start afresh
    code, out, err = aegir(home, capsys, "server", "start", "fragile", "--json")
    assert code == 0, err
    assert all(s["running"] for s in json.loads(out))
    assert not any(alive(w) for w in workers)
    assert aegir(home, capsys, "server", "remove", "fragile")[0] == 0


@settings(max_examples=200)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"\A[a-z0-9.:\[\]]{1,20}:[0-9٣]{1,6}\Z")))
def test_option_parsers_raise_only_validation_errors(value: str) -> None:
    from aegir.cli.cmd_server import _command, _host_port, _options
    from aegir.core.errors import ValidationError

    for parse in (_host_port, lambda v: _command("--nginx-reload-cmd", v), lambda v: _options([v])):
        with contextlib.suppress(ValidationError):
            parse(value)
    try:
        host, port = _host_port(value)
    except ValidationError:
        return
    assert host and 0 < port < 65536 and int(value.rpartition(":")[2]) == port
