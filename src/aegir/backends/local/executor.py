"""The executor interface: commands, processes and files on the machine a backend drives.

Every command the local backend runs and every file it writes goes through one :class:`Executor`,
so the same backend logic can drive this machine (:class:`~aegir.backends.local.local_executor.
LocalExecutor`) or a remote one (an SSH executor). Process and identity helpers, and the tar streams of
backups (:meth:`Executor.archive_tree`, :meth:`Executor.extract_tree`), have portable defaults
built on :meth:`Executor.run` and POSIX / GNU tools; an executor may override them with something
faster.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any

from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError, ConflictError, ValidationError

if TYPE_CHECKING:
    from aegir.core.archive import EntryStat, ExtractReport, FilesPart, FilesReport

__all__ = ["SBIN_DIRS", "TAR_CREATE", "TAR_EXTRACT", "Executor", "check_env_name", "check_removable"]

#: daemons live in sbin, which an ordinary user's PATH often lacks
SBIN_DIRS = ("/usr/local/sbin", "/usr/sbin", "/sbin")


#: GNU tar options of a backup's stream: POSIX headers without the sub-second times that would
#: cost an extended header per member, a hard-linked file archived whole each time, name order
TAR_CREATE = (
    "--format=posix",
    "--pax-option=delete=atime,delete=ctime,delete=mtime",
    "--hard-dereference",
    "--sort=name",
)
#: GNU tar options of a restore: owners not restored, modes exactly as archived, nothing that
#: exists replaced (so no link can be written through), directory modes set once they are filled
TAR_EXTRACT = ("--no-same-owner", "--preserve-permissions", "--keep-old-files", "--delay-directory-restore")
#: the exit status of GNU tar when a file changed while it was read (a warning, not a failure)
_TAR_CHANGED = 1
#: at most this many lines of tar's own warnings go into a manifest
_TAR_LINES = 50


def check_env_name(name: str) -> str:
    """An environment variable's name as a shell takes it (letters, digits, ``_``; no leading digit):
    executors that hand the environment to a remote shell refuse any other."""
    if not name.isascii() or not name.replace("_", "a").isalnum() or name[0].isdigit():
        raise ValidationError(f"invalid environment variable name {name!r}")
    return name


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

    # -- backups: files streamed with the machine's GNU tar, checked on this side --------------
    def _lstat_under(self, base: str, names: Sequence[str]) -> dict[str, EntryStat]:
        """``lstat`` of ``names`` (relative to ``base``) in one command; missing ones are absent."""
        from aegir.core.archive import EntryStat

        paths = [base if n == "." else f"{base.rstrip('/')}/{n}" for n in names]
        by_path = dict(zip(paths, names, strict=True))
        result = self.run(["stat", "--printf", "%f %u %g %Y %n\\0", "--", *paths], timeout=60)
        found: dict[str, EntryStat] = {}
        for record in result.stdout.split("\0"):
            fields = record.split(" ", 4)
            if len(fields) == 5 and fields[4] in by_path:
                mode, uid, gid, mtime = int(fields[0], 16), int(fields[1]), int(fields[2]), int(fields[3])
                found[by_path[fields[4]]] = EntryStat(mode, uid, gid, mtime)
        return found

    def archive_tree(self, base_dir: str, paths: Sequence[str] | None, out: IO[bytes]) -> FilesReport:
        """Write the tar stream of a backup's files part (see ``Backend.archive_files``) to ``out``.

        This default runs GNU tar on the machine (argv only, the names after ``--``) and passes
        its stream through :func:`~aegir.core.archive.relay_archive`, which keeps regular files
        and directories only; what a selected path is, and what leads to it, is decided from one
        ``stat`` first, so no link is followed.
        """
        from aegir.core.archive import produced_stream, relay_archive, select_for_tar

        selection = select_for_tar(base_dir, paths, lambda names: self._lstat_under(base_dir, names))
        if not selection.names:
            return relay_archive(None, out, selection, origin="tar")
        argv = ["tar", "-c", "-f", "-", "-C", base_dir, *TAR_CREATE, "--", *selection.names]
        done: list[CommandResult] = []
        origin = f"tar in {base_dir}"
        try:
            with produced_stream(lambda pipe: done.append(self.run_to_stream(argv, pipe))) as stream:
                report = relay_archive(stream, out, selection, origin=origin)
        except (BackendError, OSError) as e:
            if done and done[0].returncode not in (0, _TAR_CHANGED):
                raise _tar_failed(origin, done[0]) from e
            raise
        if done[0].returncode not in (0, _TAR_CHANGED):
            raise _tar_failed(origin, done[0])
        # what tar itself said (a file changed while read, a socket ignored) goes with the warnings
        return _with_warnings(report, done[0].stderr)

    def extract_tree(self, target: str, files: FilesPart) -> ExtractReport:
        """Extract a files part into the new directory ``target`` (see ``Backend.restore_files``).

        This default relays the part, every member checked on this side
        (``files.write_clean_tar``), into GNU tar on the machine, extracting into a directory made
        here first (mode 0700, so nothing can be planted in it meanwhile); on any failure, a
        refused member, a damaged part, tar failing or the stream cut, ``target`` is removed again.
        """
        from aegir.core.archive import EntryStat, produced_stream

        target = target.rstrip("/")
        parent = target.rpartition("/")[0] or "/"
        if not target.startswith("/") or self.run(["test", "-d", parent]).returncode != 0:
            raise ValidationError(f"cannot restore into {target!r}: its parent directory does not exist")
        made = self.run(["mkdir", "-m", "700", "--", target])
        if made.returncode != 0:
            if self.exists(target):
                raise ConflictError(
                    f"cannot restore into {target!r}: it exists already (restore needs a new directory)"
                )
            raise BackendError(f"cannot create {target!r}: {made.stderr.strip()}")
        origin = f"tar into {target}"
        try:
            argv = ["tar", "-x", "-f", "-", "-C", target, *TAR_EXTRACT]
            done: list[CommandResult] = []
            relayed: list[tuple[ExtractReport, EntryStat | None]] = []
            try:
                with produced_stream(lambda pipe: relayed.append(files.write_clean_tar(pipe))) as clean:
                    done.append(self.run_from_stream(argv, clean))
            except OSError as e:  # a broken pipe: tar stopped reading, and its status says why
                if done and done[0].returncode != 0:
                    raise _tar_failed(origin, done[0]) from e
                raise
            if done[0].returncode != 0:
                raise _tar_failed(origin, done[0])
            report, root = relayed[0]
            root = root or EntryStat(0o755)  # as a local restore leaves a target the archive has no entry for
            self._checked(["chmod", f"{root.mode & 0o777:o}", "--", target])
            if root.mtime:
                self._checked(["touch", "-m", "-d", f"@{root.mtime}", "--", target])
        except BaseException:
            with suppress(BackendError):
                self.remove_path(target)
            raise
        return report

    # -- helpers ----------------------------------------------------------------------------
    def _checked(self, argv: list[str]) -> str:
        result = self.run(argv, timeout=30)
        if result.returncode != 0:
            from aegir.core.errors import CommandFailed

            raise CommandFailed(argv, result.returncode, result.stderr)
        return result.stdout


def _tar_failed(origin: str, result: CommandResult) -> BackendError:
    detail = result.stderr.strip()[-1000:] or f"exit status {result.returncode}"
    return BackendError(f"{origin} failed: {detail}")


def _with_warnings(report: FilesReport, said: str) -> FilesReport:
    """``report`` with what tar wrote to stderr (a file changed while read...) as more warnings."""
    from aegir.core.archive import FilesReport

    lines = [f"tar: {line}" for line in said.splitlines() if line.strip()]
    if not lines:
        return report
    if len(lines) > _TAR_LINES:
        lines = [*lines[:_TAR_LINES], f"... and {len(lines) - _TAR_LINES} more lines from tar"]
    return FilesReport(report.files, report.dirs, report.content_bytes, (*report.warnings, *lines))
