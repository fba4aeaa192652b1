"""Grav scans over every real Grav tree in realdata, and the trees found in the wild.

Expected values are found independently: folder listings and plain regular expressions.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aegir.core.errors import ParseError
from aegir.core.packages import PackageSet
from aegir.drivers.grav import GravDriver

DRIVER = GravDriver()


def grav_trees(realdata: Path) -> list[Path]:
    return sorted(p for p in (realdata / "grav").iterdir() if p.is_dir())


def line(path: Path, key: str) -> str | None:
    match = re.search(rf"^{key}:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", path.read_text(), re.M)
    return match.group(1) if match else None


def test_every_real_tree(realdata: Path) -> None:
    trees = grav_trees(realdata)
    assert len(trees) == 4
    for tree in trees:
        detection = DRIVER.detect(tree)
        assert detection is not None
        result = DRIVER.scan(tree, detection)
        version = re.search(r"GRAV_VERSION['\"],\s*['\"]([^'\"]+)", (tree / "system/defines.php").read_text())
        assert version is not None
        assert result.app == "grav" and result.app_version == version.group(1) == detection.version
        expected = {
            (kind, folder.name, line(folder / "blueprints.yaml", "version"))
            for kind in ("plugin", "theme")
            for folder in sorted((tree / "user" / f"{kind}s").glob("*"))
            if folder.is_dir()
        }
        assert {(e.type, e.name, e.version) for e in result.extensions} == expected, tree
        packages = {(p.name, p.version, p.type, p.dev) for p in result.packages}
        assert ("getgrav/grav", result.app_version, "grav-core", False) in packages
        for ext in result.extensions:
            assert (f"grav-{ext.type}/{ext.name}", ext.version, f"grav-{ext.type}", False) in packages
        lock = tree / "composer.lock"
        if lock.is_file():
            data = json.loads(lock.read_text())
            want = {(p["name"], p["version"], p.get("type", "library"), dev)
                    for key, dev in (("packages", False), ("packages-dev", True)) for p in data[key]}  # fmt: skip
            assert want <= packages
            assert len(packages) == len(want) + 1 + len(result.extensions)


def test_real_details(realdata: Path) -> None:
    scopeweb = DRIVER.scan(realdata / "grav/grav-1.5.1-site-scopeweb", DRIVER.detect(realdata / "grav/grav-1.5.1-site-scopeweb"))  # type: ignore[arg-type]  # fmt: skip
    # the sitemap blueprint is not YAML PyYAML accepts (an unknown escape); it still yields the plugin
    assert ("sitemap", "1.9.1") in {(e.name, e.version) for e in scopeweb.extensions}
    (warning,) = scopeweb.warnings
    assert warning.startswith(
        "user/plugins/sitemap/blueprints.yaml: not valid YAML (found unknown escape character"
    )
    assert "line 36, column 25" in warning
    core2 = DRIVER.scan(realdata / "grav/grav-2.0.7-getgrav-core", DRIVER.detect(realdata / "grav/grav-2.0.7-getgrav-core"))  # type: ignore[arg-type]  # fmt: skip
    assert core2.app_version == "2.0.7"  # double-quoted define() of Grav 2.0
    assert core2.facts["grav_schema"] == "1.8.0_2026-06-09_0"
    assert core2.facts["grav_php_min"] == "8.3.0"
    assert any("no user/ folder" in w for w in core2.warnings)
    uas = PackageSet.from_scan(DRIVER.scan(realdata / "grav/grav-1.7.46-site-GRAV-UAS", DRIVER.detect(realdata / "grav/grav-1.7.46-site-GRAV-UAS")))  # type: ignore[arg-type]  # fmt: skip
    old = PackageSet.from_scan(scopeweb)
    diff = old.diff(uas)
    assert ("getgrav/grav", "1.5.1", "1.7.46") in {(c.name, c.old, c.new) for c in diff.upgraded}
    assert ("grav-plugin/admin", "1.8.9", "1.10.46") in {(c.name, c.old, c.new) for c in diff.upgraded}
    assert "grav-plugin/sitemap" in {c.name for c in diff.removed}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_trees_in_the_wild(tmp_path: Path, realdata: Path) -> None:
    root = tmp_path / "grav"
    shutil.copytree(realdata / "grav/grav-1.7.46-site-GRAV-UAS", root)
    write(root / "user/plugins/numbers/blueprints.yaml", "name: Numbers\nversion: 1.10\n")  # YAML reads 1.1
    write(root / "user/plugins/noblueprint/noblueprint.php", "<?php\n")
    write(root / "user/plugins/old.disabled/blueprints.yaml", "name: Old\nversion: 0.1\n")
    write(root / "user/plugins/.git/blueprints.yaml", "name: Hidden\n")
    write(root / "user/plugins/at-keys/blueprints.yaml", "name: 'At Keys'\nversion: \"2.0.1\" # current\nform:\n  fields:\n    @section.content:\n      type: section\n")  # fmt: skip
    write(root / "user/themes/listy/blueprints.yaml", "- name: not a mapping\n")
    (root / "user/themes/binary").mkdir()
    (root / "user/themes/binary/blueprints.yaml").write_bytes(b"\xff\xfe\x00name: \x00\x01")
    result = DRIVER.scan(root, DRIVER.detect(root))  # type: ignore[arg-type]
    got = {(e.name, e.version) for e in result.extensions}
    assert {
        ("numbers", "1.10"),
        ("noblueprint", None),
        ("at-keys", "2.0.1"),
        ("listy", None),
        ("binary", None),
    } <= got
    assert not {name for name, _ in got} & {"old.disabled", ".git"}
    text = "\n".join(result.warnings)
    assert "user/plugins/noblueprint has no blueprints.yaml" in text
    assert "user/plugins/old.disabled: a disabled plugin folder" in text
    assert "user/plugins/at-keys/blueprints.yaml: not valid YAML" in text
    assert (
        "user/themes/listy/blueprints.yaml: not valid YAML (expected a mapping at the top, found list)"
        in text
    )
    assert {p.name: p.version for p in result.packages}["grav-plugin/noblueprint"] == "dev-unversioned"


def test_not_grav_and_broken_grav(tmp_path: Path, realdata: Path) -> None:
    assert DRIVER.detect(tmp_path) is None
    assert DRIVER.detect(realdata / "wordpress/sites/wp-7.1-johnpbloch-wordpress-core") is None
    write(tmp_path / "system/defines.php", "<?php\ndefine('GRAV_VERSION', GRAV_SOMETHING);\n")
    detection = DRIVER.detect(tmp_path)
    assert detection is not None and detection.version is None
    with pytest.raises(ParseError, match=r"^system/defines.php: no define\('GRAV_VERSION'"):
        DRIVER.scan(tmp_path, detection)
    write(tmp_path / "system/defines.php", "<?php\ndefine('GRAV_VERSION', '1.7.48');\n")
    write(tmp_path / "composer.lock", '{"packages": {"name": "x"}}')
    with pytest.raises(ParseError, match=r"composer.lock at \$.packages: expected a list"):
        DRIVER.scan(tmp_path, DRIVER.detect(tmp_path))  # type: ignore[arg-type]
