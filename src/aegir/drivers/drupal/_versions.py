"""Drupal release names and Composer versions: ``8.x-1.15`` and ``1.15.0`` name the same release.

drupal.org's packaging script writes the legacy release name into info files
(``version: '8.x-1.0-beta2'``, ``version = "7.x-5.6"``); its Composer repository publishes the same
release as semantic version ``1.0.0-beta2``. Newer projects use semantic versions in both places.
"""

from __future__ import annotations

import re

__all__ = ["is_dev_version", "release_to_semver"]

# "<core major>.x-<release>", e.g. 8.x-1.15, 7.x-3.x-dev, 8.x-2.0-rc1+5-dev
_LEGACY = re.compile(r"(\d+)\.x-(\d.*)", re.S)
# a release of the legacy scheme: major.minor, then an optional -suffix or +suffix
_MAJOR_MINOR = re.compile(r"(\d+)\.(\d+)((?:[-+].*)?)", re.S)


def release_to_semver(version: str) -> str:
    """The Composer (semantic) form of a drupal.org release name; other versions come back unchanged.

    ``8.x-1.15`` -> ``1.15.0``; ``8.x-1.0-beta2`` -> ``1.0.0-beta2``; ``8.x-1.x-dev`` -> ``1.x-dev``;
    ``3.6.3``, ``VERSION`` and ``10.6.12`` are returned as they are. The function is idempotent.
    """
    legacy = _LEGACY.fullmatch(version)
    if legacy is None:
        return version
    release = legacy.group(2)
    parts = _MAJOR_MINOR.fullmatch(release)
    mapped = release if parts is None else "{}.{}.0{}".format(*parts.groups())
    # "8.x-8.x-1.2" is no release name: leave it as it is rather than peel one prefix off
    return version if _LEGACY.fullmatch(mapped) else mapped


def is_dev_version(version: str) -> bool:
    """A development version (``dev-main``, ``1.x-dev``): not a release, so not worth comparing."""
    return version.startswith("dev-") or version.endswith("-dev")
