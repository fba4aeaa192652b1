"""Writing a backup: parts streamed through zstd into a store, hashed on the way, manifest last.

::

    with create_backup(store, SubjectInfo(kind="site", subject=domain, ...)) as backup:
        backup.write_from(DB_PART, lambda out: backend.dump_database(db_name, out))
        backup.write_files(FILES_PART, site_dir, driver.site_paths(ctx))
        manifest = backup.publish()

Nothing is buffered whole, in memory or in a temporary file on the source: the database dump flows
through an OS pipe into the compressor, site files are read in chunks into the tar stream.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, cast

from aegir.core.archive._streams import CHUNK, HashingSink, produced_stream
from aegir.core.archive._tarwrite import FilesReport, write_tar
from aegir.core.archive.manifest import Manifest, PartInfo, SubjectInfo, manifest_bytes, new_backup_id
from aegir.core.errors import ConflictError, ValidationError
from aegir.core.storage import BackupStore, PendingBackup

__all__ = ["DEFAULT_LEVEL", "BackupWriter", "create_backup", "default_threads"]

#: zstd level 3 is zstd's own default: measured here, level 1 is faster but 7% bigger on mixed site
#: files, level 4+ costs far more time than it saves space.
DEFAULT_LEVEL = 3


def default_threads() -> int:
    """zstd worker threads: one per core (measured on 2 cores: 2 workers beat 1 by ~10%; more is
    slower), at most 8 (past that, I/O rather than compression is the limit)."""
    return max(1, min(os.cpu_count() or 1, 8))


class BackupWriter:
    """Writes the parts of one backup; :meth:`publish` writes the manifest and makes it exist."""

    def __init__(
        self,
        pending: PendingBackup,
        subject: SubjectInfo,
        *,
        created: datetime | None = None,
        level: int = DEFAULT_LEVEL,
        threads: int | None = None,
    ) -> None:
        self.pending = pending
        self.subject = subject
        self.created = (created or datetime.now(UTC)).astimezone(UTC)
        self.level = level
        self.threads = default_threads() if threads is None else threads
        self.parts: list[PartInfo] = []
        self.warnings: list[str] = []
        self.manifest: Manifest | None = None

    @property
    def id(self) -> str:
        return self.pending.id

    def _compressor(self) -> Any:
        import zstandard

        return zstandard.ZstdCompressor(level=self.level, threads=self.threads)

    def _check_new(self, part: str) -> None:
        if self.manifest is not None:
            raise ConflictError(f"backup {self.id!r} is published already; part {part!r} cannot be added")
        if any(p.name == part for p in self.parts):
            raise ConflictError(f"backup {self.id!r} has a part {part!r} already")

    @contextlib.contextmanager
    def _compressed_part(self, part: str) -> Iterator[tuple[Any, HashingSink]]:
        """A zstd stream writer whose output is hashed and written to the store as ``part``."""
        import zstandard

        self._check_new(part)
        with self.pending.open_write(part) as out:
            sink = HashingSink(out)
            writer = self._compressor().stream_writer(cast(IO[bytes], sink), write_size=CHUNK, closefd=False)
            yield writer, sink
            writer.flush(zstandard.FLUSH_FRAME)

    def _record(
        self, part: str, sink: HashingSink, *, compression: str, content_size: int | None
    ) -> PartInfo:
        info = PartInfo(part, sink.size, sink.hexdigest(), compression=compression, content_size=content_size)
        self.parts.append(info)
        return info

    def write_stream(self, part: str, source: IO[bytes]) -> PartInfo:
        """Compress a readable stream into ``part``."""
        content = 0
        with self._compressed_part(part) as (writer, sink):
            readinto = getattr(source, "readinto", None)
            if readinto is not None:
                # One buffer reused for the whole part: no allocation per chunk.
                view = memoryview(bytearray(CHUNK))
                while n := readinto(view):
                    writer.write(view[:n])
                    content += n
            else:
                while chunk := source.read(CHUNK):
                    writer.write(chunk)
                    content += len(chunk)
        return self._record(part, sink, compression="zstd", content_size=content)

    def write_from(self, part: str, producer: Callable[[IO[bytes]], object]) -> PartInfo:
        """Compress into ``part`` what ``producer(out)`` writes to ``out`` (a pipe with a ``fileno``).

        Made for ``lambda out: backend.dump_database(name, out)``: the producer runs in a thread;
        if it raises, the part is discarded and its exception is raised here.
        """
        self._check_new(part)
        with produced_stream(producer) as readable:
            return self.write_stream(part, readable)

    def write_files(
        self, part: str, base_dir: str | Path, paths: Iterable[str | Path] | None = None
    ) -> PartInfo:
        """Tar ``paths`` (all of ``base_dir`` when None), names relative to ``base_dir``, into ``part``."""
        return self.write_files_from(part, lambda out: write_tar(out, base_dir, paths))

    def write_files_from(self, part: str, producer: Callable[[IO[bytes]], FilesReport]) -> PartInfo:
        """Compress into ``part`` the tar stream ``producer(out)`` writes, and keep its report's
        warnings for the manifest.

        Made for ``lambda out: backend.archive_files(site_dir, paths, out)``; ``out`` is the
        compressor itself (no pipe, no thread), so a local tar stream costs nothing extra.
        """
        with self._compressed_part(part) as (writer, sink):
            report = producer(writer)
        self.warnings.extend(report.warnings)
        return self._record(part, sink, compression="zstd", content_size=report.content_bytes)

    def write_bytes(self, part: str, data: bytes, *, compress: bool = False) -> PartInfo:
        """A small part (a ``composer.lock``, a commit id), stored as is unless ``compress``."""
        if compress:
            with self._compressed_part(part) as (writer, sink):
                writer.write(data)
            return self._record(part, sink, compression="zstd", content_size=len(data))
        self._check_new(part)
        with self.pending.open_write(part) as out:
            sink = HashingSink(out)
            sink.write(data)
        return self._record(part, sink, compression="none", content_size=len(data))

    def publish(self) -> Manifest:
        """Write the manifest, last and atomically: from now on the backup exists and is listed."""
        if self.manifest is not None:
            raise ConflictError(f"backup {self.id!r} is published already")
        if not self.parts:
            raise ValidationError(f"backup {self.id!r} has no parts; nothing to publish")
        from aegir.core.version import __version__

        manifest = Manifest(
            id=self.id,
            subject=self.subject,
            created=self.created,
            completed=datetime.now(UTC),
            aegir_version=__version__,
            parts=tuple(self.parts),
            warnings=tuple(self.warnings),
        )
        self.pending.publish(manifest_bytes(manifest))
        self.manifest = manifest
        return manifest


@contextlib.contextmanager
def create_backup(
    store: BackupStore,
    subject: SubjectInfo,
    *,
    backup_id: str | None = None,
    created: datetime | None = None,
    level: int = DEFAULT_LEVEL,
    threads: int | None = None,
) -> Iterator[BackupWriter]:
    """Start a new backup in ``store``; write its parts, then call :meth:`BackupWriter.publish`.

    ``created`` (default: now) is the moment the backup stands for; take it before the database
    dump starts. If the block raises or ends unpublished, the partial backup is removed.
    """
    moment = (created or datetime.now(UTC)).astimezone(UTC)
    ident = backup_id or new_backup_id(subject.subject, moment)
    with store.begin(ident) as pending:
        yield BackupWriter(pending, subject, created=moment, level=level, threads=threads)
