"""Fixtures of the HTTPS tests: a managed server with an HTTPS port and a WordPress codebase, and
pebble as the ACME CA (see https_support)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from https_support import DEBIAN_WORDPRESS, Pebble, _stop, start_pebble

from aegir.core.model import Server, Service, ServiceType
from aegir.hosting import Hosting
from ports import free_port


def _pebble_for(h: Hosting, home: Path, http_port: int) -> tuple[Pebble, list[subprocess.Popen[bytes]]]:
    """A pebble of the world's own, validating http-01 on ``http_port``; the home's ACME settings."""
    work = home / "pebble"
    work.mkdir()
    peb, procs = start_pebble(work, http_port)
    h.store.set_setting("acme_directory", peb.directory)
    h.store.set_setting("acme_ca_bundle", peb.ca_bundle)
    h.store.set_setting("acme_email", "hostmaster@aegir-https.net")
    return peb, procs


def _kill_left(pids: list[int]) -> None:
    """The server's daemons that its stop() left running, ended by PID: never leave one behind."""
    for pid in pids:
        try:
            os.kill(pid, 0)
        except OSError:
            continue
        os.kill(pid, 9)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Hosting, Pebble]]:
    """A started server ``web1`` (HTTP and HTTPS ports), codebase ``wp``, and pebble as the CA."""
    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        raise AssertionError("Debian's wordpress package is not installed: apt-get install wordpress")
    home = Path(tempfile.mkdtemp(prefix="aegir-https-"))
    home.chmod(0o755)  # the web user must enter it (pytest's tmp dirs are 0700)
    http_port, https_port = free_port(), free_port()
    h = Hosting(home)
    pids: list[int] = []
    procs: list[subprocess.Popen[bytes]] = []
    try:
        server = Server(
            "web1",
            "local",
            [
                Service(ServiceType.NGINX, http_port, options={"https_port": str(https_port)}),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, free_port()),
            ],
        )
        h.store.add_server(server)
        backend = h.backend("web1")
        backend.setup()
        backend.start()
        pids = [pid for d in backend.daemons() if (pid := d.pid()) is not None]  # type: ignore[attr-defined]
        peb, procs = _pebble_for(h, home, http_port)
        h.add_codebase("wp", copy_from=DEBIAN_WORDPRESS, server="web1")
        yield h, peb
    finally:
        for proc in procs:
            _stop(proc)
        try:
            h.backend("web1").stop()
        finally:
            _kill_left(pids)
            h.close()
            shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def apache_world() -> Iterator[tuple[Hosting, Pebble]]:
    """As :func:`world`, with a managed Apache in place of nginx (``server add --web apache``),
    and a pebble of its own validating http-01 on Apache's HTTP port."""
    from aegir.cli import main

    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        raise AssertionError("Debian's wordpress package is not installed: apt-get install wordpress")
    home = Path(tempfile.mkdtemp(prefix="aegir-https-apache-"))
    home.chmod(0o755)  # the web user must enter it (pytest's tmp dirs are 0700)
    http_port, https_port = free_port(), free_port()
    h = Hosting(home)
    pids: list[int] = []
    procs: list[subprocess.Popen[bytes]] = []
    try:
        # fmt: off
        argv = [
            "--home", str(home), "server", "add", "web1", "--web", "apache", "--http-port", str(http_port),
            "--https-port", str(https_port), "--db-port", str(free_port()), "--start",
        ]
        # fmt: on
        assert main(argv) == 0, "server add --web apache failed"
        backend = h.backend("web1")
        pids = [pid for d in backend.daemons() if (pid := d.pid()) is not None]  # type: ignore[attr-defined]
        peb, procs = _pebble_for(h, home, http_port)
        h.add_codebase("wp", copy_from=DEBIAN_WORDPRESS, server="web1")
        yield h, peb
    finally:
        for proc in procs:
            _stop(proc)
        try:
            if any(s.name == "web1" for s in h.store.list_servers()):
                h.backend("web1").stop()
        finally:
            _kill_left(pids)
            h.close()
            shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module", params=["nginx", "apache"])
def ssh_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Hosting, Pebble, bool]]:
    """As :func:`world`, with ``web1`` on the ssh backend: a real sshd on 127.0.0.1, nginx or
    Apache (the parameter; HTTP and HTTPS ports), php-fpm and MariaDB started over SSH. With root
    and ``unshare``, the server's directory is the sshd's own (a tmpfs in its mount namespace):
    what the backend writes there over SFTP is not visible here. The third value says whether it
    is so."""
    from backends.ssh._sshd import running_sshd

    web = ServiceType(request.param)

    if not Path(DEBIAN_WORDPRESS, "wp-includes", "version.php").is_file():
        raise AssertionError("Debian's wordpress package is not installed: apt-get install wordpress")
    home = Path(tempfile.mkdtemp(prefix="aegir-https-ssh-"))
    home.chmod(0o755)  # the web user must enter it (pytest's tmp dirs are 0700)
    remote = home / "remote"
    remote.mkdir(mode=0o755)
    http_port, https_port = free_port(), free_port()
    h = Hosting(home)
    pids: list[int] = []
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with running_sshd(tmp_path_factory.mktemp("sshd"), private=[remote]) as sshd:
            server = Server(
                "web1",
                "ssh",
                [
                    Service(web, http_port, options={"https_port": str(https_port)}),
                    Service(ServiceType.PHP_FPM),
                    Service(ServiceType.MARIADB, free_port()),
                ],
                options={
                    "host": "127.0.0.1",
                    "port": str(sshd.port),
                    "user": sshd.user,
                    "key": str(sshd.client_key),
                    "root": str(remote / "web1"),
                },
            )
            h.store.add_server(server)
            try:
                backend = h.backend("web1")
                backend.setup()
                backend.start()
                pids = [pid for d in backend.daemons() if (pid := d.pid()) is not None]  # type: ignore[attr-defined]
                peb, procs = _pebble_for(h, home, http_port)
                # the server's own copy of Debian's WordPress (--copy-from names this machine's files)
                tree = f"{backend.codebases_root()}/wp"
                copied = backend.executor.run(["cp", "-a", DEBIAN_WORDPRESS, tree])  # type: ignore[attr-defined]
                assert copied.returncode == 0, copied.stderr
                h.add_codebase("wp", path=tree, server="web1")
                yield h, peb, sshd.private_view
            finally:
                for proc in procs:
                    _stop(proc)
                try:
                    h.backend("web1").stop()
                finally:
                    h.backend("web1").close()  # type: ignore[attr-defined]
                    _kill_left(pids)
    finally:
        h.close()
        shutil.rmtree(home, ignore_errors=True)
