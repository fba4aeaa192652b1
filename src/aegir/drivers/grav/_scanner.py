"""The Grav scanner: detection and scan as plain records (:mod:`aegir.core.scanrecord`).

``aegir codebase scan`` calls this directly when only the built-in drivers are installed, and
:class:`~aegir.drivers.grav.GravDriver` builds the model from the same records. Nothing here, nor in
what it imports, may load attrs, pluggy or the model (start-up time). Detection runs on every
codebase scan that WordPress does not claim, so on a tree without ``system/defines.php`` it costs
one ``stat``; the parsers of a scan load inside :func:`scan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aegir.core.errors import AegirError
from aegir.core.scanrecord import Found, ScanFiles, ScanRecord
from aegir.drivers.grav._defines import DEFINES_FILE, read_defines

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["APP", "SCAN_FILES", "detect", "looked_for", "scan"]

APP = "grav"

#: what :func:`scan` and :func:`detect` read (``aegir.core.scanrecord.ScanFiles``)
SCAN_FILES = ScanFiles(
    whole=("composer.json", "composer.lock", DEFINES_FILE, "user/*/*/blueprints.yaml"),
    dirs=("user", "user/*", "user/*/*"),  # every plugin or theme folder is listed, blueprints or not
)


def detect(root: Path) -> Found | None:
    """Grav's claim on the tree at ``root``: a ``system/defines.php`` that defines ``GRAV_VERSION``
    (or any, beside a ``user/`` folder); the version when it can be read."""
    defines = root / DEFINES_FILE
    try:
        if not defines.is_file():
            return None
        head = defines.read_bytes()[:1_000_000]
    except OSError:
        return None
    if b"GRAV_VERSION" not in head and not (root / "user").is_dir():
        return None
    try:
        version: str | None = read_defines(defines)["GRAV_VERSION"]
    except AegirError:  # still Grav's tree; the scan reports the problem
        version = None
    return Found(APP, ".", version)


def scan(root: Path, found: Found) -> ScanRecord:
    """Core version, plugins, themes and packages of the Grav tree at ``root`` (see ``_scan``).

    :raises ParseError: ``system/defines.php`` has no version, or ``composer.lock`` is malformed.
    """
    from aegir.drivers.grav._scan import scan_grav

    return scan_grav(root)


def looked_for() -> str:
    """What detection looks for, for the error on a tree no driver claims."""
    return "Grav: system/defines.php defining GRAV_VERSION"
