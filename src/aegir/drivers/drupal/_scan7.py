"""Scanning a Drupal 7 codebase: the core version, and extensions from ``.info`` (and ``.engine``) files.

- app version: ``includes/bootstrap.inc`` (``define('VERSION', ...)``), which wins over a version
  written into ``modules/system/system.info`` (a warning when they differ);
- packages: ``drupal/drupal`` at the core version (the Composer name of Drupal 7 core, which
  advisories use); Drupal 7 codebases have no lock;
- extensions: as :func:`._discovery.find_d7_extension_files` finds them; test and other
  ``hidden = TRUE`` extensions are kept with ``hidden`` set, as Drupal 7 lists them; version as the
  packaging lines write it (``7.x-5.6``: Drupal 7 releases have no Composer form to map to;
  ``VERSION`` is the core version), project from ``project = ...``, ``drupal`` for core's own
  directories;
- profiles: non-hidden install profiles, ``standard`` and ``minimal`` first.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from aegir.core.errors import ParseError
from aegir.core.scanrecord import ExtensionRecord, Found, PackageRecord, ScanRecord
from aegir.drivers.drupal._discovery import find_d7_extension_files
from aegir.drivers.drupal._info_d7 import parse_info
from aegir.drivers.drupal._info_yml import php_truthy
from aegir.drivers.drupal._jsonfile import read_bytes
from aegir.drivers.drupal._php_const import bootstrap_inc_version
from aegir.drivers.drupal._scan8 import join, preferred_first

__all__ = ["CORE_PROFILES", "scan_drupal7"]

#: the install profiles Drupal 7 core ships
CORE_PROFILES = frozenset({"minimal", "standard", "testing"})


def _text(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    return value if isinstance(value, str) and value else None


def _is_core_path(rel: str) -> bool:
    top, _, rest = rel.partition("/")
    if top in ("modules", "themes"):
        return True
    return top == "profiles" and rest.split("/", 1)[0] in CORE_PROFILES


def _core_version(root: Path, docroot: str, warnings: list[str]) -> tuple[str | None, dict[str, str]]:
    facts: dict[str, str] = {}
    bootstrap = root / join(docroot, "includes/bootstrap.inc")
    system_info = root / join(docroot, "modules/system/system.info")
    from_bootstrap: str | None = None
    try:
        from_bootstrap = bootstrap_inc_version(bootstrap)
    except ParseError as e:
        warnings.append(str(e).replace(str(root) + "/", ""))
    from_info: str | None = None
    try:
        declared = parse_info(read_bytes(system_info), str(system_info)).get("version")
        if isinstance(declared, str) and declared not in ("", "VERSION"):
            from_info = declared
    except ParseError as e:
        warnings.append(str(e).replace(str(root) + "/", ""))
    if from_bootstrap and from_info and from_bootstrap != from_info:
        warnings.append(
            f"{join(docroot, 'modules/system/system.info')} says version {from_info} but "
            f"{join(docroot, 'includes/bootstrap.inc')} says {from_bootstrap}; the latter is what runs"
        )
    if from_bootstrap:
        facts["version_from"] = join(docroot, "includes/bootstrap.inc")
        return from_bootstrap, facts
    if from_info:
        facts["version_from"] = join(docroot, "modules/system/system.info")
        return from_info, facts
    warnings.append("no Drupal 7 version found in includes/bootstrap.inc or modules/system/system.info")
    return None, facts


def scan_drupal7(root: Path, found: Found) -> ScanRecord:
    """Scan a Drupal 7 codebase at ``root`` (already detected)."""
    warnings: list[str] = []
    docroot_rel = found.docroot
    docroot = root if docroot_rel == "." else root / docroot_rel
    version, facts = _core_version(root, docroot_rel, warnings)
    constants = {"DRUPAL_CORE_COMPATIBILITY": "7.x"}
    if version is not None:
        constants["VERSION"] = version
    extensions: list[ExtensionRecord] = []
    for rel, kind in find_d7_extension_files(docroot):
        path = join(docroot_rel, rel)
        core = _is_core_path(rel)
        name = posixpath.basename(rel).rsplit(".", 1)[0]
        if kind == "theme_engine":
            extensions.append(
                ExtensionRecord(name, kind, version if core else None, "drupal" if core else None, path)
            )
            continue
        try:
            info = parse_info(read_bytes(root / path), str(root / path), constants)
        except ParseError as e:
            warnings.append(str(e).replace(str(root) + "/", ""))
            continue
        raw_version = _text(info, "version")
        extensions.append(
            ExtensionRecord(
                name=name,
                type=kind,
                version=raw_version if raw_version != "VERSION" else None,
                project=_text(info, "project") or ("drupal" if core else None),
                path=path,
                hidden=php_truthy(info.get("hidden")),
            )
        )
    by_name: dict[tuple[str, str], list[str]] = {}
    for ext in extensions:
        by_name.setdefault((ext.type, ext.name), []).append(ext.path)
    for (kind, name), paths in sorted(by_name.items()):
        if len(paths) > 1:
            warnings.append(f"{kind} {name!r} is found {len(paths)} times: {', '.join(paths)}")
    drush = root / "vendor" / "bin" / "drush"
    if drush.exists():
        facts["drush"] = "vendor/bin/drush"
    return ScanRecord(
        app="drupal7",
        app_version=version,
        docroot=docroot_rel,
        packages=(PackageRecord("drupal/drupal", version, "drupal-core"),) if version else (),
        extensions=tuple(extensions),
        profiles=tuple(preferred_first({e.name for e in extensions if e.type == "profile" and not e.hidden})),
        warnings=tuple(warnings),
        facts=tuple(facts.items()),
    )
