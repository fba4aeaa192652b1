"""Grav's version, read from ``system/defines.php`` without running PHP.

``define('GRAV_VERSION', '1.7.46');`` (single quotes up to 1.7) or ``define("GRAV_VERSION", "2.0.7");``
(2.0); ``GRAV_SCHEMA`` appears from 1.7 and ``GRAV_PHP_MIN`` names the oldest PHP it runs on.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Final

from aegir.core.errors import ParseError

__all__ = ["DEFINES_FILE", "read_defines"]

DEFINES_FILE: Final = "system/defines.php"


# Compiled on first use: every codebase scan imports this module to detect Grav, few trees are Grav.
@cache
def _define() -> re.Pattern[str]:
    return re.compile(
        r"""define\s*\(\s*(['"])(GRAV_VERSION|GRAV_SCHEMA|GRAV_PHP_MIN)\1\s*,\s*(['"])([^'"\\\n]{1,100})\3\s*\)"""
    )


def read_defines(path: Path, relative: str = DEFINES_FILE) -> dict[str, str]:
    """``GRAV_VERSION`` and, when defined, ``GRAV_SCHEMA`` and ``GRAV_PHP_MIN``.

    :raises ParseError: the file cannot be read or defines no ``GRAV_VERSION``.
    """
    try:
        text = path.read_bytes()[:1_000_000].decode("utf-8", errors="replace")
    except OSError as e:
        raise ParseError(f"cannot read file: {e.strerror or e}", path=relative) from e
    found: dict[str, str] = {}
    for match in _define().finditer(text):
        found.setdefault(match.group(2), match.group(4).strip())
    if not found.get("GRAV_VERSION"):
        raise ParseError("no define('GRAV_VERSION', '...'); with a quoted version", path=relative)
    return found
