"""The executor interface: commands, processes and files on the machine a backend drives.

Every command the local backend runs and every file it writes goes through one :class:`Executor`,
so the same backend logic can drive this machine (:class:`~aegir.backends.local.local_executor.
LocalExecutor`) or a remote one (an SSH executor). Process and identity helpers have portable
defaults built on :meth:`Executor.run` and POSIX tools; an executor may override them with
something faster.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import IO, Any

from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError

__all__ = ["SBIN_DIRS", "Executor", "check_removable"]

#: daemons live in sbin, which an ordinary user's PATH often lacks
SBIN_DIRS = ("/usr/local/sbin", "/usr/sbin", "/sbin")


def check_removable(path: str) -> str:
    """Refuse to delete paths that can only be a mistake: relative, ``..``, ``/`` or a top directory."""
    parts = [p for p in path.split("/") if p]
    if not path.startswith("/") or "\x00" in path or ".." in parts or len(parts) < 2:
        raise BackendError(f"refusing to remove {path!r}: not an absolute path at least two levels deep")
    return path


class Executor(ABC):
    """Commands and files on one machine. Paths are absolute paths on that machine."""

    # -- commands ---------------------------------------------------------------------------
    @abstractmethod
    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        """Run an argv list and wait; ``env`` adds to the environment. Never raises on non-zero exit.

        :raises BackendError: the program does not exist, or ``timeout`` seconds passed.
        """

    @abstractmethod
    def run_to_stream(
        self,
        argv: list[str],
        out: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        """Run a command whose standard output is copied to ``out`` as it comes (stderr is kept)."""

    @abstractmethod
    def run_from_stream(
        self,
        argv: list[str],
        source: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        """Run a command whose standard input is read from ``source`` as it goes."""

    @abstractmethod
    def spawn(self, argv: list[str], *, log_path: str | None = None, cwd: str | None = None) -> None:
        """Start a long-running program in a session of its own, detached from this process.

        Its output is appended to ``log_path`` (or discarded). The caller finds its PID through the
        program's own PID file.
        """

    # -- files ------------------------------------------------------------------------------
    @abstractmethod
    def write_file(self, path: str, content: bytes, mode: int = 0o644, *, group: str | None = None) -> None:
        """Write a file atomically (a temporary file renamed over the target), creating parents."""

    @abstractmethod
    def read_file(self, path: str) -> bytes:
        """A whole file. :raises BackendError: it cannot be read."""

    @abstractmethod
    def exists(self, path: str) -> bool: ...

    @abstractmethod
    def make_dir(self, path: str, mode: int = 0o755, *, group: str | None = None) -> None:
        """Create a directory and its parents (idempotent); ``mode`` and ``group`` apply to the leaf."""

    @abstractmethod
    def remove_path(self, path: str) -> None:
        """Remove a file, link or directory tree (idempotent). Refuses paths :func:`check_removable` rejects."""

    @abstractmethod
    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        """Make ``dest`` a copy of ``source`` (like ``cp -rL``, or ``cp -a`` without following links).

        The copy is made beside ``dest`` and renamed into place, so ``dest`` is never half a copy.
        """

    @abstractmethod
    def open_read(self, path: str) -> AbstractContextManager[IO[bytes]]: ...

    @abstractmethod
    def open_write(self, path: str, mode: int = 0o644) -> AbstractContextManager[IO[bytes]]:
        """A stream to a new file that appears at ``path`` only when the block ends without error."""

    @abstractmethod
    def iter_files(self, root: str) -> Iterator[str]:
        """Every regular file below ``root``, relative to it."""

    def file_size(self, path: str) -> int:
        """The size of a file in bytes, 0 if it does not exist."""
        result = self.run(["stat", "-L", "-c", "%s", path])
        text = result.stdout.strip()
        return int(text) if result.returncode == 0 and text.isdigit() else 0

    def modified_time(self, path: str) -> float | None:
        """When a file was last modified (seconds since the epoch), None if it does not exist."""
        result = self.run(["stat", "-L", "-c", "%.9Y", path])
        try:
            return float(result.stdout.strip()) if result.returncode == 0 else None
        except ValueError:
            return None

    def read_tail(self, path: str, *, offset: int = 0, max_bytes: int = 8192) -> str:
        """The last ``max_bytes`` of a file from ``offset`` on, as text ("" if it does not exist)."""
        size = self.file_size(path)
        start = max(offset if offset <= size else 0, size - max_bytes)
        result = self.run(["tail", "-c", f"+{start + 1}", path])
        return result.stdout if result.returncode == 0 else ""

    # -- identity ---------------------------------------------------------------------------
    def is_root(self) -> bool:
        return self._checked(["id", "-u"]).strip() == "0"

    def user_name(self) -> str:
        return self._checked(["id", "-un"]).strip()

    def which(self, name: str) -> str | None:
        """The absolute path of a program, searching the usual bin and sbin directories (cached)."""
        cache: dict[str, str | None] = self.__dict__.setdefault("_which", {})
        if name not in cache:
            candidates = [f"{d}/{name}" for d in ("/usr/local/bin", "/usr/bin", "/bin", *SBIN_DIRS)]
            # one round trip: stat prints the files that exist (and fails for the others)
            result = self.run(["stat", "-L", "-c", "%a %F %n", "--", *candidates])
            found = None
            for line in result.stdout.splitlines():
                mode, _, rest = line.partition(" ")
                kind, _, path = rest.rpartition(" ")
                if kind.startswith("regular") and mode.isdigit() and int(mode, 8) & 0o111 and "/" in path:
                    found = path
                    break
            cache[name] = found
        return cache[name]

    # -- processes --------------------------------------------------------------------------
    def signal(self, pid: int, name: str) -> bool:
        """Send signal ``name`` (``TERM``, ``HUP``...) to ``pid``; False if there is no such process."""
        return self.run(["kill", "-s", name, str(pid)]).returncode == 0

    def pid_alive(self, pid: int) -> bool:
        """Whether ``pid`` is a live process (a zombie is not)."""
        result = self.run(["ps", "-o", "stat=", "-p", str(pid)])
        state = result.stdout.strip()
        return result.returncode == 0 and bool(state) and not state.startswith("Z")

    def process_title(self, pid: int) -> str | None:
        """The command line (process title) of ``pid``, or None if there is no such process."""
        result = self.run(["ps", "-o", "args=", "-p", str(pid)])
        return result.stdout.strip() if result.returncode == 0 else None

    def process_group(self, pgid: int) -> list[tuple[int, str]]:
        """The live processes of process group ``pgid`` with their command lines."""
        result = self.run(["ps", "-eo", "pid=,pgid=,stat=,args="])
        members = []
        for line in result.stdout.splitlines():
            fields = line.split(None, 3)
            if len(fields) >= 3 and fields[1] == str(pgid) and not fields[2].startswith("Z"):
                members.append((int(fields[0]), fields[3] if len(fields) > 3 else ""))
        return members

    def child_processes(self, pid: int) -> list[tuple[int, str]]:
        """The live children of ``pid`` with their command lines (process titles)."""
        result = self.run(["ps", "-o", "pid=,stat=,args=", "--ppid", str(pid)])
        children = []
        for line in result.stdout.splitlines():
            fields = line.split(None, 2)
            if len(fields) >= 2 and fields[0].isdigit() and not fields[1].startswith("Z"):
                children.append((int(fields[0]), fields[2] if len(fields) > 2 else ""))
        return children

    @abstractmethod
    def open_connection(self, host: str, port: int, timeout: float = 10.0) -> Any:
        """A connected stream to ``host:port`` as that machine sees it (for HTTP requests).

        It behaves like a socket: ``sendall``, ``makefile("rb")``, ``close``.
        :raises OSError: the connection was refused or timed out.
        """

    def can_connect(self, host: str, port: int, timeout: float = 1.0) -> bool:
        """Whether a TCP connection to ``host:port`` succeeds from that machine."""
        try:
            self.open_connection(host, port, timeout).close()
        except (OSError, BackendError):
            return False
        return True

    @abstractmethod
    def can_connect_unix(self, path: str, timeout: float = 1.0) -> bool:
        """Whether a connection to the Unix socket ``path`` succeeds on that machine."""

    @contextmanager
    def lock(self, path: str, timeout: float = 60.0) -> Iterator[None]:
        """Hold an exclusive lock named by ``path`` (a directory made atomically) for the block."""
        deadline = time.monotonic() + timeout
        while self.run(["mkdir", path]).returncode != 0:
            if time.monotonic() > deadline:
                raise BackendError(f"could not take the lock {path!r} within {timeout:g} s")
            time.sleep(0.05)
        try:
            yield
        finally:
            self.run(["rmdir", path])

    # -- helpers ----------------------------------------------------------------------------
    def _checked(self, argv: list[str]) -> str:
        result = self.run(argv, timeout=30)
        if result.returncode != 0:
            from aegir.core.errors import CommandFailed

            raise CommandFailed(argv, result.returncode, result.stderr)
        return result.stdout
