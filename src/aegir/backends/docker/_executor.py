"""The executor for a Docker container: every command is a Docker ``exec`` (argv, no shell).

Commands, their standard input and both output streams go through the exec's attached socket
(Docker's multiplexed stream: an 8-byte header per frame says stdout or stderr); file writes,
directory creation and process checks are small fixed ``sh`` scripts whose values are passed as
positional arguments (``"$1"``), never spliced into the script text. ``/proc`` is read inside the
container, so the image needs no ``ps``. Services listening in the container are reached from here
through the ports the container publishes (``open_connection``): a connection to the container's
``127.0.0.1:8080`` goes to the host address and port Docker maps ``8080/tcp`` to.
"""

from __future__ import annotations

import socket
import struct
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any

from attrs import frozen

from aegir.backends.local.executor import Executor, check_env_name, check_removable
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError, ValidationError

if TYPE_CHECKING:
    from aegir.backends.docker._container import ContainerHandle

__all__ = ["DockerExecutor", "ProcessInfo"]

_CHUNK = 1 << 16
#: the exit status of coreutils ``timeout`` when the time ran out
_TIMED_OUT = 124
#: how long an exec may take to report its exit status once its streams have closed
_EXIT_WAIT = 10.0
_LOOPBACK = {"127.0.0.1", "localhost", "0.0.0.0", "::1", "::"}  # noqa: S104 (names, not a bind)

#: write stdin to a temporary file beside $1, give it group $3 (if any) and mode $2, rename it over $1
_WRITE = """set -e
f=$1; d=${f%/*}; d=${d:-/}
mkdir -p -- "$d"
t=$(mktemp -- "$d/.aegir-write.XXXXXXXX")
trap 'rm -f -- "$t"' EXIT
cat > "$t"
if [ -n "$3" ]; then chgrp -- "$3" "$t"; fi
chmod -- "$2" "$t"
mv -f -T -- "$t" "$f"
trap - EXIT
"""
#: make directory $1 (and parents), refuse a link in its place, then group $3 (if any) and mode $2
_MKDIR = """set -e
mkdir -p -- "$1"
if [ -L "$1" ] || [ ! -d "$1" ]; then echo "not a directory: $1" >&2; exit 1; fi
if [ -n "$3" ]; then chgrp -- "$3" "$1"; fi
chmod -- "$2" "$1"
"""
_EXISTS = '[ -e "$1" ] || [ -L "$1" ]'
#: copy the tree $1 into a fresh directory beside $2 (cp flags $3), then rename that over $2
_COPY = """set -e
src=$1; dest=$2; parent=${dest%/*}; name=${dest##*/}
mkdir -p -- "$parent"
for x in "$parent/$name".aegir-copy-*; do if [ -e "$x" ]; then rm -rf -- "$x"; fi; done
s=$(mktemp -d -- "$parent/$name.aegir-copy-XXXXXXXX")
if ! cp $3 -- "$src/." "$s"; then rm -rf -- "$s"; exit 1; fi
rm -rf -- "$dest"
mv -T -- "$s" "$dest"
"""
#: read the variables of file $1, remove it, then run the rest of the arguments
_WITH_ENV = 'f=$1; shift; . "$f"; s=$?; rm -f -- "$f"; if [ "$s" -ne 0 ]; then exit 125; fi; exec "$@"'
#: start "$@" (after the log file $1) in a session of its own, detached from the exec
_SPAWN = 'log=$1; shift; exec setsid -f "$@" </dev/null >>"$log" 2>&1'
#: the shell's own kill: the image needs no procps
_KILL = 'kill -s "$1" "$2"'
#: each process (all, or the PIDs given): its stat line and its command line, separated by
#: ASCII unit and record separators (a command line may hold newlines, never these)
_PROCESSES = """cd /proc || exit 1
if [ $# -eq 0 ]; then set -- [0-9]*; fi
for p in "$@"; do
  s=$(cat -- "$p/stat" 2>/dev/null) || continue
  c=$(tr '\\000' ' ' < "$p/cmdline" 2>/dev/null) || continue
  printf '%s\\037%s\\036' "$s" "$c"
done
"""


@frozen
class ProcessInfo:
    """One process of the container, from ``/proc/<pid>/stat`` and ``cmdline``."""

    pid: int
    state: str
    ppid: int
    pgid: int
    title: str


def parse_processes(text: str) -> list[ProcessInfo]:
    """The records :data:`_PROCESSES` printed (malformed ones are skipped)."""
    found = []
    for record in text.split("\x1e"):
        stat, sep, title = record.partition("\x1f")
        head, paren, rest = stat.rpartition(")")
        fields = rest.split()
        pid = head.split("(", 1)[0].strip()
        if not sep or not paren or len(fields) < 3 or not pid.isdigit():
            continue
        if not (fields[1].isdigit() and fields[2].lstrip("-").isdigit()):
            continue
        found.append(ProcessInfo(int(pid), fields[0], int(fields[1]), int(fields[2]), title.strip()))
    return found


class DockerExecutor(Executor):
    """Runs commands in, and moves files to and from, one running container."""

    def __init__(self, container: ContainerHandle) -> None:
        self.container = container

    @property
    def _where(self) -> str:
        return f"container {self.container.name!r}"

    # -- the exec conversation ----------------------------------------------------------------
    def _exec(
        self,
        argv: list[str],
        *,
        cwd: str | None,
        env: Mapping[str, str] | None,
        timeout: float | None,
        source: IO[bytes] | None,
        on_stdout: Callable[[bytes], None],
    ) -> CommandResult:
        """One exec: ``source`` fed to its stdin while stdout goes to ``on_stdout``; stderr is kept."""
        if not argv:
            raise ValidationError("an empty command cannot run")
        wrapped = argv
        if env:
            # values (an admin password among them) go through a 0600 file, never into the exec's
            # settings that the Docker daemon keeps and shows
            wrapped = ["sh", "-c", _WITH_ENV, "sh", self._env_file(env), *wrapped]
        if timeout is not None:
            # coreutils timeout ends the command in the container itself; the socket only backs it up
            wrapped = ["timeout", "-k", "5", f"{timeout:g}", *wrapped]
        exec_id, sock = self.container.exec_socket(wrapped, stdin=source is not None, cwd=cwd)
        sock.settimeout(None if timeout is None else timeout + 30)
        errors: list[bytes] = []
        failure: list[BaseException] = []

        def collect() -> None:
            try:
                _read_frames(sock, on_stdout, errors.append)
            except BaseException as e:  # reported by the caller's thread
                failure.append(e)

        try:
            if source is None:
                collect()
            else:
                # output is read on a thread while input is sent: neither side can fill up and stall
                reader = threading.Thread(target=collect, daemon=True)
                reader.start()
                try:
                    while chunk := source.read(1 << 20):
                        sock.sendall(chunk)
                except OSError:
                    pass  # the program stopped reading: its exit status and output say why
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
                reader.join()
        finally:
            with suppress(OSError):
                sock.close()
        if failure:
            if isinstance(failure[0], TimeoutError):
                raise BackendError(
                    f"command {argv[0]!r} in {self._where} did not finish within {timeout:g} s"
                ) from failure[0]
            raise BackendError(f"command {argv[0]!r} in {self._where}: the exec stream broke: {failure[0]}")
        status = self.container.exec_exit_code(exec_id, _EXIT_WAIT)
        stderr = b"".join(errors).decode("utf-8", errors="replace")
        if timeout is not None and status == _TIMED_OUT:
            raise BackendError(
                f"command {argv[0]!r} did not finish within {timeout:g} s in {self._where} and was stopped"
            )
        if status == 127 and _not_started(stderr):
            raise BackendError(f"cannot run {argv[0]!r} in {self._where}: not found; is it in the image?")
        return CommandResult(status, "", stderr)

    def _env_file(self, env: Mapping[str, str]) -> str:
        """A 0600 file of ``export NAME='value'`` lines that :data:`_WITH_ENV` reads and removes."""
        import secrets
        import shlex

        lines = []
        for name, value in env.items():
            check_env_name(name)
            if "\x00" in value:
                raise ValidationError(f"the value of environment variable {name} holds a NUL byte")
            lines.append(f"export {name}={shlex.quote(value)}\n")
        path = f"/tmp/.aegir-env-{secrets.token_hex(12)}"  # noqa: S108 (in the container; 0600, removed at once)
        self.write_file(path, "".join(lines).encode(), 0o600)
        return path

    # -- commands -----------------------------------------------------------------------------
    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        out: list[bytes] = []
        source = None
        if stdin is not None:
            import io

            source = io.BytesIO(stdin)
        result = self._exec(argv, cwd=cwd, env=env, timeout=timeout, source=source, on_stdout=out.append)
        return CommandResult(result.returncode, _text(b"".join(out)), result.stderr)

    def run_to_stream(
        self,
        argv: list[str],
        out: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        def write(chunk: bytes) -> None:
            out.write(chunk)

        return self._exec(argv, cwd=cwd, env=env, timeout=timeout, source=None, on_stdout=write)

    def run_from_stream(
        self,
        argv: list[str],
        source: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        out: list[bytes] = []
        result = self._exec(argv, cwd=cwd, env=env, timeout=timeout, source=source, on_stdout=out.append)
        return CommandResult(result.returncode, _text(b"".join(out)), result.stderr)

    def _sh(self, script: str, *args: str, stdin: bytes | None = None, timeout: float = 120) -> CommandResult:
        return self.run(["sh", "-c", script, "sh", *args], stdin=stdin, timeout=timeout)

    def _checked(self, argv: list[str]) -> str:
        result = self.run(argv, timeout=600)
        if result.returncode != 0:
            raise BackendError(f"{argv[0]} in {self._where} failed: {result.stderr.strip()[-500:]}")
        return result.stdout

    def spawn(self, argv: list[str], *, log_path: str | None = None, cwd: str | None = None) -> None:
        if self.which(argv[0]) is None and self.run(["test", "-x", argv[0]]).returncode != 0:
            raise BackendError(f"cannot run {argv[0]!r} in {self._where}: not found; is it in the image?")
        result = self.run(["sh", "-c", _SPAWN, "sh", log_path or "/dev/null", *argv], cwd=cwd, timeout=30)
        if result.returncode != 0:
            raise BackendError(
                f"cannot start {argv[0]!r} in {self._where}: {result.stderr.strip()[-300:] or result.returncode}"
            )

    # -- processes: /proc read inside the container ---------------------------------------------
    def processes(self, pids: list[int] | None = None) -> list[ProcessInfo]:
        """The container's processes (or those of ``pids`` that exist), zombies included."""
        result = self._sh(_PROCESSES, *(str(p) for p in pids or []), timeout=30)
        return parse_processes(result.stdout)

    def signal(self, pid: int, name: str) -> bool:
        return self._sh(_KILL, name, str(pid), timeout=30).returncode == 0

    def pid_alive(self, pid: int) -> bool:
        return any(p.pid == pid and p.state != "Z" for p in self.processes([pid]))

    def process_title(self, pid: int) -> str | None:
        found = [p for p in self.processes([pid]) if p.pid == pid]
        return found[0].title if found else None

    def process_group(self, pgid: int) -> list[tuple[int, str]]:
        return [(p.pid, p.title) for p in self.processes() if p.pgid == pgid and p.state != "Z"]

    def child_processes(self, pid: int) -> list[tuple[int, str]]:
        return [(p.pid, p.title) for p in self.processes() if p.ppid == pid and p.state != "Z"]

    # -- connections --------------------------------------------------------------------------
    def open_connection(self, host: str, port: int, timeout: float = 10.0) -> Any:
        published = self.container.published_port(port) if host in _LOOPBACK else None
        if published is None:
            raise ConnectionRefusedError(
                f"{host}:{port} in {self._where} cannot be reached from here: only published ports can"
            )
        return socket.create_connection(published, timeout=timeout)

    def can_connect_unix(self, path: str, timeout: float = 1.0) -> bool:
        return self.run(["test", "-S", path], timeout=max(timeout, 5)).returncode == 0

    # -- files --------------------------------------------------------------------------------
    def write_file(self, path: str, content: bytes, mode: int = 0o644, *, group: str | None = None) -> None:
        _absolute(path)
        result = self._sh(_WRITE, path, f"{mode:o}", group or "", stdin=content)
        if result.returncode != 0:
            raise BackendError(f"cannot write {path!r} in {self._where}: {result.stderr.strip()[-300:]}")

    def read_file(self, path: str) -> bytes:
        import io

        buffer = io.BytesIO()
        result = self.run_to_stream(["cat", "--", path], buffer, timeout=600)
        if result.returncode != 0:
            raise BackendError(f"cannot read {path!r} in {self._where}: {result.stderr.strip()[-300:]}")
        return buffer.getvalue()

    def exists(self, path: str) -> bool:
        return self._sh(_EXISTS, path, timeout=30).returncode == 0

    def make_dir(self, path: str, mode: int = 0o755, *, group: str | None = None) -> None:
        _absolute(path)
        result = self._sh(_MKDIR, path, f"{mode:o}", group or "")
        if result.returncode != 0:
            raise BackendError(
                f"cannot create directory {path!r} in {self._where}: {result.stderr.strip()[-300:]}"
            )

    def remove_path(self, path: str) -> None:
        self._checked(["rm", "-rf", "--", check_removable(path)])

    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        dest = check_removable(dest.rstrip("/"))
        if self.run(["test", "-d", source], timeout=30).returncode != 0:
            raise BackendError(f"cannot copy {source!r} in {self._where}: not a directory")
        flags = "-rL --preserve=mode,timestamps" if follow_links else "-a"
        result = self.run(["sh", "-c", _COPY, "sh", source.rstrip("/") or "/", dest, flags])
        if result.returncode != 0:
            raise BackendError(f"cannot copy {source!r} to {dest!r}: {result.stderr.strip()[-500:]}")

    @contextmanager
    def open_read(self, path: str) -> Iterator[IO[bytes]]:
        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
            result = self.run_to_stream(["cat", "--", path], spool)
            if result.returncode != 0:
                raise BackendError(f"cannot read {path!r} in {self._where}: {result.stderr.strip()[-300:]}")
            spool.seek(0)
            yield spool  # a binary file object

    @contextmanager
    def open_write(self, path: str, mode: int = 0o644, *, group: str | None = None) -> Iterator[IO[bytes]]:
        _absolute(path)
        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
            yield spool  # a binary file object
            spool.seek(0)
            result = self.run_from_stream(["sh", "-c", _WRITE, "sh", path, f"{mode:o}", group or ""], spool)
            if result.returncode != 0:
                raise BackendError(f"cannot write {path!r} in {self._where}: {result.stderr.strip()[-300:]}")

    def iter_files(self, root: str) -> Iterator[str]:
        out = self._checked(["find", root, "-type", "f", "-printf", "%P\\0"])
        yield from (name for name in out.split("\0") if name)


def _read_exact(sock: Any, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return data or None
        data += chunk
    return data


def _read_frames(sock: Any, on_stdout: Callable[[bytes], None], on_stderr: Callable[[bytes], None]) -> None:
    """Split Docker's multiplexed exec stream until it ends: 1 is stdout, 2 stderr."""
    while True:
        header = _read_exact(sock, 8)
        if header is None:
            return
        if len(header) < 8:
            raise BackendError("the exec stream ended inside a frame header")
        kind, size = header[0], struct.unpack(">I", header[4:8])[0]
        left = size
        while left:
            chunk = sock.recv(min(left, _CHUNK))
            if not chunk:
                raise BackendError("the exec stream ended inside a frame")
            left -= len(chunk)
            (on_stderr if kind == 2 else on_stdout)(chunk)


def _not_started(stderr: str) -> bool:
    """Whether the runtime, ``timeout`` or ``sh`` said the program could not be found at all."""
    said = stderr.lower()
    return any(s in said for s in ("not found", "no such file or directory", "failed to run command"))


def _absolute(path: str) -> None:
    if not path.startswith("/") or path.endswith("/") or "\x00" in path:
        raise BackendError(f"cannot write {path!r}: not an absolute file path")


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
