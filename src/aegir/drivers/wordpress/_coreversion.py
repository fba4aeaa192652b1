"""What ``wp-includes/version.php`` says: the WordPress version (read on detection too), the database
schema version and the PHP and MySQL WordPress requires."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from aegir.core.errors import ParseError
from aegir.drivers.wordpress._phpvalues import PhpValue, parse_assignments

__all__ = ["CoreVersion", "read_core_version"]


# A named tuple, not attrs: detection and scan run without attrs (start-up time of codebase scan).
class CoreVersion(NamedTuple):
    """What ``wp-includes/version.php`` says."""

    wp_version: str
    db_version: str | None = None
    required_php: str | None = None
    required_mysql: str | None = None
    required_php_extensions: tuple[str, ...] = ()


def _text(value: PhpValue) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return None
    return str(value)


def read_core_version(path: Path, relative: str) -> CoreVersion:
    """Parse a ``version.php``.

    :raises ParseError: unreadable, malformed, or without a string ``$wp_version``.
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ParseError(f"cannot read file: {e.strerror or e}", path=relative) from e
    values = parse_assignments(raw.decode("utf-8", errors="replace"), relative)
    version = values.get("wp_version")
    if not isinstance(version, str) or not version.strip():
        raise ParseError("no $wp_version = '...'; assignment", path=relative)
    extensions = values.get("required_php_extensions")
    return CoreVersion(
        wp_version=version.strip(),
        db_version=_text(values.get("wp_db_version")),
        required_php=_text(values.get("required_php_version")),
        required_mysql=_text(values.get("required_mysql_version")),
        required_php_extensions=tuple(str(e) for e in extensions if isinstance(e, str))
        if isinstance(extensions, list)
        else (),
    )
