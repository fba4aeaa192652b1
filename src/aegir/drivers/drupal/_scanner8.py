"""The Drupal 8+ scanner: detection and scan as plain records (no attrs, no model: start-up time).

The contract of a built-in scanner module (see :mod:`aegir.core.scanrecord`): ``APP``,
``detect(root)``, ``scan(root, found)`` and ``looked_for()``. :class:`.DrupalDriver` delegates to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.scanrecord import ScanFiles

if TYPE_CHECKING:
    from pathlib import Path

    from aegir.core.scanrecord import Found, ScanRecord

__all__ = ["APP", "SCAN_FILES", "detect", "looked_for", "scan"]

APP = "drupal"

#: what :func:`scan` and :func:`detect` read (``aegir.core.scanrecord.ScanFiles``); the vendor dir
#: may be renamed in composer.json, hence ``**/`` before ``composer/installed.json`` and ``bin/drush``
SCAN_FILES = ScanFiles(
    whole=(
        "composer.json",
        "composer.lock",
        "**/composer/installed.json",
        "**/bin/drush",
        "**/core/lib/Drupal.php",
        "**/*.info.yml",
        "**/recipe.yml",
    )
)


def detect(root: Path) -> Found | None:
    from aegir.drivers.drupal._detect import detect_drupal

    return detect_drupal(root)


def scan(root: Path, found: Found) -> ScanRecord:
    from aegir.drivers.drupal._scan8 import scan_drupal

    return scan_drupal(root, found)


def looked_for() -> str:
    return (
        "core/lib/Drupal.php or core/modules/system/system.info.yml under web/, docroot/, html/ or the "
        "root (or the web root composer.json declares), or a composer.json / composer.lock requiring "
        "drupal/core"
    )
