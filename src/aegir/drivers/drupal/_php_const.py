"""The Drupal version constant in PHP source: ``core/lib/Drupal.php`` (8+) and ``includes/bootstrap.inc`` (7).

Only the constant's line is read (no PHP is run): ``const VERSION = '10.6.12';`` in the ``Drupal``
class, ``define('VERSION', '7.88');`` in Drupal 7.
"""

from __future__ import annotations

import re
from pathlib import Path

from aegir.core.errors import ParseError
from aegir.drivers.drupal._jsonfile import read_bytes

__all__ = ["bootstrap_inc_version", "drupal_php_version", "parse_version_constant"]

_CLASS_CONST = re.compile(rb"""\bconst\s+VERSION\s*=\s*(['"])(?P<v>[^'"\r\n]{1,64})\1\s*;""")
_DEFINE = re.compile(rb"""\bdefine\s*\(\s*(['"])VERSION\1\s*,\s*(['"])(?P<v>[^'"\r\n]{1,64})\2\s*\)""")
_SANE_VERSION = re.compile(r"[0-9][0-9A-Za-z.+_-]*")


def parse_version_constant(data: bytes, path: str, *, drupal7: bool) -> str:
    """The version string of the VERSION constant; a ParseError naming the file if there is none."""
    pattern = _DEFINE if drupal7 else _CLASS_CONST
    found = pattern.search(data)
    what = "define('VERSION', ...)" if drupal7 else "const VERSION = ..."
    if found is None:
        raise ParseError(f"no {what} line found", path=path)
    version = found.group("v").decode("ascii", "replace")
    if not _SANE_VERSION.fullmatch(version):
        line = data.count(b"\n", 0, found.start()) + 1
        raise ParseError(
            f"VERSION {version!r} does not look like a Drupal version", path=path, where=f"line {line}"
        )
    return version


def drupal_php_version(path: Path) -> str:
    """``Drupal::VERSION`` from core/lib/Drupal.php."""
    return parse_version_constant(read_bytes(path), str(path), drupal7=False)


def bootstrap_inc_version(path: Path) -> str:
    """``VERSION`` from Drupal 7's includes/bootstrap.inc."""
    return parse_version_constant(read_bytes(path), str(path), drupal7=True)
