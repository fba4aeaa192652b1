"""The executor for this machine: subprocesses, the file system and ``/proc`` directly."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING

from aegir.backends.local.executor import SBIN_DIRS, Executor, check_removable
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError

if TYPE_CHECKING:
    from aegir.core.archive import ExtractReport, FilesPart, FilesReport

__all__ = ["LocalExecutor"]

_CHUNK = 1 << 20


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def _full_env(env: Mapping[str, str] | None) -> dict[str, str] | None:
    return {**os.environ, **env} if env else None


def _not_found(argv: list[str], e: OSError) -> BackendError:
    return BackendError(f"cannot run {argv[0]!r}: {e.strerror or e}; is the program installed?")


def _timed_out(argv: list[str], timeout: float | None) -> BackendError:
    return BackendError(f"command {argv[0]!r} did not finish within {timeout:g} s and was stopped")


class LocalExecutor(Executor):
    """Runs everything on the machine Aegir itself runs on."""

    # -- commands ---------------------------------------------------------------------------
    def run(
        self,
        argv: list[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        try:
            proc = subprocess.run(
                argv,
                cwd=cwd,
                env=_full_env(env),
                input=stdin,
                stdin=subprocess.DEVNULL if stdin is None else None,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise _timed_out(argv, timeout) from None
        except OSError as e:
            raise _not_found(argv, e) from e
        return CommandResult(proc.returncode, _decode(proc.stdout), _decode(proc.stderr))

    def run_lines(
        self,
        argv: list[str],
        on_line: Callable[[str], None],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        """Run a command, handing each line of its output (stdout and stderr merged) to ``on_line``
        as it is written; the result's stdout is the whole output."""
        try:
            proc = subprocess.Popen(
                argv,
                cwd=cwd,
                env=_full_env(env),
                stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        except OSError as e:
            raise _not_found(argv, e) from e
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, expire) if timeout else None
        if timer is not None:
            timer.start()
        feeder = None
        if stdin is not None:
            # written from a thread: a command that prints before it reads must not deadlock us
            feeder = threading.Thread(target=_feed, args=(proc.stdin, stdin), daemon=True)
            feeder.start()
        lines: list[str] = []
        try:
            assert proc.stdout is not None  # noqa: S101  (opened as a pipe just above)
            for raw in proc.stdout:
                line = _decode(raw)
                lines.append(line)
                on_line(line.rstrip("\n"))
            returncode = proc.wait()
        finally:
            if timer is not None:
                timer.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if feeder is not None:
                feeder.join(timeout=5)
            if proc.stdout is not None:
                proc.stdout.close()
        if timed_out.is_set():
            raise _timed_out(argv, timeout)
        return CommandResult(returncode, "".join(lines), "")

    def run_to_stream(
        self,
        argv: list[str],
        out: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        # stderr goes to a file, not a pipe: a chatty stderr must not block the stdout copy loop
        with tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    argv,
                    cwd=cwd,
                    env=_full_env(env),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=err,
                )
            except OSError as e:
                raise _not_found(argv, e) from e
            try:
                with proc:
                    _copy(_pipe(proc.stdout), out, proc, argv, timeout)
                    returncode = proc.wait()
            finally:
                _reap(proc)
            err.seek(0)
            return CommandResult(returncode, "", _decode(err.read()))

    def run_from_stream(
        self,
        argv: list[str],
        source: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    argv, cwd=cwd, env=_full_env(env), stdin=subprocess.PIPE, stdout=out, stderr=err
                )
            except OSError as e:
                raise _not_found(argv, e) from e
            stdin = _pipe(proc.stdin)
            try:
                with proc:
                    # a program that stops reading says why through its exit status and output
                    with suppress(BrokenPipeError):
                        _copy(source, stdin, proc, argv, timeout)
                    with suppress(BrokenPipeError):
                        stdin.close()
                    returncode = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise _timed_out(argv, timeout) from None
            finally:
                _reap(proc)
            out.seek(0)
            err.seek(0)
            return CommandResult(returncode, _decode(out.read()), _decode(err.read()))

    def spawn(self, argv: list[str], *, log_path: str | None = None, cwd: str | None = None) -> None:
        # setsid -f forks, so the daemon is not our child: it outlives the CLI process, and no
        # subprocess object is left behind that would need reaping.
        if shutil.which(argv[0], path=_search_path()) is None and not Path(argv[0]).is_file():
            raise BackendError(f"cannot run {argv[0]!r}: not found; is the program installed?")
        log = Path(log_path).open("ab") if log_path else None  # noqa: SIM115 (closed below; the child has its copy)
        try:
            result = subprocess.run(
                ["setsid", "-f", *argv],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log or subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                check=False,
                timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise BackendError(f"cannot start {argv[0]!r}: {e}") from e
        finally:
            if log is not None:
                log.close()
        if result.returncode != 0:
            raise BackendError(f"cannot start {argv[0]!r}: setsid exited with status {result.returncode}")

    # -- files ------------------------------------------------------------------------------
    def write_file(self, path: str, content: bytes, mode: int = 0o644, *, group: str | None = None) -> None:
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(content)
                    _set_mode(f.fileno(), mode, group)
                Path(tmp).replace(target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as e:
            raise BackendError(f"cannot write {path!r}: {e.strerror or e}") from e

    def read_file(self, path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as e:
            raise BackendError(f"cannot read {path!r}: {e.strerror or e}") from e

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def make_dir(self, path: str, mode: int = 0o755, *, group: str | None = None) -> None:
        try:
            Path(path).mkdir(parents=True, exist_ok=True, mode=mode)
            # O_NOFOLLOW: a link put where the directory should be is refused, never chmod-ed through
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            try:
                _set_mode(fd, mode, group)
            finally:
                os.close(fd)
        except OSError as e:
            raise BackendError(f"cannot create directory {path!r}: {e.strerror or e}") from e

    def remove_path(self, path: str) -> None:
        check_removable(path)
        target = Path(path)
        try:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
        except FileNotFoundError:
            return
        except OSError as e:
            raise BackendError(f"cannot remove {path!r}: {e.strerror or e}") from e

    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        if not Path(source).is_dir():
            raise BackendError(f"cannot copy {source!r}: not a directory")
        check_removable(dest)
        target = Path(dest.rstrip("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in target.parent.glob(f"{target.name}.aegir-copy-*"):  # from an interrupted copy
            self.remove_path(str(leftover))
        # a fresh directory of our own (mkdtemp: no link can be waiting there); cp fills it and
        # gives it the source's mode; it is renamed into place only once complete
        staging = tempfile.mkdtemp(prefix=f"{target.name}.aegir-copy-", dir=target.parent)
        # cp is several times faster than shutil.copytree on trees of thousands of small files
        flags = ["-rL", "--preserve=mode,timestamps"] if follow_links else ["-a"]
        result = self.run(["cp", *flags, "--", source.rstrip("/") + "/.", staging], timeout=None)
        if result.returncode != 0:
            self.remove_path(staging)
            raise BackendError(f"cannot copy {source!r} to {dest!r}: {result.stderr.strip()[-500:]}")
        self.remove_path(dest)
        Path(staging).replace(dest)

    @contextmanager
    def open_read(self, path: str) -> Iterator[IO[bytes]]:
        try:
            f = Path(path).open("rb")  # noqa: SIM115 (closed by the with below)
        except OSError as e:
            raise BackendError(f"cannot read {path!r}: {e.strerror or e}") from e
        with f:
            yield f

    @contextmanager
    def open_write(self, path: str, mode: int = 0o644) -> Iterator[IO[bytes]]:
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as e:
            raise BackendError(f"cannot write {path!r}: {e.strerror or e}") from e
        try:
            with os.fdopen(fd, "wb") as f:
                yield f
                os.fchmod(f.fileno(), mode)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def archive_tree(self, base_dir: str, paths: Sequence[str] | None, out: IO[bytes]) -> FilesReport:
        # Python's own tar writer, straight into the compressor: no tar process, no pipe
        from aegir.core.archive import write_tar

        return write_tar(out, base_dir, paths)

    def extract_tree(self, target: str, files: FilesPart) -> ExtractReport:
        return files.extract_into(target)

    def iter_files(self, root: str) -> Iterator[str]:
        base = Path(root)
        for directory, _dirs, files in os.walk(base):
            rel = Path(directory).relative_to(base)
            for name in files:
                if (Path(directory) / name).is_file():
                    yield str(rel / name) if str(rel) != "." else name

    def file_size(self, path: str) -> int:
        try:
            return Path(path).stat().st_size
        except OSError:
            return 0

    def modified_time(self, path: str) -> float | None:
        try:
            return Path(path).stat().st_mtime_ns / 1e9
        except OSError:
            return None

    def read_tail(self, path: str, *, offset: int = 0, max_bytes: int = 8192) -> str:
        try:
            with Path(path).open("rb") as f:
                size = os.fstat(f.fileno()).st_size
                f.seek(max(offset if offset <= size else 0, size - max_bytes))
                return _decode(f.read(max_bytes))
        except OSError:
            return ""

    # -- identity ---------------------------------------------------------------------------
    def is_root(self) -> bool:
        return os.geteuid() == 0

    def user_name(self) -> str:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=_search_path())

    # -- processes --------------------------------------------------------------------------
    def signal(self, pid: int, name: str) -> bool:
        import signal as signals

        try:
            os.kill(pid, getattr(signals, f"SIG{name}"))
        except ProcessLookupError:
            return False
        except PermissionError as e:
            raise BackendError(f"not allowed to signal process {pid}: {e.strerror}") from e
        return True

    def pid_alive(self, pid: int) -> bool:
        stat = Path(f"/proc/{pid}/stat")
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        except (OSError, IndexError):
            return _kill_zero(pid)
        if state == "Z":
            _reap_if_child(pid)
            return False
        return True

    def process_title(self, pid: int) -> str | None:
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        return raw.replace(b"\0", b" ").decode(errors="replace").strip()

    def process_group(self, pgid: int) -> list[tuple[int, str]]:
        members: list[tuple[int, str]] = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                after = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(after[3]) != pgid or after[0] == "Z":
                    continue
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            members.append((int(entry.name), title.strip()))
        return members

    def child_processes(self, pid: int) -> list[tuple[int, str]]:
        children: list[tuple[int, str]] = []
        for entry in _candidates(pid):
            try:
                after = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(after[1]) != pid or after[0] == "Z":
                    continue
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            children.append((int(entry.name), title.strip()))
        return children

    def open_connection(self, host: str, port: int, timeout: float = 10.0) -> socket.socket:
        return socket.create_connection((host, port), timeout=timeout)

    def can_connect(self, host: str, port: int, timeout: float = 1.0) -> bool:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            return False

    def can_connect_unix(self, path: str, timeout: float = 1.0) -> bool:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            try:
                s.connect(path)
            except OSError:
                return False
            return True

    @contextmanager
    def lock(self, path: str, timeout: float = 60.0) -> Iterator[None]:
        import fcntl

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BackendError(f"could not take the lock {path!r} within {timeout:g} s") from None
                    time.sleep(0.02)
            yield
        finally:
            os.close(fd)


def _candidates(pid: int) -> list[Path]:
    """Where to look for ``pid``'s children: its ``children`` lists where the kernel has them."""
    listed: list[Path] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []  # no such process: no children either
    try:
        for task in tasks:
            listed += [Path("/proc", n) for n in (task / "children").read_text().split()]
    except OSError:
        return [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    return listed


def _search_path() -> str:
    parts = os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
    return os.pathsep.join([*parts, *(d for d in SBIN_DIRS if d not in parts)])


def _set_mode(fd: int, mode: int, group: str | None) -> None:
    if group is not None:
        import grp

        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise BackendError(f"group {group!r} does not exist on this machine") from None
        os.fchown(fd, -1, gid)
    os.fchmod(fd, mode)  # after chown, which clears set-id bits


def _copy(
    source: IO[bytes], dest: IO[bytes], proc: subprocess.Popen[bytes], argv: list[str], timeout: float | None
) -> None:
    deadline = None if timeout is None else time.monotonic() + timeout
    while chunk := source.read(_CHUNK):
        dest.write(chunk)
        if deadline is not None and time.monotonic() > deadline:
            proc.kill()
            raise _timed_out(argv, timeout)


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    if stream is None:  # Popen was asked for this pipe: it is always there
        raise BackendError("internal error: a subprocess pipe is missing")
    return stream


def _reap(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def _kill_zero(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap_if_child(pid: int) -> None:
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _feed(pipe: IO[bytes] | None, data: bytes) -> None:
    if pipe is None:
        return
    with suppress(BrokenPipeError, OSError):
        pipe.write(data)
    with suppress(BrokenPipeError, OSError):
        pipe.close()
