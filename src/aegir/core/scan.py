"""Scanning a codebase tree: find the driver that claims it, scan it, let plugins add to it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from aegir.core.errors import ApplicationNotDetected, ValidationError

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, Detection
    from aegir.core.model import CodebaseScan
    from aegir.core.plugins import Plugins
    from aegir.core.scanrecord import Found, Scanner, ScanRecord

__all__ = ["detect", "scan_codebase", "scan_record"]


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
