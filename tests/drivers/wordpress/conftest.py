"""Fixtures for the WordPress driver tests: a real MariaDB on a free port, a copy of Debian's WordPress."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from wp_helpers import MariaDB

from aegir.core.secrets import SecretStore
from ports import free_port

DEBIAN_WORDPRESS = Path("/usr/share/wordpress")


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MariaDB]:
    base = tmp_path_factory.mktemp("mariadb")
    data, run = base / "data", base / "run"
    run.mkdir()
    user = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            "mariadb-install-db",
            "--no-defaults",
            *user,
            f"--datadir={data}",
            "--auth-root-authentication-method=socket",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    sock = str(run / "mysqld.sock")
    process = subprocess.Popen(
        [
            "mariadbd", "--no-defaults", *user, f"--datadir={data}", f"--port={port}",
            "--bind-address=127.0.0.1", f"--socket={sock}", f"--pid-file={run / 'mysqld.pid'}",
            f"--log-error={run / 'error.log'}", "--innodb-buffer-pool-size=32M", "--skip-log-bin",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server = MariaDB(sock, port, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            ping = subprocess.run(
                ["mariadb-admin", "--no-defaults", "-S", sock, "-u", "root", "ping"], capture_output=True
            )
            if ping.returncode == 0:
                break
            assert process.poll() is None, (run / "error.log").read_text()
            assert time.monotonic() < deadline, "MariaDB did not start in 30 s"
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def wp_codebase(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of Debian's WordPress (links followed, like ``cp -rL``)."""
    if not (DEBIAN_WORDPRESS / "wp-includes" / "version.php").is_file():
        pytest.fail(
            "Debian's wordpress package is not installed (/usr/share/wordpress): apt-get install wordpress"
        )
    dest = tmp_path_factory.mktemp("codebase") / "wordpress"
    shutil.copytree(DEBIAN_WORDPRESS, dest, symlinks=False)
    return dest


@pytest.fixture
def secrets(tmp_path: Path) -> SecretStore:
    return SecretStore(tmp_path / "secrets")
