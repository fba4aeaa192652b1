"""An application-neutral set of a codebase's packages and extensions, with a digest and a diff.

Any driver's :class:`~aegir.core.model.CodebaseScan` becomes a :class:`PackageSet` keyed by
``(unit, name)``: ``unit`` is ``"package"`` for composer-level units and ``"extension:<type>"`` for
application-level ones, so a Drupal module ``token`` and the composer package ``drupal/token`` never
collide, nor do a WordPress plugin and a theme that share a folder name. The diff orders versions with
Composer's rules (:mod:`aegir.core.versions`); versions that are not Composer versions (``8.x-1.15``,
``7.x-2.3``, ``VERSION``) are ordered as text, numbers by value, and the change carries a note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from attrs import field, frozen

from aegir.core.errors import ValidationError

if TYPE_CHECKING:
    from aegir.core.model import CodebaseScan, Extension, Package
    from aegir.core.versions import Version

__all__ = ["PACKAGE_UNIT", "PackageChange", "PackageDiff", "PackageEntry", "PackageSet", "extension_unit"]

#: the unit of composer-level packages
PACKAGE_UNIT = "package"


def extension_unit(extension_type: str) -> str:
    """The unit of an application-level extension of ``extension_type`` (``module``, ``plugin``...)."""
    return f"extension:{extension_type}"


@frozen
class PackageEntry:
    """One member of a package set."""

    unit: str
    name: str
    version: str | None = None
    type: str = ""
    dev: bool = False
    path: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.unit, self.name)


@frozen
class PackageChange:
    """One key compared across two sets; ``old`` or ``new`` is None when it was added or removed."""

    unit: str
    name: str
    old: str | None
    new: str | None
    note: str = ""


def _natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    # Digits compare by value so "7.x-2.10" comes after "7.x-2.9".
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|[^\d]+", text))


_CORE_PREFIX = re.compile(r"(\d+\.x)-(.+)")


def _as_version(text: str) -> tuple[Version | None, str]:
    """The Composer version in ``text``, looking past a ``7.x-``/``8.x-`` core prefix; and a note."""
    from aegir.core.versions import parse_version

    try:
        return parse_version(text), ""
    except ValidationError:
        pass
    # drupal.org's release names carry the core line first ("8.x-1.15" is release 1.15 for 8.x); a
    # text comparison would rank "8.x-1.15" above "2.0.0".
    prefixed = _CORE_PREFIX.fullmatch(text)
    if prefixed:
        try:
            return parse_version(prefixed.group(2)), f"compared without the core prefix {prefixed.group(1)!r}"
        except ValidationError:
            pass
    return None, ""


def _direction(old: str | None, new: str | None) -> tuple[int | None, str]:
    """(1 upgrade, -1 downgrade, 0 same, None unknown) and a note saying how it was decided."""
    if old == new:
        return 0, ""
    if old is None or new is None:
        return None, "version unknown on one side"
    a, note_a = _as_version(old)
    b, note_b = _as_version(new)
    if a is None or b is None:
        if _natural_key(old) == _natural_key(new):
            return 0, ""
        step = 1 if _natural_key(new) > _natural_key(old) else -1
        return step, "not Composer versions: compared as text"
    note = "; ".join(dict.fromkeys(n for n in (note_a, note_b) if n))
    if a.is_branch or b.is_branch:
        if a == b:
            return 0, note
        return None, "a development branch cannot be ordered against another version"
    return (b > a) - (b < a), note


def _changes(value: Iterable[PackageChange]) -> tuple[PackageChange, ...]:
    return tuple(value)


def _entry_map(value: Mapping[tuple[str, str], PackageEntry]) -> dict[tuple[str, str], PackageEntry]:
    return dict(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen
class PackageDiff:
    """What changed from one set to another (``old.diff(new)``)."""

    added: tuple[PackageChange, ...] = field(default=(), converter=_changes)
    removed: tuple[PackageChange, ...] = field(default=(), converter=_changes)
    upgraded: tuple[PackageChange, ...] = field(default=(), converter=_changes)
    downgraded: tuple[PackageChange, ...] = field(default=(), converter=_changes)
    #: versions differ but cannot be ordered (a branch against a release, a version missing on one side)
    unordered: tuple[PackageChange, ...] = field(default=(), converter=_changes)
    unchanged: tuple[PackageChange, ...] = field(default=(), converter=_changes)

    @property
    def downgrades(self) -> tuple[PackageChange, ...]:
        """Everything that is or may be a downgrade: the gate for migrations (code must not go back)."""
        return self.downgraded + self.unordered

    @property
    def changed(self) -> tuple[PackageChange, ...]:
        """Every change: added, removed, upgraded, downgraded and unordered (empty when nothing changed)."""
        return self.added + self.removed + self.upgraded + self.downgraded + self.unordered

    @property
    def is_empty(self) -> bool:
        """No key was added, removed or changed version."""
        return not self.changed


@frozen
class PackageSet:
    """A codebase's packages and extensions keyed by ``(unit, name)``: compare, digest, look up."""

    entries: Mapping[tuple[str, str], PackageEntry] = field(factory=dict, converter=_entry_map)
    #: what was dropped while building the set (duplicates)
    notes: tuple[str, ...] = field(default=(), converter=_texts)

    @classmethod
    def from_entries(cls, entries: Iterable[PackageEntry]) -> PackageSet:
        """The set of ``entries``; a repeated key keeps the first one and says so in ``notes``."""
        kept: dict[tuple[str, str], PackageEntry] = {}
        notes: list[str] = []
        for entry in entries:
            first = kept.get(entry.key)
            if first is None:
                kept[entry.key] = entry
            elif first != entry:
                where = f" at {entry.path!r}" if entry.path else ""
                notes.append(
                    f"{entry.unit} {entry.name!r} appears twice; kept version {first.version!r}"
                    + (f" at {first.path!r}" if first.path else "")
                    + f", ignored {entry.version!r}{where}"
                )
        return cls(kept, notes)

    @classmethod
    def from_scan(cls, scan: CodebaseScan) -> PackageSet:
        """Packages and extensions of a driver's scan."""
        return cls.from_parts(scan.packages, scan.extensions)

    @classmethod
    def from_parts(cls, packages: Iterable[Package] = (), extensions: Iterable[Extension] = ()) -> PackageSet:
        """A set from model packages and extensions."""
        entries = [PackageEntry(PACKAGE_UNIT, p.name, p.version, type=p.type, dev=p.dev) for p in packages]
        entries += [
            PackageEntry(extension_unit(e.type), e.name, e.version, type=e.type, path=e.path)
            for e in extensions
        ]
        return cls.from_entries(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[PackageEntry]:
        return iter(self.entries[k] for k in sorted(self.entries))

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def get(self, unit: str, name: str) -> PackageEntry | None:
        """The entry for ``(unit, name)``, or None."""
        return self.entries.get((unit, name))

    @property
    def packages(self) -> tuple[PackageEntry, ...]:
        """The composer-level members, sorted by name."""
        return tuple(e for e in self if e.unit == PACKAGE_UNIT)

    @property
    def extensions(self) -> tuple[PackageEntry, ...]:
        """The application-level members, sorted by unit and name."""
        return tuple(e for e in self if e.unit != PACKAGE_UNIT)

    def digest(self) -> str:
        """sha256 (hex) over the sorted lines ``unit<TAB>name=version``: stable across runs and hosts.

        Backup manifests record it; the format must not change without a new prefix.
        """
        lines = "".join(
            f"{unit}\t{name}={self.entries[(unit, name)].version or ''}\n"
            for unit, name in sorted(self.entries)
        )
        return "sha256:" + hashlib.sha256(lines.encode("utf-8")).hexdigest()

    def diff(self, other: PackageSet) -> PackageDiff:
        """Changes from this set (old) to ``other`` (new)."""
        added: list[PackageChange] = []
        removed: list[PackageChange] = []
        by_step: dict[int | None, list[PackageChange]] = {1: [], -1: [], 0: [], None: []}
        for key in sorted(set(self.entries) | set(other.entries)):
            old, new = self.entries.get(key), other.entries.get(key)
            unit, name = key
            if old is None:
                if new is not None:
                    added.append(PackageChange(unit, name, None, new.version))
            elif new is None:
                removed.append(PackageChange(unit, name, old.version, None))
            else:
                step, note = _direction(old.version, new.version)
                by_step[step].append(PackageChange(unit, name, old.version, new.version, note))
        return PackageDiff(
            added=added,
            removed=removed,
            upgraded=by_step[1],
            downgraded=by_step[-1],
            unordered=by_step[None],
            unchanged=by_step[0],
        )
