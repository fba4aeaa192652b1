"""Helpers for the local backend tests: free ports, server values, a backend that always stops."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aegir.backends.local import LocalBackend
from aegir.core.backend import BackendEnv
from aegir.core.model import Server, Service, ServiceType
from ports import free_port

AS_ROOT = os.geteuid() == 0


def managed_server(name: str, *, web: bool = True, db: bool = True) -> Server:
    services: list[Service] = []
    if web:
        services += [Service(ServiceType.NGINX, free_port()), Service(ServiceType.PHP_FPM)]
    if db:
        services.append(Service(ServiceType.MARIADB, free_port()))
    return Server(name, "local", services)


def family(backend: LocalBackend) -> list[int]:
    """Every PID of the backend's daemons: masters and their workers."""
    pids: list[int] = []
    for daemon in backend.daemons():
        pid = daemon.pid()
        if pid is not None:
            pids += [pid, *(p for p, _ in backend.executor.child_processes(pid))]
    return pids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@contextmanager
def running(server: Server, env: BackendEnv) -> Iterator[LocalBackend]:
    """A set-up, started backend, stopped by PID however the block ends."""
    backend = LocalBackend(server, env)
    try:
        backend.setup()
        backend.start()
        yield backend
    finally:
        leftovers = family(backend)
        backend.stop()
        for pid in leftovers:
            if alive(pid):  # stop() failed us: never leave a daemon behind
                os.kill(pid, 9)
