"""WordPress scans over every real tree (realdata, Debian's WordPress) and the layouts found in the wild.

Expected values are found here independently of the driver: plain regular expressions over the
files, not the driver's parsers.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aegir.core.errors import ApplicationNotDetected, ParseError
from aegir.core.model import CodebaseScan
from aegir.core.packages import PackageSet
from aegir.drivers.wordpress import WordPressDriver

DRIVER = WordPressDriver()
DEBIAN = Path("/usr/share/wordpress")


def scan(root: Path) -> CodebaseScan:
    detection = DRIVER.detect(root)
    assert detection is not None, f"{root} not detected"
    return DRIVER.scan(root, detection)


def header(path: Path, field: str) -> str | None:
    head = path.read_bytes()[:8192].decode("utf-8", "replace")
    match = re.search(r"^[ \t/*#@]*" + field + r":[ \t]*(.*?)[ \t]*(?:\*/)?[ \t]*$", head, re.M | re.I)
    return match.group(1).strip() or None if match else None


def headers_in(content: Path) -> set[tuple[str, str, str | None]]:
    """(type, path relative to the tree, version) of every plugin and theme header under ``content``."""
    found: set[tuple[str, str, str | None]] = set()
    root = content.parent
    plugins = content / "plugins"
    candidates = sorted(plugins.glob("*.php")) + sorted(plugins.glob("*/*.php")) if plugins.is_dir() else []
    for php in candidates:
        if not any(p.startswith(".") for p in php.relative_to(plugins).parts) and header(php, "Plugin Name"):
            found.add(("plugin", str(php.relative_to(root)), header(php, "Version")))
    for style in sorted((content / "themes").glob("*/style.css")):
        if header(style, "Theme Name"):
            found.add(("theme", str(style.parent.relative_to(root)), header(style, "Version")))
    return found


def wordpress_trees(realdata: Path) -> list[Path]:
    base = realdata / "wordpress"
    return sorted(p for p in (base / "sites").iterdir()) + sorted(
        p for p in (base / "core-version-php").iterdir()
    )


def test_every_real_tree_scans_to_its_headers(realdata: Path) -> None:
    trees = wordpress_trees(realdata) + ([DEBIAN] if DEBIAN.is_dir() else [])
    assert len(trees) >= 16
    for tree in trees:
        result = scan(tree)
        text = (tree / "wp-includes/version.php").read_text()
        assert result.app == "wordpress"
        assert result.app_version == re.search(r"\$wp_version = '([^']+)';", text).group(1)  # type: ignore[union-attr]
        db = re.search(r"\$wp_db_version = (\d+);", text)
        assert result.facts.get("wp_db_version") == (db.group(1) if db else None), tree
        got = {(e.type, e.path, e.version) for e in result.extensions}
        assert got == headers_in(tree / "wp-content"), tree
        core = [p for p in result.packages if p.type == "wordpress-core"]
        assert [(p.name, p.version) for p in core] == [("wordpress/core", result.app_version)]
        for ext in result.extensions:
            assert any(p.name == ext.project and p.version == ext.version for p in result.packages), ext


def test_version_files_of_every_release(realdata: Path) -> None:
    versions = {p.name: scan(p) for p in (realdata / "wordpress/core-version-php").iterdir()}
    assert versions["1.5.0"].app_version == "1.5"  # 1.5 has only $wp_version and ends with ?>
    assert "wp_db_version" not in versions["1.5.0"].facts
    assert versions["7.1.0"].app_version == "7.1"
    assert versions["trunk-HEAD"].app_version == "7.2-alpha-63338"
    assert versions["trunk-HEAD"].facts["required_php_extensions"] == "json,hash"
    assert versions["trunk-HEAD"].facts["required_mysql_version"] == "5.5.5"
    assert versions["2.9.2"].facts["required_php_version"] == "4.3"
    assert versions["6.0.14"].facts["wp_db_version"] == "53496"
    for name, result in versions.items():
        if name not in ("1.5.0", "7.1.0", "trunk-HEAD"):
            assert result.app_version == name


def test_debian_wordpress(tmp_path: Path) -> None:
    if not DEBIAN.is_dir():
        pytest.fail("Debian's wordpress package is not installed")
    result = scan(DEBIAN)
    assert result.app_version and result.app_version.startswith("6.")
    assert {(e.name, e.type) for e in result.extensions} >= {("akismet", "plugin")}
    assert (
        result.facts["wp_config"] == "debian"
    )  # its master config: Aegir's selector may replace it in a copy
    assert result.profiles == ()


def test_two_real_releases_diff_as_package_sets(realdata: Path) -> None:
    old = PackageSet.from_scan(scan(realdata / "wordpress/sites/wp-4.9.31-johnpbloch-wordpress-core"))
    new = PackageSet.from_scan(scan(realdata / "wordpress/sites/wp-7.1-johnpbloch-wordpress-core"))
    diff = old.diff(new)
    upgraded = {(c.name, c.old, c.new) for c in diff.upgraded}
    assert ("wordpress/core", "4.9.31", "7.1") in upgraded
    assert ("wpackagist-plugin/akismet", "4.1", "5.7.2") in upgraded
    assert "wpackagist-theme/twentytwentyfive" in {c.name for c in diff.added}
    assert "wpackagist-theme/twentyfifteen" in {c.name for c in diff.removed}
    assert not diff.downgraded
    assert new.diff(old).downgraded


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def plugin(name: str, version: str | None = None, docblock: bool = False) -> str:
    head = "<?php\n/**\n * @package Something\n */\n" if docblock else "<?php\n"
    return head + f"/*\nPlugin Name: {name}\n" + (f"Version: {version}\n" if version else "") + "*/\n"


def theme(name: str, version: str, template: str | None = None) -> str:
    return (
        f"/*\nTheme Name: {name}\nVersion: {version}\n"
        + (f"Template: {template}\n" if template else "")
        + "*/\n"
    )


@pytest.fixture
def bedrock(tmp_path: Path, realdata: Path) -> Path:
    """A Bedrock project as roots/bedrock lays it out: core in web/wp, content in web/app."""
    root = tmp_path / "bedrock"
    write(
        root / "composer.json",
        json.dumps({
            "name": "roots/bedrock",
            "type": "project",
            "require": {"roots/wordpress": "^6.4", "wpackagist-plugin/akismet": "^5.3", "composer/installers": "^2.2"},
            "extra": {
                "installer-paths": {
                    "web/app/mu-plugins/{$name}/": ["type:wordpress-muplugin"],
                    "web/app/plugins/{$name}/": ["type:wordpress-plugin"],
                    "web/app/themes/{$name}/": ["type:wordpress-theme"],
                },
                "wordpress-install-dir": "web/wp",
            },
        }),
    )  # fmt: skip
    lock = {
        "packages": [
            {"name": "composer/installers", "version": "v2.2.0", "type": "composer-plugin"},
            {"name": "roots/wordpress", "version": "6.4.3", "type": "metapackage"},
            {"name": "roots/wordpress-no-content", "version": "6.4.3", "type": "wordpress-core"},
            {"name": "wpackagist-plugin/akismet", "version": "5.3.1", "type": "wordpress-plugin"},
            {"name": "wpackagist-theme/twentytwentyfour", "version": "1.0", "type": "wordpress-theme"},
        ],
        "packages-dev": [{"name": "squizlabs/php_codesniffer", "version": "3.8.0", "type": "library"}],
    }
    write(root / "composer.lock", json.dumps(lock))
    shutil.copy(realdata / "wordpress/core-version-php/6.4.10/wp-includes/version.php", root / "version.php")
    write(root / "web/wp/wp-includes/version.php", (root / "version.php").read_text())
    (root / "version.php").unlink()
    write(
        root / "web/wp-config.php",
        "<?php\nrequire_once dirname(__DIR__) . '/vendor/autoload.php';\n"
        "require_once dirname(__DIR__) . '/config/application.php';\nrequire_once ABSPATH . 'wp-settings.php';\n",
    )
    write(root / "web/app/plugins/akismet/akismet.php", plugin("Akismet Anti-spam", "5.3.1", docblock=True))
    write(root / "web/app/plugins/akismet/class.akismet.php", "<?php\nclass Akismet {}\n")
    write(root / "web/app/plugins/acme-tools/acme-tools.php", plugin("Acme Tools", "2.0.0"))
    write(root / "web/app/mu-plugins/bedrock-autoloader.php", plugin("Bedrock Autoloader", "1.0.3"))
    write(
        root / "web/app/object-cache.php",
        "<?php\n/*\nPlugin Name: Redis Object Cache Drop-In\nVersion: 2.5.0\n*/\n",
    )
    write(root / "web/app/themes/twentytwentyfour/style.css", theme("Twenty Twenty-Four", "1.0"))
    write(root / "web/app/themes/acme-child/style.css", theme("Acme Child", "0.3", "twentytwentyfour"))
    return root


def test_bedrock_layout(bedrock: Path) -> None:
    detection = DRIVER.detect(bedrock)
    assert detection is not None
    assert (detection.docroot, detection.version) == ("web", "6.4.10")
    result = DRIVER.scan(bedrock, detection)
    assert result.docroot == "web"
    assert result.app_version == "6.4.10"
    assert result.facts["core_dir"] == "web/wp"
    assert result.facts["content_dir"] == "web/app"
    assert result.facts["wp_config"] == "bedrock"
    assert result.facts["wp_config_path"] == "web/wp-config.php"
    assert result.facts["theme_parent.acme-child"] == "twentytwentyfour"
    packages = {(p.name, p.version, p.type, p.dev) for p in result.packages}
    # the lock's packages as they are, plus what Composer does not manage
    assert packages == {
        ("composer/installers", "v2.2.0", "composer-plugin", False),
        ("roots/wordpress", "6.4.3", "metapackage", False),
        ("roots/wordpress-no-content", "6.4.3", "wordpress-core", False),
        ("wpackagist-plugin/akismet", "5.3.1", "wordpress-plugin", False),
        ("wpackagist-theme/twentytwentyfour", "1.0", "wordpress-theme", False),
        ("squizlabs/php_codesniffer", "3.8.0", "library", True),
        ("wpackagist-plugin/acme-tools", "2.0.0", "wordpress-plugin", False),
        ("wordpress-muplugin/bedrock-autoloader", "1.0.3", "wordpress-muplugin", False),
        ("wordpress-dropin/object-cache", "2.5.0", "wordpress-dropin", False),
        ("wpackagist-theme/acme-child", "0.3", "wordpress-theme", False),
    }
    extensions = {(e.name, e.type, e.version, e.project, e.path) for e in result.extensions}
    assert extensions == {
        ("akismet", "plugin", "5.3.1", "wpackagist-plugin/akismet", "web/app/plugins/akismet/akismet.php"),
        ("acme-tools", "plugin", "2.0.0", "wpackagist-plugin/acme-tools", "web/app/plugins/acme-tools/acme-tools.php"),
        ("bedrock-autoloader", "mu-plugin", "1.0.3", "wordpress-muplugin/bedrock-autoloader",
         "web/app/mu-plugins/bedrock-autoloader.php"),
        ("object-cache", "drop-in", "2.5.0", "wordpress-dropin/object-cache", "web/app/object-cache.php"),
        ("twentytwentyfour", "theme", "1.0", "wpackagist-theme/twentytwentyfour", "web/app/themes/twentytwentyfour"),
        ("acme-child", "theme", "0.3", "wpackagist-theme/acme-child", "web/app/themes/acme-child"),
    }  # fmt: skip
    assert result.warnings == ()


def test_bedrock_before_composer_install(bedrock: Path) -> None:
    shutil.rmtree(bedrock / "web/wp")
    result = scan(bedrock)
    assert result.app_version == "6.4.3"
    assert any("composer install" in w for w in result.warnings)
    assert any("taken from composer.lock" in w for w in result.warnings)
    assert "wordpress/core" not in {p.name for p in result.packages}


def test_johnpbloch_layout(tmp_path: Path, realdata: Path) -> None:
    """johnpbloch/wordpress installs core into wordpress/ and keeps wp-content/ at the root."""
    root = tmp_path / "site"
    write(root / "composer.json", json.dumps({"require": {"johnpbloch/wordpress": "^6.0"}}))
    shutil.copytree(
        realdata / "wordpress/core-version-php/6.0.14/wp-includes", root / "wordpress/wp-includes"
    )
    write(root / "wp-content/themes/t/style.css", theme("T", "1"))
    result = scan(root)
    assert (result.docroot, result.facts["core_dir"], result.facts["content_dir"]) == (
        ".",
        "wordpress",
        "wp-content",
    )
    assert result.facts["wp_config_path"] == "wp-config.php"
    assert any("no composer.lock" in w for w in result.warnings)


def test_classic_tree_in_a_web_folder(tmp_path: Path, realdata: Path) -> None:
    shutil.copytree(realdata / "wordpress/sites/wp-7.1-johnpbloch-wordpress-core", tmp_path / "repo/public")
    result = scan(tmp_path / "repo")
    assert result.docroot == "public"
    assert {e.path for e in result.extensions} >= {"public/wp-content/plugins/hello.php"}


def test_wp_content_only_trees(tmp_path: Path, realdata: Path) -> None:
    shutil.copytree(
        realdata / "wordpress/sites/wp-7.1-johnpbloch-wordpress-core/wp-content", tmp_path / "a/wp-content"
    )
    shutil.copytree(
        realdata / "wordpress/sites/wp-4.9.31-johnpbloch-wordpress-core/wp-content", tmp_path / "b"
    )
    for root, prefix in ((tmp_path / "a", "wp-content/"), (tmp_path / "b", "")):
        result = scan(root)
        assert result.app_version is None
        assert result.facts["layout"] == "wp-content"
        assert any("wp-content folder only" in w for w in result.warnings)
        assert {("hello", "plugin")} <= {(e.name, e.type) for e in result.extensions}
        assert all(e.path.startswith(prefix) for e in result.extensions)
        assert "wordpress/core" not in {p.name for p in result.packages}


def test_header_edge_cases(tmp_path: Path, realdata: Path) -> None:
    root = tmp_path / "wp"
    shutil.copytree(realdata / "wordpress/core-version-php/6.9.7/wp-includes", root / "wp-includes")
    content = root / "wp-content"
    write(content / "plugins/two-in-one/first.php", plugin("First", "1.0"))
    write(content / "plugins/two-in-one/second.php", plugin("Second", "2.0"))
    write(
        content / "plugins/two-in-one/lib/deep.php", plugin("Too Deep", "9")
    )  # WordPress does not look there
    write(content / "plugins/.hidden/hidden.php", plugin("Hidden", "1"))
    write(content / "plugins/crlf.php", plugin("CRLF", "3.1").replace("\n", "\r\n"))
    # as WordPress reads it: a field must start its line; "*/" and what follows are cut off
    write(
        content / "plugins/inline.php",
        "<?php /* Plugin Name: Inline */ // Version: 0.1\n * Version: 0.9 */\n",
    )
    write(content / "plugins/noversion.php", plugin("No Version"))
    (content / "plugins/binary.php").write_bytes(b"\x00\xff\xfe<?php\n/*\nPlugin Name: Bin\xff\n*/")
    write(content / "plugins/index.php", "<?php\n// Silence is golden.\n")
    write(content / "mu-plugins/index.php", "<?php\n// Silence is golden.\n")
    write(content / "mu-plugins/loader.php", "<?php\nrequire __DIR__ . '/x/x.php';\n")
    write(content / "themes/group/inner/style.css", theme("Inner", "1.1"))
    write(content / "themes/broken/style.css", "/* no header */")
    write(content / "themes/orphan/style.css", theme("Orphan", "1", "gone-parent"))
    write(content / "db.php", "<?php\n// HyperDB\n")
    result = scan(root)
    got = {(e.name, e.type, e.version) for e in result.extensions}
    assert got == {
        ("two-in-one/first", "plugin", "1.0"),
        ("two-in-one/second", "plugin", "2.0"),
        ("crlf", "plugin", "3.1"),
        ("inline", "plugin", "0.9"),
        ("noversion", "plugin", None),
        ("binary", "plugin", None),
        ("loader", "mu-plugin", None),
        ("group/inner", "theme", "1.1"),
        ("orphan", "theme", "1"),
        ("db", "drop-in", None),
    }
    assert {p.name: p.version for p in result.packages}["wpackagist-plugin/noversion"] == "dev-unversioned"
    assert {p.name for p in result.packages} >= {"wpackagist-plugin/two-in-one", "wpackagist-theme/group"}
    assert any("themes/broken/style.css has no 'Theme Name:'" in w for w in result.warnings)
    assert any("'orphan'" in w and "'gone-parent'" in w for w in result.warnings)


def test_not_wordpress(tmp_path: Path, realdata: Path) -> None:
    assert DRIVER.detect(tmp_path) is None
    assert DRIVER.detect(realdata / "grav/grav-1.7.46-site-GRAV-UAS") is None
    assert DRIVER.detect(realdata / "drupal-projects/d10.6-drupal-recommended-project-10.6.15") is None
    write(tmp_path / "composer.json", json.dumps({"require": {"drupal/core": "^10"}}))
    assert DRIVER.detect(tmp_path) is None
    with pytest.raises(ApplicationNotDetected, match=r"wp-includes/version\.php"):
        DRIVER.scan(tmp_path, DRIVER.detect(realdata / "wordpress/core-version-php/1.5.0"))  # type: ignore[arg-type]


def test_broken_core_version_file_names_file_and_position(tmp_path: Path) -> None:
    write(tmp_path / "wp-includes/version.php", "<?php\n$wp_db_version = 123;\n$wp_version = '6.1\n")
    with pytest.raises(
        ParseError, match=r"wp-includes/version.php at line 3, column 15: unterminated string"
    ):
        scan(tmp_path)
    write(tmp_path / "wp-includes/version.php", "<?php\n$wp_db_version = 123;\n")
    with pytest.raises(ParseError, match=r"wp-includes/version.php: no \$wp_version"):
        scan(tmp_path)


def test_malformed_composer_lock_names_the_path(bedrock: Path) -> None:
    (bedrock / "composer.lock").write_text('{"packages": [{"name": "a/b", "version": 3}]}')
    with pytest.raises(
        ParseError, match=r"composer.lock at \$.packages\[0\]: package 'a/b' without a string"
    ):
        scan(bedrock)
    (bedrock / "composer.lock").write_text('{"packages": [')
    with pytest.raises(ParseError, match=r"composer.lock at line 1, column 15: not valid JSON"):
        scan(bedrock)
