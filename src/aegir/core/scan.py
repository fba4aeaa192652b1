"""Scanning a codebase tree: find the driver that claims it, scan it, let plugins add to it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aegir.core.errors import ApplicationNotDetected, ValidationError

if TYPE_CHECKING:
    from aegir.core.app import AppDriver, Detection
    from aegir.core.model import CodebaseScan
    from aegir.core.plugins import Plugins

__all__ = ["detect", "scan_codebase"]


def detect(root: Path, plugins: Plugins, app: str | None = None) -> tuple[AppDriver, Detection]:
    """The first registered driver that claims ``root`` (or the named one), with its detection."""
    if not root.is_dir():
        raise ValidationError(f"codebase path {str(root)!r} is not a directory")
    names = [app] if app else plugins.apps.names()
    looked_for = []
    for name in names:
        driver = plugins.driver(name)
        found = driver.detect(root)
        if found is not None:
            return driver, found
        looked_for.append(f"{name} ({driver.looked_for()})")
    raise ApplicationNotDetected(
        f"no known application in {str(root)!r}; looked for: " + "; ".join(looked_for)
    )


def scan_codebase(root: Path, plugins: Plugins, app: str | None = None) -> CodebaseScan:
    """Detect and scan ``root``; plugins' ``aegir_scan_extend`` additions are merged in."""
    root = root.resolve()
    driver, detection = detect(root, plugins, app)
    return plugins.scan_extend(root, driver.scan(root, detection))
