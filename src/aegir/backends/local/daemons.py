"""Controlling one managed daemon by its PID file: start and wait until it answers, stop, state.

No systemd: each daemon writes its own PID file under the server directory. A PID is trusted only
while that process's command line names this server's config (or data directory), so a stale
file after a reboot can never make Aegir signal someone else's process.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import ClassVar

from attrs import frozen

from aegir.backends.local.executor import Executor
from aegir.backends.local.layout import ServerLayout
from aegir.core.backend import ServiceState
from aegir.core.errors import BackendError
from aegir.core.model import Service

__all__ = ["DaemonContext", "ManagedDaemon"]


@frozen
class DaemonContext:
    """What every managed daemon of one server shares."""

    executor: Executor
    layout: ServerLayout
    server: str
    #: running as root: daemons drop to ``web_user`` where they can
    as_root: bool
    #: the user nginx workers and PHP-FPM pools run as (None: whoever runs Aegir)
    web_user: str | None


class ManagedDaemon(ABC):
    """One daemon Aegir runs for a server (nginx, php-fpm or mariadbd)."""

    #: the name shown by ``server status``
    label: ClassVar[str]
    stop_signal: ClassVar[str] = "TERM"
    start_timeout: ClassVar[float] = 30.0
    stop_timeout: ClassVar[float] = 30.0

    def __init__(self, ctx: DaemonContext, service: Service) -> None:
        self.ctx = ctx
        self.ex = ctx.executor
        self.layout = ctx.layout
        self.service = service

    # -- what each daemon defines -----------------------------------------------------------
    @property
    @abstractmethod
    def pid_file(self) -> str: ...

    @property
    @abstractmethod
    def error_log(self) -> str: ...

    @property
    @abstractmethod
    def marker(self) -> str:
        """A string the daemon's command line contains (its config file or data directory)."""

    @abstractmethod
    def prepare(self) -> None:
        """Create directories and configuration (idempotent); called by setup and before a start."""

    @abstractmethod
    def launch(self) -> None:
        """Start the daemon; returns once it is on its way (it may not answer yet)."""

    @abstractmethod
    def ready(self) -> bool:
        """Whether the daemon answers (a connection, a ping)."""

    def is_worker_title(self, title: str) -> bool:
        """Whether ``title`` is one of this daemon's worker processes (left behind if the master died)."""
        return False

    def failed_early(self, log_offset: int) -> bool:
        """Whether the log written since ``log_offset`` says the start failed for good."""
        return False

    @property
    def port(self) -> int | None:
        return self.service.port

    # -- state ------------------------------------------------------------------------------
    def recorded_pid(self) -> int | None:
        """The PID in the PID file, alive or not."""
        try:
            text = self.ex.read_file(self.pid_file).decode("ascii", errors="replace").strip()
        except BackendError:
            return None
        return int(text) if text.isdigit() else None

    def pid(self) -> int | None:
        """The daemon's PID if its PID file names a live process of this server, else None."""
        pid = self.recorded_pid()
        if pid is None or not self.ex.pid_alive(pid):
            return None
        title = self.ex.process_title(pid)
        if title is None or self.marker not in title:
            return None
        return pid

    def state(self) -> ServiceState:
        pid = self.pid()
        detail = "managed" if self.ex.exists(self.pid_file) or pid else "managed, stopped"
        return ServiceState(
            name=self.label,
            type=self.service.type.value,
            running=pid is not None,
            pid=pid,
            port=self.port,
            detail=detail,
        )

    def log_tail(self, offset: int = 0, lines: int = 8) -> str:
        """The end of the error log (from ``offset`` when the log has grown past it)."""
        text = self.ex.read_tail(self.error_log, offset=offset)
        tail = [line for line in text.splitlines() if line.strip()][-lines:]
        return " | ".join(tail) if tail else f"nothing in {self.error_log}"

    # -- control ----------------------------------------------------------------------------
    def reap_orphans(self) -> None:
        """Kill the workers a dead master left behind (they still hold its port or socket).

        Daemons run in a process group of their own (nginx and php-fpm call setsid, mariadbd is
        spawned with it), numbered after the master's PID, which the kernel does not reuse while
        any member lives. Only members whose title is one of this daemon's workers are killed.
        """
        stale = self.recorded_pid()
        if stale is None or self.pid() is not None:
            return
        orphans = [p for p, title in self.ex.process_group(stale) if self.is_worker_title(title)]
        for p in orphans:
            self.ex.signal(p, "KILL")
        if not self._wait_gone(orphans, 5.0):
            raise BackendError(
                f"{self.label} of server {self.ctx.server!r}: old workers {orphans} would not stop"
            )

    def start(self) -> None:
        if self.pid() is None:
            self.reap_orphans()
            self.prepare()
            offset = self.ex.file_size(self.error_log)
            self.ex.remove_path(self.pid_file)
            self.launch()
        else:
            offset = self.ex.file_size(self.error_log)
        deadline = time.monotonic() + self.start_timeout
        pause = 0.02
        while time.monotonic() < deadline:
            if self.ready():
                return
            if self.failed_early(offset):
                break
            time.sleep(pause)
            pause = min(pause * 1.5, 0.25)
        raise BackendError(
            f"{self.label} of server {self.ctx.server!r} did not start"
            f"{'' if time.monotonic() < deadline else f' within {self.start_timeout:g} s'}: "
            f"{self.log_tail(offset)} (log: {self.error_log})"
        )

    def stop(self) -> None:
        pid = self.pid()
        if pid is None:
            self.reap_orphans()
            self.ex.remove_path(self.pid_file)
            return
        family = [pid, *(p for p, _ in self.ex.child_processes(pid))]
        self.ex.signal(pid, self.stop_signal)
        if not self._wait_gone(family, self.stop_timeout):
            for p in family:
                if self.ex.pid_alive(p):
                    self.ex.signal(p, "KILL")
            if not self._wait_gone(family, 5.0):
                raise BackendError(
                    f"{self.label} of server {self.ctx.server!r} (pid {pid}) did not stop, even after SIGKILL"
                )
        self.ex.remove_path(self.pid_file)

    def _wait_gone(self, pids: list[int], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        pause = 0.02
        while True:
            alive = [p for p in pids if self.ex.pid_alive(p)]
            if not alive:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 1.5, 0.2)
