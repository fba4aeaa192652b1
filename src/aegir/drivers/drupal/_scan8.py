"""Scanning a Drupal 8+ codebase: packages from composer.lock, extensions from ``*.info.yml``.

- packages: every package of composer.lock (``dev`` for ``packages-dev``); with no lock, drupal/core
  alone, at the version of ``core/lib/Drupal.php``;
- app version: drupal/core in the lock, else ``core/lib/Drupal.php`` (a warning when they differ);
- extensions: every info.yml Drupal would discover (:mod:`._discovery`), ``hidden`` kept as a flag;
  version from the info file (``VERSION`` is the core version, ``8.x-1.15`` is ``1.15.0``), else from
  the lock package installed where the extension sits; project from the info file, else that package;
  ``path`` is the info file, relative to the codebase root;
- profiles: non-hidden install profiles (``standard`` and ``minimal`` first: the hosting layer
  defaults to the first), then ``recipe:<path>`` for each recipe (drupal-recipe packages and
  ``recipes/*/recipe.yml``);
- facts: where the version came from, the drush path, the extensions by lifecycle
  (``lifecycle.deprecated``: comma-separated machine names...).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from aegir.core.errors import ParseError
from aegir.core.scanrecord import ExtensionRecord, Found, PackageRecord, ScanRecord
from aegir.drivers.drupal._composer_json import ComposerJson, read_composer_json
from aegir.drivers.drupal._discovery import find_info_yml
from aegir.drivers.drupal._installed import compare_with_lock, read_installed
from aegir.drivers.drupal._jsonfile import read_bytes
from aegir.drivers.drupal._lock import ComposerLock, read_lock
from aegir.drivers.drupal._php_const import drupal_php_version
from aegir.drivers.drupal._versions import is_dev_version, release_to_semver

if TYPE_CHECKING:
    from aegir.drivers.drupal._info_yml import InfoYml

__all__ = ["join", "preferred_first", "scan_drupal"]

_LIFECYCLES = ("experimental", "deprecated", "obsolete")
_PREFERRED = {"standard": 0, "minimal": 1}


def join(*parts: str) -> str:
    """A clean relative path from pieces that may be ``.``."""
    return posixpath.normpath(posixpath.join(*parts))


class _Scan:
    """One scan's working state (kept on an object so the steps stay small functions)."""

    def __init__(self, root: Path, found: Found) -> None:
        self.root = root
        self.docroot = found.docroot
        self.warnings: list[str] = []
        self.facts: dict[str, str] = {}
        composer_path = root / "composer.json"
        self.composer = read_composer_json(composer_path) if composer_path.is_file() else ComposerJson(None)
        lock_path = root / "composer.lock"
        self.lock: ComposerLock | None = read_lock(lock_path) if lock_path.is_file() else None

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def warn_parse(self, error: ParseError) -> None:
        """A broken file that need not stop the scan: its error (naming the file) becomes a warning."""
        self.warnings.append(str(error).replace(str(self.root) + "/", ""))

    # -- version ---------------------------------------------------------------------------------
    def core_version(self) -> str | None:
        locked = self.lock.find("drupal/core") if self.lock else None
        drupal_php = self.root / join(self.docroot, "core/lib/Drupal.php")
        from_php: str | None = None
        if drupal_php.is_file():
            try:
                from_php = drupal_php_version(drupal_php)
            except ParseError as e:
                self.warn_parse(e)
        if locked is not None:
            self.facts["version_from"] = "composer.lock"
            if from_php and from_php != locked.version and not is_dev_version(locked.version):
                self.warnings.append(
                    f"composer.lock has drupal/core {locked.version} but {self.rel(drupal_php)} says {from_php}: "
                    "the installed code is not the locked one"
                )
            return locked.version
        if from_php is not None:
            self.facts["version_from"] = self.rel(drupal_php)
            return from_php
        self.warnings.append(
            "no Drupal version found: no drupal/core in composer.lock and no core/lib/Drupal.php"
        )
        return None

    # -- packages --------------------------------------------------------------------------------
    def packages(self, core_version: str | None) -> tuple[PackageRecord, ...]:
        if self.lock is None:
            if core_version is None:
                return ()
            return (PackageRecord("drupal/core", core_version, "drupal-core"),)
        self.warnings.extend(f"composer.lock: {w}" for w in self.lock.warnings)
        if self.lock.plugin_api_version:
            self.facts["composer_plugin_api"] = self.lock.plugin_api_version
        self.check_installed(self.lock)
        return self.lock.packages

    def check_installed(self, lock: ComposerLock) -> None:
        path = self.root / self.composer.vendor_dir() / "composer" / "installed.json"
        if not path.is_file():
            return
        try:
            installed = read_installed(path)
        except ParseError as e:
            self.warn_parse(e)
            return
        self.warnings.extend(
            f"{self.rel(path)}: {line}" for line in compare_with_lock(lock.packages, installed)
        )

    # -- extensions ------------------------------------------------------------------------------
    def package_dirs(self) -> dict[str, PackageRecord]:
        """Install directory (relative to the root) of every Drupal package of the lock."""
        dirs: dict[str, PackageRecord] = {}
        for package in self.lock.packages if self.lock else ():
            if package.type.startswith("drupal-"):
                where = self.composer.install_dir(package.name, package.type)
                if where is not None:
                    dirs.setdefault(where, package)
        return dirs

    def extensions(self, core_version: str | None) -> list[ExtensionRecord]:
        docroot = self.root / self.docroot if self.docroot != "." else self.root
        files = find_info_yml(docroot) if docroot.is_dir() else []
        if not files:
            return []
        # PyYAML costs tens of milliseconds to import: only trees with extensions pay for it
        from aegir.drivers.drupal._info_yml import parse_info_yml

        owners = self.package_dirs()
        core_dir = join(self.docroot, "core")
        mismatched: set[str] = set()
        out: list[ExtensionRecord] = []
        for rel in files:
            path = join(self.docroot, rel)
            try:
                info = parse_info_yml(read_bytes(self.root / path), str(self.root / path))
            except ParseError as e:
                self.warn_parse(e)
                continue
            owner = _owner(posixpath.dirname(path), owners)
            version = _version(info, core_version, owner)
            if (
                owner is not None
                and version
                and owner.name not in mismatched
                and _disagree(version, owner.version)
            ):
                mismatched.add(owner.name)
                self.warnings.append(
                    f"{path} says version {info.version} but composer.lock has {owner.name} {owner.version}"
                )
            project = info.project
            if project is None and (
                path.startswith(core_dir + "/") or (owner and owner.name == "drupal/core")
            ):
                project = "drupal"
            elif project is None and owner is not None and owner.name.startswith("drupal/"):
                project = owner.name.split("/", 1)[1]
            name = posixpath.basename(rel)[: -len(".info.yml")]
            out.append(ExtensionRecord(name, info.type, version, project, path, info.hidden))
            if info.lifecycle in _LIFECYCLES:
                key = f"lifecycle.{info.lifecycle}"
                self.facts[key] = ",".join(sorted({*self.facts.get(key, "").split(","), name} - {""}))
        self.warn_duplicates(out)
        return out

    def warn_duplicates(self, extensions: list[ExtensionRecord]) -> None:
        by_name: dict[str, list[str]] = {}
        for ext in extensions:
            by_name.setdefault(ext.name, []).append(ext.path)
        for name, paths in sorted(by_name.items()):
            if len(paths) > 1:
                self.warnings.append(f"extension {name!r} is found {len(paths)} times: {', '.join(paths)}")

    # -- profiles and recipes --------------------------------------------------------------------
    def profiles(self, extensions: list[ExtensionRecord]) -> list[str]:
        profiles = preferred_first({e.name for e in extensions if e.type == "profile" and not e.hidden})
        recipes: set[str] = set()
        for package in self.lock.packages if self.lock else ():
            if package.type == "drupal-recipe":
                where = self.composer.install_dir(package.name, package.type)
                if where is not None:
                    recipes.add(where)
        recipes_dir = self.root / "recipes"
        if recipes_dir.is_dir():
            recipes.update(f"recipes/{p.parent.name}" for p in recipes_dir.glob("*/recipe.yml"))
        return profiles + [f"recipe:{r}" for r in sorted(recipes)]

    def drush(self) -> None:
        drush = join(self.composer.vendor_dir(), "bin/drush")
        if (self.root / drush).exists():
            self.facts["drush"] = drush


def preferred_first(profiles: set[str]) -> list[str]:
    """Profiles in the order a site should default to: ``standard``, ``minimal``, then by name
    (the hosting layer installs from the first one when the operator names none)."""
    return sorted(profiles, key=lambda name: (_PREFERRED.get(name, len(_PREFERRED)), name))


def _owner(directory: str, owners: dict[str, PackageRecord]) -> PackageRecord | None:
    """The lock package installed at ``directory`` or at one of its parents."""
    while directory and directory != ".":
        found = owners.get(directory)
        if found is not None:
            return found
        directory = posixpath.dirname(directory)
    return None


def _disagree(found: str, locked: str) -> bool:
    """Two release versions that differ (development versions are not compared)."""
    return found != locked and not is_dev_version(found) and not is_dev_version(locked)


def _version(info: InfoYml, core_version: str | None, owner: PackageRecord | None) -> str | None:
    if info.version == "VERSION":
        return core_version
    if info.version:
        return release_to_semver(info.version)
    return owner.version if owner is not None else None


def scan_drupal(root: Path, found: Found) -> ScanRecord:
    """Scan a Drupal 8+ codebase at ``root`` (already detected)."""
    scan = _Scan(root, found)
    declared = scan.composer.web_root()
    if declared is not None and declared != found.docroot:
        scan.warnings.append(
            f"composer.json declares the web root {declared!r} but Drupal core is in {found.docroot!r}"
        )
    version = scan.core_version()
    packages = scan.packages(version)
    extensions = scan.extensions(version)
    scan.drush()
    return ScanRecord(
        app="drupal",
        app_version=version,
        docroot=found.docroot,
        packages=packages,
        extensions=tuple(extensions),
        profiles=tuple(scan.profiles(extensions)),
        warnings=tuple(scan.warnings),
        facts=tuple(scan.facts.items()),
    )
