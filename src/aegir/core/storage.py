"""Where backups are kept: the :class:`BackupStore` contract and the local-directory store.

A backup in a store is a set of named parts (``db.sql.zst``, ``files.tar.zst``...) under the
backup's id, plus ``manifest.json``. Every part is written under a temporary name, flushed to disk
and renamed into place, and the manifest is written last: a backup exists (is listed) only once its
manifest does. A backup cut off halfway has no manifest, is never listed, and is removed by
:meth:`BackupStore.cleanup_incomplete`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets as _random
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar, cast

from attrs import frozen

from aegir.core.errors import AegirError, BackendError, ConflictError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from aegir.core.secrets import SecretStore

__all__ = [
    "DEFAULT_GRACE",
    "MANIFEST",
    "BackupStore",
    "LocalDirStore",
    "PendingBackup",
    "StoredBackup",
    "check_backup_id",
    "check_part_name",
]

MANIFEST = "manifest.json"
#: how long a backup without a manifest is left alone, in case another process is still writing it
DEFAULT_GRACE = timedelta(hours=1)

_BACKUP_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")
_PART = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
_COPY_CHUNK = 1 << 20


def check_backup_id(value: object) -> str:
    """A backup id: lower-case letters, digits, ``.``, ``_``, ``-``; it becomes a path component."""
    if not isinstance(value, str) or not _BACKUP_ID.fullmatch(value) or ".." in value:
        raise ValidationError(
            f"invalid backup id {value!r}: use 1-200 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return value


def check_part_name(value: object) -> str:
    """A part name (``db.sql.zst``): it becomes a file name inside the backup."""
    if not isinstance(value, str) or not _PART.fullmatch(value) or ".." in value:
        raise ValidationError(
            f"invalid backup part name {value!r}: use 1-100 lower-case letters, digits, '.', '_' or '-'"
        )
    return value


@frozen
class StoredBackup:
    """One backup as the store sees it: complete once its manifest exists.

    ``modified`` is the last time anything in it was written (to tell an abandoned backup from one
    still being written); ``size`` is the total size of its files.
    """

    id: str
    complete: bool
    modified: datetime
    size: int


class BackupStore(ABC):
    """Base class of every backup store. Subclasses set ``name`` and implement the primitives.

    :param config: the store's settings, all strings (a directory, a host...).
    :param secrets: the secret store, for stores that need a key or a password.
    """

    name: ClassVar[str]

    def __init__(self, config: Mapping[str, str], secrets: SecretStore | None = None) -> None:
        self.config = dict(config)
        self.secrets = secrets

    # -- primitives -------------------------------------------------------------------------
    @abstractmethod
    def describe(self) -> str:
        """Where the store keeps backups, for messages (``/var/backups``, ``sftp://host/path``)."""

    @abstractmethod
    def _create(self, backup_id: str) -> None:
        """Make room for a new backup; raise ConflictError if the id exists already."""

    @abstractmethod
    def _open_write(self, backup_id: str, part: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        """A stream writing ``part`` under a temporary name; on a clean exit it is flushed to stable
        storage and renamed into place, on an exception it is removed."""

    @abstractmethod
    def open_read(self, backup_id: str, part: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        """A stream reading a part (NotFoundError if the backup or part does not exist)."""

    @abstractmethod
    def entries(self) -> list[StoredBackup]:
        """Every backup in the store, complete or not."""

    @abstractmethod
    def delete_backup(self, backup_id: str) -> None:
        """Remove a backup with all its parts (idempotent)."""

    def free_space(self) -> int | None:
        """Bytes free where backups are written, or None when the store cannot tell."""
        return None

    @contextlib.contextmanager
    def _writing(self, backup_id: str) -> Iterator[None]:
        """Held while a backup is being written; stores that can lock override it."""
        yield

    def _is_being_written(self, backup_id: str) -> bool:
        """Whether another process is writing the backup right now (when the store can tell)."""
        return False

    # -- built on the primitives -------------------------------------------------------------
    @contextlib.contextmanager
    def begin(self, backup_id: str) -> Iterator[PendingBackup]:
        """Start writing a new backup. Write its parts, then :meth:`PendingBackup.publish` it.

        If the block raises, or ends without publishing, the partial backup is removed (a process
        that is killed leaves it behind, unlisted, for :meth:`cleanup_incomplete`).
        """
        check_backup_id(backup_id)
        self._create(backup_id)
        pending = PendingBackup(self, backup_id)
        try:
            with self._writing(backup_id):
                yield pending
        except BaseException:
            if not pending.published:
                with contextlib.suppress(AegirError, OSError):
                    self.delete_backup(backup_id)
            raise
        if not pending.published:
            with contextlib.suppress(AegirError, OSError):
                self.delete_backup(backup_id)
            raise AegirError(f"backup {backup_id!r} was never published (no manifest written); removed")

    def open_read_checked(self, backup_id: str, part: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        check_backup_id(backup_id)
        if part != MANIFEST:
            check_part_name(part)
        return self.open_read(backup_id, part)

    def read_manifest_bytes(self, backup_id: str) -> bytes:
        """The raw manifest of a complete backup (NotFoundError when there is none)."""
        with self.open_read_checked(backup_id, MANIFEST) as f:
            return f.read()

    def list_backups(self) -> list[StoredBackup]:
        """Complete backups only (those whose manifest exists), sorted by id."""
        return sorted((b for b in self.entries() if b.complete), key=lambda b: b.id)

    def has_backup(self, backup_id: str) -> bool:
        check_backup_id(backup_id)
        return any(b.id == backup_id and b.complete for b in self.entries())

    def cleanup_incomplete(
        self,
        *,
        older_than: timedelta = DEFAULT_GRACE,
        now: datetime | None = None,
        ids: list[str] | None = None,
    ) -> list[str]:
        """Remove backups that have no manifest and return their ids.

        Without ``ids``, only those untouched for ``older_than`` and not being written by another
        process (where the store can tell) are removed. With ``ids``, exactly those, if incomplete.
        A complete backup is never removed here.
        """
        moment = now or datetime.now(UTC)
        wanted = {check_backup_id(i) for i in ids} if ids is not None else None
        removed = []
        for entry in self.entries():
            if entry.complete:
                continue
            if wanted is not None:
                if entry.id not in wanted:
                    continue
            elif moment - entry.modified < older_than or self._is_being_written(entry.id):
                continue
            self.delete_backup(entry.id)
            removed.append(entry.id)
        return sorted(removed)


class PendingBackup:
    """A backup being written: parts first, then the manifest, which publishes it."""

    def __init__(self, store: BackupStore, backup_id: str) -> None:
        self.store = store
        self.id = backup_id
        self.published = False

    def open_write(self, part: str) -> contextlib.AbstractContextManager[IO[bytes]]:
        """A stream writing one part; it appears under its name only once the block exits cleanly."""
        check_part_name(part)
        if part == MANIFEST:
            raise ValidationError(f"part name {part!r} is reserved: publish the manifest with publish()")
        if self.published:
            raise ConflictError(f"backup {self.id!r} is published already; parts cannot be added")
        return self.store._open_write(self.id, part)

    def put(self, part: str, source: IO[bytes]) -> int:
        """Copy a readable stream into a part; return the number of bytes written."""
        total = 0
        with self.open_write(part) as out:
            while chunk := source.read(_COPY_CHUNK):
                out.write(chunk)
                total += len(chunk)
        return total

    def publish(self, manifest: bytes) -> None:
        """Write the manifest, atomically, last: from now on the backup exists."""
        if self.published:
            raise ConflictError(f"backup {self.id!r} is published already")
        with self.store._open_write(self.id, MANIFEST) as out:
            out.write(manifest)
        self.published = True


def _temp_name(part: str) -> str:
    # Starts with a dot, so it can never be taken for a part (part names start with [a-z0-9]).
    return f".{part}.{os.getpid()}.{_random.token_hex(4)}.tmp"


_LOCK_FILE = ".writing"


class LocalDirStore(BackupStore):
    """Backups in a directory of this machine: ``<path>/<backup id>/<part>``.

    Config: ``path`` (required), the directory; it is created (mode 0700) if missing.
    """

    name = "local-dir"

    def __init__(self, config: Mapping[str, str], secrets: SecretStore | None = None) -> None:
        super().__init__(config, secrets)
        raw = self.config.get("path", "")
        if not raw or not raw.startswith("/") or "\x00" in raw:
            raise ValidationError(f"local-dir store needs an absolute 'path', got {raw!r}")
        self.root = Path(raw)

    def describe(self) -> str:
        return str(self.root)

    def _dir(self, backup_id: str) -> Path:
        return self.root / check_backup_id(backup_id)

    def _create(self, backup_id: str) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._dir(backup_id).mkdir(mode=0o700)
        except FileExistsError:
            raise ConflictError(f"backup {backup_id!r} exists already in {self.root}") from None
        except OSError as e:
            raise BackendError(f"cannot create backup {backup_id!r} in {self.root}: {e}") from e
        _fsync_dir(self.root)

    @contextlib.contextmanager
    def _open_write(self, backup_id: str, part: str) -> Iterator[IO[bytes]]:
        directory = self._dir(backup_id)
        tmp = directory / _temp_name(part)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except OSError as e:
            raise BackendError(f"cannot write {part} of backup {backup_id!r} in {directory}: {e}") from e
        try:
            try:
                yield cast(IO[bytes], _StreamedFile(fd))
                os.fsync(fd)
            finally:
                os.close(fd)
            tmp.replace(directory / part)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(directory)

    @contextlib.contextmanager
    def open_read(self, backup_id: str, part: str) -> Iterator[IO[bytes]]:
        path = self._dir(backup_id) / part
        try:
            f = path.open("rb")
        except FileNotFoundError:
            raise NotFoundError(f"backup {backup_id!r} has no part {part!r} in {self.root}") from None
        except OSError as e:
            raise BackendError(f"cannot read {path}: {e}") from e
        with f:
            yield f

    def entries(self) -> list[StoredBackup]:
        if not self.root.is_dir():
            return []
        found = []
        with os.scandir(self.root) as it:
            for d in it:
                if not d.is_dir(follow_symlinks=False) or not _BACKUP_ID.fullmatch(d.name) or ".." in d.name:
                    continue
                with contextlib.suppress(FileNotFoundError):  # deleted while we looked
                    found.append(self._entry(Path(d.path)))
        return found

    def _entry(self, directory: Path) -> StoredBackup:
        newest = directory.lstat().st_mtime
        size = 0
        complete = False
        with os.scandir(directory) as it:
            for f in it:
                try:
                    st = f.stat(follow_symlinks=False)
                except FileNotFoundError:  # a temporary part renamed away while we looked
                    continue
                newest = max(newest, st.st_mtime)
                size += st.st_size
                complete = complete or f.name == MANIFEST
        return StoredBackup(directory.name, complete, datetime.fromtimestamp(newest, UTC), size)

    def delete_backup(self, backup_id: str) -> None:
        directory = self._dir(backup_id)
        # Take the manifest away first, so a backup half-deleted by a crash is no longer listed.
        (directory / MANIFEST).unlink(missing_ok=True)
        shutil.rmtree(directory, ignore_errors=True)
        if directory.exists():
            raise BackendError(f"could not remove backup {backup_id!r} from {self.root}")

    def free_space(self) -> int | None:
        probe = self.root
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        return shutil.disk_usage(probe).free

    @contextlib.contextmanager
    def _writing(self, backup_id: str) -> Iterator[None]:
        import fcntl

        lock_path = self._dir(backup_id) / _LOCK_FILE
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            # The kernel drops this lock when the process dies, so a killed writer never blocks cleanup.
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(fd)

    def _is_being_written(self, backup_id: str) -> bool:
        import fcntl

        try:
            fd = os.open(self._dir(backup_id) / _LOCK_FILE, os.O_RDWR | os.O_NOFOLLOW)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False


class _StreamedFile:
    """A file written once, front to back, whose pages are sent to disk while it is written.

    Every few MiB the written range is handed to the kernel for write-back
    (``posix_fadvise(DONTNEED)`` starts it without waiting), so the final ``fsync`` has little left
    to do, and a backup does not push the sites' own data out of the page cache.
    """

    WINDOW = 8 << 20

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pos = 0
        self.pushed = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        while view:
            view = view[os.write(self.fd, view) :]
        self.pos += size
        if self.pos - self.pushed >= self.WINDOW:
            os.posix_fadvise(self.fd, self.pushed, self.pos - self.pushed, os.POSIX_FADV_DONTNEED)
            self.pushed = self.pos
        return size

    def flush(self) -> None:
        """Writes are unbuffered; nothing to flush."""

    def fileno(self) -> int:
        return self.fd

    def writable(self) -> bool:
        return True

    @property
    def closed(self) -> bool:
        return False


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
