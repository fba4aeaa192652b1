"""Backups on a remote server over SFTP (paramiko), with the local store's atomic semantics.

Config (all strings): ``host``, ``port`` (22), ``user`` (root), ``path`` (absolute remote
directory), ``key`` (path of the private key), and optionally ``known_hosts`` and
``host_key_policy``. Host keys are always checked: against ``known_hosts`` when it is given
(policy ``known``: an unknown host is refused), otherwise against ``<Aegir home>/known_hosts``,
where the key is recorded the first time (policy ``trust-on-first-use``). A key that differs from
the recorded one is always refused. Parts are written under a temporary name, fsynced
(``fsync@openssh.com``) and renamed into place (``posix-rename@openssh.com``); the manifest last.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets as _random
import socket
import stat
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, cast

from aegir.core.errors import AegirError, BackendError, ConflictError, NotFoundError, ValidationError
from aegir.core.storage import MANIFEST, BackupStore, StoredBackup, check_backup_id

if TYPE_CHECKING:
    import paramiko

    from aegir.core.secrets import SecretStore

__all__ = ["SftpStore"]

_POLICIES = ("known", "trust-on-first-use")
_CONNECT_TIMEOUT = 15.0
#: how much is requested ahead when reading a part: enough to keep the link busy, bounded memory
_READ_WINDOW = 8 << 20
_REQUEST = 32768


class SftpStore(BackupStore):
    """Backups in a directory of a remote server, reached over SFTP with a key."""

    name = "sftp"

    def __init__(self, config: Mapping[str, str], secrets: SecretStore | None = None) -> None:
        super().__init__(config, secrets)
        cfg = self.config
        self.host = cfg.get("host", "")
        if not self.host or any(c.isspace() for c in self.host) or self.host.startswith("-"):
            raise ValidationError(f"sftp store needs a 'host', got {self.host!r}")
        try:
            self.port = int(cfg.get("port", "22"))
        except ValueError:
            raise ValidationError(f"sftp store 'port' {cfg.get('port')!r} is not a number") from None
        if not 0 < self.port < 65536:
            raise ValidationError(f"sftp store 'port' {self.port} is not a TCP port (1-65535)")
        self.user = cfg.get("user", "root")
        path = cfg.get("path", "")
        if not path.startswith("/") or "\x00" in path or ".." in PurePosixPath(path).parts:
            raise ValidationError(f"sftp store needs an absolute 'path' without '..', got {path!r}")
        self.root = PurePosixPath(path)
        self.key_path = cfg.get("key", "")
        if not self.key_path:
            raise ValidationError("sftp store needs 'key', the path of the private key to log in with")
        self.known_hosts = self._known_hosts_file()
        policy = cfg.get("host_key_policy") or ("known" if cfg.get("known_hosts") else "trust-on-first-use")
        if policy not in _POLICIES:
            raise ValidationError(
                f"sftp store 'host_key_policy' {policy!r}: use one of {', '.join(_POLICIES)}"
            )
        self.policy = policy
        self._transport: paramiko.Transport | None = None
        self._client: paramiko.SFTPClient | None = None

    def _known_hosts_file(self) -> Path:
        given = self.config.get("known_hosts")
        if given:
            return Path(given)
        if self.secrets is None:
            raise ValidationError("sftp store needs 'known_hosts' (or an Aegir home to record host keys in)")
        # The secret store lives in <home>/secrets; host keys are recorded beside it.
        return self.secrets.root.parent / "known_hosts"

    def describe(self) -> str:
        return f"sftp://{self.user}@{self.host}:{self.port}{self.root}"

    # -- connection -------------------------------------------------------------------------
    def _host_name(self) -> str:
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def _sftp(self) -> paramiko.SFTPClient:
        if self._client is not None and self._transport is not None and self._transport.is_active():
            return self._client
        self.close()
        import paramiko

        key = self._load_key()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=_CONNECT_TIMEOUT)
        except OSError as e:
            raise BackendError(f"cannot reach sftp store {self.describe()}: {e}") from e
        transport = paramiko.Transport(sock)
        try:
            known = self._known_keys()
            if known:
                # Ask for the key type we know first, so a server with several keys shows that one.
                options = transport.get_security_options()
                options.key_types = [t for t in known if t in options.key_types] + [
                    t for t in options.key_types if t not in known
                ]
            transport.start_client(timeout=_CONNECT_TIMEOUT)
            self._check_host_key(transport.get_remote_server_key(), known)
            transport.auth_publickey(self.user, key)
            client = paramiko.SFTPClient.from_transport(transport)
            if client is None:
                raise BackendError(f"sftp store {self.describe()}: the server offers no SFTP subsystem")
        except paramiko.AuthenticationException as e:
            transport.close()
            raise BackendError(
                f"sftp store {self.describe()}: {self.user}@{self.host} refused the key {self.key_path}"
            ) from e
        except (paramiko.SSHException, OSError, EOFError) as e:
            transport.close()
            raise BackendError(f"sftp store {self.describe()}: SSH connection failed: {e}") from e
        except AegirError:
            transport.close()
            raise
        self._transport, self._client = transport, client
        return client

    def close(self) -> None:
        """Close the connection (it is opened again when needed)."""
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
        if self._transport is not None:
            with contextlib.suppress(Exception):
                self._transport.close()
        self._client = self._transport = None

    def __enter__(self) -> SftpStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load_key(self) -> paramiko.PKey:
        import paramiko

        try:
            return paramiko.PKey.from_path(self.key_path)
        except (OSError, paramiko.SSHException, ValueError) as e:
            raise ValidationError(f"sftp store key {self.key_path!r} cannot be read: {e}") from e

    def _known_keys(self) -> dict[str, paramiko.PKey]:
        import paramiko

        keys = paramiko.HostKeys()
        if self.known_hosts.exists():
            try:
                keys.load(str(self.known_hosts))
            except (OSError, paramiko.SSHException) as e:
                raise ValidationError(f"known_hosts file {self.known_hosts} cannot be read: {e}") from e
        entry = keys.lookup(self._host_name())
        return dict(entry) if entry is not None else {}

    def _check_host_key(self, key: paramiko.PKey, known: dict[str, paramiko.PKey]) -> None:
        offered = f"{key.get_name()} key {key.fingerprint}"
        if known:
            recorded = known.get(key.get_name())
            if recorded is None or recorded != key:
                have = ", ".join(f"{k.get_name()} {k.fingerprint}" for k in known.values())
                raise BackendError(
                    f"host key of {self._host_name()} has CHANGED: it offers a {offered}, but {self.known_hosts} "
                    f"records {have}. Refusing to connect. If the change is expected, remove the old entry "
                    "from that file."
                )
            return
        if self.policy != "trust-on-first-use":
            raise BackendError(
                f"host {self._host_name()} is not in {self.known_hosts} (it offers a {offered}); add its key "
                f"there first, e.g. with: ssh-keyscan -p {self.port} {self.host}"
            )
        self._record_host_key(key)

    def _record_host_key(self, key: paramiko.PKey) -> None:
        import paramiko

        keys = paramiko.HostKeys()
        if self.known_hosts.exists():
            keys.load(str(self.known_hosts))
        keys.add(self._host_name(), key.get_name(), key)
        self.known_hosts.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.known_hosts.with_name(f".{self.known_hosts.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        keys.save(str(tmp))
        tmp.replace(self.known_hosts)

    # -- paths ------------------------------------------------------------------------------
    def _dir(self, backup_id: str) -> str:
        return str(self.root / check_backup_id(backup_id))

    def _error(self, what: str, e: Exception) -> BackendError:
        return BackendError(f"sftp store {self.describe()}: {what}: {e}")

    def _makedirs(self, client: paramiko.SFTPClient, path: PurePosixPath) -> None:
        missing = []
        probe = path
        while True:
            try:
                client.stat(str(probe))
                break
            except FileNotFoundError:
                missing.append(probe)
                if probe.parent == probe:
                    break
                probe = probe.parent
        for directory in reversed(missing):
            client.mkdir(str(directory), mode=0o700)

    # -- primitives -------------------------------------------------------------------------
    def _create(self, backup_id: str) -> None:
        client = self._sftp()
        directory = self._dir(backup_id)
        try:
            self._makedirs(client, self.root)
            client.mkdir(directory, mode=0o700)
        except OSError as e:
            with contextlib.suppress(OSError):
                client.stat(directory)
                raise ConflictError(f"backup {backup_id!r} exists already in {self.describe()}") from None
            raise self._error(f"cannot create backup {backup_id!r}", e) from e

    @contextlib.contextmanager
    def _open_write(self, backup_id: str, part: str) -> Iterator[IO[bytes]]:
        client = self._sftp()
        directory = self._dir(backup_id)
        tmp = f"{directory}/.{part}.{os.getpid()}.{_random.token_hex(4)}.tmp"
        try:
            handle = client.open(tmp, "wb")
            handle.chmod(0o600)
        except OSError as e:
            raise self._error(f"cannot write {part} of backup {backup_id!r}", e) from e
        try:
            with handle:
                handle.set_pipelined(True)
                yield cast(IO[bytes], _SftpWriter(handle))
                handle.flush()
                self._fsync(client, handle)
            client.posix_rename(tmp, f"{directory}/{part}")
        except BaseException as e:
            with contextlib.suppress(Exception):
                client.remove(tmp)
            if isinstance(e, OSError):
                raise self._error(f"cannot write {part} of backup {backup_id!r}", e) from e
            raise

    def _fsync(self, client: paramiko.SFTPClient, handle: paramiko.SFTPFile) -> None:
        from paramiko.sftp import CMD_EXTENDED

        # paramiko has no public call for OpenSSH's fsync extension; this is how it sends any
        # extended request (posix_rename does the same).
        try:
            cast(Any, client)._request(CMD_EXTENDED, "fsync@openssh.com", handle.handle)
        except OSError as e:
            if "unsupported" not in str(e).lower():
                raise
            # A server without the extension: the rename still publishes atomically.

    @contextlib.contextmanager
    def open_read(self, backup_id: str, part: str) -> Iterator[IO[bytes]]:
        client = self._sftp()
        path = f"{self._dir(backup_id)}/{part}"
        try:
            handle = client.open(path, "rb")
            size = handle.stat().st_size or 0
        except FileNotFoundError:
            raise NotFoundError(f"backup {backup_id!r} has no part {part!r} in {self.describe()}") from None
        except OSError as e:
            raise self._error(f"cannot read {part} of backup {backup_id!r}", e) from e
        with handle:
            yield cast(IO[bytes], _SftpReader(handle, size))

    def entries(self) -> list[StoredBackup]:
        client = self._sftp()
        try:
            listing = client.listdir_attr(str(self.root))
        except FileNotFoundError:
            return []
        except OSError as e:
            raise self._error("cannot list backups", e) from e
        found = []
        for item in listing:
            if not stat.S_ISDIR(item.st_mode or 0):
                continue
            try:
                check_backup_id(item.filename)
            except ValidationError:
                continue
            try:
                files = client.listdir_attr(f"{self.root}/{item.filename}")
            except FileNotFoundError:  # removed while we looked
                continue
            except OSError as e:
                raise self._error(f"cannot list backup {item.filename!r}", e) from e
            newest = max([item.st_mtime or 0, *(f.st_mtime or 0 for f in files)])
            found.append(
                StoredBackup(
                    id=item.filename,
                    complete=any(f.filename == MANIFEST for f in files),
                    modified=datetime.fromtimestamp(newest, UTC),
                    size=sum(f.st_size or 0 for f in files),
                )
            )
        return found

    def delete_backup(self, backup_id: str) -> None:
        client = self._sftp()
        directory = self._dir(backup_id)
        try:
            # The manifest goes first: a backup half-deleted by a crash is no longer listed.
            with contextlib.suppress(FileNotFoundError):
                client.remove(f"{directory}/{MANIFEST}")
            try:
                names = client.listdir(directory)
            except FileNotFoundError:
                return
            for name in names:
                with contextlib.suppress(FileNotFoundError):
                    client.remove(f"{directory}/{name}")
            client.rmdir(directory)
        except OSError as e:
            if e.errno == errno.ENOENT:
                return
            raise self._error(f"cannot remove backup {backup_id!r}", e) from e


class _SftpWriter:
    """The write side of a remote part (paramiko wants bytes, the compressor may hand views)."""

    def __init__(self, handle: paramiko.SFTPFile) -> None:
        self.handle = handle

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self.handle.write(bytes(data))
        return len(data)

    def flush(self) -> None:
        self.handle.flush()

    def writable(self) -> bool:
        return True

    @property
    def closed(self) -> bool:
        return False


class _SftpReader:
    """Reads a remote part front to back, with up to a window of requests in flight.

    paramiko's ``prefetch`` would fetch the whole file ahead and hold what the consumer has not
    read yet in memory; a window keeps the link busy with bounded memory.
    """

    def __init__(self, handle: paramiko.SFTPFile, size: int) -> None:
        self.handle = handle
        self.size = size
        self.pos = 0
        self._chunks: Iterator[bytes] = iter(())
        self._buf = b""

    def _next_window(self) -> bool:
        if self.pos >= self.size:
            return False
        end = min(self.size, self.pos + _READ_WINDOW)
        ranges = [(off, min(_REQUEST, end - off)) for off in range(self.pos, end, _REQUEST)]
        self.pos = end
        self._chunks = iter(self.handle.readv(ranges))
        return True

    def read(self, n: int = -1) -> bytes:
        want = n if n >= 0 else self.size
        parts = [self._buf]
        have = len(self._buf)
        while have < want:
            chunk = next(self._chunks, None)
            if chunk is None:
                if not self._next_window():
                    break
                continue
            parts.append(chunk)
            have += len(chunk)
        data = b"".join(parts)
        self._buf = data[want:]
        return data[:want]

    def readable(self) -> bool:
        return True
