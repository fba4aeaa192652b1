"""The abstract package set: keys, digest, diff; on real composer.lock files and generated sets."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aegir.core.model import CodebaseScan, Extension, Package
from aegir.core.packages import PACKAGE_UNIT, PackageEntry, PackageSet, extension_unit

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "realdata"
PROJECTS = REALDATA / "drupal-projects"


def lock_packages(project: str) -> list[Package]:
    """A project's composer.lock read directly, as the Drupal driver reports it."""
    data = json.loads((PROJECTS / project / "composer.lock").read_text())
    return [
        Package(p["name"], p["version"], p.get("type", "library"), dev)
        for key, dev in (("packages", False), ("packages-dev", True))
        for p in data.get(key) or []
    ]


def test_units_keep_packages_and_extensions_apart() -> None:
    scan = CodebaseScan(
        app="drupal",
        packages=(Package("drupal/token", "1.15.0", "drupal-module"),),
        extensions=(
            Extension("token", "module", "8.x-1.15", "token", "modules/contrib/token"),
            Extension("token", "theme", "1.0.0", None, "themes/token"),
        ),
    )
    packages = PackageSet.from_scan(scan)
    assert len(packages) == 3
    assert packages.get(PACKAGE_UNIT, "drupal/token") is not None
    module = packages.get(extension_unit("module"), "token")
    assert module is not None and module.version == "8.x-1.15" and module.path == "modules/contrib/token"
    assert [e.name for e in packages.packages] == ["drupal/token"]
    assert len(packages.extensions) == 2
    assert (PACKAGE_UNIT, "drupal/token") in packages


def test_a_repeated_key_keeps_the_first_and_says_so() -> None:
    packages = PackageSet.from_parts(
        extensions=[
            Extension("views", "module", "7.x-3.20", "views", "sites/all/modules/views"),
            Extension("views", "module", "7.x-3.14", "views", "profiles/x/modules/views"),
        ]
    )
    assert len(packages) == 1
    kept = packages.get("extension:module", "views")
    assert kept is not None and kept.version == "7.x-3.20"
    assert len(packages.notes) == 1 and "7.x-3.14" in packages.notes[0]


def test_digest_pins_its_format_and_ignores_order() -> None:
    entries = [
        PackageEntry(PACKAGE_UNIT, "drupal/core", "10.6.15"),
        PackageEntry("extension:module", "a", None),
    ]
    expected = hashlib.sha256(b"extension:module\ta=\npackage\tdrupal/core=10.6.15\n").hexdigest()
    assert PackageSet.from_entries(entries).digest() == "sha256:" + expected
    assert PackageSet.from_entries(reversed(entries)).digest() == "sha256:" + expected
    changed = [PackageEntry(PACKAGE_UNIT, "drupal/core", "10.6.16"), entries[1]]
    assert PackageSet.from_entries(changed).digest() != "sha256:" + expected


def test_real_lock_files_diff_between_core_releases() -> None:
    old = PackageSet.from_parts(lock_packages("d9.5-drupal-recommended-project-9.5.11"))
    new = PackageSet.from_parts(lock_packages("d10.6-drupal-recommended-project-10.6.15"))
    assert len(old) == 62 and len(new) == 59
    diff = old.diff(new)
    upgraded = {c.name: (c.old, c.new) for c in diff.upgraded}
    assert upgraded["drupal/core"] == ("9.5.11", "10.6.15")
    assert all(c.unit == PACKAGE_UNIT for c in diff.upgraded)
    back = new.diff(old)
    assert {c.name for c in back.downgraded} == set(upgraded)
    assert {c.name for c in back.added} == {c.name for c in diff.removed}
    assert diff.downgrades == ()
    assert {c.name for c in back.downgrades} >= {"drupal/core", "symfony/console"}
    assert old.diff(old).is_empty and len(old.diff(old).unchanged) == len(old)


def test_every_real_lock_is_a_set_with_a_stable_digest() -> None:
    for lock in sorted(PROJECTS.glob("*/composer.lock")):
        packages = lock_packages(lock.parent.name)
        first = PackageSet.from_parts(packages)
        assert len(first) == len({p.name for p in packages}), lock
        assert PackageSet.from_parts(reversed(packages)).digest() == first.digest()


def test_versions_that_are_not_composer_versions() -> None:
    def one(version: str | None, unit: str = "extension:module") -> PackageSet:
        return PackageSet.from_entries([PackageEntry(unit, "x", version)])

    up = one("8.x-1.15").diff(one("2.0.0"))
    assert [c.new for c in up.upgraded] == ["2.0.0"] and "core prefix" in up.upgraded[0].note
    up = one("7.x-2.9").diff(one("7.x-2.10"))
    assert len(up.upgraded) == 1
    texts = one("VERSION-9").diff(one("VERSION-10"))
    assert len(texts.upgraded) == 1 and "as text" in texts.upgraded[0].note
    branch = one("1.2.0", PACKAGE_UNIT).diff(one("dev-main", PACKAGE_UNIT))
    assert len(branch.unordered) == 1 and branch.downgrades == branch.unordered
    unknown = one(None).diff(one("1.0"))
    assert len(unknown.unordered) == 1
    same = one("v1.2", PACKAGE_UNIT).diff(one("1.2.0", PACKAGE_UNIT))
    assert len(same.unchanged) == 1 and same.is_empty


_versions = st.one_of(
    st.builds(lambda a, b, c: f"{a}.{b}.{c}", st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
    st.sampled_from(["8.x-1.15", "7.x-2.3", "dev-main", "1.0.0-beta1", "VERSION"]),
    st.none(),
)
_keys = st.tuples(
    st.sampled_from([PACKAGE_UNIT, "extension:module", "extension:theme"]), st.sampled_from("abcdef")
)
_sets = st.dictionaries(_keys, _versions, max_size=12).map(
    lambda d: PackageSet.from_entries(PackageEntry(u, n, v) for (u, n), v in d.items())
)


@given(_sets, _sets)
def test_diff_partitions_keys_and_mirrors(a: PackageSet, b: PackageSet) -> None:
    diff = a.diff(b)
    groups = [diff.added, diff.removed, diff.upgraded, diff.downgraded, diff.unordered, diff.unchanged]
    keys = [(c.unit, c.name) for group in groups for c in group]
    assert sorted(keys) == sorted(set(a.entries) | set(b.entries))
    back = b.diff(a)
    assert {(c.unit, c.name) for c in back.added} == {(c.unit, c.name) for c in diff.removed}
    assert {(c.unit, c.name) for c in back.upgraded} == {(c.unit, c.name) for c in diff.downgraded}
    assert {(c.unit, c.name) for c in back.unordered} == {(c.unit, c.name) for c in diff.unordered}
    assert len(diff.changed) == len(keys) - len(diff.unchanged)
    assert a.diff(a).is_empty
    assert (a.digest() == b.digest()) == (
        {k: e.version for k, e in a.entries.items()} == {k: e.version for k, e in b.entries.items()}
    )


def test_real_wordpress_scans_diff_across_releases() -> None:
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    sites = REALDATA / "wordpress" / "sites"
    plugins = Plugins()
    old = PackageSet.from_scan(scan_codebase(sites / "wp-4.9.31-johnpbloch-wordpress-core", plugins))
    new = PackageSet.from_scan(scan_codebase(sites / "wp-7.1-johnpbloch-wordpress-core", plugins))
    diff = old.diff(new)
    upgraded = {(c.unit, c.name): (c.old, c.new) for c in diff.upgraded}
    assert upgraded[(PACKAGE_UNIT, "wordpress/core")] == ("4.9.31", "7.1")
    assert upgraded[("extension:plugin", "akismet")] == ("4.1", "5.7.2")
    # a plugin and a theme are different units even when both are packages of the same codebase
    assert {c.unit for c in diff.added} <= {PACKAGE_UNIT, "extension:theme", "extension:plugin"}
    assert {c.name for c in new.diff(old).downgrades} >= {"wordpress/core", "akismet"}
    assert old.digest() != new.digest()


def test_real_drupal_scans_keep_modules_and_packages_apart() -> None:
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    plugins = Plugins()
    scan = scan_codebase(REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4", plugins)
    packages = PackageSet.from_scan(scan)
    assert len(packages) == len(scan.packages) + len(scan.extensions)
    token_package = packages.get(PACKAGE_UNIT, "drupal/token")
    token_module = packages.get(extension_unit("module"), "token")
    assert token_package is not None and token_module is not None
    assert token_package.version == token_module.version == "1.17.0"
    seven = PackageSet.from_scan(
        scan_codebase(REALDATA / "drupal-codebases" / "d7.88-nerc-ceh-brc-pantheon-upstream", plugins)
    )
    diff = seven.diff(packages)
    assert {c.name for c in diff.upgraded} >= {"token"}  # 7.x-1.9 -> 1.17.0, compared past the core prefix
    assert any(c.name == "token" and "core prefix" in c.note for c in diff.upgraded)
