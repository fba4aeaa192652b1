"""Scanning a codebase tree: find the driver that claims it, scan it, let plugins add to it."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from aegir.core.errors import AegirError, ApplicationNotDetected, BackendError, ValidationError

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, Detection
    from aegir.core.backend import Backend
    from aegir.core.model import CodebaseScan
    from aegir.core.plugins import Plugins
    from aegir.core.scanrecord import Found, ScanFiles, Scanner, ScanRecord

__all__ = ["detect", "scan_codebase", "scan_files", "scan_on", "scan_record"]


def _check_dir(root: Path) -> None:
    if not root.is_dir():
        raise ValidationError(f"codebase path {str(root)!r} is not a directory")


def _not_detected(root: Path, looked_for: list[str]) -> ApplicationNotDetected:
    return ApplicationNotDetected(
        f"no known application in {str(root)!r}; looked for: " + "; ".join(looked_for)
    )


def detect(root: Path, plugins: Plugins, app: str | None = None) -> tuple[AppDriver, Detection]:
    """The first registered driver that claims ``root`` (or the named one), with its detection."""
    _check_dir(root)
    names = [app] if app else plugins.apps.names()
    looked_for = []
    for name in names:
        driver = plugins.driver(name)
        found = driver.detect(root)
        if found is not None:
            return driver, found
        looked_for.append(f"{name} ({driver.looked_for()})")
    raise _not_detected(root, looked_for)


def scan_record(root: Path, scanners: Mapping[str, Scanner], app: str | None = None) -> ScanRecord:
    """What :func:`scan_codebase` does, with scanner modules instead of plugins: the first of
    ``scanners`` (in order) that claims ``root``, or ``app``'s. No plugin can add to the result, so
    this is only for when none is installed (``codebase scan --json``'s fast path)."""
    root = root.resolve()
    _check_dir(root)
    looked_for = []
    for name in [app] if app else list(scanners):
        scanner = scanners[name]
        found: Found | None = scanner.detect(root)
        if found is not None:
            return scanner.scan(root, found)
        looked_for.append(f"{name} ({scanner.looked_for()})")
    raise _not_detected(root, looked_for)


def scan_codebase(root: Path, plugins: Plugins, app: str | None = None) -> CodebaseScan:
    """Detect and scan ``root``; plugins' ``aegir_scan_extend`` additions are merged in."""
    root = root.resolve()
    driver, detection = detect(root, plugins, app)
    return plugins.scan_extend(root, driver.scan(root, detection))


def scan_files(plugins: Plugins, app: str | None = None) -> ScanFiles | None:
    """What the scanners that may run on a tree read: of ``app``'s driver, or of every driver.
    None when one of them does not say (a third-party driver): then every file is needed."""
    from aegir.core.scanrecord import ScanFiles

    whole: list[str] = []
    heads: list[str] = []
    dirs: list[str] = []
    for name in [app] if app else plugins.apps.names():
        declared = getattr(plugins.driver(name), "scan_files", None)
        files = declared() if callable(declared) else None
        if not isinstance(files, ScanFiles):
            return None
        whole += [p for p in files.whole if p not in whole]
        heads += [p for p in files.heads if p not in heads]
        dirs += [p for p in files.dirs if p not in dirs]
    return ScanFiles(tuple(whole), tuple(heads), tuple(dirs))


def scan_on(backend: Backend, root: str, plugins: Plugins, app: str | None = None) -> CodebaseScan:
    """:func:`scan_codebase` of the tree at ``root`` on ``backend``'s server, wherever that is: the
    backend's :meth:`~aegir.core.backend.Backend.scan_view` gives the scanners a local view. Paths of
    a copy in the result and in errors are given back as ``root`` (a remote scan reads like a
    local one)."""
    import attrs

    files = scan_files(plugins, app)
    with contextlib.ExitStack() as stack:
        try:
            view = stack.enter_context(backend.scan_view(root, files))
        except BackendError as e:
            if files is not None:
                raise
            undeclared = ", ".join(_undeclared(plugins, app))
            raise BackendError(
                f"{e} (driver {undeclared} declares no scan files, so every file of the tree is copied)"
            ) from e
        here = str(view.resolve())
        if here == str(Path(root).resolve()):
            return scan_codebase(view, plugins, app)
        try:
            scan = scan_codebase(view, plugins, app)
        except AegirError as e:
            _rename(e, here, root)
            raise
        warnings = tuple(w.replace(here, root) for w in scan.warnings)
        return attrs.evolve(scan, warnings=warnings) if warnings != scan.warnings else scan


def _undeclared(plugins: Plugins, app: str | None) -> list[str]:
    """The drivers (of ``app``, or all) that do not say which files they read."""
    from aegir.core.scanrecord import ScanFiles

    names = [app] if app else plugins.apps.names()
    out = []
    for name in names:
        declared = getattr(plugins.driver(name), "scan_files", None)
        if not (callable(declared) and isinstance(declared(), ScanFiles)):
            out.append(name)
    return out


def _rename(error: AegirError, here: str, root: str) -> None:
    """Name ``root`` where ``error`` names the local copy ``here`` of it."""
    error.message = error.message.replace(here, root)
    error.args = (error.message, *error.args[1:])
    path = getattr(error, "path", None)
    if isinstance(path, str):
        error.path = path.replace(here, root)  # type: ignore[attr-defined]
