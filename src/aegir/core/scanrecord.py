"""Scan records: what the built-in scanners return, before it becomes the attrs model.

``aegir codebase scan --json`` is what operators and scripts wait on, and a Python process that
imports attrs, builds the model classes and loads pluggy spends more time on that than on reading a
large ``composer.lock``. So the scanners of the built-in drivers produce these plain named tuples
(standard library only: nothing here may import attrs, pluggy or the model), the command line
prints them as they are when no third-party plugin is installed, and
:meth:`aegir.core.model.CodebaseScan.from_record` turns them into the model everywhere else.
A test holds the fields here to the model's, and the fast output to the full path's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "HEAD_BYTES",
    "ExtensionRecord",
    "Found",
    "PackageRecord",
    "ScanFiles",
    "ScanRecord",
    "Scanner",
    "record_json",
]

#: how much of a ``ScanFiles.heads`` file a scanner may read (WordPress headers: 8 KiB, wp-config: 64 KiB)
HEAD_BYTES = 65536


class Found(NamedTuple):
    """A scanner's claim on a tree (the model's ``Detection``): app, docroot (relative), version."""

    app: str
    docroot: str = "."
    version: str | None = None


class PackageRecord(NamedTuple):
    """One composer-level unit, as :class:`aegir.core.model.Package` has it."""

    name: str
    version: str
    type: str = "library"
    dev: bool = False


class ExtensionRecord(NamedTuple):
    """One application-level unit, as :class:`aegir.core.model.Extension` has it."""

    name: str
    type: str
    version: str | None = None
    project: str | None = None
    path: str = ""
    hidden: bool = False


class ScanRecord(NamedTuple):
    """What a scanner found, as :class:`aegir.core.model.CodebaseScan` has it."""

    app: str
    app_version: str | None = None
    docroot: str = "."
    packages: tuple[PackageRecord, ...] = ()
    extensions: tuple[ExtensionRecord, ...] = ()
    profiles: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


class ScanFiles(NamedTuple):
    """The files a scanner reads, for a tree that is on another machine (``docs/plugins.md``).

    Patterns are globs relative to the codebase root, with ``/`` between names: ``*`` and ``?``
    stay inside one name, ``**/`` is any number of directories (none too). Of ``whole`` files the
    scanner may read everything; of ``heads`` only the first :data:`HEAD_BYTES`. ``dirs`` are the
    directories the scanner lists or tests even when they hold none of those files (Grav's
    ``user/plugins/*``); the directories leading to a file come anyway. Links are followed, as a
    local scan follows them; any other file or directory is not there. A scanner module declares
    this as ``SCAN_FILES``; one that does not is scanned from a size-limited full copy.
    """

    whole: tuple[str, ...]
    heads: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()


class Scanner(Protocol):
    """A built-in scanner module (``aegir.drivers.drupal._scanner8``...): what its driver class
    delegates to, and what ``codebase scan --json`` calls directly when no third-party plugin is
    installed."""

    APP: str

    def detect(self, root: Path) -> Found | None: ...

    def scan(self, root: Path, found: Found) -> ScanRecord: ...

    def looked_for(self) -> str: ...


def record_json(record: ScanRecord) -> dict[str, Any]:
    """The ``codebase scan --json`` document of ``record`` (no facts, no hidden marks): the same
    keys, in the same order, as the model's plain form minus those two. The docroot is checked as
    the model checks it (a hostile composer.json must not name one outside the tree)."""
    from aegir.core.names import check_relative_path

    check_relative_path("docroot", record.docroot)
    return {
        "app": record.app,
        "app_version": record.app_version,
        "docroot": record.docroot,
        "packages": [p._asdict() for p in record.packages],
        "extensions": [
            {"name": e.name, "type": e.type, "version": e.version, "project": e.project, "path": e.path}
            for e in record.extensions
        ],
        "profiles": list(record.profiles),
        "warnings": list(record.warnings),
    }
