"""Backup sets: a database dump and site files as zstd parts in a store, with a manifest written last.

Write with :func:`create_backup`; read, verify and restore with :class:`BackupReader`. The format is
described in ``docs/backups.md``.
"""

from __future__ import annotations

from aegir.core.archive._errors import ChecksumMismatch, CorruptPart
from aegir.core.archive._extract import ExtractReport, extract_part, member_path
from aegir.core.archive._relay import EntryStat, TarSelection, relay_archive, select_for_tar
from aegir.core.archive._streams import produced_stream
from aegir.core.archive._tarwrite import FilesReport, write_tar
from aegir.core.archive.manifest import (
    DB_PART,
    FILES_PART,
    FORMAT_VERSION,
    Manifest,
    PartInfo,
    SubjectInfo,
    manifest_bytes,
    new_backup_id,
    parse_manifest,
)
from aegir.core.archive.reader import BackupReader, FilesPart, PartCheck
from aegir.core.archive.writer import DEFAULT_LEVEL, BackupWriter, create_backup, default_threads

__all__ = [
    "DB_PART",
    "DEFAULT_LEVEL",
    "FILES_PART",
    "FORMAT_VERSION",
    "BackupReader",
    "BackupWriter",
    "ChecksumMismatch",
    "CorruptPart",
    "EntryStat",
    "ExtractReport",
    "FilesPart",
    "FilesReport",
    "Manifest",
    "PartCheck",
    "PartInfo",
    "SubjectInfo",
    "TarSelection",
    "create_backup",
    "default_threads",
    "extract_part",
    "manifest_bytes",
    "member_path",
    "new_backup_id",
    "parse_manifest",
    "produced_stream",
    "relay_archive",
    "select_for_tar",
    "write_tar",
]
