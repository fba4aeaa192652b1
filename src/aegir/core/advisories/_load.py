"""Loading a local advisory directory (OSV JSON, FriendsOfPHP YAML, or both) once per process."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from aegir.core.advisories._friendsofphp import looks_like_friendsofphp, parse_friendsofphp
from aegir.core.advisories._model import Advisory, Affected
from aegir.core.advisories._osv import looks_like_osv, parse_osv
from aegir.core.errors import AegirError, ValidationError

__all__ = ["AdvisoryDatabase", "load_advisories"]

_CACHE: dict[str, AdvisoryDatabase] = {}


class AdvisoryDatabase:
    """The advisories of a directory, indexed by composer package name."""

    def __init__(self, directory: str, advisories: Iterable[Advisory], warnings: Iterable[str] = ()) -> None:
        self.directory = directory
        self.advisories = tuple(advisories)
        #: files that could not be read as advisories, one line each
        self.warnings = tuple(warnings)
        self._by_package: dict[str, list[tuple[Advisory, Affected]]] = {}
        for advisory in self.advisories:
            if advisory.withdrawn:
                continue
            for affected in advisory.affected:
                self._by_package.setdefault(affected.package, []).append((advisory, affected))

    def for_package(self, name: str) -> list[tuple[Advisory, Affected]]:
        """Every (advisory, affected entry) about the package ``name`` (case-insensitive)."""
        return list(self._by_package.get(name.lower(), ()))

    @property
    def packages(self) -> frozenset[str]:
        """Names of the packages that have at least one advisory."""
        return frozenset(self._by_package)

    def count_by_source(self) -> dict[str, int]:
        """How many advisories each format contributed (``osv``, ``friendsofphp``)."""
        counts: dict[str, int] = {}
        for advisory in self.advisories:
            counts[advisory.source] = counts.get(advisory.source, 0) + 1
        return counts


def _files(root: Path) -> Iterable[Path]:
    for current, dirs, files in os.walk(root):
        # .git and .github hold no advisories; skipping them keeps a clone's walk short.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".json", ".yaml", ".yml")):
                yield Path(current) / name


def _load_yaml(text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, the C one when present


def _read(path: Path) -> Advisory | None:
    """The advisory in ``path``, None for a file that is no advisory; AegirError for a broken one."""
    import yaml

    from aegir.core.errors import ParseError

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ParseError(f"cannot read: {e}", path=shown) from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ParseError(
                f"not JSON: {e.msg}", path=shown, where=f"line {e.lineno} column {e.colno}"
            ) from None
        return parse_osv(data, shown) if looks_like_osv(data) else None
    try:
        data = _load_yaml(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        raise ParseError(f"not YAML: {getattr(e, 'problem', None) or e}", path=shown, where=where) from None
    except RecursionError:
        raise ParseError("not YAML: nested too deeply", path=shown) from None
    if not looks_like_friendsofphp(data):
        return None
    return parse_friendsofphp(data, shown, path.stem)


def load_advisories(directory: str | Path, *, refresh: bool = False) -> AdvisoryDatabase:
    """Every advisory under ``directory`` (recursively; the format is told by each file's type).

    A file that looks like an advisory but cannot be read is skipped with a warning in the result;
    the parsed database is kept in memory for the rest of the process (``refresh`` reads it again).
    """
    root = Path(directory).expanduser()
    if not root.is_dir():
        raise ValidationError(f"advisory directory {str(directory)!r} does not exist or is not a directory")
    root = root.resolve()
    key = str(root)
    if not refresh and key in _CACHE:
        return _CACHE[key]
    advisories: list[Advisory] = []
    warnings: list[str] = []
    for path in _files(root):
        try:
            advisory = _read(path)
        except AegirError as e:
            warnings.append(str(e))
            continue
        if advisory is not None:
            advisories.append(advisory)
    if not advisories:
        raise ValidationError(
            f"no advisories found under {str(directory)!r}: expected OSV JSON files (a clone of Drupal's "
            "advisory database) or FriendsOfPHP YAML files (a clone of FriendsOfPHP/security-advisories)"
        )
    database = AdvisoryDatabase(key, advisories, warnings)
    _CACHE[key] = database
    return database
