"""The Drupal 7 scanner: detection and scan as plain records (no attrs, no model: start-up time).

The same contract as :mod:`._scanner8`; :class:`.Drupal7Driver` delegates to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.scanrecord import ScanFiles

if TYPE_CHECKING:
    from pathlib import Path

    from aegir.core.scanrecord import Found, ScanRecord

__all__ = ["APP", "SCAN_FILES", "detect", "looked_for", "scan"]

APP = "drupal7"

#: what :func:`scan` and :func:`detect` read (``aegir.core.scanrecord.ScanFiles``)
SCAN_FILES = ScanFiles(
    whole=(
        "composer.json",
        "composer.lock",
        "**/includes/bootstrap.inc",
        "**/*.info",
        "**/*.engine",
        "vendor/bin/drush",
    )
)


def detect(root: Path) -> Found | None:
    from aegir.drivers.drupal._detect import detect_drupal7

    return detect_drupal7(root)


def scan(root: Path, found: Found) -> ScanRecord:
    from aegir.drivers.drupal._scan7 import scan_drupal7

    return scan_drupal7(root, found)


def looked_for() -> str:
    return "includes/bootstrap.inc and modules/system/system.info under the root, docroot/, web/, html/ or htdocs/"
