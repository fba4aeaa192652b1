"""A Grav codebase's scan: core version, the plugins and themes of ``user/``, and its package set.

Packages: ``getgrav/grav`` (type ``grav-core``) at ``GRAV_VERSION``; each plugin ``grav-plugin/<folder>``
and theme ``grav-theme/<folder>`` (the folder is the name Grav and its package manager use) at its
blueprint's version, ``dev-unversioned`` without one; and the packages of ``composer.lock`` as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from aegir.core.composer import load_json_object, lock_packages
from aegir.core.scanrecord import ExtensionRecord, PackageRecord, ScanRecord
from aegir.drivers.grav._blueprints import read_blueprint
from aegir.drivers.grav._defines import DEFINES_FILE, read_defines

__all__ = ["CORE_PACKAGE", "UNVERSIONED", "scan_grav"]

CORE_PACKAGE: Final = "getgrav/grav"
UNVERSIONED: Final = "dev-unversioned"


def _folders(path: Path) -> list[Path]:
    try:
        return sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _extensions(
    root: Path, kind: str, warnings: list[str]
) -> tuple[list[ExtensionRecord], list[PackageRecord]]:
    extensions: list[ExtensionRecord] = []
    packages: list[PackageRecord] = []
    for folder in _folders(root / "user" / f"{kind}s"):
        rel = f"user/{kind}s/{folder.name}"
        if folder.name.endswith(".disabled"):
            warnings.append(f"{rel}: a disabled {kind} folder, left out")
            continue
        blueprint_file = folder / "blueprints.yaml"
        version: str | None = None
        if blueprint_file.is_file():
            blueprint = read_blueprint(blueprint_file, f"{rel}/blueprints.yaml")
            if blueprint.warning:
                warnings.append(blueprint.warning)
            version = blueprint.version
        else:
            warnings.append(f"{rel} has no blueprints.yaml: its version is unknown")
        project = f"grav-{kind}/{folder.name.lower()}"
        extensions.append(
            ExtensionRecord(name=folder.name, type=kind, version=version, project=project, path=rel)
        )
        packages.append(PackageRecord(project, version or UNVERSIONED, f"grav-{kind}"))
    return extensions, packages


def scan_grav(root: Path) -> ScanRecord:
    """Scan the Grav tree at ``root`` (the record the model's ``CodebaseScan`` is built from).

    :raises ParseError: ``system/defines.php`` has no version, or ``composer.lock`` is malformed.
    """
    defines = read_defines(root / DEFINES_FILE)
    warnings: list[str] = []
    facts = {"grav_schema": defines.get("GRAV_SCHEMA", ""), "grav_php_min": defines.get("GRAV_PHP_MIN", "")}
    facts = {k: v for k, v in facts.items() if v}
    if not (root / "user").is_dir():
        warnings.append("no user/ folder: sites installed from this codebase get no pages, plugins or themes")
    else:
        facts["user_dir"] = "user"
    plugins, plugin_packages = _extensions(root, "plugin", warnings)
    themes, theme_packages = _extensions(root, "theme", warnings)
    packages = [PackageRecord(CORE_PACKAGE, defines["GRAV_VERSION"], "grav-core")]
    if (root / "composer.lock").is_file():
        packages += lock_packages(load_json_object(root / "composer.lock", "composer.lock"), "composer.lock")
    return ScanRecord(
        app="grav",
        app_version=defines["GRAV_VERSION"],
        docroot=".",
        packages=(*packages, *plugin_packages, *theme_packages),
        extensions=(*plugins, *themes),
        profiles=(),
        warnings=tuple(warnings),
        facts=tuple(facts.items()),
    )
