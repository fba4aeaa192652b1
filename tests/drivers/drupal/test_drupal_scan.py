"""Scanning whole trees: every real project and codebase, through the plugin machinery as the CLI does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.core.errors import AegirError, ApplicationNotDetected, ParseError
from aegir.core.model import CodebaseScan
from aegir.core.plugins import Plugins
from aegir.core.scan import detect, scan_codebase

from ._realdata import (
    COMPOSER_PROJECTS,
    CORE_INFO_D7,
    CORE_INFO_D8,
    D7_CODEBASES,
    D8_CODEBASES,
    PROJECTS,
    REALDATA,
    d7_info_files,
    ids,
    info_yml_files,
    load_yaml,
    lock_packages,
    lock_versions,
    semver_of_release,
)

INTERLEDGER = REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4"
EXPECTED_DOCROOT = {
    "d10.4-az-quickstart": ".",
    "d10.4-unocha-common-design-site": "html",
    "d11.4-unocha-site": "html",
    "d8.3-varbase-8.x-2017": "docroot",
    "d9.5-varbase-10.0.x-dev": "docroot",
}


def test_plugins_register_both_drivers(plugins: Plugins) -> None:
    names = plugins.apps.names()
    assert names.index("drupal") < names.index("drupal7")
    assert plugins.driver("drupal").label == "Drupal 8+"
    assert plugins.driver("drupal7").label == "Drupal 7"


# -- every composer project: packages equal the lock ------------------------------------------------


@pytest.mark.parametrize("project", COMPOSER_PROJECTS, ids=ids(COMPOSER_PROJECTS))
def test_project_scan(project: Path, plugins: Plugins) -> None:
    scan = scan_codebase(project, plugins)
    assert scan.app == "drupal"
    assert [(p.name, p.version, p.dev) for p in scan.packages] == lock_packages(project / "composer.lock")
    assert scan.app_version == lock_versions(project / "composer.lock")["drupal/core"]
    assert scan.docroot == EXPECTED_DOCROOT.get(project.name, "web")
    assert scan.facts["version_from"] == "composer.lock"
    expected_warnings = 1 if project.name == "d8.3-varbase-8.x-2017" else 0
    assert len(scan.warnings) == expected_warnings, scan.warnings


def test_lock_only_tree(tmp_path: Path, plugins: Plugins) -> None:
    """A drupal-projects directory without its composer.json: the lock alone is enough."""
    lock = REALDATA / "drupal-projects" / "d9.5-varbase-10.0.x-dev" / "composer.lock"
    shutil.copy(lock, tmp_path / "composer.lock")
    scan = scan_codebase(tmp_path, plugins)
    assert (scan.app, scan.docroot, scan.app_version) == ("drupal", ".", "9.5.3")
    assert [(p.name, p.version, p.dev) for p in scan.packages] == lock_packages(lock)


# -- every codebase tree: extensions equal the info files ------------------------------------------


@pytest.mark.parametrize("codebase", D8_CODEBASES, ids=ids(D8_CODEBASES))
def test_codebase_extensions_equal_info_files(codebase: Path, plugins: Plugins) -> None:
    scan = scan_codebase(codebase, plugins)
    docroot = codebase / scan.docroot
    files = info_yml_files(docroot)
    assert len(files) > 100
    locked = lock_versions(codebase / "composer.lock")
    core_version = locked["drupal/core"]
    expected = {}
    for path in files:
        data = load_yaml(path)
        raw = str(data.get("version")) if data.get("version") is not None else None
        version = core_version if raw == "VERSION" else semver_of_release(raw) if raw else None
        project = data.get("project") or ("drupal" if "core" in path.relative_to(docroot).parts[:1] else None)
        expected[path.relative_to(codebase).as_posix()] = (
            path.name.removesuffix(".info.yml"), data["type"], version, project, bool(data.get("hidden", False))
        )  # fmt: skip
    found = {e.path: (e.name, e.type, e.version, e.project, e.hidden) for e in scan.extensions}
    assert found == expected
    # every contrib extension's version is its project's locked release
    for ext in scan.extensions:
        if ext.project and ext.project != "drupal":
            assert ext.version == locked[f"drupal/{ext.project}"], ext
    assert scan.profiles == ("standard", "minimal", "demo_umami")
    assert scan.warnings == ()
    assert "history" not in scan.facts["lifecycle.deprecated"].split(",")
    assert {"action", "book", "forum", "statistics", "tracker"} <= set(
        scan.facts["lifecycle.deprecated"].split(",")
    )
    assert "navigation" in scan.facts["lifecycle.experimental"].split(",")


@pytest.mark.parametrize("codebase", D7_CODEBASES, ids=ids(D7_CODEBASES))
def test_d7_codebase(codebase: Path, plugins: Plugins) -> None:
    scan = scan_codebase(codebase, plugins)
    assert (scan.app, scan.app_version, scan.docroot) == ("drupal7", "7.88", ".")
    expected = d7_info_files(codebase)
    libraries = list(codebase.glob("sites/*/libraries/**/*.info"))
    assert len(libraries) == 4, "theme .info files shipped inside sites/all/libraries"
    assert all(p.relative_to(codebase).as_posix() not in expected for p in libraries)
    assert {e.path: e.type for e in scan.extensions} == expected
    by_path = {e.path: e for e in scan.extensions}
    views = by_path["sites/all/modules/views/views.info"]
    assert (views.version, views.project) == ("7.x-3.25", "views")
    node = by_path["modules/node/node.info"]
    assert (node.version, node.project) == ("7.88", "drupal")
    assert by_path["profiles/testing/testing.info"].hidden
    assert scan.profiles == ("pantheon",)  # Pantheon hides the core profiles
    assert [(p.name, p.version) for p in scan.packages] == [("drupal/drupal", "7.88")]


def test_d7_core_tree(plugins: Plugins) -> None:
    scan = scan_codebase(CORE_INFO_D7, plugins)
    assert (scan.app, scan.app_version) == ("drupal7", "7.105")
    assert {e.path: e.type for e in scan.extensions} == d7_info_files(CORE_INFO_D7)
    assert all(e.version == "7.105" and e.project == "drupal" for e in scan.extensions)
    assert scan.profiles == ()


def test_d7_is_not_claimed_by_the_drupal8_driver(plugins: Plugins) -> None:
    assert plugins.driver("drupal").detect(D7_CODEBASES[0]) is None
    driver, _ = detect(D7_CODEBASES[0], plugins)
    assert driver.name == "drupal7"


@pytest.mark.parametrize("tree", CORE_INFO_D8, ids=ids(CORE_INFO_D8))
def test_core_extension_info_trees(tree: Path, tmp_path: Path, plugins: Plugins) -> None:
    # as fetched: no core/lib/Drupal.php, so core's "version: VERSION" cannot be resolved
    bare = scan_codebase(tree, plugins)
    assert bare.app == "drupal" and bare.app_version is None
    assert any("no Drupal version found" in w for w in bare.warnings)
    # with Drupal.php put back from the version-constant excerpt, everything resolves
    copy = tmp_path / tree.name
    shutil.copytree(tree, copy)
    constants = (tree / "core" / "lib-Drupal.php.version-constants.txt").read_text()
    (copy / "core" / "lib").mkdir()
    (copy / "core" / "lib" / "Drupal.php").write_text(f"<?php\nclass Drupal {{\n{constants}\n}}\n")
    scan = scan_codebase(copy, plugins)
    assert scan.app_version == tree.name
    assert scan.facts["version_from"] == "core/lib/Drupal.php"
    assert [(p.name, p.version) for p in scan.packages] == [("drupal/core", tree.name)]
    files = info_yml_files(copy)
    assert {e.path for e in scan.extensions} == {p.relative_to(copy).as_posix() for p in files}
    assert all(e.version == tree.name and e.project == "drupal" for e in scan.extensions)
    hidden = {e.name for e in scan.extensions if e.hidden}
    assert ("testing" in hidden) == (tree.name != "11.4.5")  # 11.4 no longer ships the testing profile
    assert "minimal" in scan.profiles and "testing" not in scan.profiles
    if tree.name == "11.4.5":
        assert "history" in scan.facts["lifecycle.deprecated"].split(",")
        assert scan.facts["lifecycle.obsolete"] == "sdc"
        assert "package_manager" in scan.facts["lifecycle.experimental"].split(",")


# -- docroots, install paths, test extensions -------------------------------------------------------


def _drupal_php(base: Path, version: str = "10.3.1") -> None:
    (base / "core" / "lib").mkdir(parents=True)
    (base / "core" / "lib" / "Drupal.php").write_text(
        f"<?php\nclass Drupal {{ const VERSION = '{version}'; }}\n"
    )


@pytest.mark.parametrize("docroot", ["web", "docroot", "html", "."])
def test_docroot_found_by_core(tmp_path: Path, docroot: str, plugins: Plugins) -> None:
    _drupal_php(tmp_path / docroot)
    scan = scan_codebase(tmp_path, plugins)
    assert (scan.app, scan.docroot, scan.app_version) == ("drupal", docroot, "10.3.1")
    assert [(p.name, p.version, p.type) for p in scan.packages] == [("drupal/core", "10.3.1", "drupal-core")]


def test_docroot_from_installer_paths(tmp_path: Path, plugins: Plugins) -> None:
    composer = {
        "require": {"drupal/core-recommended": "^10"},
        "extra": {
            "installer-paths": {
                "public/core": ["type:drupal-core"],
                "public/modules/contrib/{$name}": ["type:drupal-module"],
            }
        },
    }
    (tmp_path / "composer.json").write_text(json.dumps(composer))
    scan = scan_codebase(tmp_path, plugins)
    assert (scan.app, scan.docroot) == ("drupal", "public")
    assert "no Drupal version found" in scan.warnings[0]


def test_declared_web_root_differs_from_tree(tmp_path: Path, plugins: Plugins) -> None:
    (tmp_path / "composer.json").write_text(
        json.dumps({"extra": {"drupal-scaffold": {"locations": {"web-root": "web/"}}}})
    )
    _drupal_php(tmp_path / "docroot")
    scan = scan_codebase(tmp_path, plugins)
    assert scan.docroot == "docroot"
    assert any("declares the web root 'web'" in w for w in scan.warnings)


def _module(base: Path, rel: str, text: str) -> None:
    path = base / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_discovery_rules(tmp_path: Path, plugins: Plugins) -> None:
    _drupal_php(tmp_path / "web", "11.1.0")
    web = tmp_path / "web"
    _module(web, "core/modules/config/config.info.yml", "type: module\nversion: VERSION\n")
    _module(
        web, "core/modules/node/tests/modules/node_test/node_test.info.yml", "type: module\nhidden: true\n"
    )
    _module(web, "core/themes/engines/twig/twig.info.yml", "type: theme_engine\nversion: VERSION\n")
    _module(web, "modules/custom/mine/mine.info.yml", "type: module\n")
    _module(web, "modules/custom/mine/config/install/x.info.yml", "type: module\n")
    _module(web, "modules/custom/mine/src/y.info.yml", "type: module\n")
    _module(web, "modules/custom/mine/node_modules/z/z.info.yml", "type: module\n")
    _module(web, "modules/custom/.git/g.info.yml", "type: module\n")
    _module(web, "modules/custom/9bad/9bad.info.yml", "type: module\n")
    _module(web, "profiles/custom/p/p.info.yml", "type: profile\nhidden: true\n")
    _module(web, "profiles/custom/p/modules/pm/pm.info.yml", "type: module\nversion: '8.x-2.0-rc1'\n")
    _module(web, "profiles/contrib/q/q.info.yml", "type: profile\n")
    _module(web, "sites/example.com/modules/only_here/only_here.info.yml", "type: module\n")
    _module(web, "sites/default/files/php/f.info.yml", "type: module\n")
    _module(web, "libraries/lib/lib.info.yml", "type: module\n")
    _module(web, "modules/custom/broken/broken.info.yml", "type: module\nname: [\n")
    _module(web, "modules/custom/dup/mine.info.yml", "type: module\n")
    (web / "modules" / "loop").symlink_to(web / "modules")
    scan = scan_codebase(tmp_path, plugins)
    found = {e.path: (e.type, e.version, e.project, e.hidden) for e in scan.extensions}
    assert found == {
        "web/core/modules/config/config.info.yml": ("module", "11.1.0", "drupal", False),
        "web/core/themes/engines/twig/twig.info.yml": ("theme_engine", "11.1.0", "drupal", False),
        "web/modules/custom/mine/mine.info.yml": ("module", None, None, False),
        "web/modules/custom/dup/mine.info.yml": ("module", None, None, False),
        "web/profiles/custom/p/p.info.yml": ("profile", None, None, True),
        "web/profiles/custom/p/modules/pm/pm.info.yml": ("module", "2.0.0-rc1", None, False),
        "web/profiles/contrib/q/q.info.yml": ("profile", None, None, False),
        "web/sites/example.com/modules/only_here/only_here.info.yml": ("module", None, None, False),
    }
    assert scan.profiles == ("q",)
    assert any(w.startswith("web/modules/custom/broken/broken.info.yml at line") for w in scan.warnings)
    assert any("extension 'mine' is found 2 times" in w for w in scan.warnings)


def test_versions_and_projects_from_the_lock(tmp_path: Path, plugins: Plugins) -> None:
    """Extensions without packaging lines take version and project from the package installed there."""
    composer = {
        "require": {"drupal/core": "^10"},
        "extra": {"installer-paths": {"web/core": ["type:drupal-core"], "web/modules/contrib/{$name}": ["type:drupal-module"],
                                      "web/themes/x/{$name}": ["drupal/gin"], "recipes/{$name}": ["type:drupal-recipe"]}},
    }  # fmt: skip
    lock = {
        "content-hash": "x",
        "packages": [
            {"name": "drupal/core", "version": "10.2.3", "type": "drupal-core"},
            {"name": "drupal/token", "version": "1.13.0", "type": "drupal-module"},
            {"name": "drupal/gin", "version": "3.0.0-rc9", "type": "drupal-theme"},
            {"name": "drupal/pathauto", "version": "1.12.0", "type": "drupal-module"},
            {"name": "drupal/blog", "version": "dev-3.x", "type": "drupal-module"},
            {"name": "acme/site_recipe", "version": "1.0.0", "type": "drupal-recipe"},
        ],
        "packages-dev": [],
    }
    (tmp_path / "composer.json").write_text(json.dumps(composer))
    (tmp_path / "composer.lock").write_text(json.dumps(lock))
    web = tmp_path / "web"
    _drupal_php(web, "10.2.3")
    _module(web, "core/modules/node/node.info.yml", "type: module\nversion: VERSION\n")
    _module(web, "modules/contrib/token/token.info.yml", "type: module\n")
    _module(web, "modules/contrib/token/sub/token_sub.info.yml", "type: module\n")
    _module(web, "themes/x/gin/gin.info.yml", "type: theme\n")
    _module(
        web,
        "modules/contrib/pathauto/pathauto.info.yml",
        "type: module\nversion: '8.x-1.11'\nproject: pathauto\n",
    )
    _module(web, "modules/contrib/blog/blog.info.yml", "type: module\nversion: '3.x-dev'\n")
    _module(tmp_path, "recipes/local_one/recipe.yml", "name: Local\n")
    (tmp_path / "vendor" / "bin").mkdir(parents=True)
    (tmp_path / "vendor" / "bin" / "drush").write_text("#!/usr/bin/env php\n")
    scan = scan_codebase(tmp_path, plugins)
    found = {e.name: (e.version, e.project) for e in scan.extensions}
    assert found == {
        "node": ("10.2.3", "drupal"),
        "token": ("1.13.0", "token"),
        "token_sub": ("1.13.0", "token"),
        "gin": ("3.0.0-rc9", "gin"),
        "pathauto": ("1.11.0", "pathauto"),
        "blog": ("3.x-dev", "blog"),
    }
    assert scan.warnings == (
        "web/modules/contrib/pathauto/pathauto.info.yml says version 8.x-1.11 but composer.lock has drupal/pathauto 1.12.0",
    )
    assert scan.profiles == ("recipe:recipes/local_one", "recipe:recipes/site_recipe")
    assert scan.facts["drush"] == "vendor/bin/drush"


def test_installed_json_disagreements(tmp_path: Path, plugins: Plugins) -> None:
    for name in ("composer.json", "composer.lock"):
        shutil.copy(INTERLEDGER / name, tmp_path / name)
    installed = json.loads((INTERLEDGER / "vendor/composer/installed.json").read_text())
    installed["packages"][0]["version"] = "v0.0.1"
    dropped = installed["packages"].pop(1)["name"]
    installed["packages"].append({"name": "acme/extra", "version": "1.0.0"})
    (tmp_path / "vendor" / "composer").mkdir(parents=True)
    (tmp_path / "vendor" / "composer" / "installed.json").write_text(json.dumps(installed))
    scan = scan_codebase(tmp_path, plugins)
    first = installed["packages"][0]["name"]
    assert scan.warnings == (
        f"vendor/composer/installed.json: {first} is locked at v2.3.0 but v0.0.1 is installed",
        f"vendor/composer/installed.json: {dropped} {lock_versions(INTERLEDGER / 'composer.lock')[dropped]} is locked but not installed",
        "vendor/composer/installed.json: acme/extra 1.0.0 is installed but not in composer.lock",
    )


def test_broken_installed_json_is_a_warning(tmp_path: Path, plugins: Plugins) -> None:
    for name in ("composer.json", "composer.lock"):
        shutil.copy(INTERLEDGER / name, tmp_path / name)
    (tmp_path / "vendor" / "composer").mkdir(parents=True)
    (tmp_path / "vendor" / "composer" / "installed.json").write_text('{"packages": 3}')
    scan = scan_codebase(tmp_path, plugins)
    assert scan.warnings == (
        "vendor/composer/installed.json at $.packages: 'packages' must be a list of packages",
    )


# -- errors ------------------------------------------------------------------------------------------


def test_no_known_application(tmp_path: Path, plugins: Plugins) -> None:
    (tmp_path / "README.md").write_text("hello")
    (tmp_path / "composer.json").write_text('{"require": {"symfony/console": "^6"}}')
    with pytest.raises(ApplicationNotDetected) as caught:
        scan_codebase(tmp_path, plugins)
    message = str(caught.value)
    assert "drupal (core/lib/Drupal.php" in message and "drupal7 (includes/bootstrap.inc" in message


def test_malformed_lock_fails_the_scan(tmp_path: Path, plugins: Plugins) -> None:
    (tmp_path / "composer.json").write_text('{"require": {"drupal/core": "^10"}}')
    (tmp_path / "composer.lock").write_text(
        '{"content-hash": "x", "packages": [{"name": "Not A Name", "version": "1.0.0"}], "packages-dev": []}'
    )
    with pytest.raises(ParseError) as caught:
        scan_codebase(tmp_path, plugins)
    assert caught.value.path == str(tmp_path.resolve() / "composer.lock")
    assert caught.value.where == "$.packages[0].name"


def test_malformed_composer_json_fails_the_scan(tmp_path: Path, plugins: Plugins) -> None:
    _drupal_php(tmp_path / "web")
    (tmp_path / "composer.json").write_text("{nope")
    with pytest.raises(ParseError, match=r"composer\.json at line 1, column 2: not valid JSON"):
        scan_codebase(tmp_path, plugins)


_FILES = st.sampled_from(
    [
        "composer.json",
        "composer.lock",
        "web/core/lib/Drupal.php",
        "web/modules/m/m.info.yml",
        "vendor/composer/installed.json",
    ]
)


@settings(max_examples=40)
@given(files=st.dictionaries(_FILES, st.binary(max_size=120), min_size=1, max_size=4))
def test_fuzz_whole_tree(files: dict[str, bytes]) -> None:
    """Whatever the files hold, a scan ends in a result or an AegirError that names a file."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        try:
            scan = scan_codebase(root, Plugins(autoload=False))
        except ApplicationNotDetected:
            return
        except AegirError as e:
            assert str(root.resolve()) in str(e)
            return
        assert isinstance(scan, CodebaseScan)


@pytest.mark.parametrize("project", PROJECTS[:3], ids=ids(PROJECTS[:3]))
def test_truncated_lock_names_file(project: Path, tmp_path: Path, plugins: Plugins) -> None:
    shutil.copy(project / "composer.json", tmp_path / "composer.json")
    data = (project / "composer.lock").read_bytes()
    (tmp_path / "composer.lock").write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError) as caught:
        scan_codebase(tmp_path, plugins)
    assert caught.value.path.endswith("composer.lock") and caught.value.where.startswith("line ")
