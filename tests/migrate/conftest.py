"""A world for migration tests, one per test module: a managed web server with nginx, php-fpm and
MariaDB (``web1``), a second managed MariaDB (``db2``), and two copies of Debian's WordPress that
say in every page which one served it (``wp-a``, ``wp-b``)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from aegir.core.errors import BackendError
from aegir.core.model import Server, Service, ServiceType
from aegir.hosting import Hosting
from ports import free_port

from ._migrate_support import add_codebase, kill_family


@pytest.fixture(scope="module")
def world() -> Iterator[Hosting]:
    # a home www-data can enter (pytest's own tmp dirs are 0700)
    home = Path(tempfile.mkdtemp(prefix="aegir-migrate-"))
    home.chmod(0o755)
    h = Hosting(home)
    h.store.add_server(
        Server(
            "web1",
            "local",
            [
                Service(ServiceType.NGINX, free_port()),
                Service(ServiceType.PHP_FPM),
                Service(ServiceType.MARIADB, free_port()),
            ],
        )
    )
    h.store.add_server(Server("db2", "local", [Service(ServiceType.MARIADB, free_port())]))
    backends = [h.backend("web1"), h.backend("db2")]
    pids: list[int] = []
    try:
        for backend in backends:
            backend.setup()
            backend.start()
            pids += [p for d in backend.daemons() if (p := d.pid()) is not None]  # type: ignore[attr-defined]
        add_codebase(h, "wp-a", "A")
        add_codebase(h, "wp-b", "B")
        yield h
    finally:
        for backend in backends:
            with contextlib.suppress(BackendError):
                backend.stop()
        kill_family(pids)  # stop() failed us: never leave a daemon behind
        h.close()
        shutil.rmtree(home, ignore_errors=True)
