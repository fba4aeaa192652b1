"""Reading Composer files as drivers need them: a JSON object, and the packages of a lock.

Shared by every driver whose codebases may carry a ``composer.lock`` (WordPress layouts such as
Bedrock, Grav core): names, versions, types, dev. Full schema validation of locks is the Drupal
driver's business. Malformed files raise ParseError naming the file and the JSON path. Packages are
plain :class:`~aegir.core.scanrecord.PackageRecord` tuples: the scanners that call this run without
attrs or the model (start-up time of ``aegir codebase scan``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aegir.core.errors import ParseError
from aegir.core.scanrecord import PackageRecord

__all__ = ["load_json_object", "lock_packages"]


def load_json_object(path: Path, relative: str) -> dict[str, Any]:
    """A JSON file whose top level is an object.

    :raises ParseError: unreadable, not JSON (with line and column), or not an object.
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ParseError(f"cannot read file: {e.strerror or e}", path=relative) from e
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ParseError(f"not UTF-8 text: {e.reason}", path=relative, where=f"byte {e.start}") from e
    except json.JSONDecodeError as e:
        raise ParseError(
            f"not valid JSON: {e.msg}", path=relative, where=f"line {e.lineno}, column {e.colno}"
        ) from e
    except RecursionError as e:
        raise ParseError("JSON nested too deeply", path=relative) from e
    if not isinstance(data, dict):
        raise ParseError(f"expected a JSON object, found {type(data).__name__}", path=relative, where="$")
    return data


def lock_packages(lock: dict[str, Any], relative: str) -> list[PackageRecord]:
    """Every package of ``packages`` and (``dev=True``) ``packages-dev``.

    :raises ParseError: a section that is not a list, or a package without a string name/version.
    """
    out: list[PackageRecord] = []
    for section, dev in (("packages", False), ("packages-dev", True)):
        entries = lock.get(section, [])
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ParseError(
                f"expected a list, found {type(entries).__name__}", path=relative, where=f"$.{section}"
            )
        for index, entry in enumerate(entries):
            where = f"$.{section}[{index}]"
            if not isinstance(entry, dict):
                raise ParseError(
                    f"expected an object, found {type(entry).__name__}", path=relative, where=where
                )
            name, version, kind = entry.get("name"), entry.get("version"), entry.get("type", "library")
            if not isinstance(name, str) or not name:
                raise ParseError("package without a string 'name'", path=relative, where=where)
            if not isinstance(version, str) or not version:
                raise ParseError(f"package {name!r} without a string 'version'", path=relative, where=where)
            if not isinstance(kind, str):
                raise ParseError(f"package {name!r} has a non-string 'type'", path=relative, where=where)
            out.append(PackageRecord(name, version, kind or "library", dev))
    return out
