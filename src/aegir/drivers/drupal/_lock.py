"""Reading composer.lock: JSON, Composer's own lock schema (checked by the ahead-of-time validator), packages.

Real locks differ from the schema in two known ways, both accepted here:

- empty maps written as ``[]`` (``platform``, ``platform-dev``, ``stability-flags``,
  ``platform-overrides``) are read as ``{}``, as Composer itself reads them;
- package names with capitals (``mikey179/vfsStream`` in a 2017 lock): Composer treats names
  case-insensitively and older versions kept the case they were given, so the lock is accepted with a
  warning and the name is reported as written.

Anything else the schema rejects is a :class:`~aegir.core.errors.ParseError` naming the file and the
JSON path of the first offending value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, cast

from aegir.core.errors import ParseError
from aegir.core.scanrecord import PackageRecord
from aegir.drivers.drupal._jsonfile import json_path, load_json, read_bytes

__all__ = ["ComposerLock", "parse_lock", "prepare_for_schema", "read_lock", "validate_lock"]

_EMPTY_MAPS = ("platform", "platform-dev", "stability-flags", "platform-overrides")
SECTIONS = (("packages", False), ("packages-dev", True))


class ComposerLock(NamedTuple):
    """The packages of a lock (``dev`` True for ``packages-dev``) and what was odd about it.

    ``warnings`` do not name the file: the caller knows how to name it to its reader. A named
    tuple, not attrs: the scan path imports no attrs (start-up time, see aegir.core.scanrecord).
    """

    packages: tuple[PackageRecord, ...]
    warnings: tuple[str, ...] = ()
    plugin_api_version: str | None = None

    def find(self, name: str) -> PackageRecord | None:
        """The package called ``name`` (compared as Composer does, ignoring case), or None."""
        wanted = name.lower()
        return next((p for p in self.packages if p.name.lower() == wanted), None)


def read_lock(path: Path) -> ComposerLock:
    """Read and check a composer.lock file."""
    return parse_lock(read_bytes(path), str(path))


def parse_lock(data: bytes, path: str) -> ComposerLock:
    """Check the text of a composer.lock against Composer's schema and list its packages."""
    doc = load_json(data, path)
    checked, warnings = prepare_for_schema(doc)
    validate_lock(checked, path)
    packages: list[PackageRecord] = []
    seen: dict[str, str] = {}
    for section, dev in SECTIONS:
        for index, item in enumerate(doc[section]):
            where = json_path(section, index)
            name, version = item.get("name"), item.get("version")
            # the schema requires name and version in "packages" only; a nameless package is still broken
            if not isinstance(name, str) or not name:
                raise ParseError("package has no name", path=path, where=where)
            if not isinstance(version, str) or not version:
                raise ParseError(f"package {name!r} has no version", path=path, where=where)
            key = name.lower()
            if key in seen:
                warnings.append(f"package {name!r} is listed twice ({seen[key]} and {where})")
            seen[key] = where
            packages.append(PackageRecord(name, version, item.get("type", "library"), dev))
    api = doc.get("plugin-api-version")
    return ComposerLock(tuple(packages), tuple(warnings), api if isinstance(api, str) else None)


def prepare_for_schema(doc: Any) -> tuple[Any, list[str]]:
    """A copy of ``doc`` with the known real-world deviations made schema-clean, and warnings about them.

    Only the parts that change are copied; ``doc`` itself is never modified.
    """
    warnings: list[str] = []
    if not isinstance(doc, dict):
        return doc, warnings
    out = dict(doc)
    for key in _EMPTY_MAPS:
        if out.get(key) == []:
            out[key] = {}
    for section, _dev in SECTIONS:
        items = out.get(section)
        if not isinstance(items, list):
            continue
        copied: list[Any] | None = None
        for index, item in enumerate(items):
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name != name.lower():
                if copied is None:
                    copied = list(items)
                copied[index] = {**item, "name": name.lower()}
                warnings.append(
                    f"package name {name!r} at {json_path(section, index)} has capitals, which "
                    "Composer's schema does not allow; accepted because Composer compares names ignoring case"
                )
        if copied is not None:
            out[section] = copied
    return out, warnings


def validate_lock(doc: Any, path: str) -> None:
    """Check ``doc`` against Composer's lock schema (compiled ahead of time); raise ParseError if it fails."""
    from aegir.drivers.drupal import _lock_validator
    from aegir.drivers.drupal._lock_violation import LockViolation

    validate = cast("Callable[[Any], object]", _lock_validator.validate)
    try:
        validate(doc)
    except LockViolation as e:
        raise ParseError(
            f"does not match Composer's lock schema: {e.reason}", path=path, where=json_path(*e.path)
        ) from None
    except RecursionError:
        raise ParseError("does not match Composer's lock schema: nested too deeply", path=path) from None
