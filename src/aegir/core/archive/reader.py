"""Reading a backup back: its manifest, verification of every part, verified streams, safe extraction."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from attrs import frozen

from aegir.core.archive._errors import ChecksumMismatch, CorruptPart
from aegir.core.archive._extract import ExtractReport, extract_part
from aegir.core.archive._relay import EntryStat, relay_clean
from aegir.core.archive._streams import CHUNK, verified_stream
from aegir.core.archive.manifest import FILES_PART, Manifest, PartInfo, parse_manifest
from aegir.core.errors import NotFoundError
from aegir.core.storage import MANIFEST, BackupStore, check_backup_id

__all__ = ["BackupReader", "FilesPart", "PartCheck"]


@frozen
class PartCheck:
    """The result of checking one part: ``ok`` when its size and sha256 match the manifest."""

    name: str
    ok: bool
    expected_sha256: str
    expected_size: int
    sha256: str | None
    size: int | None
    problem: str | None = None


class FilesPart:
    """A files part on its way to a restore, read once, in one of two ways: extracted straight into
    a directory of this machine (:meth:`extract_into`), or checked and relayed as a clean tar stream
    to a machine that extracts it with its own tar (:meth:`write_clean_tar`). Either way the part's
    sha256 is checked as it is read, and every unsafe member is refused."""

    def __init__(self, raw: IO[bytes], info: PartInfo) -> None:
        self._raw = raw
        self.info = info

    def extract_into(self, target: str | Path) -> ExtractReport:
        """Extract into the new local directory ``target`` (see :func:`extract_part`)."""
        return extract_part(self._raw, self.info, target)

    def write_clean_tar(self, out: IO[bytes]) -> tuple[ExtractReport, EntryStat | None]:
        """Write the part's members, each checked, to ``out`` as a plain tar stream; return the
        counts and the archive's entry for its root directory (see :func:`relay_clean`)."""
        return relay_clean(self._raw, self.info, out)


class BackupReader:
    """One complete backup in a store. Building it reads and validates the manifest."""

    def __init__(self, store: BackupStore, backup_id: str) -> None:
        self.store = store
        self.id = check_backup_id(backup_id)
        where = f"{store.describe()}/{backup_id}/{MANIFEST}"
        try:
            data = store.read_manifest_bytes(backup_id)
        except NotFoundError:
            raise NotFoundError(
                f"no complete backup {backup_id!r} in store {store.describe()} (no {MANIFEST})"
            ) from None
        self.manifest: Manifest = parse_manifest(data, backup_id=backup_id, where=where)

    def _hash_part(self, part: PartInfo) -> tuple[str, int]:
        sha = hashlib.sha256()
        size = 0
        with self.store.open_read_checked(self.id, part.name) as raw:
            while chunk := raw.read(CHUNK):
                sha.update(chunk)
                size += len(chunk)
        return sha.hexdigest(), size

    def check(self) -> list[PartCheck]:
        """Recompute the size and sha256 of every part; one result per part, nothing raised for damage."""
        results = []
        for part in self.manifest.parts:
            try:
                sha, size = self._hash_part(part)
            except NotFoundError:
                results.append(PartCheck(part.name, False, part.sha256, part.size, None, None, "missing"))
                continue
            ok = sha == part.sha256 and size == part.size
            problem = None if ok else "size or sha256 differs from the manifest"
            results.append(PartCheck(part.name, ok, part.sha256, part.size, sha, size, problem))
        return results

    def verify(self) -> Manifest:
        """Recompute every checksum; raise :class:`ChecksumMismatch` (or :class:`CorruptPart` for a
        missing part) on the first part that does not match."""
        for result in self.check():
            if result.ok:
                continue
            if result.sha256 is None or result.size is None:
                raise CorruptPart(result.name, f"is missing from backup {self.id!r}")
            raise ChecksumMismatch(
                result.name,
                expected=result.expected_sha256,
                actual=result.sha256,
                expected_size=result.expected_size,
                size=result.size,
            )
        return self.manifest

    @contextlib.contextmanager
    def open_part(self, name: str) -> Iterator[IO[bytes]]:
        """A stream of a part's content (decompressed), checked against the manifest as it is read.

        Made for ``backend.load_database(db, stream)``: the stream is an OS pipe (it has a
        ``fileno()``); a damaged part's last chunk is never delivered, and the block raises
        :class:`ChecksumMismatch` on exit. Load into a new database and drop it on that error; or
        call :meth:`verify` first (cheap: it only hashes the stored bytes) to refuse before loading.
        """
        part = self.manifest.part(name)
        with self.store.open_read_checked(self.id, name) as raw, verified_stream(raw, part) as stream:
            yield stream

    @contextlib.contextmanager
    def open_files(self, part: str = FILES_PART) -> Iterator[FilesPart]:
        """A files part to hand to ``backend.restore_files(target, files)``."""
        info = self.manifest.part(part)
        with self.store.open_read_checked(self.id, part) as raw:
            yield FilesPart(raw, info)

    def extract_files(self, target: str | Path, part: str = FILES_PART) -> ExtractReport:
        """Extract a files part into the new local directory ``target`` (see :func:`extract_part`)."""
        with self.open_files(part) as files:
            return files.extract_into(target)
