"""``vendor/composer/installed.json``: what Composer actually installed, compared with the lock.

Composer 1 writes a list of packages; Composer 2 writes ``{"packages": [...], "dev": bool, ...}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from aegir.core.errors import ParseError
from aegir.core.scanrecord import PackageRecord
from aegir.drivers.drupal._jsonfile import json_path, load_json, read_bytes

__all__ = ["InstalledPackages", "compare_with_lock", "parse_installed", "read_installed"]

#: at most this many disagreements are listed one by one; the rest are counted
MAX_LISTED = 10


class InstalledPackages(NamedTuple):
    """Installed versions by lower-cased name; ``dev`` is None when the file does not say (Composer 1).
    A named tuple: the scan path imports no attrs (start-up time)."""

    versions: dict[str, tuple[str, str]]
    dev: bool | None = None


def read_installed(path: Path) -> InstalledPackages:
    return parse_installed(read_bytes(path), str(path))


def parse_installed(data: bytes, path: str) -> InstalledPackages:
    """Parse installed.json in either format; anything else is a ParseError with its JSON path."""
    doc = load_json(data, path)
    dev: bool | None = None
    if isinstance(doc, dict):
        items: Any = doc.get("packages")
        dev_flag = doc.get("dev")
        dev = dev_flag if isinstance(dev_flag, bool) else None
        prefix: tuple[str, ...] = ("packages",)
        if not isinstance(items, list):
            raise ParseError("'packages' must be a list of packages", path=path, where=json_path("packages"))
    elif isinstance(doc, list):
        items, prefix = doc, ()
    else:
        raise ParseError("must be a list of packages or an object with 'packages'", path=path, where="$")
    versions: dict[str, tuple[str, str]] = {}
    for index, item in enumerate(items):
        where = json_path(*prefix, index)
        if not isinstance(item, dict):
            raise ParseError("a package must be an object", path=path, where=where)
        name, version = item.get("name"), item.get("version")
        if not isinstance(name, str) or not name:
            raise ParseError("package has no name", path=path, where=where)
        if not isinstance(version, str) or not version:
            raise ParseError(f"package {name!r} has no version", path=path, where=where)
        versions[name.lower()] = (name, version)
    return InstalledPackages(versions, dev)


def compare_with_lock(locked: Iterable[PackageRecord], installed: InstalledPackages) -> list[str]:
    """Where the installed packages disagree with the lock, one line each (the tail summarised)."""
    problems: list[str] = []
    locked_names: set[str] = set()
    for package in locked:
        key = package.name.lower()
        locked_names.add(key)
        found = installed.versions.get(key)
        if found is None:
            # dev packages are absent after "composer install --no-dev"; Composer 1 does not say which
            if not package.dev or installed.dev is True:
                problems.append(f"{package.name} {package.version} is locked but not installed")
        elif found[1] != package.version:
            problems.append(f"{package.name} is locked at {package.version} but {found[1]} is installed")
    for key, (name, version) in installed.versions.items():
        if key not in locked_names:
            problems.append(f"{name} {version} is installed but not in composer.lock")
    if len(problems) > MAX_LISTED:
        extra = len(problems) - MAX_LISTED
        problems = [
            *problems[:MAX_LISTED],
            f"... and {extra} more differences between installed.json and the lock",
        ]
    return problems
