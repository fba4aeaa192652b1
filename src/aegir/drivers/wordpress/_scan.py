"""A WordPress codebase's scan: core version, plugins, themes, drop-ins, and its package set.

Packages: a ``composer.lock`` gives its packages as they are. What Composer does not manage is
added under the names WordPress Packagist uses, so classic and Composer-managed codebases compare:
core is ``wordpress/core`` (type ``wordpress-core``), a plugin ``wpackagist-plugin/<folder>``, a
theme ``wpackagist-theme/<folder>``, a must-use plugin ``wordpress-muplugin/<name>``, a drop-in
``wordpress-dropin/<name>``. Without a ``Version:`` header the version is ``dev-unversioned``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Final

from aegir.core.composer import load_json_object, lock_packages
from aegir.core.scanrecord import ExtensionRecord, PackageRecord, ScanRecord
from aegir.drivers.wordpress._content import scan_content
from aegir.drivers.wordpress._coreversion import CoreVersion, read_core_version
from aegir.drivers.wordpress._layout import VERSION_FILE, Layout
from aegir.drivers.wordpress._siteconfig import classify_config

__all__ = [
    "CORE_PACKAGE",
    "UNVERSIONED",
    "config_location",
    "scan_wordpress",
]

CORE_PACKAGE: Final = "wordpress/core"
UNVERSIONED: Final = "dev-unversioned"
_PACKAGE_OF: Final = {
    "plugin": ("wpackagist-plugin", "wordpress-plugin"),
    "theme": ("wpackagist-theme", "wordpress-theme"),
    "mu-plugin": ("wordpress-muplugin", "wordpress-muplugin"),
    "drop-in": ("wordpress-dropin", "wordpress-dropin"),
}
_COMPOSER_TYPES: Final = frozenset(t for _, t in _PACKAGE_OF.values())


def _folder(ext: ExtensionRecord) -> str:
    return ext.name.split("/", 1)[0]


def _config_facts(root: Path, layout: Layout) -> dict[str, str]:
    """Which wp-config.php WordPress would load, and what it is (see ``classify_config``)."""
    if layout.core is None:
        return {}
    location = config_location(layout.core, layout.docroot)
    in_core = posixpath.normpath(posixpath.join(layout.core, "wp-config.php"))
    if location != in_core and (root / in_core).exists():
        location = in_core  # WordPress loads this one first: it is the one that counts
    return {"wp_config": classify_config(root / location), "wp_config_path": location}


def config_location(core: str, docroot: str) -> str:
    """Where the selector wp-config.php goes: beside wp-load.php when core is the docroot, else one
    folder above core (WordPress looks there too; Bedrock's ``web/wp-config.php``)."""
    if core in (docroot, "."):
        return posixpath.normpath(posixpath.join(core, "wp-config.php"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(core) or ".", "wp-config.php"))


def scan_wordpress(root: Path, layout: Layout) -> ScanRecord:
    """Scan the tree at ``root`` laid out as ``layout`` (the record the model's ``CodebaseScan`` is built from)."""
    warnings: list[str] = []
    facts: dict[str, str] = {"layout": layout.kind, "content_dir": layout.content}
    core: CoreVersion | None = None
    if layout.core is not None:
        facts["core_dir"] = layout.core
        version_rel = posixpath.normpath(posixpath.join(layout.core, VERSION_FILE))
        if (root / version_rel).is_file():
            core = read_core_version(root / version_rel, version_rel)
        else:
            warnings.append(f"WordPress core is not installed at {layout.core}/ (run composer install)")
    else:
        warnings.append("no WordPress core in this tree (a wp-content folder only): sites cannot run from it")
    if core is not None:
        facts["wp_db_version"] = core.db_version or ""
        facts["required_php_version"] = core.required_php or ""
        facts["required_mysql_version"] = core.required_mysql or ""
        facts["required_php_extensions"] = ",".join(core.required_php_extensions)
        facts = {k: v for k, v in facts.items() if v}
    facts.update(_config_facts(root, layout))

    if not (root / layout.content).is_dir():
        warnings.append(f"no {layout.content}/ folder: no plugins or themes")
    content = scan_content(root, layout.content)
    warnings += content.warnings
    for child, parent in sorted(content.parents.items()):
        facts[f"theme_parent.{child}"] = parent

    packages: list[PackageRecord] = []
    if (root / "composer.lock").is_file():
        packages = lock_packages(load_json_object(root / "composer.lock", "composer.lock"), "composer.lock")
    elif layout.composer_json and layout.kind == "composer":
        warnings.append("composer.json has no composer.lock beside it: the Composer packages are unknown")

    app_version = core.wp_version if core else None
    lock_core = next((p for p in packages if p.type == "wordpress-core"), None)
    if app_version is None and lock_core is not None:
        app_version = lock_core.version
        warnings.append(f"WordPress version {app_version} taken from composer.lock ({lock_core.name})")
    if lock_core is None and core is not None:
        packages.append(PackageRecord(CORE_PACKAGE, core.wp_version, "wordpress-core"))

    managed = {
        (p.type, p.name.rsplit("/", 1)[-1].lower()): p.name for p in packages if p.type in _COMPOSER_TYPES
    }
    extensions: list[ExtensionRecord] = []
    synthesized: dict[str, PackageRecord] = {}
    for ext in content.extensions:
        vendor, ptype = _PACKAGE_OF[ext.type]
        folder = _folder(ext)
        project = managed.get((ptype, folder.lower()))
        if project is None:
            project = f"{vendor}/{folder.lower()}"
            synthesized.setdefault(project, PackageRecord(project, ext.version or UNVERSIONED, ptype))
        extensions.append(ext._replace(project=project))
    packages += synthesized.values()

    return ScanRecord(
        app="wordpress",
        app_version=app_version,
        docroot=layout.docroot,
        packages=tuple(packages),
        extensions=tuple(extensions),
        profiles=(),
        warnings=tuple(warnings),
        facts=tuple(facts.items()),
    )
