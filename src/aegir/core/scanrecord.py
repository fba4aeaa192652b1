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

__all__ = ["ExtensionRecord", "Found", "PackageRecord", "ScanRecord", "Scanner", "record_json"]


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
