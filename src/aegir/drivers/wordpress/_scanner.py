"""The WordPress scanner: detection and scan as plain records (:mod:`aegir.core.scanrecord`).

``aegir codebase scan`` calls this directly when only the built-in drivers are installed, and
:class:`~aegir.drivers.wordpress.WordPressDriver` builds the model from the same records. Nothing
here, nor in what it imports, may load attrs, pluggy or the model (start-up time). Detection runs on
every codebase scan (WordPress is tried first), so it imports only the layout finder; the parsers
of a scan load inside :func:`scan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from aegir.core.errors import AegirError, ApplicationNotDetected
from aegir.core.scanrecord import Found, ScanFiles, ScanRecord
from aegir.drivers.wordpress._layout import VERSION_FILE, find_layout
from aegir.drivers.wordpress._layout import looked_for as _layout_looked_for

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["APP", "SCAN_FILES", "detect", "looked_for", "scan"]

APP = "wordpress"

#: what :func:`scan` and :func:`detect` read (``aegir.core.scanrecord.ScanFiles``): headers of
#: plugins, themes, drop-ins and wp-config.php are read from the start of the file only; the files
#: directly in a ``plugins`` or ``themes`` folder come too (detection lists those folders). The
#: drop-in names are ``_content.DROPINS`` (not imported here: detection must stay light; a test
#: holds the two lists together).
SCAN_FILES = ScanFiles(
    whole=("composer.json", "composer.lock", f"**/{VERSION_FILE}"),
    heads=(
        "**/wp-config.php",
        "**/plugins/*",
        "**/plugins/*/*.php",
        "**/mu-plugins/*.php",
        "**/themes/*",
        "**/style.css",
        *(
            f"**/{name}.php"
            for name in (
                "advanced-cache", "blog-deleted", "blog-inactive", "blog-suspended", "db-error", "db",
                "fatal-error-handler", "install", "maintenance", "object-cache", "php-error", "sunrise",
            )
        ),
    ),
    # the content folder guesses (wp-content, web/app...), and the folders detection and the scan list
    dirs=("*", "*/*", "**/plugins/*", "**/mu-plugins", "**/themes/*", "**/themes/*/*"),
)  # fmt: skip
_LABEL: Final = "WordPress"


def detect(root: Path) -> Found | None:
    """WordPress's claim on the tree at ``root``: its docroot and, when core is installed, its version."""
    layout = find_layout(root)
    if layout is None:
        return None
    version = None
    if layout.core is not None and (root / layout.core / VERSION_FILE).is_file():
        from aegir.drivers.wordpress._coreversion import read_core_version

        try:
            version = read_core_version(root / layout.core / VERSION_FILE, VERSION_FILE).wp_version
        except AegirError:  # detection still claims the tree; the scan reports the problem
            version = None
    return Found(APP, layout.docroot, version)


def scan(root: Path, found: Found) -> ScanRecord:
    """Core version, plugins, themes, drop-ins and packages of the tree at ``root`` (see ``_scan``).

    :raises ApplicationNotDetected: the tree holds no WordPress (any more).
    :raises ParseError: a version file or ``composer.lock`` that cannot be read.
    """
    from aegir.drivers.wordpress._scan import scan_wordpress

    layout = find_layout(root)
    if layout is None:
        raise ApplicationNotDetected(f"no WordPress in {str(root)!r}; looked for: {looked_for()}")
    return scan_wordpress(root, layout)


def looked_for() -> str:
    """What detection looks for, for the error on a tree no driver claims."""
    return f"{_LABEL}: {_layout_looked_for()}"
