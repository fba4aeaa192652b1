"""What a Drupal project's composer.json says about its layout: web root, install paths, vendor dir.

composer.json is read leniently: a key of the wrong type is ignored (the project still scans), but a
file that is not JSON is a ParseError naming it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from aegir.core import names
from aegir.core.errors import ValidationError
from aegir.drivers.drupal._jsonfile import load_json, read_bytes

__all__ = [
    "CORE_REQUIREMENTS",
    "DEFAULT_INSTALL_PATHS",
    "ComposerJson",
    "read_composer_json",
]

#: requiring one of these makes a project a Drupal 8+ project
CORE_REQUIREMENTS = frozenset(
    {"drupal/core", "drupal/core-recommended", "drupal/core-dev", "drupal/core-dev-pinned"}
)

#: composer/installers' default locations for Drupal package types (relative to the project root)
DEFAULT_INSTALL_PATHS: tuple[tuple[str, str], ...] = (
    ("drupal-core", "core"),
    ("drupal-module", "modules/{$name}"),
    ("drupal-theme", "themes/{$name}"),
    ("drupal-library", "libraries/{$name}"),
    ("drupal-profile", "profiles/{$name}"),
    ("drupal-recipe", "recipes/{$name}"),
    ("drupal-drush", "drush/{$name}"),
    ("drupal-custom-theme", "themes/custom/{$name}"),
    ("drupal-custom-module", "modules/custom/{$name}"),
    ("drupal-custom-profile", "profiles/custom/{$name}"),
    ("drupal-multisite", "sites/{$name}"),
)


def read_composer_json(path: Path) -> ComposerJson:
    """Read composer.json (a ParseError if it is not JSON)."""
    return ComposerJson(load_json(read_bytes(path), str(path)))


class ComposerJson:
    """A parsed composer.json; every accessor tolerates missing or wrongly typed keys."""

    def __init__(self, data: Any) -> None:
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    def _map(self, *keys: str) -> dict[str, Any]:
        node: Any = self.data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    @property
    def type(self) -> str:
        value = self.data.get("type")
        return value if isinstance(value, str) else "library"

    def requirements(self) -> set[str]:
        """Names required in ``require`` and ``require-dev``, lower-cased."""
        return {k.lower() for k in (*self._map("require"), *self._map("require-dev"))}

    def requires_drupal_core(self) -> bool:
        return bool(self.requirements() & CORE_REQUIREMENTS)

    def web_root(self) -> str | None:
        """The docroot: ``extra.drupal-scaffold.locations.web-root``, else the parent of the install
        path of drupal/core in ``extra.installer-paths``; None when composer.json does not say."""
        scaffold = self._map("extra", "drupal-scaffold", "locations").get("web-root")
        if isinstance(scaffold, str):
            root = _relative_dir(scaffold)
            if root is not None:
                return root
        for path, selectors in self.installer_paths():
            if "type:drupal-core" in selectors or "drupal/core" in selectors:
                core_dir = _relative_dir(path.replace("{$name}", "core"))
                if core_dir is not None:
                    parent = posixpath.dirname(core_dir)
                    return parent or "."
        return None

    def installer_paths(self) -> list[tuple[str, list[str]]]:
        """``extra.installer-paths`` in file order: (path pattern, [selectors])."""
        out = []
        for path, selectors in self._map("extra", "installer-paths").items():
            if isinstance(selectors, list):
                out.append((path, [s.lower() for s in selectors if isinstance(s, str)]))
        return out

    def vendor_dir(self) -> str:
        value = self._map("config").get("vendor-dir")
        return (_relative_dir(value) if isinstance(value, str) else None) or "vendor"

    def install_dir(self, package: str, package_type: str) -> str | None:
        """Where composer/installers puts ``package`` (relative to the project root), or None.

        The first ``installer-paths`` entry that names the package, its ``type:`` or its ``vendor:``
        wins, as in composer/installers; Drupal types fall back to the installers' defaults.
        """
        vendor, _, short = package.lower().partition("/")
        for path, selectors in self.installer_paths():
            if (
                package.lower() in selectors
                or f"type:{package_type}" in selectors
                or f"vendor:{vendor}" in selectors
            ):
                return _relative_dir(path.replace("{$name}", short).replace("{$vendor}", vendor))
        for known_type, path in DEFAULT_INSTALL_PATHS:
            if known_type == package_type:
                return _relative_dir(path.replace("{$name}", short))
        return None


def _relative_dir(value: str) -> str | None:
    """A clean relative directory (``./docroot/`` -> ``docroot``, ``./`` -> ``.``), or None if unsafe."""
    cleaned = posixpath.normpath(value.strip() or ".")
    try:
        return names.check_relative_path("directory", cleaned)
    except ValidationError:
        return None
