"""The third-party example plugin (examples/aegir-static), installed with pip and found by entry point.

The example is installed once per module with ``pip install --no-deps --target DIR`` from a copy of
its source: a real wheel build and install, whose ``entry_points.txt`` Aegir then discovers, without
touching the project's virtualenv. The target directory is put on ``sys.path`` (in process) or on
``PYTHONPATH`` (for ``python -m aegir`` in a subprocess). Its ``aegir`` dependency is the aegir
installed in the running environment, hence ``--no-deps``.

The build runs without build isolation (offline) when the environment can build wheels by itself
(setuptools >= 70.1 or the ``wheel`` package); otherwise pip fetches setuptools from PyPI into an
isolated build environment, as it would for any user.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from aegir.core.app import SiteContext
from aegir.core.errors import ApplicationNotDetected, PluginLoadError
from aegir.core.model import Codebase, Site
from aegir.core.plugins import Plugins
from aegir.core.scan import scan_codebase

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "aegir-static"


def _can_build_offline() -> bool:
    from importlib.util import find_spec

    from packaging.version import Version

    if find_spec("wheel") is not None:
        return True
    try:
        return Version(metadata.version("setuptools")) >= Version("70.1")
    except metadata.PackageNotFoundError:
        return False


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding aegir-static as pip installed it (package and dist-info)."""
    source = tmp_path_factory.mktemp("example-src") / "aegir-static"
    # A copy, so the build's egg-info and build/ directories never land in the repository.
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = tmp_path_factory.mktemp("example-site")
    argv = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-input", "--disable-pip-version-check"]
    if _can_build_offline():
        argv.append("--no-build-isolation")
    argv += ["--target", str(target), str(source)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pip install of the example failed:\n{result.stdout}\n{result.stderr}"
    return target


def _aegir_env(tmp_path: Path, *paths: Path, disable_autoload: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"AEGIR_DISABLE_PLUGIN_AUTOLOAD", "PYTHONPATH"}}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    env["AEGIR_HOME"] = str(tmp_path / "home")
    if disable_autoload:
        env["AEGIR_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return env


_INFO_SCRIPT = (
    "import json; from aegir.core import serialize; from aegir.core.plugins import Plugins; "
    "print(json.dumps(serialize.unstructure(Plugins().info())))"
)


def _builtin_entry_points() -> set[str]:
    return {ep.name for ep in metadata.distribution("aegir").entry_points.select(group="aegir")}


def _make_dist(root: Path, dist: str, version: str, module: str, source: str) -> Path:
    """A minimal installed distribution: one module and a dist-info with an ``aegir`` entry point."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(source, encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[aegir]\nbroken = {module}\n", encoding="utf-8")
    return root


# -- what pip installed ---------------------------------------------------------------------------


def test_pip_install_declares_the_aegir_entry_point(example_site: Path) -> None:
    dists = [
        d for d in metadata.distributions(path=[str(example_site)]) if d.metadata["Name"] == "aegir-static"
    ]
    assert len(dists) == 1
    (ep,) = dists[0].entry_points.select(group="aegir")
    assert (ep.name, ep.value) == ("static", "aegir_static.plugin")
    assert dists[0].version == "0.1.0"
    assert "aegir" in (dists[0].requires or [])
    assert (example_site / "aegir_static" / "driver.py").is_file()


# -- discovered in process ------------------------------------------------------------------------


def test_plugins_discover_the_example_through_its_entry_point(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(example_site))
    plugins = Plugins()
    info = {p.name: p for p in plugins.info()}
    static = info["static"]
    assert static.module == "aegir_static.plugin"
    assert (static.distribution, static.version, static.builtin) == ("aegir-static", "0.1.0", False)
    assert static.registers == ("app:static",)
    assert "static" in plugins.apps
    assert plugins.driver("static").uses_database is False
    # the module pluggy holds is the one installed under the target directory, not the source tree
    module = plugins.pm.get_plugin("static")
    assert Path(module.__file__).resolve().is_relative_to(example_site.resolve())


def test_disabled_autoload_keeps_the_example_out_in_process(
    example_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(example_site))
    monkeypatch.setenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", "1")
    names = {p.name for p in Plugins().info()}
    assert "static" not in names
    assert names == _builtin_entry_points()


# -- the driver, as installed ---------------------------------------------------------------------


@pytest.fixture
def static_plugins(example_site: Path, monkeypatch: pytest.MonkeyPatch) -> Plugins:
    monkeypatch.delenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(example_site))
    return Plugins()


def _tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_static_tree_is_scanned_as_app_static(static_plugins: Plugins, tmp_path: Path) -> None:
    root = _tree(tmp_path / "site", {"index.html": "<h1>hello</h1>", "about/index.htm": "x", "style.css": ""})
    scan = scan_codebase(root, static_plugins)
    assert scan.app == "static"
    assert scan.docroot == "."
    assert (scan.packages, scan.extensions, scan.warnings) == ((), (), ())
    assert scan.facts == {"pages": "2"}


def test_a_public_docroot_is_found(static_plugins: Plugins, tmp_path: Path) -> None:
    root = _tree(tmp_path / "site", {"README.md": "notes", "public/index.html": "<p>hi</p>"})
    scan = scan_codebase(root, static_plugins, app="static")
    assert (scan.app, scan.docroot) == ("static", "public")


def test_stray_php_files_are_warned_about(static_plugins: Plugins, tmp_path: Path) -> None:
    root = _tree(tmp_path / "site", {"index.html": "", "old/contact.php": "<?php mail();"})
    scan = scan_codebase(root, static_plugins, app="static")
    assert len(scan.warnings) == 1
    assert scan.warnings[0].startswith("old/contact.php: PHP file in a static site")


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": "", "index.php": "<?php"},
        {"index.html": "", "composer.json": "{}"},
        {"public/index.html": "", "public/index.php": "<?php"},
        {"index.htm": ""},
        {"docs/index.html": ""},
        {},
    ],
    ids=["index-php", "composer", "public-index-php", "htm-only", "nested-only", "empty"],
)
def test_trees_that_are_not_static_sites_are_refused(
    static_plugins: Plugins, tmp_path: Path, files: dict[str, str]
) -> None:
    root = _tree(tmp_path / "site", files)
    root.mkdir(exist_ok=True)
    assert static_plugins.driver("static").detect(root) is None
    with pytest.raises(ApplicationNotDetected, match=r"static \(index\.html"):
        scan_codebase(root, static_plugins, app="static")


def test_static_sites_need_no_php_and_no_database(static_plugins: Plugins) -> None:
    driver = static_plugins.driver("static")
    site = Site(domain="static.example.org", codebase="brochure", server="local")
    codebase = Codebase(name="brochure", app="static", root="/srv/brochure")
    ctx = SiteContext(
        site=site,
        codebase=codebase,
        codebase_root="/srv/brochure",
        docroot="/srv/brochure",
        site_dir="/srv/sites/static.example.org",
        files_dir="/srv/sites/static.example.org/files",
        private_dir="/srv/sites/static.example.org/private",
        url="http://static.example.org/",
        server="local",
    )
    rules = driver.web_rules(ctx)
    assert (rules.php, rules.front_controller) == (False, None)
    assert driver.uses_database is False
    assert driver.settings_files(ctx) == []
    assert driver.install_steps(ctx) == []
    assert driver.health_text(ctx) is None


# -- discovered by a fresh interpreter --------------------------------------------------------------


def test_a_fresh_interpreter_finds_the_example(example_site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _INFO_SCRIPT],
        env=_aegir_env(tmp_path, example_site),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    static = next(p for p in json.loads(result.stdout) if p["name"] == "static")
    assert static["distribution"] == "aegir-static"
    assert static["registers"] == ["app:static"]


def test_aegir_plugins_json_lists_the_example(example_site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "plugins", "--json"],
        env=_aegir_env(tmp_path, example_site),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    listed = {p["name"]: p for p in json.loads(result.stdout)}
    assert listed["static"]["distribution"] == "aegir-static"
    assert listed["static"]["version"] == "0.1.0"
    assert listed["static"]["builtin"] is False
    assert "app:static" in listed["static"]["registers"]
    assert _builtin_entry_points() <= set(listed)


def test_aegir_plugins_with_autoload_disabled_lists_builtins_only(example_site: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "plugins", "--json"],
        env=_aegir_env(tmp_path, example_site, disable_autoload=True),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert {p["name"] for p in listed} == _builtin_entry_points()
    assert all(p["builtin"] and p["distribution"] == "aegir" for p in listed)


# -- plugins that fail to load --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "import aegir_no_such_module_here\n",
            "ModuleNotFoundError: No module named 'aegir_no_such_module_here'",
        ),
        ("raise RuntimeError('first line\\nsecond line')\n", "RuntimeError: first line second line"),
        ("def broken(:\n", "SyntaxError"),
    ],
    ids=["missing-import", "multi-line-message", "syntax-error"],
)
def test_a_plugin_that_fails_to_import_gives_one_line(tmp_path: Path, source: str, reason: str) -> None:
    site = _make_dist(tmp_path / "site", "aegir-broken-plugin", "2.0", "aegir_broken_plugin", source)
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "plugins"],
        env=_aegir_env(tmp_path, site),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        "error: plugin 'broken' (aegir_broken_plugin) from distribution aegir-broken-plugin 2.0"
    )
    assert reason in lines[0]


def test_a_broken_plugin_raises_plugin_load_error_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _make_dist(
        tmp_path / "site", "aegir-broken-plugin", "2.0", "aegir_broken_plugin", "import nope_xyz\n"
    )
    monkeypatch.delenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(site))
    with pytest.raises(PluginLoadError) as info:
        Plugins()
    assert "'broken'" in str(info.value)
    assert "aegir-broken-plugin 2.0" in str(info.value)
    assert isinstance(info.value, ImportError)
    # with autoload off, the broken third-party module is not even imported
    monkeypatch.setenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert "broken" not in {p.name for p in Plugins().info()}


def test_a_plugin_with_an_invalid_hook_gives_one_line(tmp_path: Path) -> None:
    source = (
        "from aegir.core.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def aegir_register_apps(registry, not_a_hook_argument):\n"
        "    pass\n"
    )
    site = _make_dist(tmp_path / "site", "aegir-broken-plugin", "2.0", "aegir_broken_plugin", source)
    result = subprocess.run(
        [sys.executable, "-c", _INFO_SCRIPT],
        env=_aegir_env(tmp_path, site),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("aegir.core.errors.PluginLoadError: plugin 'broken'")
    assert "aegir-broken-plugin 2.0" in last
    assert "not_a_hook_argument" in last


def test_a_plugin_name_taken_by_two_distributions_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _make_dist(tmp_path / "one", "aegir-first", "1.0", "aegir_first_plugin", "")
    second = _make_dist(tmp_path / "two", "aegir-second", "1.0", "aegir_second_plugin", "")
    monkeypatch.delenv("AEGIR_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    with pytest.raises(PluginLoadError, match=r"plugin name 'broken' is used by distribution aegir-first"):
        Plugins()
