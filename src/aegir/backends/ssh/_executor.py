"""The executor for a remote machine: commands over SSH, files over SFTP (paramiko), key auth only.

A remote command is one string the remote shell parses, so every argv element is quoted with
:func:`shlex.quote` (:func:`shlex.join`); nothing is ever interpolated unquoted. Host keys are
always checked: against ``known_hosts`` when it is given (an unknown host is refused), otherwise
against ``<Aegir home>/known_hosts``, where a host's key is recorded the first time it is seen; a key
that differs from the recorded one is always refused.
"""

from __future__ import annotations

import contextlib
import secrets as random
import select
import shlex
import socket
import stat
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from attrs import frozen

from aegir.backends.local.executor import Executor, check_env_name, check_removable
from aegir.core.backend import CommandResult
from aegir.core.errors import BackendError, ValidationError

if TYPE_CHECKING:
    import paramiko

__all__ = ["SshExecutor", "SshTarget"]

_CHUNK = 1 << 16
_CONNECT_TIMEOUT = 15.0


@frozen
class SshTarget:
    """Where and how to log in: ``host``, ``port``, ``user``, the private ``key`` file, host keys."""

    host: str
    port: int = 22
    user: str = "root"
    key: str | None = None
    known_hosts: str | None = None
    #: where keys are recorded on first use when ``known_hosts`` is not given
    tofu_file: str | None = None

    @classmethod
    def from_options(cls, server: str, options: Mapping[str, str], home: Path) -> SshTarget:
        host = options.get("host", "")
        if not host or host.startswith("-") or any(c.isspace() for c in host):
            raise ValidationError(f"server {server!r}: the ssh backend needs the option 'host', got {host!r}")
        port = options.get("port", "22")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValidationError(f"server {server!r}: invalid ssh port {port!r}")
        return cls(
            host=host,
            port=int(port),
            user=options.get("user", "root"),
            key=options.get("key"),
            known_hosts=options.get("known_hosts"),
            tofu_file=str(home / "known_hosts"),
        )


def command_line(argv: list[str], cwd: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The remote command: ``env -C DIR NAME=VALUE... ARGV...``, every word quoted."""
    if not argv:
        raise ValidationError("an empty command cannot run")
    prefix: list[str] = []
    if cwd or env:
        prefix = ["env"] + (["-C", cwd] if cwd else [])
        for name, value in (env or {}).items():
            prefix.append(f"{check_env_name(name)}={value}")
    return shlex.join([*prefix, *argv])


class SshExecutor(Executor):
    """Runs commands on, and moves files to and from, one machine reached over SSH."""

    def __init__(self, target: SshTarget) -> None:
        self.target = target
        self._gids: dict[str, int] = {}

    # -- the connection ---------------------------------------------------------------------
    @cached_property
    def client(self) -> paramiko.SSHClient:
        import paramiko

        t = self.target
        client = paramiko.SSHClient()
        if t.known_hosts:
            client.load_host_keys(t.known_hosts)
            client.set_missing_host_key_policy(paramiko.RejectPolicy())
        elif t.tofu_file:
            tofu = Path(t.tofu_file)
            tofu.parent.mkdir(parents=True, exist_ok=True)
            tofu.touch(mode=0o600, exist_ok=True)
            client.load_host_keys(str(tofu))
            # trust on first use: paramiko saves the new key to the loaded file, and refuses a
            # different key for that host from then on (BadHostKeyException below)
            client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # noqa: S507
        else:
            client.load_system_host_keys()
            client.set_missing_host_key_policy(paramiko.RejectPolicy())
        try:
            client.connect(
                t.host,
                port=t.port,
                username=t.user,
                key_filename=t.key,
                look_for_keys=t.key is None,
                allow_agent=False,
                timeout=_CONNECT_TIMEOUT,
                banner_timeout=_CONNECT_TIMEOUT,
                auth_timeout=_CONNECT_TIMEOUT,
            )
        except paramiko.BadHostKeyException as e:
            client.close()
            raise BackendError(
                f"ssh {t.user}@{t.host}:{t.port}: the host key differs from the recorded one; refusing "
                "(if the server was reinstalled, remove its line from the known_hosts file)"
            ) from e
        except (paramiko.SSHException, OSError) as e:
            client.close()
            raise BackendError(f"ssh {t.user}@{t.host}:{t.port}: cannot log in: {e}") from e
        transport = client.get_transport()
        if transport is not None:
            # many small request/answer exchanges: do not let Nagle hold them back
            with contextlib.suppress(OSError, AttributeError):
                transport.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # type: ignore[union-attr]
        return client

    @cached_property
    def sftp(self) -> paramiko.SFTPClient:
        return self.client.open_sftp()

    def _transport(self) -> paramiko.Transport:
        transport = self.client.get_transport()
        if transport is None or not transport.is_active():
            raise BackendError(f"ssh {self.target.host}:{self.target.port}: the connection is closed")
        return transport

    def close(self) -> None:
        if "sftp" in self.__dict__:
            self.sftp.close()
        if "client" in self.__dict__:
            self.client.close()
        self.__dict__.pop("sftp", None)
        self.__dict__.pop("client", None)

    def _session(self, argv: list[str], cwd: str | None, env: Mapping[str, str] | None) -> paramiko.Channel:
        channel = self._transport().open_session(timeout=_CONNECT_TIMEOUT)
        channel.exec_command(command_line(argv, cwd, env))
        return channel

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
        channel = self._session(argv, cwd, env)
        with contextlib.closing(channel):
            if stdin:
                channel.sendall(stdin)
            channel.shutdown_write()
            out: list[bytes] = []
            err = _drain(channel, out.append, argv, timeout)
            status = channel.recv_exit_status()
        return CommandResult(_status(status, argv), _text(b"".join(out)), _text(err))

    def run_to_stream(
        self,
        argv: list[str],
        out: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        channel = self._session(argv, cwd, env)
        with contextlib.closing(channel):
            channel.shutdown_write()
            err = _drain(channel, out.write, argv, timeout)
            status = channel.recv_exit_status()
        return CommandResult(_status(status, argv), "", _text(err))

    def run_from_stream(
        self,
        argv: list[str],
        source: IO[bytes],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> CommandResult:
        channel = self._session(argv, cwd, env)
        out: list[bytes] = []
        errors: list[bytes] = []
        failure: list[BaseException] = []

        def collect() -> None:
            try:
                errors.append(_drain(channel, out.append, argv, timeout))
            except BaseException as e:  # reported by the caller's thread
                failure.append(e)

        # output is read on a thread while input is sent: neither side can fill up and stall
        reader = threading.Thread(target=collect, daemon=True)
        reader.start()
        with contextlib.closing(channel):
            try:
                while chunk := source.read(1 << 20):
                    channel.sendall(chunk)
            except OSError:
                pass  # the program stopped reading: its exit status and output say why
            channel.shutdown_write()
            reader.join()
            if failure:
                raise failure[0]
            status = channel.recv_exit_status()
        return CommandResult(_status(status, argv), _text(b"".join(out)), _text(b"".join(errors)))

    def spawn(self, argv: list[str], *, log_path: str | None = None, cwd: str | None = None) -> None:
        if self.which(argv[0]) is None and self.run(["test", "-x", argv[0]]).returncode != 0:
            raise BackendError(f"cannot run {argv[0]!r} on {self.target.host}: not found; is it installed?")
        # the one place a shell feature is needed: redirections, so the daemon holds no SSH channel
        line = (
            shlex.join(["setsid", "-f", *argv]) + f" </dev/null >>{shlex.quote(log_path or '/dev/null')} 2>&1"
        )
        if cwd:
            line = f"cd {shlex.quote(cwd)} && {line}"
        channel = self._transport().open_session(timeout=_CONNECT_TIMEOUT)
        with contextlib.closing(channel):
            channel.exec_command(line)
            status = channel.recv_exit_status()
        if status != 0:
            raise BackendError(f"cannot start {argv[0]!r} on {self.target.host}: exit status {status}")

    def open_connection(self, host: str, port: int, timeout: float = 10.0) -> Any:
        import paramiko

        try:
            channel = self._transport().open_channel(
                "direct-tcpip", (host, port), ("127.0.0.1", 0), timeout=timeout
            )
        except (paramiko.ChannelException, paramiko.SSHException) as e:
            raise ConnectionRefusedError(f"{host}:{port} via {self.target.host}: {e}") from e
        channel.settimeout(timeout)
        return channel

    # -- processes: /proc read over SFTP (a millisecond) instead of a ps command (a round trip) --
    def _proc_stat(self, pid: int) -> list[str] | None:
        """The fields of ``/proc/<pid>/stat`` after the command name, or None if there is none."""
        try:
            with self.sftp.open(f"/proc/{pid}/stat", "r") as f:
                return f.read().decode(errors="replace").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None

    def _has_proc(self) -> bool:
        if "_proc" not in self.__dict__:
            self.__dict__["_proc"] = self._proc_stat(1) is not None
        return bool(self.__dict__["_proc"])

    def pid_alive(self, pid: int) -> bool:
        if not self._has_proc():
            return super().pid_alive(pid)
        fields = self._proc_stat(pid)
        return fields is not None and fields[0] != "Z"

    def process_title(self, pid: int) -> str | None:
        if not self._has_proc():
            return super().process_title(pid)
        try:
            with self.sftp.open(f"/proc/{pid}/cmdline", "r") as f:
                return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            return None

    def child_processes(self, pid: int) -> list[tuple[int, str]]:
        if not self._has_proc():
            return super().child_processes(pid)
        children = []
        try:
            tasks = self.sftp.listdir(f"/proc/{pid}/task")
        except OSError:
            return []
        for task in tasks:
            try:
                with self.sftp.open(f"/proc/{pid}/task/{task}/children", "r") as f:
                    listed = f.read().split()
            except OSError:
                return super().child_processes(pid)
            for child in listed:
                fields = self._proc_stat(int(child))
                title = self.process_title(int(child))
                if fields is not None and fields[0] != "Z" and title is not None:
                    children.append((int(child), title))
        return children

    def file_size(self, path: str) -> int:
        try:
            return self.sftp.stat(path).st_size or 0
        except OSError:
            return 0

    def modified_time(self, path: str) -> float | None:
        try:
            mtime = self.sftp.stat(path).st_mtime  # whole seconds: "older than" stays on the safe side
        except OSError:
            return None
        return float(mtime) if mtime is not None else None

    def read_tail(self, path: str, *, offset: int = 0, max_bytes: int = 8192) -> str:
        try:
            with self.sftp.open(path, "r") as f:
                size = f.stat().st_size or 0
                f.seek(max(offset if offset <= size else 0, size - max_bytes))
                return _text(f.read(max_bytes))
        except OSError:
            return ""

    def can_connect_unix(self, path: str, timeout: float = 1.0) -> bool:
        return self.run(["test", "-S", path]).returncode == 0

    # -- files ------------------------------------------------------------------------------
    def _gid(self, group: str) -> int:
        if group not in self._gids:
            result = self.run(["getent", "group", group])
            fields = result.stdout.strip().split(":")
            if result.returncode != 0 or len(fields) < 3 or not fields[2].isdigit():
                raise BackendError(f"group {group!r} does not exist on {self.target.host}")
            self._gids[group] = int(fields[2])
        return self._gids[group]

    def _set_mode(self, path: str, mode: int, group: str | None) -> None:
        if group is not None:
            self.sftp.chown(path, self.sftp.stat(path).st_uid or 0, self._gid(group))
        self.sftp.chmod(path, mode)  # after chown, which clears set-id bits

    def _checked(self, argv: list[str]) -> str:
        result = self.run(argv, timeout=600)
        if result.returncode != 0:
            raise BackendError(f"{argv[0]} on {self.target.host} failed: {result.stderr.strip()[-500:]}")
        return result.stdout

    def write_file(self, path: str, content: bytes, mode: int = 0o644, *, group: str | None = None) -> None:
        with self.open_write(path, mode, group=group) as f:
            f.write(content)

    def read_file(self, path: str) -> bytes:
        try:
            with self.sftp.open(path, "rb") as f:
                f.prefetch()
                return f.read()
        except OSError as e:
            raise BackendError(f"cannot read {path!r} on {self.target.host}: {e}") from e

    def exists(self, path: str) -> bool:
        try:
            self.sftp.lstat(path)
        except FileNotFoundError:
            return False
        except OSError as e:
            raise BackendError(f"cannot look at {path!r} on {self.target.host}: {e}") from e
        return True

    def _make_parents(self, path: str) -> None:
        """``mkdir -p`` through SFTP: no command round trip when the directory is there already."""
        missing: list[str] = []
        current = path.rstrip("/")
        while current and not self._is_dir(current):
            missing.append(current)
            current = current.rsplit("/", 1)[0]
        for directory in reversed(missing):
            try:
                self.sftp.mkdir(directory)
            except OSError:
                if not self._is_dir(directory):  # made meanwhile by someone else is fine
                    raise

    def _is_dir(self, path: str) -> bool:
        try:
            return stat.S_ISDIR(self.sftp.stat(path).st_mode or 0)
        except FileNotFoundError:
            return False

    def make_dir(self, path: str, mode: int = 0o755, *, group: str | None = None) -> None:
        try:
            self._make_parents(path)
            self._set_mode(path, mode, group)
        except OSError as e:
            raise BackendError(f"cannot create directory {path!r} on {self.target.host}: {e}") from e

    def remove_path(self, path: str) -> None:
        self._checked(["rm", "-rf", "--", check_removable(path)])

    def copy_tree(self, source: str, dest: str, *, follow_links: bool = True) -> None:
        check_removable(dest)
        if self.run(["test", "-d", source]).returncode != 0:
            raise BackendError(f"cannot copy {source!r} on {self.target.host}: not a directory")
        parent, _, name = dest.rstrip("/").rpartition("/")
        parent = parent or "/"
        self._make_parents(parent)
        for leftover in self.sftp.listdir(parent):  # from an interrupted copy
            if leftover.startswith(f"{name}.aegir-copy-"):
                self.remove_path(f"{parent}/{leftover}")
        # a fresh directory of our own (mktemp -d: no link can be waiting there)
        staging = self._checked(["mktemp", "-d", f"{parent}/{name}.aegir-copy-XXXXXXXX"]).strip()
        flags = ["-rL", "--preserve=mode,timestamps"] if follow_links else ["-a"]
        result = self.run(["cp", *flags, "--", source.rstrip("/") + "/.", staging], timeout=None)
        if result.returncode != 0:
            self.remove_path(staging)
            raise BackendError(f"cannot copy {source!r} to {dest!r}: {result.stderr.strip()[-500:]}")
        self.remove_path(dest)
        self._checked(["mv", "-T", "--", staging, dest])

    @contextmanager
    def open_read(self, path: str) -> Iterator[IO[bytes]]:
        try:
            f = self.sftp.open(path, "rb")
        except OSError as e:
            raise BackendError(f"cannot read {path!r} on {self.target.host}: {e}") from e
        with f:
            f.prefetch()
            yield cast("IO[bytes]", f)  # paramiko's SFTPFile is a binary file object

    @contextmanager
    def open_write(self, path: str, mode: int = 0o644, *, group: str | None = None) -> Iterator[IO[bytes]]:
        directory, _, name = path.rpartition("/")
        if not directory or not name:
            raise BackendError(f"cannot write {path!r}: not an absolute file path")
        tmp = f"{directory}/.{name}.{random.token_hex(6)}.tmp"
        try:
            self._make_parents(directory)
            with self.sftp.open(tmp, "wb") as f:
                f.set_pipelined(True)
                yield cast("IO[bytes]", f)
            self._set_mode(tmp, mode, group)
            self.sftp.posix_rename(tmp, path)
        except BaseException as e:
            with contextlib.suppress(OSError):
                self.sftp.remove(tmp)
            if isinstance(e, OSError):
                raise BackendError(f"cannot write {path!r} on {self.target.host}: {e}") from e
            raise

    def iter_files(self, root: str) -> Iterator[str]:
        out = self._checked(["find", root, "-type", "f", "-printf", "%P\\0"])
        yield from (name for name in out.split("\0") if name)


def _drain(channel: paramiko.Channel, write: Any, argv: list[str], timeout: float | None) -> bytes:
    """Pass standard output to ``write`` as it comes; return standard error."""
    deadline = None if timeout is None else time.monotonic() + timeout
    err: list[bytes] = []
    while True:
        if channel.recv_ready():
            write(channel.recv(_CHUNK))
            continue
        if channel.recv_stderr_ready():
            err.append(channel.recv_stderr(_CHUNK))
            continue
        if channel.eof_received and channel.exit_status_ready():
            break
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            channel.close()
            raise BackendError(f"command {argv[0]!r} did not finish within {timeout:g} s and was stopped")
        wait = 1.0 if left is None else min(1.0, left)
        if channel.eof_received:
            channel.status_event.wait(wait)  # all output is in; only the exit status is to come
        else:
            select.select([channel], [], [], wait)  # wakes on output, on either stream, or on EOF
    return b"".join(err)


def _status(status: int, argv: list[str]) -> int:
    if status == 127:
        raise BackendError(
            f"cannot run {argv[0]!r} on the remote machine: not found; is the program installed?"
        )
    return status


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
